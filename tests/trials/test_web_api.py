"""Trials through the API and the pages, in English and Korean, and the leak tests: an asset a
trial tests is named only to those who may see it (never a members-only asset to anyone else)."""

from __future__ import annotations

import pytest
import time_machine

from dari.directory.access import visible_assets
from dari.trials.importer import import_files
from dari.trials.models import Trial, TrialAsset
from tests.factories import AssetFactory, ClusterFactory, OrganizationFactory
from tests.trials.synthetic import page, study

pytestmark = pytest.mark.django_db

KR = "Korea, Republic of"


@pytest.fixture
def loaded(db, write_json):
    studies = [
        study("NCT95000001", phases=["PHASE2"], sites=[("Asan Medical Center", "Seoul", KR)]),
        study(
            "NCT95000002",
            phases=["PHASE3"],
            status="COMPLETED",
            sites=[("Asan Medical Center", "Seoul", KR)],
        ),
    ]
    import_files([write_json("p.json", page(studies))])
    return Trial.objects.get(pk="NCT95000001")


def test_api_lists_filters_and_shows_a_trial(client, loaded):
    body = client.get("/api/trials", {"phase": "2", "condition": "위암"}).json()
    assert (body["count"], [t["id"] for t in body["items"]]) == (1, ["NCT95000001"])
    assert client.get("/api/trials", {"korea": "true"}).json()["count"] == 2
    one = client.get("/api/trials/NCT95000001").json()
    assert (one["status"], one["phases"], one["in_korea"]) == ("RECRUITING", ["PHASE2"], True)
    assert [(s["name"], s["status"]) for s in one["sites"]] == [
        ("Asan Medical Center", "RECRUITING")
    ]
    assert one["investigators"] == [
        {
            "name": "SYNTHETIC PI 0 Asan M",
            "role": "PRINCIPAL_INVESTIGATOR",
            "affiliation": "Asan Medical Center",
            "organization": one["sites"][0]["organization"],
        }
    ]


def test_api_errors_have_the_one_shape(client, loaded):
    missing = client.get("/api/trials/NCT00000000")
    assert (missing.status_code, missing.json()) == (
        404,
        {"detail": "Not found: trial 'NCT00000000'", "errors": []},
    )
    bad = client.get("/api/sites", {"condition": "x", "phase": "7"})
    assert bad.status_code == 400
    assert [e["field"] for e in bad.json()["errors"]] == ["phase"]


def test_api_sites(client, loaded):
    body = client.get("/api/sites", {"condition": "gastric cancer", "phase": "2"}).json()
    assert [(s["name"], s["trials"], s["phase_trials"]) for s in body] == [
        ("Asan Medical Center", 2, 1)
    ]
    assert sorted(body[0]["reasons"]) == [
        "1 competing trial recruiting now",
        "1 matching phase 2 trial (2023)",
        "100% industry-sponsored",
        "2 trials of this condition in any phase",
        "median planned enrolment 120",
    ]


