"""The list of calls says of each whether it takes applications today, so that a call met in
the press years ago does not look open (SYNTHETIC call of the `world` fixture)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine

from dari.directory.models import Program

pytestmark = pytest.mark.django_db

SEOUL = dt.timezone(dt.timedelta(hours=9))


def tags_of_the_call(client, language: str) -> list[str]:
    with time_machine.travel(dt.datetime(2026, 12, 7, 12, 0, tzinfo=SEOUL), tick=False):
        body = client.get("/insights/calls/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    (row,) = re.findall(r"<li>\s*<strong><a href=\"/insights/calls/p-call/\">.*?</li>", body, re.S)
    return re.findall(r'<span class="tag[^"]*">([^<]+)</span>', row)


@pytest.mark.parametrize(
    ("start", "end", "en", "ko"),
    [
        ("2017-08-29", "2017-09-29", "Closed", "마감"),
        ("2017", "", "Closed", "마감"),  # no closing day: closed at the end of 2018
        ("2026-02-11", "", "Taking applications", "접수 중"),
        ("2027-03", "2027-04", "Not open yet", "접수 전"),
    ],
)
def test_each_call_in_the_list_says_whether_it_takes_applications(
    world, client, start, end, en, ko
):
    Program.objects.filter(pk="p-call").update(start=start, end=end)
    assert tags_of_the_call(client, "en") == [en]
    assert tags_of_the_call(client, "ko") == [ko]
