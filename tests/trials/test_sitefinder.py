"""The site finder: the pure ranking (reasons as codes and numbers) and `find_sites` over the
database (conditions in Korean or English, MeSH ids, filters, the command's JSON)."""

from __future__ import annotations

import json

import pytest
import time_machine
from django.core.management import call_command

from dari.trials.engine import (
    SiteFacts,
    SiteQuery,
    TrialFacts,
    condition_terms,
    count_trials,
    rank_sites,
)
from dari.trials.importer import import_files
from tests.trials.synthetic import CONDITIONS, page, study

KR = "Korea, Republic of"


def facts(
    i: int,
    phases: str = "2",
    year: int = 2024,
    industry: bool = True,
    status: str = "COMPLETED",
    site_status: str = "",
    enrollment: int | None = 100,
) -> TrialFacts:
    return TrialFacts(f"T{i}", frozenset(phases), year, industry, status, site_status, enrollment)


def site(org_id: str, name: str, trials: list[TrialFacts], phase: str | None, **extra) -> SiteFacts:
    return SiteFacts(org_id, name, counts=count_trials(trials, phase), **extra)


def test_ranking_prefers_experience_in_the_phase_and_says_why():
    busy = site("a", "Busy", [facts(i) for i in range(6)], "2")
    other_phase = site("b", "Other phase", [facts(i, phases="3") for i in range(9)], "2")
    troubled = site("c", "Troubled", [facts(i, status="TERMINATED") for i in range(6)], "2")
    ranked = rank_sites([other_phase, troubled, busy], SiteQuery(phase="2", year=2025))
    assert [s.organization_id for s in ranked] == ["a", "c", "b"]
    top = ranked[0]
    assert [r.code for r in top.reasons] == [
        "phase_trials",
        "industry_share",
        "all_trials",
        "median_enrolment",
    ]
    assert top.reasons[0].values == {"n": 6, "first": 2024, "last": 2024}
    stopped = {r.code: r for r in ranked[1].reasons}["stopped_share"]
    assert (stopped.values, stopped.points) == ({"share": 1.0}, -8.0)


def test_recruiting_competitors_lower_the_score_and_a_phase_1_unit_raises_it():
    calm = site("a", "Calm", [facts(1, "1"), facts(2, "1")], "1")
    crowded = site(
        "b",
        "Crowded",
        [facts(1, "1", site_status="RECRUITING"), facts(2, "1", status="RECRUITING")],
        "1",
    )
    unit = site("c", "Unit", [facts(1, "1"), facts(2, "1")], "1", phase1_unit=True)
    ranked = rank_sites([crowded, calm, unit], SiteQuery(phase="1", year=2025))
    assert [s.organization_id for s in ranked] == ["c", "a", "b"]
    unit_reason = {r.code: r for r in ranked[0].reasons}["phase1_unit"]
    assert (unit_reason.values, unit_reason.points) == ({"stated": 1, "n": 2}, 5.0)
    assert {r.code: r.values for r in ranked[2].reasons}["competing"] == {"n": 2}


def test_filters_by_city_and_cluster():
    sites = [
        site("a", "A", [facts(1)], None, city="Seoul", cluster_id="cl-x"),
        site("b", "B", [facts(1)], None, city="Busan"),
    ]
    assert [s.organization_id for s in rank_sites(sites, SiteQuery(None, 2025, city="busan"))] == [
        "b"
    ]
    assert [
        s.organization_id for s in rank_sites(sites, SiteQuery(None, 2025, cluster_id="cl-x"))
    ] == ["a"]


def test_a_city_finds_its_districts_too():
    sites = [
        site("a", "A", [facts(1)], None, city="Incheon (Songdo)"),
        site("b", "B", [facts(1)], None, city="Incheon"),
        site("c", "C", [facts(1)], None, city="Seoul"),
    ]
    found = rank_sites(sites, SiteQuery(None, 2025, city="incheon"))
    assert sorted(s.organization_id for s in found) == ["a", "b"]


