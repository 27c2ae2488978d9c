"""The meeting e-mails (scheduled, moved, reminder) and the calendar name the asset the meeting
request was about, like the request e-mail, to each recipient who may see it
(`dari.events.access.asset_named_to`, read through `visible_assets`): a confidential asset of
one side is named to that side only, never to the other."""

from __future__ import annotations

from datetime import timedelta

import icalendar
import pytest

from dari.events.domain.calendar import participant_calendar
from dari.events.domain.requests import accept_request, request_meeting
from dari.events.domain.schedule import schedule_event
from dari.messaging.domain.notices import notify_schedule_changes
from dari.messaging.domain.outbox import due_reminders
from dari.messaging.domain.prefs import set_preferences
from tests.factories import AssetFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("immediate_tasks")]


def _meeting(world, asset_id):
    minseo, emma = world["minseo"], world["emma"]
    meeting = accept_request(request_meeting(minseo, target=emma, asset_id=asset_id).pk, emma)
    schedule_event(world["event"].pk)
    meeting.refresh_from_db()
    assert meeting.slot is not None
    return meeting


@pytest.fixture
def secret(world):
    """ABL Bio's confidential asset (CDA only): Minseo may see it, Emma (GSK) may not."""
    return AssetFactory(
        id="as-abl-secret",
        organization=world["minseo"].organization,
        name="Secretmab",
        visibility="cda",
    )


def _body(mailoutbox, who):
    (sent,) = [m for m in mailoutbox if who.user.email in m.to]
    return sent.body


@pytest.mark.parametrize("change", ["scheduled", "moved"])
def test_the_schedule_e_mails_name_a_confidential_asset_only_to_its_side(
    world, secret, mailoutbox, change
):
    meeting = _meeting(world, "as-abl-secret")
    mailoutbox.clear()
    assert notify_schedule_changes([meeting.pk], change=change) == 2
    assert "About the asset: Secretmab" in _body(mailoutbox, world["minseo"]).splitlines()
    theirs = _body(mailoutbox, world["emma"])
    assert (theirs.count("Secretmab"), theirs.count("About the asset")) == (0, 0)


def test_the_reminder_names_it_only_to_its_side(world, secret):
    meeting = _meeting(world, "as-abl-secret")
    bodies = {o.user_id: o.body for o in due_reminders(meeting.slot.start - timedelta(minutes=5))}
    minseo, emma = world["minseo"].user, world["emma"].user
    assert "About the asset: Secretmab" in bodies[minseo.pk].splitlines()
    assert (bodies[emma.pk].count("Secretmab"), bodies[emma.pk].count("About the asset")) == (
        0,
        0,
    )


def test_an_asset_both_sides_may_see_is_named_to_both_in_korean_too(world, mailoutbox):
    AssetFactory(
        id="as-abl111",
        organization=world["minseo"].organization,
        name="ABL111",
        visibility="members",
    )
    set_preferences(world["emma"].user, language="ko", reminder_minutes=15, off=[])
    meeting = _meeting(world, "as-abl111")
    mailoutbox.clear()
    notify_schedule_changes([meeting.pk], change="scheduled")
    assert "About the asset: ABL111" in _body(mailoutbox, world["minseo"]).splitlines()
    assert "관련 자산: ABL111" in _body(mailoutbox, world["emma"]).splitlines()


def test_the_calendar_description_names_it_only_to_its_side(world, secret):
    _meeting(world, "as-abl-secret")

    def description(p):
        (event,) = icalendar.Calendar.from_ical(participant_calendar(p)).walk("VEVENT")
        return str(event["description"])

    assert "About the asset: Secretmab" in description(world["minseo"])
    assert "Secretmab" not in description(world["emma"])
    assert "About the asset" not in description(world["emma"])
