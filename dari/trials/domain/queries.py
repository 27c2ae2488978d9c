"""Read models of the trials app for pages, the API and the command line (no writes).

Trials and sites are public registry records; an asset a trial tests is named only through
`dari.trials.access.visible_trial_assets` (the directory's funnel)."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from django.db import connection
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from dari.core.names import recorded_city
from dari.directory.access import AssetRef
from dari.directory.models import Organization
from dari.trials.access import visible_trial_assets
from dari.trials.domain.reasons import reason_text
from dari.trials.engine import SiteCounts, SiteFacts, SiteQuery, condition_terms, rank_sites
from dari.trials.models import (
    ConditionText,
    Investigator,
    InvestigatorFact,
    SiteFact,
    SiteProfile,
    Trial,
    TrialSite,
)

PHASES = ("1", "2", "3", "4")


@dataclass(frozen=True)
class TrialFilters:
    q: str = ""
    condition: str = ""
    phase: str = ""
    status: str = ""
    sponsor: str = ""
    site: str = ""
    year: int | None = None
    korea: bool = False
    intervention_type: str = ""
    updated_since: dt.datetime | None = None


def condition_filter(text: str) -> Q:
    """Trials whose conditions, MeSH terms or keywords contain one of the text's terms."""
    terms = condition_terms(text)
    condition = Q(pk__in=[])
    for term in terms:
        condition |= Q(condition_text__contains=term)
    return condition


def trials(f: TrialFilters | None = None) -> QuerySet[Trial]:
    """Trials narrowed by the filters, newest start first."""
    f = f or TrialFilters()
    rows = Trial.objects.all()
    if f.q:
        rows = rows.filter(Q(title__icontains=f.q) | Q(pk__iexact=f.q) | condition_filter(f.q))
    if f.condition:
        rows = rows.filter(condition_filter(f.condition))
    if f.phase:
        rows = rows.filter(phase_codes__contains=f"|{f.phase}|")
    if f.status:
        rows = rows.filter(status=f.status)
    if f.sponsor:
        rows = rows.filter(Q(lead_sponsor_id=f.sponsor) | Q(collaborators__pk=f.sponsor))
    if f.site:
        rows = rows.filter(sites__organization_id=f.site)
    if f.year:
        rows = rows.filter(start_year=f.year)
    if f.korea:
        rows = rows.filter(in_korea=True)
    if f.intervention_type:
        rows = rows.filter(intervention_types__contains=f"|{f.intervention_type}|")
    if f.updated_since:
        rows = rows.filter(updated__gte=f.updated_since)
    if f.sponsor or f.site:
        rows = rows.distinct()
    return rows.select_related("lead_sponsor").order_by(F("start_date").desc(nulls_last=True), "id")


@dataclass(frozen=True)
class SiteRow:
    organization_id: str | None
    name: str
    name_ko: str
    facility: str
    city: str
    country: str
    status: str


@dataclass(frozen=True)
class TrialDetail:
    trial: Trial
    sites: list[SiteRow]
    investigators: list[Investigator]
    collaborators: list[Organization]
    assets: list[AssetRef]

    @property
    def site_statuses(self) -> bool:
        """Whether the registry gives any site's recruiting status (else no column for it)."""
        return any(s.status for s in self.sites)


def trial_detail(user: Any, trial_id: str) -> TrialDetail:
    """One trial with its sites, people, collaborators and the assets the user may see;
    Trial.DoesNotExist when there is none."""
    trial = Trial.objects.select_related("lead_sponsor").get(pk=trial_id)
    sites = [
        SiteRow(
            s.organization_id,
            s.organization.name if s.organization else "",
            s.organization.name_ko if s.organization else "",
            s.facility,
            s.city,
            s.country,
            s.status,
        )
        for s in trial.sites.select_related("organization").order_by("country", "city", "facility")
    ]
    links = visible_trial_assets(user).filter(trial_id=trial.pk).order_by("visible_asset_name")
    return TrialDetail(
        trial=trial,
        sites=sites,
        investigators=list(trial.investigators.order_by("role", "name")),
        collaborators=list(trial.collaborators.order_by("name")),
        assets=[AssetRef(link.visible_asset_id, link.visible_asset_name) for link in links],
    )


def trials_of_asset(asset_id: str) -> list[Trial]:
    """The trials that test an asset the caller has already obtained through the funnel."""
    return list(
        Trial.objects.filter(asset_links__asset_id=asset_id)
        .select_related("lead_sponsor")
        .order_by(F("start_date").desc(nulls_last=True), "id")
    )


