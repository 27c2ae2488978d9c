"""National targets: the bundled file, the loader, progress, observations, page and API."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.utils import translation
from django.utils.html import escape

from dari.curation.models import Candidate
from dari.insights.bundled import TARGETS_FILE, load_targets
from dari.insights.domain.errors import InsightsError
from dari.insights.domain.targets import add_observation, target_progress, targets_progress
from dari.insights.models import NationalTarget, Observation
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_every_bundled_target_and_observation_names_a_public_source():
    data = json.loads(TARGETS_FILE.read_text(encoding="utf-8"))
    assert data["format"] == "dari-targets/1"
    for t in data["targets"]:
        assert t["sources"] and all(u.startswith(("http://", "https://")) for u in t["sources"])
        assert t["baseline"]["source"].startswith(("http://", "https://"))
        assert all(o["source"].startswith(("http://", "https://")) for o in t["observations"])


def test_load_targets_is_idempotent_and_keeps_observations_admins_added(admin_user):
    bundled = json.loads(TARGETS_FILE.read_text(encoding="utf-8"))["targets"]
    n = sum(len(t["observations"]) for t in bundled)
    assert load_targets() == {"targets created": 7, "observations created": n}
    exports = NationalTarget.objects.get(pk="pharma-exports-2027")
    add_observation(admin_user, exports.pk, dt.date(2026, 6, 30), 5.6, "https://example.org/h1")
    assert load_targets() == {"targets updated": 7, "observations updated": n}
    assert NationalTarget.objects.count() == 7
    assert Observation.objects.count() == n + 1
    assert [(o.date.year, o.value) for o in exports.observations.order_by("date")] == [
        (2023, 7.6),
        (2024, 9.27),
        (2025, 10.4),
        (2026, 5.6),
    ]


def test_load_targets_rejects_a_file_without_sources(tmp_path):
    bad = {"format": "dari-targets/1", "targets": [{
        "id": "x", "name": "X", "metric": "m", "unit": "u", "sources": [],
        "target": {"value": 1, "year": 2027}, "baseline": {"value": 0, "year": 2022},
    }]}  # fmt: skip
    path = tmp_path / "t.json"
    path.write_text(json.dumps(bad))
    with pytest.raises(InsightsError, match=r"targets\[0\]\.sources"):
        load_targets(path)
    assert NationalTarget.objects.count() == 0


def make_target(**kw):
    fields = dict(id="t", name="T", metric="m", unit="USD billion", target_value=16,
                  target_year=2027, baseline_value=8, baseline_year=2022)  # fmt: skip
    fields.update(kw)
    return NationalTarget.objects.create(**fields)


def obs(target, year, value):
    return Observation.objects.create(
        target=target, date=dt.date(year, 12, 31), value=value, source="https://example.org"
    )


def test_progress_is_the_share_of_the_way_from_baseline_to_target():
    t = make_target()
    assert target_progress(t, [])["share"] == 0.0
    first, latest = obs(t, 2023, 6), obs(t, 2024, 10)
    p = target_progress(t, [latest, first])
    assert (p["current"], p["current_year"], p["share"], p["bar"], p["achieved"]) == (
        10,
        2024,
        0.25,
        0.25,
        False,
    )
    assert [o.value for o in p["observations"]] == [6, 10]
    behind = target_progress(t, [first])
    assert (behind["share"], behind["bar"]) == (-0.25, 0.0)


def test_progress_of_a_lower_is_better_rank():
    t = make_target(direction="lower", unit="rank", target_value=3, baseline_value=6)
    assert target_progress(t, [])["share"] == 0.0
    assert str(target_progress(t, [])["share"]) == "0.0"  # never "-0"
    p = target_progress(t, [obs(t, 2023, 4)])
    assert (p["share"], p["achieved"]) == (0.6667, False)
    p = target_progress(t, [obs(t, 2024, 2)])
    assert (p["share"], p["bar"], p["achieved"]) == (1.3333, 1.0, True)


@translation.override("en")
def test_only_curators_add_observations_with_a_source(admin_user):
    t = make_target()
    member = UserFactory(username="member")
    with pytest.raises(InsightsError, match="Only curators"):
        add_observation(member, t.pk, dt.date(2024, 12, 31), 9, "https://example.org")
    with pytest.raises(InsightsError, match="Only curators"):
        add_observation(None, t.pk, dt.date(2024, 12, 31), 9, "https://example.org")
    with pytest.raises(InsightsError) as raised:
        add_observation(admin_user, t.pk, dt.date(2024, 12, 31), 9, "KHIDI")
    assert (raised.value.field, raised.value.code) == ("source", "invalid")
    with pytest.raises(InsightsError) as raised:
        add_observation(admin_user, "nope", dt.date(2024, 12, 31), 9, "https://example.org")
    assert (raised.value.field, str(raised.value)) == (
        "target",
        "There is no national target 'nope'.",
    )
    o = add_observation(admin_user, t.pk, dt.date(2024, 12, 31), 9, "https://example.org", "n")
    assert (o.target_id, o.value, o.added_by, o.note) == ("t", 9, admin_user, "n")


def test_targets_progress_in_two_queries(django_assert_num_queries):
    load_targets()
    with django_assert_num_queries(2):
        progress = targets_progress()
    assert [p["target"].id for p in progress][:3] == [
        "blockbuster-drugs-2027",
        "global-top50-pharma-2027",
        "pharma-exports-2027",
    ]


def test_dashboard_shows_each_target_with_a_chart_and_no_form_for_members(client):
    load_targets()
    client.force_login(UserFactory(username="member"))
    html = client.get("/insights/").content.decode()
    assert html.count('<article class="panel target"') == 7
    # One chart and one progress bar (SVG: no style attribute under the CSP) per target.
    assert html.count('class="marks chart-svg"') == 7
    assert html.count('<svg class="progress"') == 7
    assert html.count("<svg") == 14
    assert 'id="add-observation"' not in html


def test_an_observation_proposed_on_the_dashboard_waits_for_review(client, admin_user):
    load_targets()
    client.force_login(admin_user)
    assert 'id="add-observation"' in client.get("/insights/").content.decode()
    bundled = Observation.objects.filter(target_id="pharma-bio-jobs-2027").count()
    response = client.post(
        "/insights/observations/add",
        {"target": "pharma-bio-jobs-2027", "date": "2024-12-31",
         "value": "125000", "source": "https://www.khidi.or.kr/jobs", "note": ""},
    )  # fmt: skip
    assert response.status_code == 302
    # Queued, not shown: the dashboard and the API still show the bundled figures only.
    assert Observation.objects.filter(target_id="pharma-bio-jobs-2027").count() == bundled
    assert "khidi.or.kr/jobs" not in client.get("/insights/").content.decode()
    assert "khidi.or.kr/jobs" not in client.get("/api/insights/targets").content.decode()
    (candidate,) = Candidate.objects.filter(kind="observation")
    assert candidate.status == "pending"
    assert candidate.extracted == {
        "target": "pharma-bio-jobs-2027", "date": "2024-12-31", "value": 125000.0, "note": "",
    }  # fmt: skip


def test_a_bad_proposal_names_its_field_and_writes_nothing(client, admin_user):
    load_targets()
    client.force_login(admin_user)
    response = client.post(
        "/insights/observations/add",
        {"target": "pharma-bio-jobs-2027", "date": "1950-12-31", "value": "1",
         "source": "https://www.khidi.or.kr/jobs"},
        HTTP_ACCEPT_LANGUAGE="en",
    )  # fmt: skip
    assert response.status_code == 200
    assert "too far from the target" in response.content.decode()
    assert not Candidate.objects.exists()


def test_members_cannot_post_observations(client):
    load_targets()
    bundled = Observation.objects.filter(target_id="pharma-bio-jobs-2027").count()
    client.force_login(UserFactory(username="member"))
    response = client.post(
        "/insights/observations/add",
        {"target": "pharma-bio-jobs-2027", "date": "2024-12-31", "value": "1",
         "source": "https://example.org"},
    )  # fmt: skip
    assert response.status_code == 404
    assert Observation.objects.filter(target_id="pharma-bio-jobs-2027").count() == bundled


@pytest.mark.parametrize("language", ["ko", "en"])
def test_every_bundled_target_reads_in_the_readers_language(client, language):
    load_targets()
    client.cookies["django_language"] = language
    html = client.get("/insights/").content.decode()
    data = json.loads(TARGETS_FILE.read_text(encoding="utf-8"))
    korean = language == "ko"
    for t in data["targets"]:
        texts = [t["metric_ko"], t["note_ko"], t["plan_ko"]]
        texts += [o["note_ko"] for o in t["observations"] if o.get("note")]
        others = [t["metric"], t["note"], t["plan"]]
        others += [o["note"] for o in t["observations"] if o.get("note")]
        shown, hidden = (texts, others) if korean else (others, texts)
        for text in shown:
            assert text and escape(text) in html, (t["id"], text)
        for text in hidden:
            assert escape(text) not in html, (t["id"], text)


def test_api_lists_targets_with_observations_and_progress(client):
    t = make_target(id="exports", name_ko="수출", sources=["https://example.org/plan"])
    Observation.objects.create(
        target=t, date=dt.date(2024, 12, 31), value=10, source="https://example.org/2024",
        note="n",
    )  # fmt: skip
    response = client.get("/api/insights/targets")
    assert response.status_code == 200
    assert response.json() == [
        {
            "id": "exports", "name": "T", "name_ko": "수출", "plan": "", "plan_ko": "",
            "metric": "m", "metric_ko": "", "unit": "USD billion", "direction": "higher", "baseline_value": 8.0,
            "baseline_year": 2022, "baseline_source": "", "target_value": 16.0,
            "target_year": 2027, "latest_value": 10.0, "latest_year": 2024, "progress": 0.25,
            "achieved": False, "note": "", "note_ko": "", "sources": ["https://example.org/plan"],
            "observations": [{"date": "2024-12-31", "value": 10.0,
                              "source": "https://example.org/2024", "note": "n",
                              "note_ko": ""}],
        }
    ]  # fmt: skip