@pytest.mark.parametrize("language", ["en", "ko"])
def test_pages_in_both_languages(client, loaded, language):
    site = loaded.sites.get().organization_id
    pages = {
        "/trials/": "NCT95000002",
        "/trials/?phase=2&korea=on": "NCT95000001",
        "/trials/NCT95000001/": "Asan Medical Center",
        "/trials/sites/?condition=위암&phase=2": "Asan Medical Center",
        f"/trials/sites/{site}/": "<svg",
        "/trials/korea/": "3.46",
    }
    for url, expected in pages.items():
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
        assert (url, response.status_code) == (url, 200)
        assert expected in response.content.decode()
    title = {"en": "Site finder", "ko": "임상시험 기관 찾기"}[language]
    assert title in client.get("/trials/sites/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert client.get("/trials/NOPE/").status_code == 404
    assert client.get("/trials/?phase=9").status_code == 400


def test_an_asset_page_lists_its_trials_and_sites(client, loaded):
    owner = OrganizationFactory(id="org-syn-owner", name="SYNTHETIC Owner")
    asset = AssetFactory(
        id="as-syn",
        organization=owner,
        name="SYN-101 asset",
        visibility="public",
        stage="phase2",
        indications=["Gastric cancer"],
    )
    TrialAsset.objects.create(trial=loaded, asset=asset)
    html = client.get("/assets/as-syn/").content.decode()
    assert "NCT95000001" in html
    assert "/trials/asset-sites/as-syn/" in html
    # The sites sit beside the likely partners: both sections in one two-column block.
    beside = html.split('<div class="beside">', 1)[1]
    assert beside.index('class="likely-partners"') < beside.index('class="experienced-sites"')
    sites = client.get("/trials/asset-sites/as-syn/", HTTP_HX_REQUEST="true").content.decode()
    assert "Asan Medical Center" in sites


def test_a_trial_links_an_asset_named_by_its_intervention(write_json, db):
    owner = OrganizationFactory(id="org-syn-owner", name="SYNTHETIC Owner")
    AssetFactory(id="as-named", organization=owner, name="Synthetimab")
    s = study("NCT95000009", intervention=("BIOLOGICAL", "SYNTHETIMAB"))
    import_files([write_json("p.json", page([s]))])
    assert list(TrialAsset.objects.values_list("trial_id", "asset_id")) == [
        ("NCT95000009", "as-named")
    ]


def test_an_asset_is_named_through_trials_only_to_those_who_may_see_it(
    client, leak_world, write_json
):
    import_files(
        [write_json("p.json", page([study("NCT95000100", intervention=("DRUG", "SYN-55"))]))]
    )
    trial = Trial.objects.get()
    assets = leak_world["assets"]
    for asset in assets.values():
        asset.stage, asset.indications = "phase2", ["Gastric cancer"]
        asset.save()
        TrialAsset.objects.create(trial=trial, asset=asset)
    seen_by = {}
    for who in [None, *leak_world["users"]]:
        client.logout()
        user = None
        if who:
            user = leak_world["users"][who]
            client.force_login(user)
        expected = set(
            visible_assets(user)
            .filter(pk__in=[a.pk for a in assets.values()])
            .values_list("pk", flat=True)
        )
        html = client.get("/trials/NCT95000100/").content.decode()
        api = client.get("/api/trials/NCT95000100")
        shown = {a["id"] for a in api.json()["assets"]}
        assert shown == expected, who
        for asset in assets.values():
            status = client.get(
                f"/trials/asset-sites/{asset.pk}/", HTTP_HX_REQUEST="true"
            ).status_code
            if asset.pk in expected:
                assert (who, asset.name in html, status) == (who, True, 200)
            else:
                assert (
                    who,
                    asset.pk in html,
                    asset.name in html,
                    asset.pk in api.content.decode(),
                    status,
                ) == (who, False, False, False, 404)
        seen_by[who] = sorted(expected)
    assert seen_by[None] == ["as-public"]
    for who in ("loner", "unverified", "pending", "removed"):
        assert seen_by[who] == ["as-public"]
    assert seen_by["owner"] == ["as-cda", "as-members", "as-partners", "as-public"]
    assert seen_by["stranger"] == ["as-members", "as-public"]


def test_api_lists_trials_updated_since(client, write_json):
    first = [study("NCT95000101"), study("NCT95000102")]
    with time_machine.travel("2026-03-01T00:00:00Z", tick=False):
        import_files([write_json("a.json", page(first))])
    changed = [study("NCT95000101"), study("NCT95000102", status="COMPLETED")]
    with time_machine.travel("2026-03-05T09:00:00Z", tick=False):
        import_files([write_json("b.json", page(changed))])

    def ids(since: str) -> list[str]:
        body = client.get("/api/trials", {"updated_since": since}).json()
        return sorted(t["id"] for t in body["items"])

    assert ids("2026-03-02") == ["NCT95000102"]
    # 18:00 in Seoul is 09:00 UTC: the time is read in UTC, with its offset.
    assert ids("2026-03-05T18:00:00+09:00") == ["NCT95000102"]
    assert ids("2026-03-05T18:00:01+09:00") == []
    assert ids("2026-01-01T00:00:00Z") == ["NCT95000101", "NCT95000102"]
    one = client.get("/api/trials", {"updated_since": "2026-03-02"}).json()["items"][0]
    assert one["updated"] == "2026-03-05T09:00:00Z"


def test_a_bad_updated_since_names_the_parameter(client, db):
    response = client.get("/api/trials", {"updated_since": "yesterday"})
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {
            "field": "updated_since",
            "code": "invalid_datetime",
            "message": "'yesterday' is not an ISO 8601 date or date-time",
        }
    ]


