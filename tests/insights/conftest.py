from __future__ import annotations

import pytest

from dari.accounts.models import Role
from tests.factories import UserFactory
from tests.insights.factories import make_world


@pytest.fixture
def world(db):
    return make_world()


@pytest.fixture
def admin_user(db):
    return UserFactory(username="padmin", role=Role.PLATFORM_ADMIN, organization=None)


@pytest.fixture
def organiser(world):
    """An organiser of the call's organising organisation (which also organises the event)."""
    return UserFactory(
        username="organiser", role=Role.ORGANISER, organization=world["orgs"]["bigpharma"]
    )


@pytest.fixture
def event_ahead(world):
    """The world's event moved 30 days ahead of today: a shortlist is invited only to an event
    that is not over (the world's own dates lie in March 2026)."""
    import datetime as dt

    from django.utils import timezone

    from dari.events.models import Event

    event = world["event"]
    day = timezone.localdate() + dt.timedelta(days=30)
    Event.objects.filter(pk=event.pk).update(start_date=day, end_date=day)
    event.refresh_from_db()
    return event
