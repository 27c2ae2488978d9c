"""The times offered when asking to move a meeting are only those every seat of the meeting can
make (their working hours in their own zone, the slots they blocked left out), free for all of
them and still ahead; the domain refuses any other time, even posted by hand."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine

from dari.events.domain.errors import EventError
from dari.events.domain.moves import ask_to_move, free_slot_ids
from dari.events.domain.requests import accept_request, request_meeting
from dari.events.domain.schedule import schedule_event
from dari.events.domain.setup import available_slot_ids
from dari.events.models import Meeting, MoveRequest, Seat, Slot
from tests.events.factories import person
from tests.events.pages import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def during(world):
    """On the event's first day at 09:00 UTC (18:00 in Seoul): Minseo meets Emma and Noah
    (London); Emma blocked one of the times both could make."""
    event = world["event"]
    noah = person(event, "noah", "astra", "Europe/London", "08:00", "18:00")
    now = dt.datetime.combine(event.start_date, dt.time(9), tzinfo=dt.UTC)
    with time_machine.travel(now, tick=False):
        first = accept_request(
            request_meeting(world["minseo"], target=world["emma"]).pk, world["emma"]
        )
        second = accept_request(request_meeting(noah, target=world["minseo"]).pk, world["minseo"])
        schedule_event(event.pk)
        first.refresh_from_db()
        second.refresh_from_db()
        both = set(available_slot_ids(world["minseo"])) & set(available_slot_ids(world["emma"]))
        ahead = sorted(int(i) for i in both if Slot.objects.get(pk=int(i)).start > now)
        blocked = next(s for s in ahead if s not in (first.slot_id, second.slot_id))
        world["emma"].blocked_slots.add(blocked)
        yield {
            **world,
            "noah": noah,
            "first": first,
            "second": second,
            "now": now,
            "blocked": blocked,
        }


def _hours_ok(slot, tz, start, end):
    local = slot.start.astimezone(ZoneInfo(tz))
    finish = local + dt.timedelta(minutes=slot.minutes)
    return local.time() >= start and finish.time() <= end and finish.date() == local.date()


def test_only_times_everyone_can_make_free_and_ahead_are_offered(client, during):
    first = during["first"]
    login(client, during["minseo"].user)
    page = client.get(f"/events/{during['event'].slug}/agenda").content.decode()
    form = re.search(
        rf'action="/events/[^"]+/meetings/{first.pk}/move".*?<select name="preferred"[^>]*>'
        r"(.*?)</select>",
        page,
        re.S,
    )
    offered = [int(v) for v in re.findall(r'value="(\d+)"', form.group(1))]
    assert offered, "some time is free for both"
    assert offered == free_slot_ids(during["event"], first)
    busy = set(
        Seat.objects.filter(participant__in=[during["minseo"], during["emma"]])
        .exclude(meeting=first)
        .values_list("slot_id", flat=True)
    )
    assert during["second"].slot_id in busy
    for slot in Slot.objects.filter(pk__in=offered):
        assert slot.start > during["now"]
        assert _hours_ok(slot, "Asia/Seoul", dt.time(8), dt.time(21))
        assert _hours_ok(slot, "Europe/London", dt.time(8), dt.time(18))
        assert slot.pk not in busy | {first.slot_id, during["blocked"]}


def test_a_time_outside_the_offer_is_refused_even_posted_by_hand(client, during):
    first = during["first"]
    event = during["event"]
    free = set(free_slot_ids(event, first))
    # 02:00 UTC on the second day: 11:00 in Seoul, 02:00 (or 03:00) in London.
    night = Slot.objects.get(
        event=event, start=dt.datetime.combine(event.end_date, dt.time(2), tzinfo=dt.UTC)
    )
    past = Slot.objects.filter(event=event, start__lt=during["now"]).order_by("-start").first()
    wrong = [night.pk, past.pk, during["blocked"], during["second"].slot_id]
    assert not free & set(wrong)
    for slot_id in wrong:
        with pytest.raises(EventError) as exc:
            ask_to_move(first.pk, during["minseo"], preferred_slot_ids=[slot_id])
        assert (exc.value.field, exc.value.code) == ("preferred_slots", "unavailable")
    login(client, during["minseo"].user)
    client.cookies["django_language"] = "ko"
    response = client.post(
        f"/events/{event.slug}/meetings/{first.pk}/move", {"preferred": [night.pk]}, follow=True
    )
    assert "모두가" in response.content.decode()
    assert not MoveRequest.objects.exists()
    ok = ask_to_move(first.pk, during["minseo"], preferred_slot_ids=[min(free)])
    assert list(ok.preferred_slots.values_list("pk", flat=True)) == [min(free)]
    assert Meeting.objects.get(pk=first.pk).slot_id == first.slot_id


def test_the_agenda_reads_the_slot_starts_once(during):
    """The times offered on the agenda come from one read of the event's slots: the starts
    shown and the free slots are the same rows (a second read was the same query again)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from dari.events.domain.queries_moves import move_times, waiting_moves

    minseo, first = during["minseo"], during["first"]
    with time_machine.travel(during["now"], tick=False):
        with CaptureQueriesContext(connection) as read:
            times = move_times(minseo, [first.pk])
        slot_reads = [
            q["sql"]
            for q in read.captured_queries
            if 'FROM "events_slot" WHERE "events_slot"."event_id"' in q["sql"]
        ]
        assert len(slot_reads) == 1
        assert [pk for pk, _start in times[first.pk]] == free_slot_ids(during["event"], first)
        with CaptureQueriesContext(connection) as read:
            waiting_moves(during["event"])
        slot_reads = [
            q["sql"]
            for q in read.captured_queries
            if 'FROM "events_slot" WHERE "events_slot"."event_id"' in q["sql"]
        ]
        assert len(slot_reads) == 1
