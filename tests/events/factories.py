"""Event test data: a small virtual event with participants in Seoul, London and Boston."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from dari.events.domain.setup import create_event, register_participant
from tests.factories import OrganizationFactory, UserFactory


def event_days(after: int = 30) -> tuple[dt.date, dt.date]:
    """The test event's two days, `after` days from today (UTC): an event still to come, so
    that meetings may be requested and scheduled whatever today's date."""
    start = timezone.now().date() + dt.timedelta(days=after)
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
