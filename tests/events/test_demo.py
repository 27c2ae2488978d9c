"""`dari demo --no-serve` works on any day: the demo event is placed relative to today, built,
scheduled and published consistently, and a later run keeps all data.

The clock is moved with time-machine to today, one year ahead and the next Sundays on which
Europe and the US change to or from daylight time (computed, never a fixed calendar date)."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from dari.events.demo import SLUG_PREFIX, demo_dates
from dari.events.models import (
    Event,
    Meeting,
    MeetingRequest,
    MeetingStatus,
    RequestStatus,
    RunStatus,
    ScheduleRun,
    Seat,
)

SEOUL = ZoneInfo("Asia/Seoul")
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def next_dst_sunday(zone: str, after: dt.date) -> dt.date:
    """The first day after `after` on which `zone` changes its UTC offset (a Sunday in Europe
    and the US)."""
    tz = ZoneInfo(zone)
    day = after
    for _ in range(400):
        nxt = day + dt.timedelta(days=1)
        before = dt.datetime.combine(day, dt.time(0), tz).utcoffset()
        later = dt.datetime.combine(nxt, dt.time(23), tz).utcoffset()
        if before != later:
            return nxt
        day = nxt
    raise AssertionError(f"{zone} has no offset change within 400 days")


def clock_days() -> dict[str, dt.date]:
    today = dt.datetime.now(SEOUL).date()
    return {
        "today": today,
        "one year ahead": today + dt.timedelta(days=365),
        "European DST change": next_dst_sunday("Europe/London", today),
        "US DST change": next_dst_sunday("America/New_York", today),
    }


def build_demo() -> str:
    call_command("demo", "--no-serve", stdout=io.StringIO())
    return Event.objects.filter(slug__startswith=SLUG_PREFIX).latest("start_date").slug


def assert_consistent(event: Event, today: dt.date) -> None:
    start, end, deadline = demo_dates(today)
    assert (event.start_date, event.end_date, event.request_deadline) == (start, end, deadline)
    assert event.request_deadline > dt.datetime.now(dt.UTC)
    assert event.schedule_published is True
    assert event.auto_schedule is True
    assert list(ScheduleRun.objects.filter(event=event).values_list("status", flat=True)) == [
        RunStatus.DONE
    ]
    accepted = MeetingRequest.objects.filter(event=event, status=RequestStatus.ACCEPTED).count()
    meetings = Meeting.objects.filter(event=event)
    assert meetings.count() == accepted
    assert accepted > 0
    scheduled = meetings.filter(status=MeetingStatus.SCHEDULED)
    # Published: every placed meeting is confirmed, inside the event's days in Seoul.
    assert scheduled.filter(confirmed=False).count() == 0
    assert scheduled.count() > 0.9 * accepted
    days = {m.slot.start.astimezone(SEOUL).date() for m in scheduled.select_related("slot")}
    assert min(days) >= start
    assert max(days) <= end
    # Nobody sits in two meetings at once.
    seats = Counter(
        Seat.objects.filter(meeting__in=scheduled).values_list("participant_id", "slot_id")
    )
    assert max(seats.values()) == 1
    # Pending requests are left for the demo logins to answer, before the deadline.
    assert MeetingRequest.objects.filter(event=event, status=RequestStatus.PENDING).count() > 0


@pytest.mark.parametrize("when", list(clock_days()))
def test_demo_builds_on_any_day(when: str) -> None:
    day = clock_days()[when]
    with time_machine.travel(dt.datetime.combine(day, dt.time(10), SEOUL), tick=True):
        slug = build_demo()
        event = Event.objects.get(slug=slug)
        assert slug == f"{SLUG_PREFIX}-{event.start_date:%Y-%m-%d}"
        # Named and described in both languages (the Korean pages show name_ko).
        assert (event.name.split(" 20")[0], event.name_ko.split(" 20")[0]) == (
            "Korea–Europe–US Virtual Partnering Week",
            "한국–유럽–미국 가상 파트너링 위크",
        )
        assert (
            event.description_ko.startswith("참가자가 실존하지 않는 합성 인물(SYNTHETIC)"),
            bool(event.description),
        ) == (
            True,
            True,
        )
        assert_consistent(event, day)
        counts = (Event.objects.count(), Meeting.objects.count(), MeetingRequest.objects.count())
        # Again the same day: nothing is added, nothing is lost.
        assert build_demo() == slug
        after = (Event.objects.count(), Meeting.objects.count(), MeetingRequest.objects.count())
        assert after == counts


def test_a_later_run_keeps_the_past_demo_and_adds_a_new_one() -> None:
    today = clock_days()["today"]
    with time_machine.travel(dt.datetime.combine(today, dt.time(10), SEOUL), tick=True):
        first = build_demo()
        first_meetings = sorted(
            Meeting.objects.filter(event__slug=first).values_list("uid", "slot__start")
        )
    # While it has not ended, the same event is the demo.
    during = today + dt.timedelta(days=11)
    with time_machine.travel(dt.datetime.combine(during, dt.time(10), SEOUL), tick=True):
        assert build_demo() == first
    later = today + dt.timedelta(days=40)
    with time_machine.travel(dt.datetime.combine(later, dt.time(10), SEOUL), tick=True):
        second = build_demo()
        assert second != first
        assert_consistent(Event.objects.get(slug=second), later)
    assert (
        sorted(Meeting.objects.filter(event__slug=first).values_list("uid", "slot__start"))
        == first_meetings
    )


def test_the_synthetic_people_write_in_their_own_language() -> None:
    """Korean people write Korean (with the English after it, for the partner abroad), the
    others English; a refusal is in the language of the one who refuses. Every text is one of
    the demo's own, so the data stays plainly synthetic."""
    from dari.events.demo import DECLINE_REASONS, MESSAGES

    today = clock_days()["today"]
    with time_machine.travel(dt.datetime.combine(today, dt.time(10), SEOUL), tick=True):
        slug = build_demo()
    rows = MeetingRequest.objects.filter(event__slug=slug).values_list(
        "requester__organization__country", "message", "target__organization__country",
        "status", "decline_reason",
    )  # fmt: skip
    written: Counter[tuple[str, str, bool]] = Counter()
    for country, message, target_country, status, reason in rows:
        language = "ko" if country == "KR" else "en"
        assert message in MESSAGES[language]
        written["request", language, any("가" <= ch <= "힣" for ch in message)] += 1
        if status == RequestStatus.DECLINED:
            language = "ko" if target_country == "KR" else "en"
            assert reason in DECLINE_REASONS[language]
            written["refusal", language, any("가" <= ch <= "힣" for ch in reason)] += 1
    # Both languages occur, each in its own script only where it should.
    assert set(written) == {
        ("request", "ko", True),
        ("request", "en", False),
        ("refusal", "ko", True),
        ("refusal", "en", False),
    }
