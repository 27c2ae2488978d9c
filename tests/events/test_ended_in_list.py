"""The event list marks an event whose last day is over (in its own zone): an organiser who
made one with past dates, or who looks back, read it among the coming ones unmarked."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from tests.events.factories import make_event
from tests.events.pages import get_in_korean

pytestmark = pytest.mark.django_db


def _marks(page: str) -> dict[str, bool]:
    rows = re.findall(r"<tr>(.*?)</tr>", page, re.S)
    return {
        re.search(r'href="/events/([^/"]+)/"', row).group(1): ">Ended<" in row or ">종료됨<" in row
        for row in rows
        if 'href="/events/' in row
    }


def test_an_event_that_is_over_is_marked_ended_in_english_and_korean(client, world):
    today = timezone.now().date()
    make_event(
        slug="last-month",
        start_date=today - dt.timedelta(days=30),
        end_date=today - dt.timedelta(days=29),
    )
    assert _marks(client.get("/events/").content.decode()) == {
        "test-virtual": False,
        "last-month": True,
    }
    page = get_in_korean(client, "/events/").content.decode()
    assert '<span class="tag light">종료됨</span>' in page
    assert _marks(page) == {"test-virtual": False, "last-month": True}