@dataclass(frozen=True)
class SiteResult:
    organization_id: str
    name: str
    name_ko: str
    city: str
    cluster_id: str
    score: float
    trials: int
    phase_trials: int
    reasons: list[str]
    investigators: list[tuple[str, int]]

    def as_json(self) -> dict[str, Any]:
        return {
            "organization": self.organization_id,
            "name": self.name,
            "name_ko": self.name_ko,
            "city": self.city,
            "cluster": self.cluster_id or None,
            "score": self.score,
            "trials": self.trials,
            "phase_trials": self.phase_trials,
            "reasons": self.reasons,
            "investigators": [{"name": n, "trials": k} for n, k in self.investigators],
        }


@dataclass(frozen=True)
class SiteSearch:
    condition: str
    phase: str = ""
    country: str = "KR"
    city: str = ""
    cluster: str = ""
    intervention_type: str = ""
    top: int = 20


def matching_conditions(text: str) -> QuerySet[ConditionText]:
    """The distinct condition texts that contain one of the text's terms (their `key`s
    select trials and site facts; each text is matched once, however many trials share it)."""
    condition = Q(pk__in=[])
    for term in condition_terms(text):
        condition |= Q(text__contains=term)
    return ConditionText.objects.filter(condition)


TOTALS = ("trials", "industry", "recruiting", "stopped", "phase1")


def find_sites(search: SiteSearch) -> list[SiteResult]:
    """Sites ranked for a condition and phase, best first, each with its reasons.

    The database matches the condition against the distinct condition texts, then counts each
    site's trials of those texts in the precomputed site facts and hands over the start year
    and planned enrolment of those in the phase asked (so that recent trials can weigh more and
    the median can be taken); the people the registry names are counted for the top sites
    only, from their own precomputed facts.
    """
    if not condition_terms(search.condition):
        return []
    keys = matching_conditions(search.condition).values("key")
    facts = SiteFact.objects.filter(condition_key__in=keys).order_by()
    if search.intervention_type:
        facts = facts.filter(intervention_types__contains=f"|{search.intervention_type}|")
    if search.country:
        facts = facts.filter(country=search.country)
    in_phase = Q(phase_codes__contains=f"|{search.phase}|") if search.phase else Q()
    totals = {
        row[0]: row[1:]
        for row in facts.values_list("organization_id").annotate(
            # Counts of a column of the covering index (never null), not of the id, which
            # that index lacks: PostgreSQL would visit the table for every fact.
            trials=Count("organization"),
            industry=Count("organization", filter=Q(industry=True)),
            recruiting=Count("organization", filter=Q(recruiting=True)),
            stopped=Count("organization", filter=Q(stopped=True)),
            phase1=Count("organization", filter=Q(phase_codes__contains="|1|")),
        )
    }
    if not totals:
        return []
    years, enrolments = _phase_facts(facts.filter(in_phase))
    sites = [
        SiteFacts(
            organization_id=org["id"],
            name=org["name"],
            name_ko=org["name_ko"],
            city=org["city"],
            cluster_id=org["cluster_id"] or "",
            phase1_unit=bool(org["site_profile__phase1_unit"]),
            counts=SiteCounts(
                **dict(zip(TOTALS, totals[org["id"]], strict=True)),
                phase_years=tuple(sorted(years[org["id"]].items(), key=lambda yn: yn[0] or 0)),
                enrolments=enrolments[org["id"]],
            ),
        )
        for org in Organization.objects.filter(pk__in=list(totals)).values(
            "id", "name", "name_ko", "city", "cluster_id", "site_profile__phase1_unit"
        )
    ]
    query = SiteQuery(
        phase=search.phase or None,
        year=timezone.now().year,
        city=recorded_city(search.city),
        cluster_id=search.cluster,
    )
    ranked = rank_sites(sites, query, top=search.top)
    people = _site_investigators([s.organization_id for s in ranked], keys, search)
    return [
        SiteResult(
            organization_id=s.organization_id,
            name=s.name,
            name_ko=s.name_ko,
            city=s.city,
            cluster_id=s.cluster_id,
            score=s.score,
            trials=s.trials,
            phase_trials=s.phase_trials,
            reasons=[reason_text(r, search.phase or None) for r in s.reasons if r.points],
            investigators=people.get(s.organization_id, []),
        )
        for s in ranked
    ]


def _phase_facts(
    facts: QuerySet[SiteFact],
) -> tuple[dict[str, dict[int | None, int]], dict[str, tuple[int, ...]]]:
    """Each site's trials in the phase asked by start year, and their planned enrolments.

    One pass over the facts' rows, read through the cursor: a broad condition has tens of
    thousands of them, and model-free rows cost a fraction of the ORM's per-row work."""
    sql, params = facts.values_list(
        "organization_id", "start_year", "enrollment"
    ).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    # Plain dicts and tuples of numbers, which the garbage collector stops tracking (see
    # dari.trials.engine.sitefinder.Feature).
    years: dict[str, dict[int | None, int]] = defaultdict(dict)
    for (org_id, year), n in Counter(map(itemgetter(0, 1), rows)).items():
        years[org_id][year] = n
    lists: dict[str, list[int]] = defaultdict(list)
    for org_id, _year, enrollment in rows:
        if enrollment is not None and enrollment > 0:
            lists[org_id].append(enrollment)
    enrolments = defaultdict(tuple, {org_id: tuple(values) for org_id, values in lists.items()})
    return years, enrolments


