"""The optimiser's words at display time: a stored reason (code and parameters) reads in the
reader's language with times in the reader's zone; a run's progress and method too."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from dari.events.domain.reasons import (
    day_label,
    method_name,
    reason_texts,
    run_error,
    run_progress,
)
from dari.events.domain.requests import accept_request, request_meeting
from dari.events.models import Meeting, ScheduleRun, Slot

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _march(march_2026):
    """The expected texts name the event's days of March 2026 and their offsets."""


@pytest.fixture
def taken(world):
    """Minseo and Emma's meeting left unscheduled: their one common slot holds Minseo's
    confirmed meeting with her colleague Jihoon."""
    minseo, emma, jihoon = world["minseo"], world["emma"], world["colleague"]
    meeting = accept_request(request_meeting(minseo, target=emma).pk, emma)
    slot = Slot.objects.get(event=world["event"], start=dt.datetime(2026, 3, 10, 8, tzinfo=dt.UTC))
    reason = {
        "code": "slots_taken",
        "who": [f"p{minseo.pk}", f"p{emma.pk}"],
        "slots": [str(slot.pk)],
        "busy": [{"who": f"p{minseo.pk}", "meets": [{"with": [f"p{jihoon.pk}"], "meeting": "m9"}]}],
        "full": [],
        "tables": None,
        "blockers": "locked",
        "locked": 1,
    }
    Meeting.objects.filter(pk=meeting.pk).update(unscheduled_reason=reason)
    return Meeting.objects.get(pk=meeting.pk)


def test_a_reason_reads_in_english_with_times_in_the_readers_zone(taken):
    """Times on the 24-hour clock the agenda, the grid and the runs use ("08:00 GMT"), not
    "8 a.m." / "오후 5:00" beside them on the same page."""
    assert reason_texts([taken], "Europe/London") == {
        taken.pk: "The only slot in which Minseo Park (Ablbio) and Emma Clarke (Gsk) are all "
        "available, March 10 08:00 (Europe/London), is taken. Minseo Park (Ablbio) meets "
        "Jihoon Lee (Ablbio) then. Those meetings are confirmed and never move."
    }


def test_the_same_reason_reads_in_korean_in_seoul_time(taken):
    with translation.override("ko"):
        assert reason_texts([taken], "Asia/Seoul") == {
            taken.pk: "Minseo Park (Ablbio) 및 Emma Clarke (Gsk) 모두가 참석할 수 있는 시간대 1개"
            "(3월 10일 17:00, Asia/Seoul)가 모두 찼습니다. 그 시간에 Minseo Park (Ablbio) 님은 "
            "Jihoon Lee (Ablbio) 님과 미팅이 있습니다. 그 미팅들은 확정되어 옮겨지지 않습니다."
        }


def test_reasons_of_many_meetings_cost_two_queries(taken, django_assert_num_queries):
    with django_assert_num_queries(2):
        reason_texts([taken, taken], "Asia/Seoul")


def test_progress_methods_and_days_in_each_language(world):
    run = ScheduleRun(event=world["event"], progress="optimising", progress_params={"meetings": 12})
    method = "lp-rounding+local-search+cp-sat"
    assert (run_progress(run), method_name(method)) == (
        "optimising 12 meetings",
        "LP rounding + local search + CP-SAT (exact)",
    )
    assert day_label(dt.date(2026, 3, 11)) == "Wed March 11"
    with translation.override("ko"):
        assert (run_progress(run), method_name(method)) == (
            "미팅 12건 최적화 중",
            "LP 반올림 + 지역 탐색 + CP-SAT(정확해)",
        )
        assert day_label(dt.date(2026, 3, 11)) == "3월 11일 (수요일)"


def test_a_lost_run_says_why_in_the_readers_language(world):
    run = ScheduleRun(
        event=world["event"],
        progress="lost",
        progress_params={"detail": "worker w2, no heartbeat recorded"},
        error="stored in English for the command line",
    )
    assert run_error(run) == (
        "the worker running this run stopped (worker w2, no heartbeat recorded); it was not "
        "retried again"
    )
    with translation.override("ko"):
        assert run_error(run).startswith("이 실행을 맡은 워커가 멈췄습니다(worker w2")
    assert run_error(ScheduleRun(event=world["event"], error="boom")) == "boom"


def test_more_people_than_shown_are_counted_as_people_in_each_language():
    """Ye-jin meets six people in the common slots: four are named, the rest counted as
    people (Korean 명, never 개 for things) in both languages."""
    from dari.events.domain.reasons import render_reason

    names = {f"p{i}": f"Person {i}" for i in range(1, 9)}
    start = dt.datetime(2026, 3, 10, 8, tzinfo=dt.UTC)
    reason = {
        "code": "slots_taken",
        "who": ["p1", "p2"],
        "slots": [str(i) for i in range(1, 7)],
        "busy": [{"who": "p1", "meets": [{"with": [f"p{i}"]} for i in range(3, 9)]}],
        "full": [],
        "blockers": "none",
    }
    starts = {str(i): start + dt.timedelta(hours=i) for i in range(1, 7)}
    english = render_reason(reason, names, starts, "UTC")
    assert "March 10 11:00, March 10 12:00 and 2 more (UTC)" in english
    assert "Person 1 meets Person 3, Person 4, Person 5 and 3 others then." in english
    with translation.override("ko"):
        korean = render_reason(reason, names, starts, "UTC")
    assert "3월 10일 12:00 외 2개, UTC)" in korean
    assert (
        "그 시간에 Person 1 님은 Person 3, Person 4, Person 5 님 외 3명과 미팅이 있습니다."
        in korean
    )
