"""The site finder over its precomputed facts answers exactly what the plain join over trials,
sites and people answers (counts, scores and the people named), after an import, a changed
re-import and a full rebuild."""

from __future__ import annotations

import time_machine
from django.db.models import Count

from dari.directory.models import Organization
from dari.trials.domain.queries import SiteSearch, find_sites, matching_conditions
from dari.trials.domain.stats import PERSON_COLUMNS, refresh_site_facts
from dari.trials.engine import SiteFacts, SiteQuery, TrialFacts, count_trials, rank_sites
from dari.trials.importer import import_files
from dari.trials.models import Investigator, InvestigatorFact, SiteProfile, Trial, TrialSite
from dari.trials.vocab import SITE_ROLES
from tests.trials.synthetic import CONDITIONS, generate, page, study

KR = "Korea, Republic of"
NOW = "2025-06-01T00:00:00Z"
SEARCHES = [
    SiteSearch(condition="위암", phase="2"),
    SiteSearch(condition="gastric cancer", phase="1", top=50),
    SiteSearch(condition="breast cancer"),
    SiteSearch(condition="type 2 diabetes", phase="3", intervention_type="DRUG"),
    SiteSearch(condition="atopic dermatitis", country=""),
    SiteSearch(condition="rheumatoid arthritis", phase="2", city="Seoul", top=3),
]


def _expected_people(search: SiteSearch, org_id: str) -> list[tuple[str, int]]:
    """The people at a site for the condition's trials, by the plain join (site roles only)."""
    trials = Trial.objects.filter(
        condition_key__in=matching_conditions(search.condition).values("key")
    )
    if search.phase:
        trials = trials.filter(phase_codes__contains=f"|{search.phase}|")
    if search.intervention_type:
        trials = trials.filter(intervention_types__contains=f"|{search.intervention_type}|")
    rows = (
        Investigator.objects.filter(
            organization_id=org_id, trial__in=trials.values("pk"), role__in=SITE_ROLES
        )
        .values_list("name")
        .annotate(n=Count("trial", distinct=True))
        .order_by("-n", "name")
    )
    return [(name, n) for name, n in rows[:5]]


def _expected_ranking(search: SiteSearch) -> list[tuple[str, float, int, int]]:
    """The ranking from every site row of the condition's trials, counted in Python."""
    keys = matching_conditions(search.condition).values("key")
    site_rows = TrialSite.objects.filter(
        trial__condition_key__in=keys, organization__isnull=False
    ).select_related("trial")
    if search.country:
        site_rows = site_rows.filter(country=search.country)
    if search.intervention_type:
        site_rows = site_rows.filter(
            trial__intervention_types__contains=f"|{search.intervention_type}|"
        )
    by_org: dict[str, list[TrialFacts]] = {}
    for s in site_rows:
        t = s.trial
        by_org.setdefault(s.organization_id, []).append(
            TrialFacts(
                t.pk,
                frozenset(c for c in t.phase_codes.split("|") if c),
                t.start_year,
                t.sponsor_class == "INDUSTRY",
                t.status,
                s.status,
                t.enrollment,
            )
        )
    units = set(SiteProfile.objects.filter(phase1_unit=True).values_list("pk", flat=True))
    sites = [
        SiteFacts(
            org.pk,
            org.name,
            org.name_ko,
            org.city,
            org.cluster_id or "",
            org.pk in units,
            count_trials(by_org[org.pk], search.phase or None),
        )
        for org in Organization.objects.filter(pk__in=list(by_org))
    ]
    query = SiteQuery(search.phase or None, 2025, search.city, search.cluster)
    return [
        (s.organization_id, s.score, s.trials, s.phase_trials)
        for s in rank_sites(sites, query, top=search.top)
    ]


def _check_every_search() -> None:
    with time_machine.travel(NOW, tick=False):
        for search in SEARCHES:
            found = find_sites(search)
            assert [(s.organization_id, s.score, s.trials, s.phase_trials) for s in found] == (
                _expected_ranking(search)
            ), search
            assert found, search
            for s in found:
                assert s.investigators == _expected_people(search, s.organization_id), search


def _people_facts() -> list[tuple[str, str, str, str, str, str]]:
    return sorted(InvestigatorFact.objects.values_list(*PERSON_COLUMNS))


def test_the_facts_answer_like_the_join_after_import_update_and_rebuild(db, write_json):
    studies = generate(300, seed=7, n_sites=12)
    officials = [
        # An overall official at a site, one who is not a site role, one nowhere known.
        {"name": "SYNTHETIC Official PI", "role": "PRINCIPAL_INVESTIGATOR",
         "affiliation": "Samsung Medical Center"},
        {"name": "SYNTHETIC Director", "role": "STUDY_DIRECTOR",
         "affiliation": "Samsung Medical Center"},
        {"name": "SYNTHETIC Elsewhere", "role": "PRINCIPAL_INVESTIGATOR",
         "affiliation": "Nowhere Institute"},
    ]  # fmt: skip
    studies += [
        study(
            f"NCT9500000{i}",
            condition=CONDITIONS[0],
            phases=["PHASE1", "PHASE2"],
            sites=[("Samsung Medical Center", "Seoul", KR), ("Asan Medical Center", "Seoul", KR)],
            officials=officials,
        )
        for i in range(3)
    ]
    with time_machine.travel(NOW, tick=False):
        import_files([write_json("p1.json", page(studies))])
    _check_every_search()
    assert InvestigatorFact.objects.filter(name="SYNTHETIC Official PI").count() == 3
    assert InvestigatorFact.objects.filter(name="SYNTHETIC Director").count() == 0

    # A study changed upstream: its people and phase change, and so do its facts.
    changed = study(
        "NCT95000000",
        condition=CONDITIONS[0],
        phases=["PHASE2"],
        sites=[("Asan Medical Center", "Seoul", KR)],
    )
    with time_machine.travel("2025-06-02T00:00:00Z", tick=False):
        import_files([write_json("p2.json", page([changed]))])
    assert InvestigatorFact.objects.filter(name="SYNTHETIC Official PI").count() == 2
    _check_every_search()

    imported = _people_facts()
    refresh_site_facts()
    assert _people_facts() == imported
    _check_every_search()