def _site_investigators(
    org_ids: list[str], keys: QuerySet[ConditionText], search: SiteSearch, top: int = 5
) -> dict[str, list[tuple[str, int]]]:
    """The people the registry names at each site (in a site role) for the trials of the
    condition texts, in the phase and of the intervention type asked, most trials first."""
    people = InvestigatorFact.objects.filter(organization_id__in=org_ids, condition_key__in=keys)
    if search.phase:
        people = people.filter(phase_codes__contains=f"|{search.phase}|")
    if search.intervention_type:
        people = people.filter(intervention_types__contains=f"|{search.intervention_type}|")
    rows = (
        people.values_list("organization_id", "name")
        .annotate(n=Count("trial", distinct=True))
        .order_by("organization_id", "-n", "name")
    )
    out: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for org_id, name, n in rows:
        if len(out[org_id]) < top:
            out[org_id].append((name, n))
    return out


STAGE_PHASE = {"phase1": "1", "phase2": "2", "phase3": "3", "preclinical": "1", "filed": "3"}


def sites_for_asset(asset: Any, top: int = 5) -> tuple[str, str, list[SiteResult]]:
    """(indication, phase, sites) for an asset in or entering the clinic: sites with
    experience in its first indication at the phase it is in (or enters); none otherwise."""
    phase = STAGE_PHASE.get(asset.stage or "", "")
    indications = [i for i in (asset.indications or []) if condition_terms(i)]
    if not phase or not indications:
        return "", "", []
    for indication in indications:
        found = find_sites(SiteSearch(condition=indication, phase=phase, top=top))
        if found:
            return indication, phase, found
    return indications[0], phase, []


@dataclass(frozen=True)
class SiteProfileView:
    organization: Organization
    profile: SiteProfile | None
    trials: int
    recruiting: int
    by_area: list[dict[str, Any]]
    by_phase_year: list[dict[str, Any]]
    recent: list[Trial]
    investigators: list[tuple[str, int]] = field(default_factory=list)


def site_profile(org_id: str) -> SiteProfileView:
    """A site's trials by area and by phase over time; Organization.DoesNotExist if none."""
    org = Organization.objects.select_related("cluster").get(pk=org_id)
    profile = SiteProfile.objects.filter(organization_id=org_id).first()
    ids = TrialSite.objects.filter(organization_id=org_id).values("trial_id")
    rows = Trial.objects.filter(pk__in=ids)
    by_area = list(rows.values("area").annotate(n=Count("pk")).order_by("-n", "area"))
    counts: dict[tuple[int, str], int] = defaultdict(int)
    for codes, year, n in rows.values_list("phase_codes", "start_year").annotate(n=Count("pk")):
        phases = [c for c in codes.split("|") if c] or ["-"]
        if year is not None:
            counts[(year, max(phases))] += n
    by_phase_year = [{"year": y, "phase": p, "n": n} for (y, p), n in sorted(counts.items())]
    people = (
        Investigator.objects.filter(organization_id=org_id)
        .values("name")
        .annotate(n=Count("trial", distinct=True))
        .order_by("-n", "name")[:10]
    )
    return SiteProfileView(
        organization=org,
        profile=profile,
        trials=rows.count(),
        recruiting=TrialSite.objects.filter(organization_id=org_id, status="RECRUITING").count(),
        by_area=by_area,
        by_phase_year=by_phase_year,
        recent=list(
            rows.select_related("lead_sponsor").order_by(
                F("start_date").desc(nulls_last=True), "id"
            )[:20]
        ),
        investigators=[(p["name"], p["n"]) for p in people],
    )


def sites() -> QuerySet[Organization]:
    """Organisations that are trial sites (a bundled site list entry or a registry site)."""
    return Organization.objects.filter(site_profile__isnull=False).order_by("name")


def korea_share_by_year(industry_only: bool = True) -> list[dict[str, Any]]:
    """Per start year: imported trials, those with a Korean site, and Korea's share (%)."""
    rows = Trial.objects.filter(start_year__isnull=False)
    if industry_only:
        rows = rows.filter(sponsor_class="INDUSTRY")
    out = []
    for r in (
        rows.values("start_year")
        .annotate(total=Count("pk"), korea=Count("pk", filter=Q(in_korea=True)))
        .order_by("start_year")
    ):
        share = round(100 * r["korea"] / r["total"], 2) if r["total"] else 0.0
        out.append(
            {"year": r["start_year"], "total": r["total"], "korea": r["korea"], "share": share}
        )
    return out
