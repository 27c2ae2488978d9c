"""Graph evidence for the recommendation bench (issue 15, session 11).

A bench file knows its candidates only by what the file says. The product knows more: the
bundled directory (dari/data) holds deals and own pipelines of many of the same companies.
`Graph` resolves each candidate of a bench file to the bundled organisations by name (the
product's name keys, dari/trials/engine/names.name_key, over the forms the extraction
gazetteer gives a name: full name, the parts of 'A (B)', without legal suffixes; plus the
curated aliases of dari/extraction/aliases), and gives, for a deal dated D:

- `records_for(deal)`: the candidates' bundled deals dated strictly before D (month
  precision, an unknown month as the latest of its year, as `history_for` 'prior'), never the
  deal under test: a bundled deal of the same licensor and the same asset is dropped at any
  date, one of the same licensor and licensee within 12 months of D too, and one already in
  the file (same bundled id, or same parties and year) is not counted twice. A subsidiary's
  deal counts for its parent (dari/data/affiliations, ROLL_UP), as `deal_history` does. The
  asset's modality, area and targets only for a public asset (the product's public tier);
- `products()`: the candidates' bundled assets (dari/data/assets*.json, pipelines.json;
  public ones only) as pipeline products. No bundled asset carries the date it entered its
  owner's portfolio. `undated`: 'all' counts every one for every deal (as the product does:
  it has no dates either), 'recent' only for deals dated 2021 or later (the pipelines were
  collected in 2025-26), 'none' none. Per deal, a product naming the deal's licensor or its
  asset in its name or description is hidden (recommend_data.Product.excluded_for).
"""

from __future__ import annotations

import glob
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from recommend_data import (  # noqa: E402  (bench/ is the script's directory)
    Deal,
    Product,
    Record,
    _month_key,
    _year,
    asset_from,
)

from dari.extraction.aliases import ALIASES  # noqa: E402
from dari.extraction.gazetteer import Entry, _forms  # noqa: E402
from dari.matching import DealRecord  # noqa: E402
from dari.trials.engine.names import name_key  # noqa: E402

BUNDLED = ROOT / "dari" / "data"
RECENT_FROM = 2021
"""'recent': undated pipeline products count for deals of this year or later."""
UNDATED = ("all", "recent", "none")


def _load(pattern: str) -> list[dict[str, Any]]:
    out = []
    for path in sorted(glob.glob(str(BUNDLED / pattern))):
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        if isinstance(data, dict):
            out.append(data)
    return out


def _asset_key(name: str) -> str:
    return name_key(name.split("(")[0])


def same_asset(a: str, b: str) -> bool:
    """Two asset names of one asset: 'Grabody-B' ~ 'Grabody-B (BBB shuttle platform)'."""
    x, y = _asset_key(a), _asset_key(b)
    return bool(x) and bool(y) and (x == y or (min(len(x), len(y)) >= 4 and (x in y or y in x)))


@dataclass
class Graph:
    orgs: dict[str, dict[str, Any]]
    deals: list[dict[str, Any]]
    assets: dict[str, dict[str, Any]]
    parent: dict[str, str]
    keys: dict[str, set[str]]

    @classmethod
    def load(cls) -> Graph:
        orgs: dict[str, dict[str, Any]] = {}
        deals: list[dict[str, Any]] = []
        assets: dict[str, dict[str, Any]] = {}
        for data in _load("*.json"):
            for o in data.get("organizations", ()):
                orgs.setdefault(o["id"], o)
            deals += data.get("deals", ())
            for a in data.get("assets", ()):
                assets.setdefault(a["id"], a)
        parent = {
            a["organization"]: a["parent"]
            for data in _load("affiliations/*.json")
            for a in data["affiliations"]
            if a.get("relation") in ("subsidiary", "division")
        }
        aliases: dict[str, list[str]] = {}
        for alias, name in ALIASES.items():
            aliases.setdefault(name, []).append(alias)
        keys: dict[str, set[str]] = {}
        for id_, o in orgs.items():
            names = (o.get("name_ko", ""), *aliases.get(o["name"], ()))
            for form in _forms(Entry("organization", id_, o["name"], names=names)):
                keys.setdefault(name_key(form), set()).add(id_)
        return cls(orgs, deals, assets, parent, keys)

    def resolve(self, name: str) -> frozenset[str]:
        """The bundled organisations a bench name means: its full name's key if known, else
        every unambiguous form's."""
        full = self.keys.get(name_key(name), set())
        if len(full) == 1:
            return frozenset(full)
        found: set[str] = set()
        for form in _forms(Entry("organization", "", name)):
            ids = self.keys.get(name_key(form), set())
            if len(ids) == 1:
                found |= ids
        return frozenset(found)


