"""A call takes applications from its opening day to its closing day, in Korea's time, and
says so: before or after, the domain refuses with the date, and the call page shows why
instead of the form (nothing written either way)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from dari.directory.models import Program
from dari.insights.domain import calls
from dari.insights.domain.errors import CallError
from dari.insights.models import CallApplication
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SEOUL = dt.timezone(dt.timedelta(hours=9))


@pytest.fixture
def member(world):
    return UserFactory(username="amember", organization=world["orgs"]["a1"])


def window(start: str, end: str) -> None:
    Program.objects.filter(pk="p-call").update(start=start, end=end)


def apply(member):
    return calls.apply_to_call(member, "p-call", "as-mab", "Our pitch.")


@pytest.mark.parametrize(
    ("start", "end", "now", "code"),
    [
        ("2030-03-01", "2030-03-31", dt.datetime(2030, 2, 28, 23, 59, tzinfo=SEOUL), "not_open"),
        ("2030-03-01", "2030-03-31", dt.datetime(2030, 3, 1, 0, 0, tzinfo=SEOUL), None),
        ("2030-03-01", "2030-03-31", dt.datetime(2030, 3, 31, 23, 59, tzinfo=SEOUL), None),
        ("2030-03-01", "2030-03-31", dt.datetime(2030, 4, 1, 0, 0, tzinfo=SEOUL), "closed"),
        ("2030", "2030-03", dt.datetime(2030, 3, 31, 12, 0, tzinfo=SEOUL), None),
        ("2030", "2030-03", dt.datetime(2030, 4, 1, 0, 0, tzinfo=SEOUL), "closed"),
        ("2031", "", dt.datetime(2030, 12, 31, 23, 0, tzinfo=SEOUL), "not_open"),
        ("", "", dt.datetime(2030, 12, 31, 23, 0, tzinfo=SEOUL), None),
    ],
)
def test_applications_are_taken_within_the_calls_dates_in_koreas_time(
    world, member, start, end, now, code
):
    window(start, end)
    with time_machine.travel(now, tick=False):
        if code is None:
            assert apply(member).program_id == "p-call"
        else:
            with pytest.raises(CallError) as raised:
                apply(member)
            assert (raised.value.code, CallApplication.objects.count()) == (code, 0)


def test_a_closed_call_page_says_why_in_korean_and_takes_nothing(world, member, client):
    window("2030-03-01", "2030-03-31")
    with time_machine.travel(dt.datetime(2030, 4, 2, tzinfo=SEOUL), tick=False):
        client.force_login(member)  # a session of today's date would have expired by 2030
        page = client.get("/insights/calls/p-call/", HTTP_ACCEPT_LANGUAGE="ko")
        posted = client.post(
            "/insights/calls/p-call/",
            {"asset": "as-mab", "pitch": "Late."},
            HTTP_ACCEPT_LANGUAGE="ko",
        )
    body = page.content.decode()
    assert "2030-03-31에 접수를 마감하여 더 이상 지원을 받지 않습니다." in body
    assert 'name="pitch"' not in body
    assert posted.status_code == 200
    assert "접수를 마감하여" in posted.content.decode()
    assert CallApplication.objects.count() == 0


def test_the_window_is_koreas_whatever_the_readers_own_zone(world, member, client):
    """Pages run in the reader's zone (the reader_time_zone middleware); the call's dates stay
    Korea's. At 01:00 on 1 April in Seoul it is still 31 March in London: before, a member in
    London could apply to a call closed on 31 March, and one in Seoul saw a call opening on
    1 April as open to a London colleague only hours later."""
    window("2030-03-01", "2030-03-31")
    member.timezone = "Europe/London"
    member.save(update_fields=["timezone"])
    with time_machine.travel(dt.datetime(2030, 4, 1, 1, 0, tzinfo=SEOUL), tick=False):
        client.force_login(member)  # a session of today's date would have expired by 2030
        posted = client.post("/insights/calls/p-call/", {"asset": "as-mab", "pitch": "Late."})
        assert posted.wsgi_request.user == member
    assert (posted.status_code, CallApplication.objects.count()) == (200, 0)
    assert "closed on 2030-03-31" in posted.content.decode()
