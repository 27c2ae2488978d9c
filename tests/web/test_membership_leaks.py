"""Until an account is a vetted member (verified address, confirmed membership) it sees
exactly what an anonymous visitor sees, through every channel that is not covered by the
list/detail leak tests (tests/web/test_leaks.py, tests/api/test_access.py run all states):
likely partners, recommended assets, exports, event suggestions, agenda, calendar feeds and
the refusals themselves. Each state stands next to assets of every visibility."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from dari.accounts.domain.tokens import create_token
from dari.events.domain.setup import create_event
from dari.events.models import Participant
from tests.factories import AssetFactory, OrganizationFactory, UserFactory
from tests.web.html import without_csrf

NOT_VETTED = ["unverified", "loner", "pending", "removed"]
SECRETS = [
    "as-members",
    "as-partners",
    "as-cda",
    "Secretmab members",
    "Secretmab partners",
    "Secretmab cda",
]


def leaked(body: str) -> list[str]:
    return [s for s in SECRETS if s in body]


@pytest.fixture
def world(leak_world):
    """leak_world, a seeker that wants the owner's kind of asset, and an event where every
    account has a seat (the non-vetted ones as if registered before they lost access)."""
    owner = leak_world["orgs"][0]
    seeker = OrganizationFactory(
        id="org-seeker",
        name="Seeker Pharma",
        kind="pharma",
        interest_therapeutic_areas=["oncology"],
        interest_modalities=["antibody"],
        interest_stages=["phase1"],
        interest_description="We in-license oncology antibodies (secretmab).",
    )
    AssetFactory(id="as-seek", organization=seeker, name="Seekmab", description="oncology")
    start = timezone.localdate() + dt.timedelta(days=10)
    event = create_event(
        slug="leak-week",
        name="Leak Week",
        mode="virtual",
        timezone="Asia/Seoul",
        start_date=start,
        end_date=start + dt.timedelta(days=1),
        meeting_minutes=30,
        auto_schedule=False,
    )
    seeker_user = UserFactory(username="seeker", organization=seeker)
    Participant.objects.create(
        event=event, user=seeker_user, organization=seeker, timezone="Asia/Seoul"
    )
    for name in [*NOT_VETTED, "owner"]:
        Participant.objects.create(
            event=event,
            user=leak_world["users"][name],
            organization=owner,
            timezone="Asia/Seoul",
        )
    return leak_world


def session(world, name):
    client = Client()
    if name is not None:
        client.force_login(world["users"][name])
    return client


def token(world, name):
    _t, secret = create_token(world["users"][name], "leak")
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


@pytest.mark.django_db
@pytest.mark.parametrize("name", NOT_VETTED)
@pytest.mark.parametrize("asset_id", ["as-members", "as-partners", "as-cda"])
def test_likely_partners_of_a_hidden_asset_answer_like_a_missing_one(world, name, asset_id):
    missing_id = asset_id.replace("as-", "zz-")
    for client in (session(world, name), token(world, name)):
        page = client.get(f"/assets/{asset_id}/partners", HTTP_HX_REQUEST="true")
        missing_page = client.get(f"/assets/{missing_id}/partners", HTTP_HX_REQUEST="true")
        assert (page.status_code, missing_page.status_code) == (404, 404)
        assert without_csrf(page).replace(asset_id, "X") == without_csrf(missing_page).replace(
            missing_id, "X"
        )
        api = client.get(f"/api/assets/{asset_id}/partners")
        missing_api = client.get(f"/api/assets/{missing_id}/partners")
        assert (api.status_code, api.json()) == (
            404,
            {"detail": f"Not found: asset '{asset_id}'", "errors": []},
        )
        assert missing_api.status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("name", [None, *NOT_VETTED])
def test_recommended_assets_are_the_anonymous_ones(world, name):
    anonymous = Client()
    expected_api = anonymous.get("/api/organizations/org-seeker/recommended-assets").json()
    expected_page = without_csrf(
        anonymous.get("/organizations/org-seeker/recommended-assets", HTTP_HX_REQUEST="true")
    )
    clients = [session(world, name)] + ([token(world, name)] if name else [])
    for client in clients:
        api = client.get("/api/organizations/org-seeker/recommended-assets")
        assert api.json() == expected_api
        assert leaked(api.content.decode()) == []
        page = client.get("/organizations/org-seeker/recommended-assets", HTTP_HX_REQUEST="true")
        assert without_csrf(page) == expected_page
    assert "as-public" in json.dumps(expected_api)


@pytest.mark.django_db
@pytest.mark.parametrize("name", [*NOT_VETTED, "owner"])
def test_export_as_user(world, name, capsys):
    call_command("export", "--as-user", name)
    assets = sorted(a["id"] for a in json.loads(capsys.readouterr().out)["assets"])
    if name == "owner":
        assert [a for a in assets if a.startswith("as-")] == [
            "as-cda",
            "as-members",
            "as-partners",
            "as-public",
            "as-seek",
        ]
    else:
        assert assets == ["as-public", "as-seek"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", NOT_VETTED)
def test_event_pages_and_calendar_feed_show_no_hidden_asset(world, name):
    client = session(world, name)
    me = Participant.objects.get(user=world["users"][name])
    for url in [
        "/events/leak-week/",
        "/events/leak-week/suggestions",
        "/events/leak-week/agenda",
        "/events/leak-week/agenda.ics",
        f"/events/calendar/{me.calendar_token}.ics",
    ]:
        # As htmx asks, so that the suggestions answer their fragment, not a redirect.
        response = client.get(url, HTTP_HX_REQUEST="true")
        assert response.status_code in (200, 302, 403, 404), url
        assert leaked(response.content.decode()) == [], url


@pytest.mark.django_db
def test_the_owner_sees_its_hidden_assets_where_the_others_do_not(world):
    # The positive control of the tests above: the same channels do carry them for a member.
    client = session(world, "owner")
    assert client.get("/assets/as-cda/partners", HTTP_HX_REQUEST="true").status_code == 200
    assert token(world, "owner").get("/api/assets/as-cda/partners").status_code == 200


API_URLS = [
    "/api/clusters",
    "/api/organizations",
    "/api/organizations/org-owner",
    "/api/assets",
    "/api/assets?q=secretmab",
    "/api/assets/as-public",
    "/api/assets/as-members",
    "/api/deals",
    "/api/investments",
    "/api/facilities",
    "/api/programs",
    "/api/assets/as-public/partners",
    "/api/organizations/org-seeker/recommended-assets",
]


@pytest.mark.django_db
@pytest.mark.parametrize("name", NOT_VETTED)
def test_every_api_answer_is_the_anonymous_one(world, name):
    anonymous = Client()
    for client in (session(world, name), token(world, name)):
        for url in API_URLS:
            expected = anonymous.get(url)
            got = client.get(url)
            assert (got.status_code, got.content) == (expected.status_code, expected.content), url
