"""The read side of the directory, shared by the pages and the API: list querysets, counts per
cluster, asset facets, recent deals and investments, the deals and assets of an organisation.

Assets are only ever obtained through the access funnel (`visible_assets`); every count of
assets here is a count of the set the user may see, and a deal names its asset only through
`with_visible_asset` (the asset's id and name when the user may see it, else None). Filtering
and ordering are `dari.directory.filters`; what a page or an answer shows of a row is the
caller's.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable
from typing import Any

from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.utils.translation import gettext_lazy as _

from dari.core.names import choose_name, countries_by_name
from dari.directory import search
from dari.directory.access import visible_assets, with_visible_asset
from dari.directory.filters import AssetFilter, OrganizationFilter
from dari.directory.models import (
    Affiliation,
    Asset,
    Cluster,
    Deal,
    Facility,
    Investment,
    Organization,
    Program,
)
from dari.directory.vocab import DealType, Modality, Stage, TherapeuticArea

# Querysets: each loads what a row of a list shows in a fixed number of queries ----------------


def clusters() -> QuerySet[Cluster]:
    """Clusters with `organization_count`."""
    return Cluster.objects.annotate(organization_count=Count("organizations"))


def organizations() -> QuerySet[Organization]:
    return Organization.objects.select_related("cluster")


def organization_suggestions(text: str, limit: int = 8) -> list[Organization]:
    """Organisations whose name, Korean name or id holds `text` (or all its words), those whose
    name begins with it first: what a form that names an organisation offers as one types."""
    text = text.strip()
    if not text:
        return []
    named = OrganizationFilter(q=text).narrow(Organization.objects.all())
    found = named | Organization.objects.filter(pk__istartswith=text)
    begins = Q(name__istartswith=text) | Q(name_ko__istartswith=text)
    first = Case(When(begins, then=Value(0)), default=Value(1), output_field=IntegerField())
    return list(found.distinct().annotate(first=first).order_by("first", "name", "id")[:limit])


def organization_named(text: str) -> tuple[Organization | None, list[Organization]]:
    """The one organisation `text` names: its id, or its name or Korean name written whole (case
    ignored). Else None and the organisations to suggest: those of that very name when several
    share it, or those whose name holds the words."""
    text = text.strip()
    if not text:
        return None, []
    by_id = Organization.objects.filter(pk=text).first()
    if by_id is not None:
        return by_id, []
    same = list(
        Organization.objects.filter(Q(name__iexact=text) | Q(name_ko__iexact=text)).order_by("id")[
            :8
        ]
    )
    if len(same) == 1:
        return same[0], []
    return None, same or organization_suggestions(text, limit=5)


def assets(user: Any) -> QuerySet[Asset]:
    """The assets the user may see, with their organisation and its cluster."""
    return visible_assets(user).select_related("organization", "organization__cluster")


def deals(user: Any) -> QuerySet[Deal]:
    """Deals with both parties and `visible_asset_id` / `visible_asset_name`: None when the
    deal has no asset or the user may not see it, indistinguishably. The asset itself is
    deliberately not joined."""
    return with_visible_asset(Deal.objects.select_related("licensor", "licensee"), user)


def investments() -> QuerySet[Investment]:
    return Investment.objects.select_related("recipient").prefetch_related(
        Prefetch(
            "investors", queryset=Organization.objects.only("id", "name", "name_ko", "country")
        )
    )


def facilities() -> QuerySet[Facility]:
    return Facility.objects.select_related("organization", "cluster")


def programs() -> QuerySet[Program]:
    return Program.objects.select_related("organizer")


def programs_of_cluster(cluster: Cluster) -> QuerySet[Program]:
    return programs().filter(organizer__cluster=cluster)


# Investors in the order of the source ----------------------------------------------------------


def ordered_investors(investment: Investment) -> list[Organization]:
    """The investors in the order of the source (the M2M table keeps none)."""
    by_id = {o.pk: o for o in investment.investors.all()}
    ordered = [by_id[i] for i in investment.investor_order if i in by_id]
    return ordered + [o for i, o in by_id.items() if i not in investment.investor_order]


def with_investors(rows: Iterable[Investment]) -> list[Investment]:
    """The investments, each with `ordered_investors`."""
    out = list(rows)
    for investment in out:
        investment.ordered_investors = ordered_investors(investment)
    return out


# Counts ----------------------------------------------------------------------------------------


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
    visible = visible_assets(user)
    sites = Facility.objects.all()
    progs = Program.objects.all()
    if cluster_ids is not None:
        ids = list(cluster_ids)
        orgs = orgs.filter(cluster_id__in=ids)
        visible = visible.filter(organization__cluster_id__in=ids)
        sites = sites.filter(cluster_id__in=ids)
        progs = progs.filter(organizer__cluster_id__in=ids)
    counts: dict[Any, ClusterCounts] = {}
    grouped: tuple[tuple[str, QuerySet[Any], str], ...] = (
        ("organizations", orgs, "cluster_id"),
        ("assets", visible, "organization__cluster_id"),
        ("facilities", sites, "cluster_id"),
        ("programs", progs, "organizer__cluster_id"),
    )
    for attr, queryset, key in grouped:
        for cluster_id, n in _grouped(queryset, key).items():
            setattr(counts.setdefault(cluster_id, ClusterCounts()), attr, n)
    return counts


def clusters_with_counts(user: Any) -> tuple[list[Cluster], ClusterCounts]:
    """Every cluster with `.counts`, and the totals over the whole directory."""
    rows = list(Cluster.objects.all())
    counts = cluster_counts(user)
    totals = ClusterCounts()
    for c in counts.values():
        for field in dataclasses.fields(ClusterCounts):
            setattr(totals, field.name, getattr(totals, field.name) + getattr(c, field.name))
    for cluster in rows:
        cluster.counts = counts.get(cluster.pk, ClusterCounts())
    return rows, totals


def organization_asset_counts(user: Any, org_ids: Iterable[str]) -> dict[str, int]:
    """Visible assets per organisation id (organisations without any are left out)."""
    return _grouped(
        visible_assets(user).filter(organization_id__in=list(org_ids)), "organization_id"
    )


def assets_of(user: Any, organization: Organization) -> list[Asset]:
    """The organisation's assets the user may see, by name."""
    return list(visible_assets(user).filter(organization=organization).order_by("name", "id"))