def test_a_sites_recruiting_status_reads_as_a_label_and_its_column_only_when_given(
    client, write_json, db
):
    """A site's recruiting status is named in the reader's language (never the registry's
    code); a trial whose registry gives no site status has no column of dashes. SYNTHETIC."""
    studies = [
        study("NCT95000011", sites=[("Asan Medical Center", "Seoul", KR)]),
        study("NCT95000012", status="TERMINATED", sites=[("Asan Medical Center", "Seoul", KR)]),
    ]
    import_files([write_json("p.json", page(studies))])
    english = client.get("/trials/NCT95000011/").content.decode()
    korean = client.get("/trials/NCT95000011/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert "Recruiting status" in english and "<td>Recruiting</td>" in english
    assert "<td>모집 중</td>" in korean
    assert ">RECRUITING<" not in english + korean
    no_status = client.get("/trials/NCT95000012/").content.decode()
    assert "Recruiting status" not in no_status


def test_the_site_finder_offers_clusters_in_the_readers_language(client, db):
    ClusterFactory(id="cl-songdo", name="Songdo Bio Cluster", name_ko="송도 바이오클러스터")
    ko = client.get("/trials/sites/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    en = client.get("/trials/sites/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<option value="cl-songdo">송도 바이오클러스터</option>' in ko
    assert '<option value="cl-songdo">Songdo Bio Cluster</option>' in en


def test_the_newest_trials_come_first_and_undated_ones_last(write_json, db):
    """PostgreSQL puts NULL first in a descending order: a site's "recent trials" opened
    with its undated (and oldest) studies."""
    from dari.trials.domain import queries

    studies = [
        study("NCT95000011", start="", sites=[("Asan Medical Center", "Seoul", KR)]),
        study("NCT95000012", start="2019-01", sites=[("Asan Medical Center", "Seoul", KR)]),
        study("NCT95000013", start="2025-03", sites=[("Asan Medical Center", "Seoul", KR)]),
    ]
    import_files([write_json("p.json", page(studies))])
    assert Trial.objects.get(pk="NCT95000011").start_date is None
    order = ["NCT95000013", "NCT95000012", "NCT95000011"]
    assert [t.pk for t in queries.trials()] == order
    site = Trial.objects.get(pk="NCT95000013").sites.get().organization_id
    assert [t.pk for t in queries.site_profile(site).recent] == order


@pytest.mark.parametrize(("language", "label"), [("en", "Phase 3"), ("ko", "임상 3상")])
def test_the_site_finder_names_its_phases(client, db, language, label):
    page = client.get("/trials/sites/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert f'<option value="3">{label}</option>' in page


def test_an_interventions_type_reads_in_the_readers_language(client, write_json, db):
    """ "SYN-101 (약물)" on a Korean page, "SYN-101 (drug)" on an English one. SYNTHETIC."""
    import_files([write_json("p.json", page([study("NCT95000021")]))])
    english = client.get("/trials/NCT95000021/").content.decode()
    korean = client.get("/trials/NCT95000021/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert "SYN-101 (drug)" in english and "SYN-101 (약물)" in korean


@pytest.mark.parametrize(
    ("language", "legend", "bar"),
    [
        ("en", "Match strength: the bar", "Match strength 10 of 10"),
        ("ko", "매칭 강도: 막대는", "매칭 강도 10점 만점에 10점"),
    ],
)
def test_a_site_shows_its_rank_as_the_strength_bar_not_a_bare_score(
    client, loaded, language, legend, bar
):
    """A raw score ("score 18.7") meant nothing to a reader: a site reads like the other
    ranked lists, a bar relative to the best site of the list, with the legend above."""
    html = client.get(
        "/trials/sites/?condition=위암&phase=2", HTTP_ACCEPT_LANGUAGE=language
    ).content.decode()
    meta = html.split('<span class="site-meta">', 1)[1].split("</li>", 1)[0]
    assert (
        legend in html.split('<ol class="site-results">', 1)[0],
        '<span class="strength-bar strength-10">' in meta,
        bar in meta,
        "score" in html.split('<ol class="site-results">', 1)[1],
        "점수" in html,
    ) == (True, True, True, False, False)
