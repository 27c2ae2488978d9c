"""A request made to an organisation reaches only the participants of that organisation whom
the event approved and who still speak for it (`answers_for_organization`): a colleague whose
registration awaits the organiser's approval reads it nowhere (requests page, API, thread),
is e-mailed nothing about it (notice, digest) and cannot answer it (404 like a missing one)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from dari.events.domain.errors import EventError
from dari.events.domain.requests import accept_request, decline_request, request_meeting
from dari.messaging.access import thread_members, visible_threads
from dari.messaging.domain.outbox import send_due
from tests.events.pages import login, url

pytestmark = pytest.mark.django_db

SECRET = "Term sheet for ABL301 attached"


@pytest.fixture
def waiting(world, mailoutbox, django_capture_on_commit_callbacks):
    """Jihoon (Ablbio) awaits approval; Emma (GSK) asks Ablbio, whose Minseo is approved."""
    jihoon = world["colleague"]
    jihoon.approved = False
    jihoon.save(update_fields=["approved"])
    with django_capture_on_commit_callbacks(execute=True):
        made = request_meeting(world["emma"], organization_id="ablbio", message=SECRET)
    return jihoon, made


def test_only_approved_colleagues_are_mailed_and_belong_to_the_thread(world, waiting, mailoutbox):
    jihoon, made = waiting
    assert [m.to[0] for m in mailoutbox] == ["minseo@example.org"]
    assert sorted(p.user.username for p in thread_members(made)) == ["emma", "minseo"]
    assert list(visible_threads(jihoon.user)) == []
    assert list(visible_threads(world["minseo"].user)) == [made]


def test_the_digest_skips_a_colleague_awaiting_approval(world, waiting, mailoutbox):
    mailoutbox.clear()
    assert send_due(dt.datetime(2026, 3, 1, 8, 0, tzinfo=ZoneInfo("Asia/Seoul"))) == 1
    assert [m.to[0] for m in mailoutbox] == ["minseo@example.org"]


def test_pages_and_api_show_the_request_only_to_approved_colleagues(client, world, waiting):
    jihoon, made = waiting
    login(client, jihoon)
    page = client.get(url("requests", "test-virtual")).content.decode()
    api = client.get("/api/events/test-virtual/requests").json()
    thread = client.get(f"/messages/{made.pk}/")
    assert (SECRET in page, api["received"], thread.status_code) == (False, [], 404)
    accepted = client.post(url("accept", "test-virtual", made.pk))
    missing = client.post(url("accept", "test-virtual", 999999))
    assert (accepted.status_code, missing.status_code) == (404, 404)
    login(client, world["minseo"])
    page = client.get(url("requests", "test-virtual")).content.decode()
    api = client.get("/api/events/test-virtual/requests").json()
    assert (SECRET in page, [r["id"] for r in api["received"]]) == (True, [made.pk])


@pytest.mark.parametrize("answer", [accept_request, decline_request])
def test_a_colleague_awaiting_approval_cannot_answer(world, waiting, answer):
    jihoon, made = waiting
    with pytest.raises(EventError) as refused:
        answer(made.pk, jihoon)
    assert refused.value.code == "forbidden"
    made.refresh_from_db()
    assert (made.status, made.target_id) == ("pending", None)
