"""A participant resets their calendar subscription link (a POST from the agenda, where the link
is shown): a new secret token, and the old feed address answers 404 like an unknown token."""

from __future__ import annotations

import pytest

from dari.events.domain.calendar import reset_calendar_link
from dari.events.models import Participant
from tests.events.pages import get_in_korean, html, login, url

pytestmark = pytest.mark.django_db


def feed(client, token):
    return client.get(f"/events/calendar/{token}.ics")


def test_resetting_makes_a_new_secret_and_the_old_address_is_gone(client, world, scheduled):
    emma = world["emma"]
    old = emma.calendar_token
    others = {p.pk: p.calendar_token for p in Participant.objects.exclude(pk=emma.pk)}
    reset_calendar_link(emma)
    new = Participant.objects.get(pk=emma.pk).calendar_token
    assert (new != old, len(new) >= 32) == (True, True)
    assert (feed(client, old).status_code, feed(client, new).status_code) == (404, 200)
    assert {p.pk: p.calendar_token for p in Participant.objects.exclude(pk=emma.pk)} == others


def test_the_agenda_resets_the_link_by_post_only_with_its_confirmation(client, world):
    emma = world["emma"]
    old = emma.calendar_token
    login(client, emma)
    page = html(client.get(url("agenda", "test-virtual")))
    assert (f"/events/calendar/{old}.ics" in page, url("feed-reset", "test-virtual") in page) == (
        True,
        True,
    )
    assert "the old address stops working at once" in page
    assert client.get(url("feed-reset", "test-virtual")).status_code == 405
    assert Participant.objects.get(pk=emma.pk).calendar_token == old
    response = client.post(url("feed-reset", "test-virtual"), follow=True)
    new = Participant.objects.get(pk=emma.pk).calendar_token
    assert [str(m) for m in response.context["messages"]] == [
        "Your calendar link was reset. Give your calendar app the new address; the old one no "
        "longer works."
    ]
    assert (new != old, f"/events/calendar/{new}.ics" in html(response)) == (True, True)


def test_the_reset_needs_the_csrf_token(world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    emma = world["emma"]
    login(client, emma)
    assert client.post(url("feed-reset", "test-virtual")).status_code == 403
    assert Participant.objects.get(pk=emma.pk).calendar_token == emma.calendar_token


def test_only_a_participant_resets_their_own_link(client, world):
    tokens = dict(Participant.objects.values_list("pk", "calendar_token"))
    login(client, world["outsider"])
    response = client.post(url("feed-reset", "test-virtual"))
    assert (response.status_code, response["Location"]) == (302, url("detail", "test-virtual"))
    assert dict(Participant.objects.values_list("pk", "calendar_token")) == tokens


def test_the_reset_reads_in_korean(client, world):
    login(client, world["emma"])
    page = html(get_in_korean(client, url("agenda", "test-virtual")))
    assert ("캘린더 링크 재설정" in page, "이전 주소는 즉시 작동하지 않으므로" in page) == (
        True,
        True,
    )
