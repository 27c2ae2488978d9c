"""Moving a scheduled meeting: asking, answering, the optimiser's new slot with everything else
fixed, the organiser's pick, calendars with a higher SEQUENCE, refusals, concurrency."""

from __future__ import annotations

import icalendar
import pytest

from dari.events import signals
from dari.events.domain.calendar import participant_calendar
from dari.events.domain.errors import EventError
from dari.events.domain.moves import (
    accept_move,
    ask_to_move,
    decline_move,
    free_slot_ids,
    organiser_move,
    withdraw_move,
)
from dari.events.domain.requests import accept_request, request_meeting
from dari.events.domain.schedule import publish_schedule, schedule_event
from dari.events.models import Meeting, MoveRequest, Slot
from dari.events.rules import MoveStatus
from tests.events.factories import person

pytestmark = pytest.mark.django_db


def _sequence(participant, meeting):
    cal = icalendar.Calendar.from_ical(participant_calendar(participant))
    for ev in cal.walk("VEVENT"):
        if str(ev["uid"]) == f"{meeting.uid}@dari":
            return int(ev["sequence"]), ev.decoded("dtstart")
    raise AssertionError("meeting not in the calendar")


@pytest.fixture
def busy(world):
    """Minseo–Emma and Minseo's colleague–Noah (London), scheduled and published."""
    noah = person(world["event"], "noah", "astra", "Europe/London", "08:00", "18:00")
    first = accept_request(request_meeting(world["minseo"], target=world["emma"]).pk, world["emma"])
    second = accept_request(request_meeting(noah, target=world["colleague"]).pk, world["colleague"])
    schedule_event(world["event"].pk)
    publish_schedule(world["event"].pk)
    first.refresh_from_db()
    second.refresh_from_db()
    return {**world, "noah": noah, "first": first, "second": second}


def test_accepted_move_gets_a_new_slot_and_nothing_else_moves(
    busy, django_capture_on_commit_callbacks
):
    first, second = busy["first"], busy["second"]
    before = _sequence(busy["minseo"], first)
    other_before = (second.slot_id, second.sequence)
    heard = []

    def listener(sender, **kwargs):
        heard.append(kwargs)

    signals.meetings_changed.connect(listener)
    try:
        move = ask_to_move(first.pk, busy["minseo"], reason="flight moved")
        with django_capture_on_commit_callbacks(execute=True):
            accept_move(move.pk, busy["emma"])
    finally:
        signals.meetings_changed.disconnect(listener)
    first.refresh_from_db()
    second.refresh_from_db()
    move.refresh_from_db()
    assert (move.status, move.to_slot_id) == (MoveStatus.ACCEPTED, first.slot_id)
    assert first.slot_id != move.from_slot_id
    assert (second.slot_id, second.sequence) == other_before
    for who in ("minseo", "emma"):
        seq, start = _sequence(busy[who], first)
        assert (seq, start) == (before[0] + 1, Slot.objects.get(pk=first.slot_id).start)
    assert heard == [
        {"signal": signals.meetings_changed, "meeting_ids": [first.pk], "change": "moved"}
    ]
    assert sorted(s.slot_id for s in first.seats.all()) == [first.slot_id, first.slot_id]


def test_preferred_times_come_first(busy):
    first = busy["first"]
    free = free_slot_ids(busy["event"], first)
    wanted = free[-1]
    move = ask_to_move(first.pk, busy["emma"], preferred_slot_ids=[wanted])
    accept_move(move.pk, busy["minseo"])
    first.refresh_from_db()
    assert first.slot_id == wanted


def test_decline_and_withdraw_leave_the_meeting(busy):
    first = busy["first"]
    slot = first.slot_id
    move = ask_to_move(first.pk, busy["minseo"])
    decline_move(move.pk, busy["emma"])
    again = ask_to_move(first.pk, busy["minseo"])
    withdraw_move(again.pk, busy["minseo"])
    first.refresh_from_db()
    assert (first.slot_id, list(MoveRequest.objects.values_list("status", flat=True))) == (
        slot,
        [MoveStatus.WITHDRAWN, MoveStatus.DECLINED],
    )


def test_refusals_name_their_field(busy):
    first = busy["first"]
    with pytest.raises(EventError) as exc:
        ask_to_move(first.pk, busy["noah"])
    assert (exc.value.field, exc.value.code) == ("meeting", "not_found")
    with pytest.raises(EventError) as exc:
        ask_to_move(first.pk, busy["minseo"], preferred_slot_ids=[first.slot_id])
    assert (exc.value.field, exc.value.code) == ("preferred_slots", "invalid")
    move = ask_to_move(first.pk, busy["minseo"])
    with pytest.raises(EventError) as exc:
        ask_to_move(first.pk, busy["emma"])
    assert (exc.value.field, exc.value.code) == ("meeting", "duplicate")
    # The asker may not answer; to someone not in the meeting, the request is missing
    # (tests/events/test_others_requests.py).
    for wrong, code in (("minseo", "forbidden"), ("noah", "not_found")):
        with pytest.raises(EventError) as exc:
            accept_move(move.pk, busy[wrong])
        assert (exc.value.field, exc.value.code) == ("move", code)
    with pytest.raises(EventError) as exc:
        withdraw_move(move.pk, busy["emma"])
    assert (exc.value.field, exc.value.code) == ("move", "forbidden")
    assert MoveRequest.objects.get().status == MoveStatus.PENDING


def test_without_a_free_time_the_organiser_picks_one(busy):
    first = busy["first"]
    event = busy["event"]
    free = free_slot_ids(event, first)
    # Emma blocks every other free time: the optimiser finds nothing.
    busy["emma"].blocked_slots.set(free)
    move = ask_to_move(first.pk, busy["minseo"])
    accept_move(move.pk, busy["emma"])
    move.refresh_from_db()
    first.refresh_from_db()
    assert (move.status, move.to_slot_id, first.slot_id) == (
        MoveStatus.ACCEPTED,
        None,
        move.from_slot_id,
    )
    busy["emma"].blocked_slots.set([])
    taken = busy["second"].slot_id
    if taken in free:
        with pytest.raises(EventError):
            organiser_move(event.pk, move.pk, taken)
    with pytest.raises(EventError) as exc:
        organiser_move(event.pk, move.pk, first.slot_id)
    assert (exc.value.field, exc.value.code) == ("slot", "busy")
    organiser_move(event.pk, move.pk, free[0])
    first.refresh_from_db()
    assert first.slot_id == free[0]
    with pytest.raises(EventError) as exc:
        organiser_move(event.pk, move.pk, free[-1])
    assert exc.value.code == "answered"


def test_a_move_never_lands_on_another_meeting_of_the_same_people(busy):
    liam = person(busy["event"], "liam", "roche", "Europe/London", "08:00", "18:00")
    third = accept_request(request_meeting(liam, target=busy["minseo"]).pk, busy["minseo"])
    schedule_event(busy["event"].pk)
    publish_schedule(busy["event"].pk)
    third.refresh_from_db()
    first = busy["first"]
    assert third.slot_id not in free_slot_ids(busy["event"], first)
    move = ask_to_move(first.pk, busy["minseo"])
    accept_move(move.pk, busy["emma"])
    first.refresh_from_db()
    third_after = Meeting.objects.get(pk=third.pk)
    assert (third_after.slot_id, first.slot_id != third.slot_id) == (third.slot_id, True)
