"""Fixtures of the event page tests (test_views, test_manage_views): a virtual event in Seoul's
zone with participants in Seoul and London, an organiser, an outsider; a scheduled meeting."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from dari.accounts.models import Role
from dari.events.domain.requests import accept_request, request_meeting
from dari.events.domain.schedule import schedule_event
from tests.events import factories
from tests.events.factories import make_event, person
from tests.events.pages import IMMEDIATE
from tests.factories import OrganizationFactory, UserFactory


@pytest.fixture
def immediate_tasks(settings):
    """Enqueued jobs run at once, inside the request that enqueues them."""
    settings.TASKS = IMMEDIATE


@pytest.fixture
def march_2026(monkeypatch):
    """The clock (ticking) 30 days before 10 March 2026, so that the test event is on 10-11
    March 2026 (New York on summer time since the 8th, London and Seoul not): for the tests
    whose expectations name those days, weekdays or offsets. Request it before `world`."""
    monkeypatch.setattr(factories, "WINTER_ONLY", False)
    with time_machine.travel(dt.datetime(2026, 2, 8, 9, 0, tzinfo=dt.UTC), tick=True):
        yield


@pytest.fixture
def world(db):
    """A virtual event in Seoul's zone with Minseo (Seoul) and Emma (London), a colleague of
    Minseo's, an organiser of the organising association and an outsider."""
    kpbma = OrganizationFactory(id="kpbma", name="KPBMA", kind="association")
    event = make_event(organizer=kpbma)
    minseo = person(
        event,
        "minseo",
        "ablbio",
        "Asia/Seoul",
        "08:00",
        "21:00",
        first_name="Minseo",
        last_name="Park",
    )
    emma = person(
        event,
        "emma",
        "gsk",
        "Europe/London",
        "08:00",
        "18:00",
        first_name="Emma",
        last_name="Clarke",
    )
    colleague_user = UserFactory(
        username="jihoon", organization=minseo.organization, first_name="Jihoon", last_name="Lee"
    )
    from dari.events.domain.setup import register_participant

    colleague = register_participant(event, colleague_user, "Asia/Seoul")
    organiser = UserFactory(
        username="organiser", organization=kpbma, role=Role.ORGANISER, timezone="Asia/Seoul"
    )
    other_organiser = UserFactory(username="other-organiser", role=Role.ORGANISER)
    outsider = UserFactory(username="outsider")
    return {
        "event": event,
        "minseo": minseo,
        "emma": emma,
        "colleague": colleague,
        "organiser": organiser,
        "other_organiser": other_organiser,
        "outsider": outsider,
    }


@pytest.fixture
def scheduled(world):
    meeting = accept_request(
        request_meeting(world["minseo"], target=world["emma"]).pk, world["emma"]
    )
    schedule_event(world["event"].pk)
    meeting.refresh_from_db()
    return meeting