@dataclass
class FileEvidence:
    """The graph evidence of one bench file's candidates."""

    graph: Graph
    candidates: dict[str, frozenset[str]]
    """bench candidate id -> bundled organisation ids."""
    licensors: dict[str, frozenset[str]]
    """bench licensor id -> bundled organisation ids."""
    file_records: Sequence[Record]

    def _licensees(self, bundled: str) -> list[str]:
        """Bench candidates a bundled licensee counts for (itself, or its parent group)."""
        up = {bundled, self.graph.parent.get(bundled, "")} - {""}
        return [c for c, ids in self.candidates.items() if ids & up]

    def _bench_licensor(self, bundled: str) -> str:
        for bench, ids in self.licensors.items():
            if bundled in ids:
                return bench
        return "graph:" + bundled

    def records_for(self, deal: Deal) -> list[Record]:
        cutoff = _month_key(deal.date, latest=False)
        if cutoff is None:
            return []
        known_ids = {r.record.id for r in self.file_records}
        known_parties = {
            (r.record.licensor_id, r.record.licensee_id, r.record.year) for r in self.file_records
        }
        out: list[Record] = []
        for g in self.graph.deals:
            date = g.get("date", "")
            key = _month_key(date, latest=True)
            if key is None or key >= cutoff or g["id"] in known_ids:
                continue
            licensor = self._bench_licensor(g["licensor"])
            asset = self.graph.assets.get(g.get("asset") or "")
            if licensor == deal.asset.organization_id:
                if asset is None or same_asset(asset["name"], deal.asset.name):
                    continue  # the deal under test, or one that may be it
            org = self.graph.orgs.get(g["licensor"], {})
            shown = asset is not None and asset.get("visibility", "public") == "public"
            for licensee in self._licensees(g["licensee"]):
                if licensee == deal.asset.organization_id:
                    continue
                if licensor == deal.asset.organization_id and cutoff - key <= 12:
                    continue
                if (licensor, licensee, _year(date)) in known_parties:
                    continue
                record = DealRecord(
                    id=f"graph:{g['id']}@{licensee}",
                    licensee_id=licensee,
                    licensor_id=licensor,
                    licensor_name=org.get("name", ""),
                    licensor_country=org.get("country"),
                    modality=(asset.get("modality") or None) if shown else None,  # type: ignore[union-attr]
                    therapeutic_area=(asset.get("therapeutic_area") or None) if shown else None,  # type: ignore[union-attr]
                    targets=tuple(asset.get("targets") or ()) if shown else (),  # type: ignore[union-attr]
                    year=_year(date),
                    deal_type=g.get("deal_type", "license"),
                )
                out.append(Record(record, date, "graph:" + g["id"]))
        return out

    def products(self, undated: str, have: Iterable[Product] = ()) -> list[Product]:
        """Bundled public assets of the candidates, as pipeline products (see module doc);
        not those the file already lists for the same candidate."""
        if undated == "none":
            return []
        listed = {(p.asset.organization_id, _asset_key(p.asset.name)) for p in have}
        since = RECENT_FROM if undated == "recent" else None
        out = []
        for a in self.graph.assets.values():
            if a.get("visibility", "public") != "public":
                continue
            for c, ids in self.candidates.items():
                if a["organization"] not in ids or (c, _asset_key(a["name"])) in listed:
                    continue
                asset = asset_from(
                    f"graph:{a['id']}@{c}", c, {**a, "seeking": (), "territories": ()}
                )
                out.append(Product(asset, since, a.get("description", "")))
        return out


def file_evidence(
    graph: Graph,
    candidates: dict[str, str],
    licensors: dict[str, str],
    records: Sequence[Record],
) -> FileEvidence:
    """`candidates` and `licensors`: bench id -> name."""
    return FileEvidence(
        graph,
        {c: graph.resolve(n) for c, n in candidates.items()},
        {c: graph.resolve(n) for c, n in licensors.items()},
        records,
    )
