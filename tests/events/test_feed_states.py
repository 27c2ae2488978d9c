"""The calendar feed's secret token stops working with its account, like an API token: a
deactivated (suspended) person's feed answers exactly like an unknown token, so their
meetings, counterparts and links stop flowing to a calendar that still polls."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("immediate_tasks")]


def test_a_deactivated_persons_feed_answers_like_an_unknown_token(client, world, scheduled):
    emma = world["emma"]
    feed = f"/events/calendar/{emma.calendar_token}.ics"
    assert client.get(feed).status_code == 200
    emma.user.is_active = False
    emma.user.save()
    gone = client.get(feed)
    unknown = client.get("/events/calendar/not-a-token.ics")
    assert gone.status_code == unknown.status_code == 404
    assert b"VEVENT" not in gone.content
    emma.user.is_active = True
    emma.user.save()
    assert client.get(feed).status_code == 200
