"""Aggregates of the whole ecosystem for the insights pages: plain lists of dicts, ready for a
table, a chart and a CSV file.

Definitions (docs/insights.md):
- a deal's year is the first four characters of its date; deals without a date count under the
  key "" ("no date") and drop out when a year range is set;
- a deal's modality and therapeutic area are those of its asset, only when the viewer may see
  the asset (`visible_assets`); otherwise the deal counts as "not stated";
- a cluster filter keeps deals where either side belongs to the cluster, investments whose
  recipient does, assets whose owner does, meetings where a participant's organisation does;
- assets are counted only through `visible_assets(user)`, and only those of organisations based
  in Korea (the pipeline of the Korean ecosystem; the bundled products of global partners are
  evidence for recommendations, not part of it);
- meetings are accepted meetings that were not cancelled; a meeting "involves Korea" when at
  least one participant's organisation has country KR;
- the funnel starts from scheduled meetings; a meeting counts at every stage up to the furthest
  one either side reported (the rule of the events app, over all events);
- meeting figures are not public data: a cell is shown only when at least K organisations
  account for it (`dari.core.smallcell`, applied in `meeting_cells`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max, Q, QuerySet
from django.utils.translation import gettext as _

from dari.core.names import country_name, local_name
from dari.core.smallcell import K
from dari.directory.access import visible_assets
from dari.directory.models import Asset, Cluster, Deal, Investment, current_generation
from dari.directory.vocab import InvestmentKind, Modality, Stage, TherapeuticArea, label_of
from dari.events.models import FollowUp, Meeting
from dari.insights.domain import meeting_cells

KOREA = "KR"


@dataclass(frozen=True)
class Filters:
    """The filters of the ecosystem page; None or "" means "all"."""

    year_from: int | None = None
    year_to: int | None = None
    cluster: str = ""
    modality: str = ""

    def year_ok(self, year: str) -> bool:
        if self.year_from is None and self.year_to is None:
            return True
        if not year.isdigit():
            return False
        y = int(year)
        if self.year_from is not None and y < self.year_from:
            return False
        return self.year_to is None or y <= self.year_to


def _round(value: float) -> float:
    return round(value, 1)


def _sorted(rows: list[dict[str, Any]], by: str) -> list[dict[str, Any]]:
    """Largest first, the "not stated" row ("") last, then by label."""
    return sorted(rows, key=lambda r: (r["key"] == "", -r[by], str(r["label"])))


# Deals -------------------------------------------------------------------------------------


def _deals(user: Any, f: Filters) -> list[tuple[Deal, Asset | None]]:
    """The deals passing the filters, each with its asset when `user` may see it."""
    deals: QuerySet[Deal] = Deal.objects.select_related("licensee")
    if f.cluster:
        deals = deals.filter(Q(licensor__cluster_id=f.cluster) | Q(licensee__cluster_id=f.cluster))
    rows = [d for d in deals if f.year_ok(d.date[:4])]
    asset_ids = {d.asset_id for d in rows if d.asset_id}
    assets = {a.pk: a for a in visible_assets(user).filter(pk__in=asset_ids)}
    out = [(d, assets.get(d.asset_id) if d.asset_id else None) for d in rows]
    if f.modality:
        out = [(d, a) for d, a in out if a is not None and a.modality == f.modality]
    return out


def _deal_rows(
    pairs: Iterable[tuple[Deal, Asset | None]], key_of: Any, label_of_key: Any
) -> list[dict[str, Any]]:
    counts: Counter[str] = Counter()
    values: defaultdict[str, float] = defaultdict(float)
    for deal, asset in pairs:
        key = key_of(deal, asset)
        counts[key] += 1
        values[key] += deal.total_value_usd_m or 0.0
    return [
        {"key": k, "label": label_of_key(k), "deals": n, "value_usd_m": _round(values[k])}
        for k, n in counts.items()
    ]


# Per dimension: the key of a (deal, visible asset) pair, and the label of a key.
_DEAL_DIMENSIONS: dict[str, tuple[Any, Any]] = {
    "year": (
        lambda d, a: d.date[:4] if d.date[:4].isdigit() else "",
        lambda k: k or _("No date"),
    ),
    "modality": (
        lambda d, a: a.modality if a is not None else "",
        lambda k: label_of(Modality, k) if k else _("Not stated"),
    ),
    "area": (
        lambda d, a: a.therapeutic_area if a is not None else "",
        lambda k: label_of(TherapeuticArea, k) if k else _("Not stated"),
    ),
    "licensee_country": (
        lambda d, a: d.licensee.country or "",
        lambda k: country_name(k) or _("Unknown"),
    ),
}


def _deals_by(pairs: list[tuple[Deal, Asset | None]], dimension: str) -> list[dict[str, Any]]:
    rows = _deal_rows(pairs, *_DEAL_DIMENSIONS[dimension])
    if dimension == "year":
        return sorted(rows, key=lambda r: (r["key"] == "", r["key"]))
    return _sorted(rows, "deals")


def deal_breakdowns(user: Any, f: Filters = Filters()) -> dict[str, list[dict[str, Any]]]:
    """The rows of `deals_by_year`, `deals_by_modality`, `deals_by_area` and
    `deals_by_licensee_country`, keyed year, modality, area, licensee_country, from one read
    of the deals."""
    pairs = _deals(user, f)
    return {dimension: _deals_by(pairs, dimension) for dimension in _DEAL_DIMENSIONS}


def deals_by_year(user: Any, f: Filters = Filters()) -> list[dict[str, Any]]:
    """Deals and their summed total value (USD m) per year, oldest first; key "" = no date."""
    return _deals_by(_deals(user, f), "year")


def deals_by_modality(user: Any, f: Filters = Filters()) -> list[dict[str, Any]]:
    """Deals and value per modality of the deal's (visible) asset; most deals first."""
    return _deals_by(_deals(user, f), "modality")