def asset_ids_of(user: Any, organization: Organization) -> list[str]:
    """The ids of the organisation's assets the user may see, by name."""
    return [asset.pk for asset in assets_of(user, organization)]


# Choices offered by the list pages -------------------------------------------------------------


def years_of(queryset: QuerySet[Any]) -> list[str]:
    """The distinct years of a model with a partial ISO `date`, newest first."""
    dates = queryset.order_by().exclude(date="").values_list("date", flat=True).distinct()
    return sorted({d[:4] for d in dates}, reverse=True)


def countries_of(queryset: QuerySet[Any], field: str = "country") -> list[str]:
    values = queryset.order_by().exclude(**{field: ""}).values_list(field, flat=True).distinct()
    return sorted(set(values))


# Asset facets ----------------------------------------------------------------------------------


@dataclasses.dataclass
class Facet:
    """One filter of the asset list: its options with counts over the visible set."""

    name: str
    title: str
    selected: str
    options: list[tuple[str, str, int]]  # value, label, count
    approximate: bool = False
    """Counts estimated from a sample of the matches (a very broad search); every option
    is offered, since a rare one may be missing from the sample."""


VOCAB_FACETS = (
    ("therapeutic_area", _("Therapeutic area"), TherapeuticArea),
    ("modality", _("Modality"), Modality),
    ("stage", _("Stage"), Stage),
    ("seeking", _("Deal type sought"), DealType),
)


FACETS = ("therapeutic_area", "modality", "stage", "seeking", "cluster", "country")
"""The parameters of the asset list that have a facet (counts per value)."""
_GROUPED = {
    "therapeutic_area": "therapeutic_area",
    "modality": "modality",
    "stage": "stage",
    "seeking": "seeking",
    "cluster": "organization__cluster_id",
    "cluster_name": "organization__cluster__name",
    "cluster_name_ko": "organization__cluster__name_ko",
    "country": "organization__country",
}


def _holds(row: dict[str, Any], field: str, value: str) -> bool:
    """Whether a group of assets (a row of the grouped facet query) has `value` for `field`."""
    if field == "seeking":
        return value in (row["seeking"] or ())
    return bool(row[_GROUPED[field]] == value)


def _facet_counts(
    groups: list[dict[str, Any]], chosen: dict[str, str], step: int
) -> dict[str, Counter[Any]]:
    """Per facet, the assets per value among the groups that meet every *other* facet's
    chosen value (each group counted `step` times), in one pass over the groups: a group
    that misses no chosen value counts for every facet, one that misses one only for that
    facet, one that misses more for none."""
    wanted = [(field, value) for field, value in chosen.items() if value]
    out: dict[str, Counter[Any]] = {field: Counter() for field in FACETS}
    for row in groups:
        missed = [field for field, value in wanted if not _holds(row, field, value)]
        if len(missed) > 1:
            continue
        n = row["n"] * step
        for field in missed or FACETS:
            if field == "seeking":
                for value in set(row["seeking"] or ()):
                    out[field][value] += n
            else:
                out[field][row[_GROUPED[field]]] += n
    return out


FACETS_EXACT_UP_TO = 5000
"""A search finding more assets than this has its facet counts estimated from a sample."""
FACET_SAMPLE = 2000
"""About how many matches such an estimate reads."""
PROBE_STEP = 8
"""With a facet value chosen, every PROBE_STEP-th match tells whether the facets (which leave
that value out) count more than FACETS_EXACT_UP_TO."""


