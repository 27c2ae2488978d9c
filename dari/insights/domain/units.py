"""A national target's figures with their unit as a reader of each language expects them:
"USD 9.27 billion" reads "92.7억 달러" in Korean (억 = 10^8, so the figure is scaled), "KRW 43.5
trillion" reads "43.5조 원", "6th" reads "6위". The bundled targets state their units in English
(dari/data/insights/targets.json); a unit not listed here is shown as stated."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import translation
from django.utils.formats import number_format


@dataclass(frozen=True)
class Unit:
    english: str  # "%(n)s" is the formatted figure
    korean: str
    korean_label: str  # the unit alone (a chart's axis), for figures scaled by korean_factor
    korean_factor: float = 1.0
    korean_stated: str = ""  # the unit figures are entered in, when korean_label is scaled


UNITS: dict[str, Unit] = {
    "drugs": Unit("%(n)s drugs", "%(n)s개", "개"),
    "companies": Unit("%(n)s companies", "%(n)s개사", "개사"),
    "USD billion": Unit("USD %(n)s billion", "%(n)s억 달러", "억 달러", 10.0, "십억 달러"),
    # deal and investment sums (the insights charts): USD 150m reads 1.5억 달러
    "USD m": Unit("USD %(n)sm", "%(n)s억 달러", "억 달러", 0.01, "백만 달러"),
    "jobs": Unit("%(n)s jobs", "%(n)s명", "명"),
    "rank": Unit("rank %(n)s", "%(n)s위", "순위"),
    "KRW trillion": Unit("KRW %(n)s trillion", "%(n)s조 원", "조 원"),
    "ventures a year": Unit("%(n)s ventures a year", "연 %(n)s개사", "개사/년"),
}


def figure(value: float | int | None) -> str:
    """A figure as its source states it: 16.0 → "16", 9.27 → "9.27", 150000 → "150,000"."""
    if value is None:
        return "–"
    value = round(float(value), 6)
    if value.is_integer():
        return str(number_format(int(value), force_grouping=True))
    return str(number_format(value, force_grouping=True))


def _korean() -> bool:
    return (translation.get_language() or "").split("-")[0] == "ko"


def with_unit(value: float | int | None, unit: str) -> str:
    """The figure with its unit in the active language ("–" when there is no figure)."""
    if value is None:
        return "–"
    spec = UNITS.get(unit)
    if spec is None:
        return f"{figure(value)} {unit}".strip()
    if _korean():
        return spec.korean % {"n": figure(float(value) * spec.korean_factor)}
    return spec.english % {"n": figure(value)}


def unit_label(unit: str) -> str:
    """The unit alone (a chart's axis title), for figures multiplied by `unit_factor`."""
    spec = UNITS.get(unit)
    if spec is None or not _korean():
        return unit
    return spec.korean_label


def stated_unit(unit: str) -> str:
    """The unit a figure is stored and entered in, in the active language (a form's value:
    "십억 달러" in Korean for USD billion, so 104억 달러 is entered as 10.4)."""
    spec = UNITS.get(unit)
    if spec is None or not _korean():
        return unit
    return spec.korean_stated or spec.korean_label


def unit_factor(unit: str) -> float:
    """What a figure is multiplied by to read in the active language's unit: a chart reads
    '81' on an axis of 억 달러 under a card that reads '81억 달러' (10 for USD billion in
    Korean, as `with_unit` scales it), never a second scale for the same figure."""
    spec = UNITS.get(unit)
    if spec is None or not _korean():
        return 1.0
    return spec.korean_factor