def deals_by_area(user: Any, f: Filters = Filters()) -> list[dict[str, Any]]:
    """Deals and value per therapeutic area of the deal's (visible) asset; most deals first."""
    return _deals_by(_deals(user, f), "area")


def deals_by_licensee_country(user: Any, f: Filters = Filters()) -> list[dict[str, Any]]:
    """Deals and value per country of the licensee (the partner taking the licence)."""
    return _deals_by(_deals(user, f), "licensee_country")


# Investments -------------------------------------------------------------------------------


def investments_by_kind(f: Filters = Filters()) -> list[dict[str, Any]]:
    """Investments and their summed amount (USD m) per kind; most first. The modality filter
    does not apply (an investment names no asset)."""
    investments = Investment.objects.all()
    if f.cluster:
        investments = investments.filter(recipient__cluster_id=f.cluster)
    counts: Counter[str] = Counter()
    amounts: defaultdict[str, float] = defaultdict(float)
    for kind, date, amount in investments.values_list("kind", "date", "amount_usd_m"):
        if not f.year_ok(date[:4]):
            continue
        counts[kind] += 1
        amounts[kind] += amount or 0.0
    rows = [
        {
            "key": k,
            "label": label_of(InvestmentKind, k),
            "investments": n,
            "amount_usd_m": _round(amounts[k]),
        }
        for k, n in counts.items()
    ]
    return _sorted(rows, "investments")


# Assets (through the access funnel only) ---------------------------------------------------


def _visible(user: Any, f: Filters) -> QuerySet[Asset]:
    assets = visible_assets(user).filter(organization__country=KOREA)
    if f.cluster:
        assets = assets.filter(organization__cluster_id=f.cluster)
    if f.modality:
        assets = assets.filter(modality=f.modality)
    return assets


def _cluster_names() -> dict[str, str]:
    """Each cluster's name in the reader's language (판교테크노밸리 for a Korean reader)."""
    return {c.pk: local_name(c) for c in Cluster.objects.only("id", "name", "name_ko")}


def assets_by_cluster(user: Any, dimension: str, f: Filters = Filters()) -> list[dict[str, Any]]:
    """Visible assets per cluster of their owner and per stage or modality: cluster,
    cluster_label, key, label, assets; clusters by name, then those of organisations in Korea
    outside every cluster (cluster "", "elsewhere in Korea"), then by key."""
    if dimension not in ("stage", "modality"):
        raise ValueError(f"unknown dimension {dimension!r}")
    vocabulary = Stage if dimension == "stage" else Modality
    names = _cluster_names()
    counts: Counter[tuple[str, str]] = Counter(
        (cluster or "", value or "")
        for cluster, value in _visible(user, f).values_list("organization__cluster_id", dimension)
    )
    rows = [
        {
            "cluster": cluster,
            "cluster_label": names.get(cluster, "") if cluster else _("Elsewhere in Korea"),
            "key": key,
            "label": label_of(vocabulary, key) if key else _("Not stated"),
            "assets": n,
        }
        for (cluster, key), n in counts.items()
    ]
    order = {v: i for i, v in enumerate(vocabulary.values)}
    return sorted(
        rows,
        key=lambda r: (r["cluster"] == "", r["cluster_label"], order.get(r["key"], len(order))),
    )


# Events ------------------------------------------------------------------------------------


def korea_meeting_share(f: Filters = Filters(), k: int = K) -> list[dict[str, Any]]:
    """Per event: meetings, those with a participant of a Korean organisation, and their
    share; small cells held back (`meeting_cells`). The modality filter does not apply."""
    return meeting_cells.korea_meeting_share(f.cluster, f.year_from, f.year_to, k)


def korea_share_total(rows: list[dict[str, Any]], k: int = K) -> dict[str, Any]:
    """The share over all events of `korea_meeting_share` rows, from the cells shown."""
    return meeting_cells.korea_share_total(rows, k)


def funnel(f: Filters = Filters(), k: int = K) -> list[dict[str, Any]]:
    """The follow-up funnel of the meetings of all events that `f` selects, small cells held
    back (`meeting_cells`)."""
    return meeting_cells.funnel(f.cluster, f.year_from, f.year_to, k)


def data_version() -> str:
    """A stamp that changes whenever anything these aggregates read changes: the directory
    generation (raised by every import and edit), the meetings (count, last change) and their
    follow-ups (count, last report; a report leaves its meeting unchanged). Caches of the
    aggregates are keyed by it, so they are computed once per change, and a held-back cell is
    never served beside figures computed from newer data."""
    meetings = Meeting.objects.aggregate(n=Count("pk"), last=Max("updated"))
    reports = FollowUp.objects.aggregate(n=Count("pk"), last=Max("created"), top=Max("pk"))
    stamps = [m.timestamp() if m else 0 for m in (meetings["last"], reports["last"])]
    return (
        f"{current_generation()}.{meetings['n']}.{stamps[0]}"
        f".{reports['n']}.{reports['top'] or 0}.{stamps[1]}"
    )