def asset_facets(user: Any, chosen: AssetFilter, matches: int | None = None) -> list[Facet]:
    """Counts per filter value over the visible assets matching every *other* filter (so a
    chosen value still shows its alternatives). One grouped query over the assets matching
    the parameters without a facet (words, organisation, date), then each facet sums the
    groups that meet the other facets' chosen values.

    `matches`: how many assets the search found, if known. Beyond FACETS_EXACT_UP_TO (words
    naming much of the directory, such as "cancer"), the groups are those of every n-th
    match of the index (about FACET_SAMPLE of them), counted n times, and the facets say
    they are approximate; the sample is drawn among the assets the user may see, like the
    exact count. With a facet value chosen, the facets count more than `matches` (they
    leave that value out): a sample of every PROBE_STEP-th match decides, and is kept when
    it finds them too many."""
    unfaceted = dataclasses.replace(chosen, **dict.fromkeys(FACETS, ""))
    query = chosen.query()
    step = 1
    groups: list[dict[str, Any]] | None = None
    if query is not None and matches is not None:
        others = dataclasses.replace(unfaceted, q="").narrowed(visible_assets(user))

        def sample(every: int) -> list[dict[str, Any]]:
            rows = others.filter(search.matching(query, every=every))
            return list(rows.order_by().values(*_GROUPED.values()).annotate(n=Count("pk")))

        if matches > FACETS_EXACT_UP_TO:
            step = max(2, matches // FACET_SAMPLE)
            groups = sample(step)
        elif matches and any(getattr(chosen, f) for f in FACETS):
            # The facets count the matches *without* the chosen values, maybe many more than
            # `matches`: a first sample says whether they are.
            probe = sample(PROBE_STEP)
            if sum(row["n"] for row in probe) * PROBE_STEP > FACETS_EXACT_UP_TO:
                step, groups = PROBE_STEP, probe
    if groups is None:
        rows = unfaceted.narrowed(visible_assets(user))
        groups = list(rows.order_by().values(*_GROUPED.values()).annotate(n=Count("pk")))
    counts = _facet_counts(groups, {field: getattr(chosen, field) for field in FACETS}, step)
    approximate = step > 1
    facets = []
    for field, title, choices in VOCAB_FACETS:
        found = counts[field]
        options = [(v, str(lbl), found.get(v, 0)) for v, lbl in choices.choices]
        facets.append(Facet(field, str(title), getattr(chosen, field), options, approximate))
    names = {
        row[_GROUPED["cluster"]]: choose_name(
            row[_GROUPED["cluster_name"]] or "", row[_GROUPED["cluster_name_ko"]] or ""
        )
        for row in groups
    }
    found = counts["cluster"]
    if approximate:  # every cluster and country on offer: a rare one may not be sampled
        names.update(
            (pk, choose_name(name, name_ko))
            for pk, name, name_ko in Cluster.objects.values_list("id", "name", "name_ko")
        )
        found.update(dict.fromkeys(names, 0))
    clusters = sorted(
        ((pk, names[pk], n) for pk, n in found.items() if pk is not None),
        key=lambda option: (option[1], option[0]),
    )
    facets.append(Facet("cluster", str(_("Cluster")), chosen.cluster, clusters, approximate))
    found = counts["country"]
    if approximate:
        found.update(dict.fromkeys(countries_of(Organization.objects.all()), 0))
    countries = [(c, name, found[c]) for c, name in countries_by_name([c for c in found if c])]
    country = chosen.country.upper()
    facets.append(Facet("country", str(_("Country")), country, countries, approximate))
    return facets


# Deals and investments around one object -------------------------------------------------------


def recent_deals(user: Any, n: int = 6) -> list[Deal]:
    return list(deals(user).order_by("-date", "id")[:n])


def recent_investments(n: int = 6) -> list[Investment]:
    return with_investors(investments().order_by("-date", "id")[:n])


@dataclasses.dataclass(frozen=True)
class Group:
    """Where an organisation sits in its group: its parent (if any) and its members (the
    organisations affiliated directly below it)."""

    parent: Organization | None
    relation: str
    members: tuple[Organization, ...]

    def ids(self, organization: Organization) -> set[str]:
        return {organization.pk, *(m.pk for m in self.members)}


def group_of(organization: Organization) -> Group:
    """The organisation's group, in one query."""
    links = list(
        Affiliation.objects.filter(Q(organization=organization) | Q(parent=organization))
        .select_related("organization", "parent")
        .order_by("organization__name")
    )
    up = next((a for a in links if a.organization_id == organization.pk), None)
    return Group(
        parent=up.parent if up else None,
        relation=up.get_relation_display() if up else "",
        members=tuple(a.organization for a in links if a.parent_id == organization.pk),
    )


def deals_of(user: Any, organization: Organization, group: Group | None = None) -> list[Deal]:
    """The deals the organisation or one of its group members is a party to, newest first."""
    ids = (group or group_of(organization)).ids(organization)
    rows = deals(user).filter(Q(licensor_id__in=ids) | Q(licensee_id__in=ids))
    return list(rows.order_by("-date", "id"))


def deals_of_asset(user: Any, asset: Asset) -> list[Deal]:
    """The deals about an asset (the caller has obtained it through the funnel)."""
    return list(deals(user).filter(asset_id=asset.pk))


def investments_received(organization: Organization) -> list[Investment]:
    return with_investors(investments().filter(recipient=organization).order_by("-date", "id"))


def investments_made(organization: Organization) -> list[Investment]:
    return with_investors(investments().filter(investors=organization).order_by("-date", "id"))
