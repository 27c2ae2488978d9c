"""One closing rule for every call: a call that names no closing day closes at the end of the
year after it opened (Korea's time), whether it came with the bundled data or was created in
Dari; a call created with no opening day opens the day it is created, so it does not stay open
for ever. The call page says until when it is open."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import translation

from dari.insights.domain import calls
from dari.insights.domain.errors import CallError
from dari.insights.models import CallApplication
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SEOUL = dt.timezone(dt.timedelta(hours=9))
CREATED = dt.datetime(2026, 12, 7, 10, 0, tzinfo=SEOUL)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def member(world):
    return UserFactory(username="amember", organization=world["orgs"]["a1"])


@pytest.fixture
def created(world, organiser):
    """A call an organiser creates on 7 December 2026 with neither an opening nor a closing day."""
    with time_machine.travel(CREATED, tick=False):
        return calls.create_call(organiser, {"name": "Open Call", "organizer": "bigpharma"})


def test_a_call_created_without_dates_opens_that_day_and_closes_the_year_after(created, member):
    assert (created.start, created.end, calls.closing_day(created)) == (
        "2026-12-07",
        "",
        "2027-12-31",
    )
    with time_machine.travel(dt.datetime(2027, 12, 31, 23, 59, tzinfo=SEOUL), tick=False):
        assert calls.apply_to_call(member, created.pk, "as-mab", "Pitch.").program_id == created.pk
    CallApplication.objects.all().delete()
    with time_machine.travel(dt.datetime(2028, 1, 1, 0, 0, tzinfo=SEOUL), tick=False):
        with pytest.raises(CallError) as raised:
            calls.apply_to_call(member, created.pk, "as-mab", "Pitch.")
    assert (raised.value.code, CallApplication.objects.count()) == ("closed", 0)


def test_the_same_rule_as_a_bundled_call_without_a_closing_day(world):
    from dari.directory.models import Program

    Program.objects.filter(pk="p-call").update(start="2026-02-11", end="")
    call = calls.get_call("p-call")
    assert (calls.assumed_end(call), calls.closing_day(call)) == ("2027-12-31", "2027-12-31")
    Program.objects.filter(pk="p-call").update(end="2026-04-30")
    assert calls.closing_day(calls.get_call("p-call")) == "2026-04-30"


def test_an_edit_that_blanks_the_opening_day_keeps_the_one_recorded(created, organiser):
    with time_machine.travel(dt.datetime(2027, 6, 1, 9, 0, tzinfo=SEOUL), tick=False):
        edited = calls.edit_call(organiser, created.pk, {"start": "", "name": "Open Call 2"})
    assert (edited.start, calls.closing_day(edited)) == ("2026-12-07", "2027-12-31")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Open for applications until 2027-12-31 (Korea time)."),
        ("ko", "2027-12-31(한국 시간)까지 지원할 수 있습니다."),
    ],
)
def test_the_page_says_until_when_the_call_is_open(client, created, member, language, text):
    with time_machine.travel(dt.datetime(2027, 3, 1, 12, 0, tzinfo=SEOUL), tick=False):
        client.force_login(member)
        body = client.get(
            f"/insights/calls/{created.pk}/", HTTP_ACCEPT_LANGUAGE=language
        ).content.decode()
    assert text in body
    with time_machine.travel(dt.datetime(2028, 1, 2, 12, 0, tzinfo=SEOUL), tick=False):
        body = client.get(
            f"/insights/calls/{created.pk}/", HTTP_ACCEPT_LANGUAGE=language
        ).content.decode()
    assert text not in body


def test_calls_created_before_with_neither_date_open_on_their_last_change(world):
    """Migration insights 0004: an undated call takes the day of its last change (in Korea) as
    its opening day; a call with a date keeps its own."""
    import importlib

    from django.apps import apps

    from dari.directory.models import Program

    migration = importlib.import_module(
        "dari.insights.migrations.0004_undated_calls_open_on_last_change"
    )
    changed = dt.datetime(2025, 3, 4, 20, 0, tzinfo=dt.UTC)  # 5 March in Seoul
    Program.objects.filter(pk="p-call").update(start="", end="", updated=changed)
    migration.open_undated_calls(apps, None)
    call = calls.get_call("p-call")
    assert (call.start, call.updated, calls.closing_day(call)) == (
        "2025-03-05",
        changed,
        "2026-12-31",
    )
    Program.objects.filter(pk="p-call").update(start="2024", end="")
    migration.open_undated_calls(apps, None)
    assert calls.get_call("p-call").start == "2024"
