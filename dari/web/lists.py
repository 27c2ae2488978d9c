"""Read-only queries behind the pages: counts per cluster, facets, filtered lists.

Assets are only ever obtained through the access funnel (`visible_assets`); every count of
assets here is a count of the set the user may see.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from dari.accounts.access import visible_assets
from dari.directory.filters import AssetFilter, json_list_contains
from dari.directory.models import Asset, Cluster, Deal, Facility, Investment, Organization, Program
from dari.directory.vocab import DealType, Modality, Stage, TherapeuticArea

PAGE_SIZE = 25


@dataclasses.dataclass
class ClusterCounts:
    organizations: int = 0
    assets: int = 0
    facilities: int = 0
    programs: int = 0


def _grouped(queryset: QuerySet[Any], key: str) -> dict[Any, int]:
    return {row[key]: row["n"] for row in queryset.order_by().values(key).annotate(n=Count("pk"))}


def cluster_counts(user: Any, cluster_ids: Iterable[str] | None = None) -> dict[Any, ClusterCounts]:
    """Per cluster id (None: outside any cluster): organisations, visible assets, facilities,
    programmes (by the organiser's cluster). Four grouped queries whatever the number of
    clusters."""
    orgs = Organization.objects.all()
    assets = visible_assets(user)
    facilities = Facility.objects.all()
    programs = Program.objects.all()
    if cluster_ids is not None:
        ids = list(cluster_ids)
        orgs = orgs.filter(cluster_id__in=ids)
        assets = assets.filter(organization__cluster_id__in=ids)
        facilities = facilities.filter(cluster_id__in=ids)
        programs = programs.filter(organizer__cluster_id__in=ids)
    counts: dict[Any, ClusterCounts] = {}
    for attr, queryset, key in (
        ("organizations", orgs, "cluster_id"),
        ("assets", assets, "organization__cluster_id"),
        ("facilities", facilities, "cluster_id"),
        ("programs", programs, "organizer__cluster_id"),
    ):
        for cluster_id, n in _grouped(queryset, key).items():
            setattr(counts.setdefault(cluster_id, ClusterCounts()), attr, n)
    return counts


def clusters_with_counts(user: Any) -> tuple[list[Cluster], ClusterCounts]:
    """Every cluster with `.counts`, and the totals over the whole directory."""
    clusters = list(Cluster.objects.all())
    counts = cluster_counts(user)
    totals = ClusterCounts()
    for c in counts.values():
        for field in dataclasses.fields(ClusterCounts):
            setattr(totals, field.name, getattr(totals, field.name) + getattr(c, field.name))
    for cluster in clusters:
        cluster.counts = counts.get(cluster.pk, ClusterCounts())  # type: ignore[attr-defined]
    return clusters, totals


def attach_visible_assets(user: Any, deals: list[Deal]) -> list[Deal]:
    """Set `deal.visible_asset` to the deal's asset if the user may see it, else None."""
    ids = {d.asset_id for d in deals if d.asset_id}
    visible = {a.pk: a for a in visible_assets(user).filter(pk__in=ids).only("id", "name")}
    for deal in deals:
        deal.visible_asset = visible.get(deal.asset_id)  # type: ignore[attr-defined]
    return deals


def deals_queryset() -> QuerySet[Deal]:
    # The asset is deliberately not joined: it is fetched through the funnel.
    return Deal.objects.select_related("licensor", "licensee")


def investments_queryset() -> QuerySet[Investment]:
    return Investment.objects.select_related("recipient").prefetch_related(
        Prefetch("investors", queryset=Organization.objects.only("id", "name"))
    )


def ordered_investors(investment: Investment) -> list[Organization]:
    """The investors in the order of the source (the M2M table keeps none)."""
    by_id = {o.pk: o for o in investment.investors.all()}
    ordered = [by_id[i] for i in investment.investor_order if i in by_id]
    return ordered + [o for i, o in by_id.items() if i not in investment.investor_order]


def with_investors(investments: Iterable[Investment]) -> list[Investment]:
    out = list(investments)
    for investment in out:
        investment.ordered_investors = ordered_investors(investment)  # type: ignore[attr-defined]
    return out


# Lists with filters (the filters are dari.directory.filters, shared with the API) ------------


def organizations_queryset() -> QuerySet[Organization]:
    return Organization.objects.select_related("cluster")


def assets_queryset(user: Any) -> QuerySet[Asset]:
    """The assets the user may see, with what the result rows show."""
    return visible_assets(user).select_related("organization", "organization__cluster")


def years_of(queryset: QuerySet[Any]) -> list[str]:
    """The distinct years of a model with a partial ISO `date`, newest first."""
    dates = queryset.order_by().exclude(date="").values_list("date", flat=True).distinct()
    return sorted({d[:4] for d in dates}, reverse=True)


def countries_of(queryset: QuerySet[Any], field: str = "country") -> list[str]:
    values = queryset.order_by().exclude(**{field: ""}).values_list(field, flat=True).distinct()
    return sorted(set(values))


# Asset facets --------------------------------------------------------------------------------


@dataclasses.dataclass
class Facet:
    """One filter of the asset list: its options with counts over the visible set."""

    name: str
    title: str
    selected: str
    options: list[tuple[str, str, int]]  # value, label, count


VOCAB_FACETS = (
    ("therapeutic_area", _("Therapeutic area"), TherapeuticArea),
    ("modality", _("Modality"), Modality),
    ("stage", _("Stage"), Stage),
    ("seeking", _("Deal type sought"), DealType),
)


def asset_facets(user: Any, chosen: AssetFilter) -> list[Facet]:
    """Counts per filter value over the visible assets matching every *other* filter (so a
    chosen value still shows its alternatives). One query per facet."""
    base = visible_assets(user)

    def narrowed(field: str) -> QuerySet[Asset]:
        return dataclasses.replace(chosen, **{field: ""}).apply(base).order_by()

    facets = []
    for field, title, choices in VOCAB_FACETS:
        if field == "seeking":
            aggregates = {
                f"n_{v}": Count("pk", filter=json_list_contains("seeking", v))
                for v in choices.values
            }
            row = narrowed(field).aggregate(**aggregates)
            counts: dict[str, int] = {v: row[f"n_{v}"] for v in choices.values}
        else:
            counts = _grouped(narrowed(field), field)
        options = [(v, str(lbl), counts.get(v, 0)) for v, lbl in choices.choices]
        facets.append(Facet(field, str(title), getattr(chosen, field), options))

    cluster_rows = (
        narrowed("cluster")
        .exclude(organization__cluster=None)
        .values("organization__cluster_id", "organization__cluster__name")
        .annotate(n=Count("pk"))
        .order_by("organization__cluster__name")
    )
    facets.append(
        Facet(
            "cluster",
            str(_("Cluster")),
            chosen.cluster,
            [
                (r["organization__cluster_id"], r["organization__cluster__name"], r["n"])
                for r in cluster_rows
            ],
        )
    )
    country_counts: Counter[str] = Counter(
        _grouped(narrowed("country").exclude(organization__country=""), "organization__country")
    )
    facets.append(
        Facet(
            "country",
            str(_("Country")),
            chosen.country.upper(),
            [(c, c, n) for c, n in sorted(country_counts.items())],
        )
    )
    return facets


def organization_asset_counts(user: Any, org_ids: Iterable[str]) -> dict[str, int]:
    return _grouped(
        visible_assets(user).filter(organization_id__in=list(org_ids)), "organization_id"
    )


def programs_of_cluster(cluster: Cluster) -> QuerySet[Program]:
    return Program.objects.filter(organizer__cluster=cluster).select_related("organizer")


def recent_deals(user: Any, n: int = 6) -> list[Deal]:
    return attach_visible_assets(user, list(deals_queryset().order_by("-date", "id")[:n]))


def recent_investments(n: int = 6) -> list[Investment]:
    return with_investors(investments_queryset().order_by("-date", "id")[:n])


def deals_of(user: Any, organization: Organization) -> list[Deal]:
    deals = deals_queryset().filter(Q(licensor=organization) | Q(licensee=organization))
    return attach_visible_assets(user, list(deals.order_by("-date", "id")))
