"""An event's days must be ones a partnering event can have: not before 2000, not more than
ten years ahead, at most 31 days long, and a request deadline within those years. Dates at
the calendar's ends (0001-01-01, 9999-12-31) were a 500 (no UTC time exists for them) and a
years-long virtual event of 5-minute meetings millions of slots; now each is refused on its
field, in English and Korean, and nothing is written."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone, translation

from dari.events.domain.errors import EventError
from dari.events.domain.setup import create_event
from dari.events.models import Event, Slot
from tests.events.pages import login, texts, url
from tests.events.test_manage_views import EVENT_FORM

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("immediate_tasks")]

YEAR = timezone.now().year


def _fields(start, end, **more):
    fields = {
        "slug": "far",
        "name": "Far",
        "mode": "virtual",
        "timezone": "Asia/Seoul",
        "start_date": start,
        "end_date": end,
        "meeting_minutes": 5,
    }
    return {**fields, **more}


CASES = [
    (dt.date(9999, 12, 31), dt.date(9999, 12, 31), {}, "start_date"),
    (dt.date(1, 1, 1), dt.date(1, 1, 1), {}, "start_date"),
    (dt.date(1999, 12, 30), dt.date(1999, 12, 31), {}, "start_date"),
    (dt.date(YEAR + 11, 1, 1), dt.date(YEAR + 11, 1, 2), {}, "start_date"),
    (dt.date(YEAR + 1, 1, 1), dt.date(YEAR + 3, 1, 1), {}, "end_date"),
    (dt.date(YEAR + 1, 1, 1), dt.date(YEAR + 1, 2, 1), {}, "end_date"),
    (
        dt.date(YEAR + 1, 1, 1),
        dt.date(YEAR + 1, 1, 2),
        {"request_deadline": dt.datetime(1, 1, 1, tzinfo=dt.UTC)},
        "request_deadline",
    ),
    # Requests until after the last day: none of them could ever be scheduled. 15:00 UTC on
    # the last day is already the next day in Seoul.
    (
        dt.date(YEAR + 1, 1, 1),
        dt.date(YEAR + 1, 1, 2),
        {"request_deadline": dt.datetime(YEAR + 1, 1, 20, 18, tzinfo=dt.UTC)},
        "request_deadline",
    ),
    (
        dt.date(YEAR + 1, 1, 1),
        dt.date(YEAR + 1, 1, 2),
        {"request_deadline": dt.datetime(YEAR + 1, 1, 2, 15, tzinfo=dt.UTC)},
        "request_deadline",
    ),
]


@pytest.mark.parametrize("language", ["en", "ko"])
@pytest.mark.parametrize(("start", "end", "more", "field"), CASES)
def test_the_domain_refuses_days_no_event_has(start, end, more, field, language):
    with translation.override(language), pytest.raises(EventError) as refused:
        create_event(**_fields(start, end, **more))
    assert (refused.value.field, refused.value.code) == (field, "out_of_range")
    if language == "ko":
        assert any("\uac00" <= c <= "\ud7a3" for c in refused.value.message)
    assert (Event.objects.count(), Slot.objects.count()) == (0, 0)


def test_a_deadline_on_the_last_day_in_the_events_own_zone_is_kept():
    """23:00 in Seoul on the last day is 14:00 UTC that day: not after the event."""
    last = dt.datetime(YEAR + 1, 1, 2, 14, tzinfo=dt.UTC)
    event = create_event(
        **_fields(dt.date(YEAR + 1, 1, 1), dt.date(YEAR + 1, 1, 2), request_deadline=last)
    )
    assert event.request_deadline == last


def test_a_month_long_event_and_one_ten_years_ahead_are_made():
    assert create_event(**_fields(dt.date(YEAR, 1, 1), dt.date(YEAR, 1, 31))).slots.count()
    far = _fields(dt.date(YEAR + 10, 12, 30), dt.date(YEAR + 10, 12, 31), slug="ten")
    assert create_event(**far).end_date == dt.date(YEAR + 10, 12, 31)


@pytest.mark.parametrize(
    ("change", "field_label"),
    [
        ({"start_date": "9999-12-31", "end_date": "9999-12-31"}, "start_date"),
        ({"start_date": "0001-01-01", "end_date": "0001-01-01"}, "start_date"),
        ({"end_date": "2027-05-13"}, "end_date"),
        ({"request_deadline": "0001-01-01T00:00"}, "request_deadline"),
        ({"request_deadline": "2026-05-14T09:00"}, "request_deadline"),
    ],
)
def test_the_form_names_the_field_and_writes_nothing(client, world, change, field_label):
    login(client, world["organiser"])
    before = Event.objects.count()
    response = client.post(url("new"), {**EVENT_FORM, "tables": "40", **change})
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field_label]
    assert texts(response, "errorlist")
    assert Event.objects.count() == before
