"""A participant acts only on meeting requests that concern them (made by them, to them, or to
their organisation while no one has answered), and on requests to move a meeting they sit in: a
request between two other parties answers every action exactly like a missing one, never with
its status ("already accepted") nor with who may answer it (ids are counted up)."""

from __future__ import annotations

import re

import pytest
from django.contrib.messages import get_messages

from dari.events.domain.moves import ask_to_move, decline_move
from dari.events.domain.requests import accept_request, request_meeting
from dari.events.models import MeetingRequest, MoveRequest
from tests.events.factories import person
from tests.events.pages import login, url

pytestmark = pytest.mark.django_db


def _page(response, request_id: int) -> str:
    text = response.content.decode().replace(f"/{request_id}/", "/N/")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", text)


@pytest.fixture
def theirs(world):
    """Minseo (Ablbio) asked Jack (Pfizer); Jack accepted. Emma (GSK) is a third party."""
    jack = person(world["event"], "jack", "pfizer", "America/New_York", first_name="Jack")
    accepted = request_meeting(world["minseo"], target=jack)
    accept_request(accepted.pk, jack)
    return accepted


@pytest.mark.parametrize("action", ["accept", "decline", "withdraw"])
def test_a_third_party_gets_a_404_like_for_a_missing_request(client, world, theirs, action):
    login(client, world["emma"])
    other = client.post(url(action, "test-virtual", theirs.pk), HTTP_ACCEPT_LANGUAGE="ko")
    missing = client.post(url(action, "test-virtual", 999999), HTTP_ACCEPT_LANGUAGE="ko")
    assert (other.status_code, missing.status_code) == (404, 404)
    # The same page, its path (in the language switch) and CSRF token aside.
    assert _page(other, theirs.pk) == _page(missing, 999999)
    assert MeetingRequest.objects.get(pk=theirs.pk).status == "accepted"


@pytest.fixture
def a_move(world, scheduled):
    """Minseo asked Emma to move their scheduled meeting; Jack (Pfizer) is a third party."""
    jack = person(world["event"], "jack", "pfizer", "America/New_York", first_name="Jack")
    return ask_to_move(scheduled.pk, world["minseo"], reason="flight moved"), jack


@pytest.mark.parametrize("action", ["move-accept", "move-decline", "move-withdraw"])
@pytest.mark.parametrize("answered", [False, True])
def test_a_move_of_another_meeting_reads_like_a_missing_one(
    client, world, a_move, action, answered
):
    move, jack = a_move
    if answered:
        decline_move(move.pk, world["emma"])
    login(client, jack)
    said = []
    for move_id in (move.pk, 999999):
        response = client.post(url(action, "test-virtual", move_id), follow=True)
        said.append([(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)])
    assert said[0] == said[1] == [("error", "No such request to move a meeting.")]
    assert MoveRequest.objects.get(pk=move.pk).status == ("declined" if answered else "pending")


def test_asking_to_move_another_meeting_reads_like_a_missing_one(client, world, a_move):
    _move, jack = a_move
    login(client, jack)
    said = []
    for meeting_id in (_move.meeting_id, 999999):
        response = client.post(
            url("move-ask", "test-virtual", meeting_id), {"reason": "x"}, follow=True
        )
        said.append([(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)])
    assert said[0] == said[1] == [("error", "No such meeting at this event.")]
