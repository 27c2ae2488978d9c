"""/api/insights/calls: open-innovation calls with their Korean text and what they seek; the
owners create and edit them; a bad field is a 400 naming it in the caller's language and
writes nothing."""

from __future__ import annotations

import pytest
from django.test import Client

from dari.accounts.domain.tokens import create_token
from dari.accounts.models import Role
from dari.directory.models import Program
from dari.insights.domain.calls import korea_today
from tests.factories import UserFactory
from tests.insights.factories import make_world

pytestmark = pytest.mark.django_db

URL = "/api/insights/calls"


@pytest.fixture
def world(db):
    return make_world()


@pytest.fixture
def owner(world):
    return UserFactory(
        username="organiser", role=Role.ORGANISER, organization=world["orgs"]["bigpharma"]
    )


def _client(user, write=True) -> Client:
    client = Client()
    _token, secret = create_token(user, "calls test", write=write)
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {secret}"
    return client


def _post(client, body, lang="en"):
    return client.post(URL, body, content_type="application/json", HTTP_ACCEPT_LANGUAGE=lang)


def _patch(client, call_id, body, lang="en"):
    return client.patch(
        f"{URL}/{call_id}", body, content_type="application/json", HTTP_ACCEPT_LANGUAGE=lang
    )


BODY = {
    "name": "Onco call",
    "name_ko": "항암 공모",
    "organizer": "bigpharma",
    "description": "Oncology and immunology assets.",
    "description_ko": "항암·면역 자산.",
    "therapeutic_areas": ["oncology", "immunology"],
    "modalities": ["antibody"],
    "min_stage": "phase1",
}


def test_an_owner_creates_a_call_and_everyone_reads_it(owner):
    response = _post(_client(owner), BODY)
    assert response.status_code == 201, response.content
    created = response.json()
    assert {k: created[k] for k in BODY} == BODY
    # Created with no opening day, it opens today (so it closes the year after, like any
    # call without a deadline): the latest opening, listed first.
    assert (created["start"], created["end"]) == (korea_today(), "")
    listed = Client().get(URL).json()
    assert [c["id"] for c in listed] == [created["id"], "p-call"]  # latest opening first
    detail = Client().get(f"{URL}/{created['id']}").json()
    assert (detail["name_ko"], detail["therapeutic_areas"], detail["min_stage"]) == (
        "항암 공모", ["oncology", "immunology"], "phase1",
    )  # fmt: skip


def test_the_list_filters_by_what_calls_seek(owner):
    _post(_client(owner), BODY)
    client = Client()
    assert [c["name"] for c in client.get(f"{URL}?therapeutic_area=oncology").json()] == [
        "Onco call"
    ]
    assert [c["name"] for c in client.get(f"{URL}?stage=preclinical").json()] == [
        "Oncology Open Call"
    ]
    bad = client.get(f"{URL}?therapeutic_area=astrology", HTTP_ACCEPT_LANGUAGE="ko")
    assert bad.status_code == 400
    assert bad.json()["errors"][0]["field"] == "therapeutic_area"


def test_an_owner_edits_only_the_fields_sent(world, owner):
    response = _patch(_client(owner), "p-call", {"name_ko": "항암 공모", "min_stage": "phase2"})
    assert response.status_code == 200, response.content
    assert (response.json()["name"], response.json()["name_ko"], response.json()["min_stage"]) == (
        "Oncology Open Call", "항암 공모", "phase2",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("body", "field", "ko"),
    [
        ({"therapeutic_areas": ["astrology"]}, "therapeutic_areas",
         "알 수 없는 치료 분야입니다: 'astrology'."),
        ({"modalities": ["telepathy"]}, "modalities", "알 수 없는 모달리티입니다: 'telepathy'."),
        ({"min_stage": "platform"}, "min_stage",
         "최소 개발 단계는 신약 탐색부터 허가 완료 중에서 고르세요."),
    ],
)  # fmt: skip
def test_a_bad_field_is_named_in_the_callers_language_and_nothing_is_written(
    world, owner, body, field, ko
):
    before = list(Program.objects.order_by("pk").values_list("pk", "seeks_therapeutic_areas"))
    for response in (
        _post(_client(owner), BODY | body, "ko"),
        _patch(_client(owner), "p-call", body, "ko"),
    ):
        assert response.status_code == 400, response.content
        assert response.json()["errors"] == [{"field": field, "code": "invalid", "message": ko}]
    after = list(Program.objects.order_by("pk").values_list("pk", "seeks_therapeutic_areas"))
    assert after == before


def test_an_unknown_field_or_a_bad_date_is_refused(world, owner):
    response = _patch(_client(owner), "p-call", {"areas": ["oncology"]})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "body.areas"
    response = _patch(_client(owner), "p-call", {"end": "next spring"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "body.end"
    response = _patch(_client(owner), "p-call", {"start": "2026-05-01", "end": "2026-04-01"})
    assert response.json()["errors"] == [
        {"field": "end", "code": "invalid", "message": "The call closes before it opens."}
    ]
    assert Program.objects.get(pk="p-call").end == ""


def test_a_date_off_the_calendar_is_refused_and_partial_dates_compare_by_period(world, owner):
    """The pattern alone let "2026-13-45" and "0000" through to the call's page; a deadline of
    "2026" (the whole year) does not close before an opening in "2026-05"."""
    client = _client(owner)
    for field, value in (("start", "2026-13-45"), ("end", "2026-02-30"), ("end", "0000")):
        response = _post(client, BODY | {field: value})
        message = f"'{value}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
        assert (response.status_code, response.json()["errors"]) == (
            400,
            [{"field": field, "code": "invalid", "message": message}],
        )
    assert Program.objects.filter(name="Onco call").count() == 0
    response = _patch(client, "p-call", {"start": "2026-05", "end": "2026"})
    assert (response.status_code, response.json()["end"]) == (200, "2026")
    response = _patch(client, "p-call", {"start": "2026", "end": "2025-12"})
    assert response.json()["errors"][0]["message"] == "The call closes before it opens."


def test_others_may_not_create_or_edit(world):
    member = UserFactory(username="amember", organization=world["orgs"]["a1"])
    assert _post(_client(member), BODY).status_code == 403
    assert _patch(_client(member), "p-call", {"name_ko": "x"}).status_code == 403
    assert _post(Client(), BODY).status_code == 401
    owner = UserFactory(username="ro", role=Role.ORGANISER, organization=world["orgs"]["bigpharma"])
    assert _patch(_client(owner, write=False), "p-call", {"name_ko": "x"}).status_code == 403
    assert Program.objects.get(pk="p-call").name_ko == ""
    assert Client().get(f"{URL}/p-train").status_code == 404
