"""Creating an open-innovation call in the interface (/insights/calls/new): platform admins,
the organisers of an organisation and its admins (for their own organisation only) create
calls; anyone else is refused; a bad form names its field and writes nothing; GET never
writes; the new call is listed; the Korean page shows no English UI string."""

from __future__ import annotations

import pytest
from django.utils import translation

from dari.accounts.models import Role
from dari.directory.models import Program
from dari.insights.access import may_review
from dari.insights.domain import calls
from dari.insights.domain.errors import CallError
from tests.factories import UserFactory
from tests.korean import data_strings, english_in_page

URL = "/insights/calls/new"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _post(client, user, **values):
    client.force_login(user)
    data = {
        "name": "Neuroscience Partnering Call",
        "organizer": "bigpharma",
        "description": "Seeks first-in-class assets for neurodegeneration.",
        "start": "2026-02-01",
        "end": "2026-04-30",
        "source": "https://www.example.org/call",
    } | values
    return client.post(URL, data)


def _calls() -> int:
    return Program.objects.filter(kind="open_innovation_call").count()


def test_an_organiser_creates_a_call_of_their_organisation_and_it_is_listed(
    client, world, organiser
):
    response = _post(client, organiser)
    call = Program.objects.get(name="Neuroscience Partnering Call")
    assert response.status_code == 302 and response["Location"] == f"/insights/calls/{call.pk}/"
    assert (call.kind, call.organizer_id, call.start, call.end) == (
        "open_innovation_call", "bigpharma", "2026-02-01", "2026-04-30",
    )  # fmt: skip
    assert call.sources == ["https://www.example.org/call"]
    page = client.get("/insights/calls/").content.decode()
    assert "Neuroscience Partnering Call" in page and URL in page
    assert client.get(f"/insights/calls/{call.pk}/").status_code == 200
    # The creator reviews the call they created (the existing review rule).
    assert client.get(f"/insights/calls/{call.pk}/review").status_code == 200


def test_a_platform_admin_creates_a_call_for_any_organisation(client, world, admin_user):
    assert _post(client, admin_user, organizer="us1").status_code == 302
    assert Program.objects.get(name="Neuroscience Partnering Call").organizer_id == "us1"


def test_an_organisation_admin_creates_a_call_for_their_own_organisation_only(client, world):
    admin = UserFactory(username="a1admin", role=Role.ORG_ADMIN, organization=world["orgs"]["a1"])
    before = _calls()
    refused = _post(client, admin, organizer="bigpharma")
    assert refused.status_code == 200 and _calls() == before
    assert refused.context["form"].errors.keys() == {"organizer"}
    assert _post(client, admin, organizer="a1").status_code == 302
    call = Program.objects.get(name="Neuroscience Partnering Call")
    assert call.organizer_id == "a1"
    # the call they created is theirs to review, as their organisation's organisers' are
    assert may_review(admin, call)


@pytest.mark.parametrize("role", [Role.MEMBER, Role.CURATOR])
def test_others_are_refused_and_see_no_link(client, world, role):
    user = UserFactory(username="someone", role=role, organization=world["orgs"]["a1"])
    before = _calls()
    client.force_login(user)
    assert client.get(URL).status_code == 403
    assert _post(client, user, organizer="a1").status_code == 403
    assert _calls() == before
    assert URL not in client.get("/insights/calls/").content.decode()


def test_a_visitor_is_sent_to_log_in_and_an_unvetted_org_admin_is_refused(client, world):
    response = client.post(URL, {"name": "X", "organizer": "a1"})
    assert response.status_code == 302 and "/login" in response["Location"]
    unvetted = UserFactory(
        username="unvetted", role=Role.ORG_ADMIN, organization=world["orgs"]["a1"], verified=False
    )
    assert _post(client, unvetted, organizer="a1").status_code == 403
    assert not Program.objects.filter(name="Neuroscience Partnering Call").exists()


@pytest.mark.parametrize(
    "values, field",
    [
        ({"name": ""}, "name"),
        ({"name": "x" * 301}, "name"),
        ({"organizer": "nosuchorg"}, "organizer"),
        ({"end": "2026-01-01"}, "end"),
        ({"end": "not a date"}, "end"),
        ({"source": "ftp://example.org/call"}, "source"),
    ],
)
def test_a_bad_form_names_the_field_and_writes_nothing(client, world, organiser, values, field):
    before = _calls()
    response = _post(client, organiser, **values)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert _calls() == before


def test_get_shows_the_form_and_writes_nothing(client, world, organiser):
    before = _calls()
    client.force_login(organiser)
    response = client.get(URL)
    assert response.status_code == 200 and 'name="organizer"' in response.content.decode()
    assert _calls() == before


def test_the_domain_refuses_an_organisation_the_user_does_not_run(world, organiser):
    with pytest.raises(CallError) as raised:
        calls.create_call(organiser, {"name": "Sneaky call", "organizer": "a1"})
    assert (raised.value.field, raised.value.code) == ("organizer", "forbidden")
    with pytest.raises(CallError) as raised:
        calls.create_call(organiser, {"name": " ", "organizer": "bigpharma"})
    assert raised.value.field == "name"
    assert not Program.objects.filter(name="Sneaky call").exists()


def test_two_calls_of_the_same_name_get_distinct_ids(world, organiser):
    first = calls.create_call(organiser, {"name": "Same Call", "organizer": "bigpharma"})
    second = calls.create_call(organiser, {"name": "Same Call", "organizer": "bigpharma"})
    assert first.pk != second.pk


def test_the_korean_pages_show_no_english_ui_string(client, world, organiser):
    client.force_login(organiser)
    client.cookies["django_language"] = "ko"
    bad = _post(client, organiser, name="", end="2026-01-01")
    client.cookies["django_language"] = "ko"
    pages = {
        "form": client.get(URL, HTTP_ACCEPT_LANGUAGE="ko").content.decode(),
        "errors": bad.content.decode(),
        "list": client.get("/insights/calls/", HTTP_ACCEPT_LANGUAGE="ko").content.decode(),
    }
    data = data_strings()
    assert "새 공모" in pages["list"]
    assert {name: english_in_page(html, data) for name, html in pages.items()} == {
        "form": [], "errors": [], "list": [],
    }  # fmt: skip
