"""A participant's availability edits with bad values are refused naming the field."""

from __future__ import annotations

import datetime as dt

import pytest

from dari.events.domain.errors import EventError
from dari.events.domain.setup import register_participant
from tests.events.factories import make_event, person

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("start", "end"), [("18:00", "09:00"), ("10:00", "10:00")])
def test_working_hours_that_end_before_they_start_name_the_field(start, end):
    event = make_event()
    me = person(event, "emma", "org-emma", "Europe/London")
    with pytest.raises(EventError) as info:
        register_participant(
            event, me.user, me.timezone, dt.time.fromisoformat(start), dt.time.fromisoformat(end)
        )
    assert info.value.field == "work_end"
    me.refresh_from_db()
    assert (me.work_start, me.work_end) == (dt.time(8), dt.time(20))


def test_an_unknown_time_zone_names_the_field():
    event = make_event()
    me = person(event, "emma", "org-emma", "Europe/London")
    with pytest.raises(EventError) as info:
        register_participant(event, me.user, "Mars/Olympus")
    assert info.value.field == "timezone"
