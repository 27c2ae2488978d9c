"""A participant acts only on meeting requests that concern them (made by them, to them, or to
their organisation while no one has answered): a request between two other parties answers
every action exactly like a missing one, never with its status ("already accepted") nor with
who may answer it (ids are counted up)."""

from __future__ import annotations

import re

import pytest

from dari.events.domain.requests import accept_request, request_meeting
from dari.events.models import MeetingRequest
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
