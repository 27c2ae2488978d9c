"""While an event runs, the optimiser never places a meeting in a slot that has already
begun: a new meeting goes to a slot still ahead, and a meeting that already sits in a past
slot (held, or missed) stays where it is."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from dari.events.domain.requests import accept_request, request_meeting
from dari.events.domain.schedule import build_instance, schedule_event
from dari.events.models import Meeting, MeetingStatus
from tests.events.factories import make_event, person

pytestmark = pytest.mark.django_db

# Two days in Seoul; Seoul and Tokyo share working hours, so every slot suits both.
BEFORE = dt.datetime(2030, 3, 1, tzinfo=dt.UTC)
MIDDAY = dt.datetime(2030, 3, 10, 3, 0, tzinfo=dt.UTC)  # 12:00 in Seoul on the first day


@pytest.fixture
def pair(db):
    with time_machine.travel(BEFORE, tick=False):
        event = make_event(start_date=dt.date(2030, 3, 10), end_date=dt.date(2030, 3, 11))
        return (
            event,
            person(event, "minseo", "ablbio", "Asia/Seoul"),
            person(event, "haruto", "takeda", "Asia/Tokyo"),
        )


def test_a_meeting_placed_during_the_event_goes_to_a_slot_still_ahead(pair):
    event, seoul, tokyo = pair
    with time_machine.travel(MIDDAY, tick=False):
        assert any(s.start <= MIDDAY for s in event.slots.all())  # some slots are past
        meeting = accept_request(request_meeting(seoul, target=tokyo).pk, tokyo)
        schedule_event(event.pk)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.SCHEDULED
    assert meeting.slot.start > MIDDAY


def test_a_meeting_already_in_a_past_slot_stays_there(pair):
    event, seoul, tokyo = pair
    with time_machine.travel(BEFORE, tick=False):
        held = accept_request(request_meeting(seoul, target=tokyo).pk, tokyo)
        schedule_event(event.pk)
    held.refresh_from_db()
    first = held.slot
    assert first is not None
    after = first.start + dt.timedelta(minutes=45)
    with time_machine.travel(after, tick=False):
        instance = build_instance(event)
        schedule_event(event.pk)
    held.refresh_from_db()
    assert held.slot_id == first.pk
    ahead = {s.id for s in instance.slots if s.start > after}
    for p in instance.participants:
        assert set(p.available) - {str(first.pk)} <= ahead
    assert Meeting.objects.filter(slot__start__lte=after).count() == 1
