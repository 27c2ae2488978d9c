"""The calendar feed answers a poll that finds no change with 304 (ETag / Last-Modified), and a
change of a meeting or of its seats gives a new ETag."""

from __future__ import annotations

import pytest

from dari.events.domain.requests import add_colleague
from dari.events.domain.schedule import cancel_meeting
from tests.events.pages import login, url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("immediate_tasks")]


def test_an_unchanged_feed_answers_304_and_a_change_a_new_etag(client, world, scheduled):
    feed = f"/events/calendar/{world['emma'].calendar_token}.ics"
    first = client.get(feed)
    etag, modified = first["ETag"], first["Last-Modified"]
    assert first.status_code == 200
    again = client.get(feed, HTTP_IF_NONE_MATCH=etag)
    assert (again.status_code, again.content, again["ETag"]) == (304, b"", etag)
    assert client.get(feed, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    assert client.get(feed, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200

    add_colleague(scheduled.pk, world["minseo"], world["colleague"])
    grown = client.get(feed, HTTP_IF_NONE_MATCH=etag)
    assert (grown.status_code, grown["ETag"] != etag) == (200, True)

    cancel_meeting(scheduled.pk, world["minseo"])
    cancelled = client.get(feed, HTTP_IF_NONE_MATCH=grown["ETag"])
    assert (cancelled.status_code, b"STATUS:CANCELLED" in cancelled.content) == (200, True)


def test_a_feed_of_another_participant_has_its_own_etag(client, world, scheduled):
    emma = client.get(f"/events/calendar/{world['emma'].calendar_token}.ics")
    minseo = client.get(f"/events/calendar/{world['minseo'].calendar_token}.ics")
    assert emma["ETag"] != minseo["ETag"]
    download = login(client, world["minseo"]).get(url("agenda-ics", "test-virtual"))
    assert download.status_code == 200


def test_what_the_feed_shows_of_people_and_places_moves_its_etag(client, world, scheduled):
    """The owner's own address (the only one in the feed), the names of both sides and the
    event's video link are in the .ics, so a change of any gives a new ETag, not a 304."""
    feed = f"/events/calendar/{world['emma'].calendar_token}.ics"
    etag = client.get(feed)["ETag"]

    emma = world["emma"].user
    emma.email = "emma.new@example.org"
    emma.save()
    moved = client.get(feed, HTTP_IF_NONE_MATCH=etag)
    assert (moved.status_code, b"emma.new@example.org" in moved.content) == (200, True)

    other = world["minseo"].user
    other.first_name, other.last_name = "Renamed", "Person"
    other.save()
    renamed = client.get(feed, HTTP_IF_NONE_MATCH=moved["ETag"])
    assert (renamed.status_code, b"Renamed Person" in renamed.content) == (200, True)

    event = world["emma"].event
    event.video_url_template = "https://meet.jit.si/dari-new-{room}"
    event.save()
    relinked = client.get(feed, HTTP_IF_NONE_MATCH=renamed["ETag"])
    assert (relinked.status_code, b"dari-new-" in relinked.content) == (200, True)