def test_condition_terms_in_korean_english_and_mesh():
    assert condition_terms("위암")[:2] == ["gastric cancer", "stomach neoplasms"]
    assert condition_terms("진행성 위암")[:2] == ["진행성 위암", "gastric cancer"]
    assert condition_terms("Gastric Cancer")[:3] == [
        "gastric cancer",
        "stomach neoplasms",
        "stomach cancer",
    ]
    assert condition_terms("D013274") == ["d013274"]
    assert condition_terms("  ") == []


@pytest.fixture
def trials_loaded(db, write_json):
    gastric, diabetes = CONDITIONS[0], CONDITIONS[3]
    studies = [
        study(
            f"NCT9400000{i}",
            condition=gastric,
            phases=["PHASE2"],
            status="COMPLETED",
            start="2023-01",
            sites=[
                ("Asan Medical Center", "Seoul", KR),
                ("Pusan National University Hospital", "Busan", KR),
            ],
        )
        for i in range(3)
    ]
    studies += [
        study(
            "NCT94000010",
            condition=gastric,
            phases=["PHASE3"],
            status="COMPLETED",
            sites=[("Pusan National University Hospital", "Busan", KR)],
        ),
        study(
            "NCT94000011",
            condition=diabetes,
            phases=["PHASE2"],
            sites=[("Samsung Medical Center", "Seoul", KR)],
        ),
        study(
            "NCT94000012",
            condition=gastric,
            phases=["PHASE2"],
            sites=[("Mayo Clinic", "Rochester", "United States")],
        ),
    ]
    with time_machine.travel("2025-06-01T00:00:00Z", tick=False):
        import_files([write_json("p.json", page(studies))])


@pytest.mark.parametrize("condition", ["위암", "gastric cancer", "Stomach Neoplasms", "D013274"])
def test_the_command_ranks_sites_for_a_condition(trials_loaded, condition, capsys):
    with time_machine.travel("2025-06-01T00:00:00Z", tick=False):
        call_command("trials", "sites", "--condition", condition, "--phase", "2", "--json")
    out = json.loads(capsys.readouterr().out)
    assert [(s["name"], s["trials"]) for s in out] == [
        ("Pusan National University Hospital", 4),
        ("Asan Medical Center", 3),
    ]
    assert out[1]["reasons"] == [
        "3 matching phase 2 trials (2023)",
        "100% industry-sponsored",
        "3 trials of this condition in any phase",
        "median planned enrolment 120",
    ]
    assert out[1]["investigators"] == [
        {"name": "SYNTHETIC PI 0 Asan M", "trials": 3},
    ]
    assert set(out[0]) == {
        "organization",
        "name",
        "name_ko",
        "city",
        "cluster",
        "score",
        "trials",
        "phase_trials",
        "reasons",
        "investigators",
    }


def test_the_command_filters_and_finds_nothing(trials_loaded, capsys):
    call_command("trials", "sites", "--condition", "gastric cancer", "--city", "Busan", "--json")
    assert [s["name"] for s in json.loads(capsys.readouterr().out)] == [
        "Pusan National University Hospital"
    ]
    call_command("trials", "sites", "--condition", "gastric cancer", "--country", "US", "--json")
    assert [s["name"] for s in json.loads(capsys.readouterr().out)] == ["Mayo Clinic"]
    call_command("trials", "sites", "--condition", "psoriasis")
    assert capsys.readouterr().out == "no site found\n"


@pytest.mark.parametrize(
    ("language", "first", "last", "text"),
    [
        ("en", "2022", "2022", "1 matching phase 3 trial (2022)"),
        ("en", "2021", "2024", "1 matching phase 3 trial (2021–2024)"),
        ("ko", "2022", "2022", "해당 3상 임상시험 1건(2022)"),
    ],
)
def test_a_single_year_reads_as_one_year(language, first, last, text):
    from django.utils import translation

    from dari.trials.domain.reasons import reason_text
    from dari.trials.engine import Reason

    reason = Reason("phase_trials", 1.0, {"n": 1, "first": first, "last": last})
    with translation.override(language):
        assert reason_text(reason, "3") == text
