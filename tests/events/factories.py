"""Event test data: a small virtual event with participants in Seoul, London and Boston."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

from dari.events.domain.setup import create_event, register_participant
from tests.factories import OrganizationFactory, UserFactory

# The tests' expectations name winter offsets (London on GMT, New York on EST); the tests
# of the `march_2026` fixture turn this off (their event is on New York's summer time).
WINTER_ONLY = True
_WINTER = {"Europe/London": dt.timedelta(0), "America/New_York": dt.timedelta(hours=-5)}


def _winter(day: dt.date) -> bool:
    """Whether London and New York keep their winter time all through `day` (UTC)."""
    return all(
        ZoneInfo(zone).utcoffset(dt.datetime.combine(day, dt.time(hour))) == offset
        for zone, offset in _WINTER.items()
        for hour in (0, 23)
    )


def event_days(after: int = 30, today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The test event's two days: the first two at least `after` days from today (UTC) on
    which London and New York keep their winter time, the day before included (Seoul's
    midnight is the previous afternoon in UTC). An event still to come, so that meetings may be
    requested and scheduled, and whose offsets the tests' expectations may name (GMT, EST),
    whatever today's date."""
    start = (today or timezone.now().date()) + dt.timedelta(days=after)
    while WINTER_ONLY and not all(_winter(start + dt.timedelta(days=d)) for d in (-1, 0, 1)):
        start += dt.timedelta(days=1)
    return start, start + dt.timedelta(days=1)


def make_event(**overrides):
    start, end = event_days()
    fields = dict(
        slug="test-virtual",
        name="Test Virtual Partnering",
        mode="virtual",
        timezone="Asia/Seoul",
        start_date=start,
        end_date=end,
        meeting_minutes=30,
        auto_schedule=False,
        video_url_template="https://video.example.org/{event}-{room}",
    )
    fields.update(overrides)
    return create_event(**fields)


def person(event, username, org_id, tz, start="08:00", end="20:00", **user):
    org = OrganizationFactory(id=org_id, name=org_id.title())
    u = UserFactory(username=username, organization=org, timezone=tz, **user)
    return register_participant(
        event, u, tz, dt.time.fromisoformat(start), dt.time.fromisoformat(end)
    )
