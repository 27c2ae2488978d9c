"""Once an event's last day is over in the event's own zone, meetings can no longer be requested,
answered, joined, moved or scheduled, even when the event has no request deadline: the domain refuses
with the code `event_over` (pages, the CLI and the optimiser's runs all go through it)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.utils import translation

from dari.events.domain.errors import EventError
from dari.events.domain.moves import accept_move, ask_to_move
from dari.events.domain.queries import request_list
from dari.events.domain.requests import (
    accept_request,
    add_colleague,
    decline_request,
    expire_requests,
    request_meeting,
    withdraw_request,
)
from dari.events.domain.schedule import schedule_event
from dari.events.domain.setup import register_participant
from dari.events.models import (
    Meeting,
    MeetingRequest,
    MeetingStatus,
    MoveRequest,
    RequestStatus,
    RunStatus,
)
from dari.events.rules import MoveStatus
from tests.events.factories import make_event, person
from tests.events.pages import html, login, texts, url
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# The event's last day is 11 March 2030 in Seoul (UTC+9): it is over at midnight in Seoul,
# 15:00 UTC on the 11th, while it is still the 11th in London and Boston.
DURING = dt.datetime(2030, 3, 11, 14, 59, 59, tzinfo=dt.UTC)
OVER = dt.datetime(2030, 3, 11, 15, 0, tzinfo=dt.UTC)
MESSAGE = (
    "This event is over (its last day was 2030-03-11): meetings can no longer be requested, "
    "answered or scheduled."
)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def pair(db):
    with time_machine.travel(dt.datetime(2030, 3, 1, tzinfo=dt.UTC), tick=False):
        event = make_event(start_date=dt.date(2030, 3, 10), end_date=dt.date(2030, 3, 11))
        seoul = person(event, "minseo", "ablbio", "Asia/Seoul")
        london = person(event, "emma", "gsk", "Europe/London")
    assert event.request_deadline is None
    return event, seoul, london


def refusal(call) -> tuple[str | None, str, str]:
    with pytest.raises(EventError) as raised:
        call()
    return raised.value.field, raised.value.code, raised.value.message


def test_requests_close_when_the_last_day_is_over_in_the_events_zone(pair):
    event, seoul, london = pair
    boston = person(event, "li", "wuxi", "America/New_York")
    with time_machine.travel(DURING, tick=False):
        request_meeting(seoul, target=london)
    with time_machine.travel(OVER, tick=False):
        assert refusal(lambda: request_meeting(boston, target=london)) == (
            None,
            "event_over",
            MESSAGE,
        )
    assert list(MeetingRequest.objects.values_list("requester__user__username", flat=True)) == [
        "minseo"
    ]


@pytest.mark.parametrize("answer", ["accept", "decline", "withdraw"])
def test_answers_after_the_event_are_refused_and_write_nothing(pair, answer):
    event, seoul, london = pair
    with time_machine.travel(DURING, tick=False):
        req = request_meeting(seoul, target=london)
    act = {
        "accept": lambda: accept_request(req.pk, london),
        "decline": lambda: decline_request(req.pk, london, "no"),
        "withdraw": lambda: withdraw_request(req.pk, seoul),
    }[answer]
    with time_machine.travel(OVER, tick=False):
        assert refusal(act) == (None, "event_over", MESSAGE)
    req.refresh_from_db()
    assert (req.status, Meeting.objects.count()) == (RequestStatus.PENDING, 0)


def test_the_refusal_is_translated(pair):
    event, seoul, london = pair
    with time_machine.travel(OVER, tick=False), translation.override("ko"):
        _field, code, message = refusal(lambda: request_meeting(seoul, target=london))
    assert (code, message) == (
        "event_over",
        "이 행사는 끝났습니다(마지막 날: 2030-03-11). 이제 미팅을 요청하거나 답하거나 "
        "일정을 잡을 수 없습니다.",
    )


def test_no_colleague_joins_a_meeting_after_the_event(pair):
    event, seoul, london = pair
    with time_machine.travel(DURING, tick=False):
        meeting = accept_request(request_meeting(seoul, target=london).pk, london)
        colleague = register_participant(
            event, UserFactory(username="jihoon", organization=seoul.organization), "Asia/Seoul"
        )
    with time_machine.travel(OVER, tick=False):
        assert refusal(lambda: add_colleague(meeting.pk, seoul, colleague)) == (
            None,
            "event_over",
            MESSAGE,
        )
    assert sorted(meeting.participants.values_list("user__username", flat=True)) == [
        "emma",
        "minseo",
    ]


def test_the_optimiser_places_no_meeting_after_the_event(pair):
    """Decision: a run after the event is refused (recorded as failed with the reason), so
    that no meeting is placed in a past slot; the schedule stays as it was."""
    event, seoul, london = pair
    with time_machine.travel(DURING, tick=False):
        meeting = accept_request(request_meeting(seoul, target=london).pk, london)
    with time_machine.travel(OVER, tick=False):
        run = schedule_event(event.pk)
        with pytest.raises(CommandError) as raised:
            call_command("event", "schedule", event.slug)
    meeting.refresh_from_db()
    assert (run.status, run.error, meeting.status, meeting.slot_id) == (
        RunStatus.FAILED,
        MESSAGE,
        MeetingStatus.UNSCHEDULED,
        None,
    )
    assert str(raised.value) == f"scheduling failed: {MESSAGE}"


def test_no_meeting_is_moved_after_the_event(pair):
    event, seoul, london = pair
    with time_machine.travel(DURING - dt.timedelta(days=2), tick=False):
        meeting = accept_request(request_meeting(seoul, target=london).pk, london)
        schedule_event(event.pk)
        meeting.refresh_from_db()
        move = ask_to_move(meeting.pk, seoul)
    with time_machine.travel(OVER, tick=False):
        assert refusal(lambda: ask_to_move(meeting.pk, london)) == (None, "event_over", MESSAGE)
        assert refusal(lambda: accept_move(move.pk, london)) == (None, "event_over", MESSAGE)
    move.refresh_from_db()
    assert (move.status, MoveRequest.objects.count()) == (MoveStatus.PENDING, 1)


def test_pending_requests_read_and_become_expired_after_the_event(pair):
    event, seoul, london = pair
    with time_machine.travel(DURING, tick=False):
        req = request_meeting(seoul, target=london)
    statuses = [
        [row.status for row in request_list(london.user, london, now=when).incoming]
        for when in (DURING, OVER)
    ]
    assert statuses == [[RequestStatus.PENDING], [RequestStatus.EXPIRED]]
    assert (expire_requests(now=DURING), expire_requests(now=OVER)) == (0, 1)
    req.refresh_from_db()
    assert req.status == RequestStatus.EXPIRED


def test_pages_show_the_refusal_and_hide_the_answers(client, pair):
    event, seoul, london = pair
    with time_machine.travel(DURING, tick=False):
        req = request_meeting(seoul, target=london)
    with time_machine.travel(OVER, tick=False):
        login(client, london)
        page = client.get(url("requests", event.slug))
        answered = client.post(url("accept", event.slug, req.pk), follow=True)
        login(client, seoul)
        asked = client.post(
            url("request-new", event.slug), {"participant": london.pk, "priority": "2"}
        )
    assert url("accept", event.slug, req.pk) not in html(page)
    assert [str(m) for m in answered.context["messages"]] == [MESSAGE]
    assert (asked.status_code, texts(asked, "alert error")) == (200, [MESSAGE])
    req.refresh_from_db()
    assert (req.status, MeetingRequest.objects.count()) == (RequestStatus.PENDING, 1)
