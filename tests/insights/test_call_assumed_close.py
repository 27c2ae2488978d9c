"""A call that names no closing day does not take applications for ever: it closes at the end
of the year after the one it opened in (Korea's time), and its page says so; a call with
neither date stays open (SYNTHETIC call of the `world` fixture)."""

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


@pytest.mark.parametrize(
    ("start", "now", "code"),
    [
        ("2017", dt.datetime(2018, 12, 31, 23, 59, tzinfo=SEOUL), None),
        ("2017", dt.datetime(2019, 1, 1, 0, 0, tzinfo=SEOUL), "closed"),
        ("2022-05-11", dt.datetime(2023, 12, 31, 12, 0, tzinfo=SEOUL), None),
        ("2022-05-11", dt.datetime(2026, 12, 7, 12, 0, tzinfo=SEOUL), "closed"),
        ("2026-02-11", dt.datetime(2026, 12, 7, 12, 0, tzinfo=SEOUL), None),
        ("", dt.datetime(2040, 1, 1, 0, 0, tzinfo=SEOUL), None),
    ],
)
def test_a_call_without_a_closing_day_closes_after_the_year_after_it_opened(
    world, member, start, now, code
):
    window(start, "")
    with time_machine.travel(now, tick=False):
        if code is None:
            assert calls.apply_to_call(member, "p-call", "as-mab", "Pitch.").program_id == "p-call"
        else:
            with pytest.raises(CallError) as raised:
                calls.apply_to_call(member, "p-call", "as-mab", "Pitch.")
            assert (raised.value.code, CallApplication.objects.count()) == (code, 0)


def test_the_page_names_the_assumed_closing_day_in_korean(world, member, client):
    window("2017", "")
    with time_machine.travel(dt.datetime(2026, 12, 7, 12, 0, tzinfo=SEOUL), tick=False):
        client.force_login(member)
        body = client.get("/insights/calls/p-call/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert (
        "이 공모는 마감일을 밝히지 않아 개시 다음 해 말일(2018-12-31)에 마감된 것으로 보며, "
        "더 이상 지원을 받지 않습니다." in body
    )
    assert "2018-12-31 (마감일 미공개: 개시 다음 해 말일로 봄)" in body
    assert 'name="pitch"' not in body
    assert "지원서 제출" not in body


def test_an_open_call_without_a_closing_day_shows_when_it_will_close(world, member, client):
    window("2026-02-11", "")
    with time_machine.travel(dt.datetime(2026, 12, 7, 12, 0, tzinfo=SEOUL), tick=False):
        client.force_login(member)
        body = client.get("/insights/calls/p-call/").content.decode()
    assert (
        "2027-12-31 (no closing date given: taken as the end of the year after it opened)" in body
    )
    assert 'name="pitch"' in body


def test_no_bundled_call_opened_years_ago_takes_applications_today(db):
    """The review met the 2017 QuickFire challenge and the 2022 KoreaBIO challenge inviting
    applications in 2026: their closing days are in the data now, or the rule closes them."""
    from dari.directory.bundled import load_bundled_data
    from dari.directory.vocab import ProgramKind

    load_bundled_data()
    found = Program.objects.filter(kind=ProgramKind.OPEN_INNOVATION_CALL)
    with time_machine.travel(dt.datetime(2026, 12, 7, 12, 0, tzinfo=SEOUL), tick=False):
        still_open = [
            call.pk
            for call in found
            if call.start < "2025" and calls.closed_for_applications(call) is None
        ]
    assert still_open == []
    assert Program.objects.get(pk="prog-jnj-quickfire-seoul").end == "2017-09-29"
    assert Program.objects.get(pk="prog-koreabio-oic-2022").end == "2022-04-29"
