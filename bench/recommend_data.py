"""The dev and held-out sets of bench/recommend.py (format dari-recommend-dev/1, see
docs/recommendations.md): evaluation deals, candidate organisations, pipeline products and
history records, and the deal history each deal is evaluated with (leave-one-out)."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dari.matching import (  # noqa: E402
    AssetProfile,
    DealHistory,
    DealRecord,
    OrgProfile,
)

DATA = ROOT / "bench" / "data" / "recommend_dev.json"


@dataclass(frozen=True)
class Deal:
    """One evaluation deal: the asset as publicly described and its real licensee(s)."""

    id: str
    asset: AssetProfile
    licensees: frozenset[str]
    date: str
    korean: bool
    licensor_name: str = ""
    asset_group: str = ""
    """A dev-set asset group of the same asset (another deal of it), left out of the history."""
    territories: tuple[str, ...] = ()
    """The territory granted in the deal as reported (the deal's `territories`), used only
    by the 'territory on offer' rows: what the licensor would list when offering it."""

    def offered(self) -> Deal:
        """The deal with its asset offered for the territory it was granted in."""
        if not self.territories:
            return self
        return replace(self, asset=replace(self.asset, territories=self.territories))


@dataclass(frozen=True)
class Product:
    """One product of a candidate's own pipeline (from its own pipeline page or report):
    the year it entered the portfolio and where it came from, when sources show them."""

    asset: AssetProfile
    since: int | None
    origin: str

    def excluded_for(self, deal: Deal) -> bool:
        """True when the product could carry the answer for `deal`: it came from the deal's
        licensor or is the deal's asset, or it entered the portfolio after the deal."""
        text = f"{self.origin} {self.asset.name}".lower()
        if deal.licensor_name and deal.licensor_name.lower() in text:
            return True
        name = deal.asset.name.lower().split("(")[0].strip()
        if name and len(name) > 3 and name in text:
            return True
        year = _year(deal.date)
        return self.since is not None and year is not None and self.since > year


@dataclass(frozen=True)
class Record:
    """One history record and the asset it is about (to leave it out when tested)."""

    record: DealRecord
    date: str
    asset_group: str


def _year(date: str | None) -> int | None:
    return int(date[:4]) if date and date[:4].isdigit() else None


def _month_key(date: str, *, latest: bool) -> int | None:
    """Months since year 0; an unknown month counts as December (latest=True) or January."""
    year = _year(date)
    if year is None:
        return None
    month = int(date[5:7]) if len(date) >= 7 and date[5:7].isdigit() else (12 if latest else 1)
    return year * 12 + month


def asset_from(id_: str, organization_id: str, a: dict[str, Any]) -> AssetProfile:
    """An asset of the dev file (an evaluation deal's asset or a pipeline product)."""
    return AssetProfile(
        id=id_,
        organization_id=organization_id,
        name=a["name"],
        description=a.get("description", ""),
        therapeutic_area=a.get("therapeutic_area"),
        modality=a.get("modality"),
        stage=a.get("stage"),
        targets=tuple(a.get("targets", ())),
        indications=tuple(a.get("indications", ())),
        seeking=tuple(a.get("seeking", ())),
        territories=tuple(a.get("territories", ())),
    )


def load_products(path: Path = DATA) -> list[Product]:
    """The candidates' own pipelines (`pipeline` of each organisation), as assets."""
    data = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for o in data["organizations"]:
        for k, p in enumerate(o.get("pipeline", ())):
            asset = asset_from(f"{o['id']}#{k}", o["id"], p)
            out.append(Product(asset, p.get("since"), p.get("origin", "")))
    return out


def load_dev(path: Path = DATA) -> tuple[list[OrgProfile], list[Deal], list[Record]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    orgs = [
        OrgProfile(
            id=o["id"],
            name=o["name"],
            kind=o.get("kind", "pharma"),
            country=o.get("country"),
            description=o.get("description", ""),
            therapeutic_areas=tuple(o.get("therapeutic_areas", ())),
            modalities=tuple(o.get("modalities", ())),
            interest_therapeutic_areas=tuple(o.get("interest_therapeutic_areas", ())),
            interest_modalities=tuple(o.get("interest_modalities", ())),
            interest_stages=tuple(o.get("interest_stages", ())),
            interest_deal_types=tuple(o.get("interest_deal_types", ())),
            interest_description=o.get("interest_description", ""),
        )
        for o in data["organizations"]
    ]
    licensors = data.get("licensors", {})

    def record(
        id_: str, licensor: str, licensee: str, date: str, deal_type: str, fields: dict[str, Any]
    ) -> DealRecord:
        info = licensors.get(licensor, {})
        return DealRecord(
            id=id_,
            licensee_id=licensee,
            licensor_id=licensor,
            licensor_name=info.get("name", ""),
            licensor_country=info.get("country"),
            modality=fields.get("modality"),
            therapeutic_area=fields.get("therapeutic_area"),
            targets=tuple(fields.get("targets") or ()),
            year=_year(date),
            deal_type=deal_type,
        )

    deals: list[Deal] = []
    history: list[Record] = []
    for d in data["deals"]:
        asset = asset_from(d["id"], d["licensor"], d["asset"])
        licensees = d.get("licensees") or [d["licensee"]]
        info = licensors.get(d["licensor"], {})
        korean = info.get("country") == "KR"
        deals.append(
            Deal(
                d["id"],
                asset,
                frozenset(licensees),
                d.get("date", ""),
                korean,
                info.get("name", ""),
                d.get("asset_group", ""),
                tuple(d.get("territories") or ()),
            )
        )
        # Every evaluation deal is also history for the others (never for itself).
        for licensee in licensees:
            rec = record(
                d["id"], d["licensor"], licensee, d.get("date", ""), d["deal_type"], d["asset"]
            )
            history.append(Record(rec, d.get("date", ""), d["id"]))
    for h in data.get("history", []):
        rec = record(h["id"], h["licensor"], h["licensee"], h["date"], h["deal_type"], h)
        history.append(Record(rec, h["date"], h["asset_group"]))
    return orgs, deals, history


HISTORY_OPTIONS: dict[str, Any] = {"half_life": 6.0}
"""How DealHistory is built in the benchmark (--half-life)."""


def history_for(deal: Deal, history: list[Record], mode: str) -> DealHistory | None:
    """The history a deal is evaluated with. 'loo': every record except those of the same
    asset (the deal under test, its other licensees, earlier or later deals of the asset).
    'prior': additionally only records dated before the deal. 'none': no history."""
    if mode == "none":
        return None
    same = {deal.id, deal.asset_group} - {""}
    kept = [h for h in history if h.asset_group not in same]
    if mode == "prior":
        cutoff = _month_key(deal.date, latest=False)
        kept = [
            h
            for h in kept
            if cutoff is not None
            and (key := _month_key(h.date, latest=True)) is not None
            and key < cutoff
        ]
    return DealHistory(
        [h.record for h in kept],
        as_of=_year(deal.date),
        half_life=float(HISTORY_OPTIONS["half_life"]),
    )
