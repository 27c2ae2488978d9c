"""Trials known from a reputable report (reports-*.json, dari-trial-reports/1): what the report
states and nothing more, every problem named with its file and path, nothing written on a bad
file, a second load changes nothing. All records here are SYNTHETIC."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from dari.trials.bundled import load_trial_folder
from dari.trials.importer import TrialImportError
from dari.trials.models import Trial, TrialAsset, TrialSite
from tests.factories import AssetFactory
from tests.getwalk import changed_tables, database_checksum
from tests.trials.conftest import SITES
from tests.trials.synthetic import page, study

pytestmark = pytest.mark.django_db


def report(reg_id: str, **fields) -> dict:
    return {
        "id": reg_id,
        "title": "SYNTHETIC phase 2 study of a test compound in gastric cancer",
        "phases": ["PHASE2"],
        "conditions": ["Gastric cancer"],
        "interventions": [{"type": "DRUG", "name": "SYN-101"}],
        "sponsor": "SYNTHETIC Biotech",
        "source_url": "https://example.org/synthetic-release",
        **fields,
    }


def reports(*items: dict) -> dict:
    return {"format": "dari-trial-reports/1", "trials": list(items)}


def test_a_reported_trial_keeps_what_the_report_states(write_json, tmp_path):
    asset = AssetFactory()
    write_json("bundle/sites.json", SITES)
    write_json("bundle/ctgov-0001.json", page([study("NCT92000001")]))
    write_json(
        "bundle/reports-synthetic.json",
        reports(
            report("NCT92000002", countries=["KR", "US"], korean_sites=["SNUH"], start="2023-05"),
            report(
                "KCT0009999",
                status="RECRUITING",
                status_as_of="2024-03-02",
                title_is_registry=True,
                enrollment=120,
            ),
        ),
    )
    write_json(
        "bundle/asset_links.json",
        {
            "format": "dari-trial-assets/1",
            "links": [{"trial": "NCT92000002", "asset": asset.pk, "source_url": "https://e.org/"}],
        },
    )
    counts = load_trial_folder(tmp_path / "bundle")
    assert counts["new"] == 3
    first = Trial.objects.get(pk="NCT92000002")
    assert (first.origin, first.status, first.title_is_description) == (
        "report",
        "NOT_STATED",
        True,
    )
    assert (first.in_korea, first.countries, first.start_date) == (
        True,
        "|KR|US|",
        dt.date(2023, 5, 1),
    )
    assert first.nct_id == "NCT92000002" and first.registry_url.endswith("/NCT92000002")
    assert list(
        TrialSite.objects.filter(trial=first).values_list("organization_id", flat=True)
    ) == ["org-snuh-test"]
    assert TrialAsset.objects.filter(trial=first, asset=asset).exists()
    second = Trial.objects.get(pk="KCT0009999")
    assert (second.cris_id, second.status, second.status_as_of, second.enrollment) == (
        "KCT0009999",
        "RECRUITING",
        dt.date(2024, 3, 2),
        120,
    )
    assert second.title_is_description is False and second.registry_url == ""
    before = database_checksum()
    load_trial_folder(tmp_path / "bundle")
    assert changed_tables(before, database_checksum()) == []


def test_a_bad_reports_file_names_each_problem_and_writes_nothing(write_json, tmp_path):
    write_json("bundle/ctgov-0001.json", page([study("NCT92000011")]))
    path = write_json(
        "bundle/reports-synthetic.json",
        reports(
            report("NCT123", phases=["PHASE9"]),
            report("NCT92000012", status="RECRUITING", countries=["Korea"]),
            report("NCT92000013", source_url="ftp://example.org/x", enrollment=-3, start="2023-13"),
            {"title": "no id"},
        ),
    )
    with pytest.raises(TrialImportError) as exc:
        load_trial_folder(tmp_path / "bundle")
    assert exc.value.errors == [
        f"{path}: trials[0].id: 'NCT123' is not a registry id (NCT…, KCT…, EudraCT, …)",
        f"{path}: trials[0].phases[0]: 'PHASE9' is not one of "
        "EARLY_PHASE1, PHASE1, PHASE2, PHASE3, PHASE4, NA",
        f"{path}: trials[1].status_as_of: required with a status (the report's date)",
        f"{path}: trials[1].countries[0]: 'Korea' is not an ISO country code",
        f"{path}: trials[2].start: '2023-13' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
        f"{path}: trials[2].enrollment: expected a whole number of participants",
        f"{path}: trials[2].source_url: not a web address (http:// or https://)",
        f"{path}: trials[3].id: required",
        f"{path}: trials[3].source_url: required",
    ]
    assert Trial.objects.count() == 0


def test_the_trial_page_says_it_is_known_from_a_report(write_json, tmp_path):
    write_json("bundle/ctgov-0001.json", page([study("NCT92000021")]))
    write_json(
        "bundle/reports-synthetic.json",
        reports(report("NCT92000022", status="COMPLETED", status_as_of="2022-01-31")),
    )
    load_trial_folder(tmp_path / "bundle")
    for language, phrases in {
        "en": ["Known from a published report", "as reported on 2022-01-31", "in Dari's words"],
        "ko": ["공개 보도로 알려진 임상시험", "2022-01-31 보도 기준", "보도에 실시기관이"],
    }.items():
        client = Client(HTTP_ACCEPT_LANGUAGE=language)
        html = client.get("/trials/NCT92000022/").content.decode()
        for phrase in phrases:
            assert phrase in html, (language, phrase)
        assert 'href="https://clinicaltrials.gov/study/NCT92000022"' in html
    listing = Client(HTTP_ACCEPT_LANGUAGE="ko").get("/trials/").content.decode()
    assert "보도 기반" in listing
