"""Deal history as evidence: what each organisation has actually in-licensed.

Stated focus says what an organisation claims to want; its past deals show what it
buys. `DealHistory` turns a list of `DealRecord` (one licensee, one licensor, the
asset's modality / area / targets when known, a year) into per-licensee tallies, and
gives every candidate six values in [0, 1]:

- hist_modality:  in-licensed this modality before
- hist_area:      in-licensed in this therapeutic area before
- hist_target:    in-licensed an asset against one of these targets before
- hist_licensor:  licensed from this very licensor before (a repeat partner)
- hist_country:   licensed from companies of the licensor's country before (e.g. Korea)
- activity:       how many deals it does at all (a prior, log-scaled to the busiest)

Counts are weighted by recency: a deal `age` years before `as_of` counts
0.5 ** (age / half_life); a deal without a year counts `UNDATED_WEIGHT`. A weighted count
c becomes 1 - 0.5 ** c, so one recent deal gives 0.5, two 0.75, three 0.875.

The caller decides what goes in. The Django layer passes every deal as the deal list shows
it, with the asset's fields only for assets every reader of the index may see. The
benchmark removes the deal under test (and every record of the same asset) before building
the history, so a feature never contains the answer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from math import log1p
from typing import TypeVar

from .text import tokenize

HISTORY_FEATURES: tuple[str, ...] = (
    "hist_modality",
    "hist_area",
    "hist_target",
    "hist_licensor",
    "hist_country",
    "activity",
)
UNDATED_WEIGHT = 0.5
"""Weight of a deal whose year is unknown (as if it were one half-life old)."""

COUNTRY_NAMES: dict[str, str] = {
    "KR": "Korea",
    "CN": "China",
    "JP": "Japan",
    "US": "the US",
    "GB": "the UK",
    "DE": "Germany",
    "FR": "France",
    "CH": "Switzerland",
    "DK": "Denmark",
    "TW": "Taiwan",
    "IN": "India",
}


@dataclass(frozen=True)
class DealRecord:
    """One past deal, seen from the licensee's side."""

    licensee_id: str
    licensor_id: str
    modality: str | None = None
    therapeutic_area: str | None = None
    targets: Sequence[str] = ()
    year: int | None = None
    deal_type: str = "license"
    licensor_name: str = ""
    """Shown in reasons ('e.g. from LigaChem'); the licensor id when empty."""
    licensor_name_ko: str = ""
    """Shown instead to a Korean reader ('예: 리가켐바이오'), when the licensor has one."""
    licensor_country: str | None = None
    """ISO code of the licensor's country, for the geography-affinity feature."""
    asset_id: str | None = None
    id: str = ""


def target_key(target: str) -> tuple[str, ...]:
    """Tokens of a target name, so 'PD-L1', 'pd-l1' and 'PDL1' compare equal."""
    return tuple(dict.fromkeys(tokenize(target)))


def target_keys(values: Sequence[str]) -> list[tuple[str, ...]]:
    """The distinct non-empty keys of several target (or indication) names, in order."""
    return [key for key in dict.fromkeys(target_key(v) for v in values) if key]


def saturate(count: float) -> float:
    return float(1.0 - 0.5**count)


@dataclass
class Tally:
    """Deals of one licensee under one key (a modality, an area, a target, ...)."""

    weight: float = 0.0
    records: list[DealRecord] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.records)

    def since(self) -> int | None:
        years = [r.year for r in self.records if r.year is not None]
        return min(years) if years else None

    def examples(self, limit: int = 2) -> list[tuple[str, str]]:
        """Licensors' (name, Korean name), most recent deal first, without repeats."""
        ordered = sorted(self.records, key=lambda r: -(r.year or 0))
        names = [(r.licensor_name or r.licensor_id, r.licensor_name_ko) for r in ordered]
        return list(dict.fromkeys(names))[:limit]


@dataclass
class LicenseeHistory:
    total: Tally = field(default_factory=Tally)
    modality: dict[str, Tally] = field(default_factory=dict)
    area: dict[str, Tally] = field(default_factory=dict)
    target: dict[tuple[str, ...], Tally] = field(default_factory=dict)
    licensor: dict[str, Tally] = field(default_factory=dict)
    country: dict[str, Tally] = field(default_factory=dict)


K = TypeVar("K", str, tuple[str, ...])


def _add(table: dict[K, Tally], key: K, w: float, record: DealRecord) -> None:
    tally = table.setdefault(key, Tally())
    tally.weight += w
    tally.records.append(record)


class DealHistory:
    """Per-licensee tallies of past deals, weighted by recency as of `as_of`."""

    def __init__(
        self,
        records: Iterable[DealRecord] = (),
        *,
        as_of: int | None = None,
        half_life: float = 6.0,
    ) -> None:
        self.records = list(records)
        years = [r.year for r in self.records if r.year is not None]
        self.as_of = as_of if as_of is not None else (max(years) if years else 0)
        self.half_life = half_life
        self.by_licensee: dict[str, LicenseeHistory] = {}
        self.licensor_country: dict[str, str] = {}
        for record in self.records:
            self._add(record)
        self.max_activity = max((h.total.weight for h in self.by_licensee.values()), default=0.0)

    def weight(self, record: DealRecord) -> float:
        if record.year is None:
            return UNDATED_WEIGHT
        age = max(0, self.as_of - record.year)
        return float(0.5 ** (age / self.half_life)) if self.half_life > 0 else 1.0

    def _add(self, record: DealRecord) -> None:
        w = self.weight(record)
        h = self.by_licensee.setdefault(record.licensee_id, LicenseeHistory())
        h.total.weight += w
        h.total.records.append(record)
        if record.modality:
            _add(h.modality, record.modality, w, record)
        if record.therapeutic_area:
            _add(h.area, record.therapeutic_area, w, record)
        for key in target_keys(record.targets):
            _add(h.target, key, w, record)
        _add(h.licensor, record.licensor_id, w, record)
        if record.licensor_country:
            country = record.licensor_country.upper()
            _add(h.country, country, w, record)
            self.licensor_country.setdefault(record.licensor_id, country)

    def __len__(self) -> int:
        return len(self.records)

    def __bool__(self) -> bool:
        return bool(self.records)

    def activity_of(self, h: LicenseeHistory) -> float:
        """Recency-weighted deal count on a log scale, 1 for the busiest licensee."""
        if self.max_activity <= 0:
            return 0.0
        return log1p(h.total.weight) / log1p(self.max_activity)

    def affinity(self, h: LicenseeHistory, field_name: str, key: str) -> float:
        """How much this licensee's past deals lean to `key` (a modality, an area, a licensor
        country): the saturated recency-weighted count, 1 - 0.5**weight."""
        table: dict[str, Tally] = getattr(h, field_name)
        return saturate(table[key].weight) if key in table else 0.0

    def target_tally(self, h: LicenseeHistory, keys: Sequence[tuple[str, ...]]) -> Tally | None:
        """The best-supported of the asset's target keys (`target_keys(asset.targets)`,
        computed once per query) in this licensee's history."""
        best: Tally | None = None
        for key in keys:
            tally = h.target.get(key)
            if tally is not None and (best is None or tally.weight > best.weight):
                best = tally
        return best
