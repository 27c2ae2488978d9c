"""An organisation is invited only to an event not over (its last day over in the event's own
zone), as a call's shortlist is: an invitation to a past event would let its members register
for it without approval, and the site finder's notice would send them there. The refusal names
the event field, in the reader's language; nothing is written."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import translation

from dari.accounts.models import Role
from dari.events.domain.errors import EventError
from dari.events.domain.invitations import invite_organization
from dari.events.models import Invitation
from tests.events.factories import make_event
from tests.factories import OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db

# The event's last day is 11 March 2030 in Seoul (UTC+9): over at 15:00 UTC on the 11th.
DURING = dt.datetime(2030, 3, 11, 14, 59, 59, tzinfo=dt.UTC)
OVER = dt.datetime(2030, 3, 11, 15, 0, tzinfo=dt.UTC)


@pytest.fixture
def seoul_event(db):
    host = OrganizationFactory(id="org-host", name="Host")
    organiser = UserFactory(
        username="organiser", organization=host, role=Role.ORGANISER, timezone="Europe/London"
    )
    guest = OrganizationFactory(id="org-guest", name="Guest Bio")
    with time_machine.travel(dt.datetime(2030, 3, 1, tzinfo=dt.UTC), tick=False):
        event = make_event(
            organizer=host, start_date=dt.date(2030, 3, 10), end_date=dt.date(2030, 3, 11)
        )
    return event, organiser, guest


@pytest.mark.parametrize(
    ("language", "message"),
    [
        (
            "en",
            "Test Virtual Partnering is over (its last day was 2030-03-11): "
            "choose an event still ahead.",
        ),
        (
            "ko",
            "Test Virtual Partnering은(는) 이미 끝났습니다(마지막 날 2030-03-11). "
            "아직 끝나지 않은 행사를 고르세요.",
        ),
    ],
)
def test_an_event_that_is_over_invites_no_one(seoul_event, language, message):
    event, organiser, guest = seoul_event
    with time_machine.travel(OVER, tick=False), translation.override(language):
        with pytest.raises(EventError) as refused:
            invite_organization(organiser, event, guest.pk)
    assert (refused.value.field, refused.value.code, refused.value.message) == (
        "event",
        "event_over",
        message,
    )
    assert Invitation.objects.count() == 0


def test_the_last_minute_of_the_last_day_in_the_events_zone_still_invites(seoul_event):
    event, organiser, guest = seoul_event
    with time_machine.travel(DURING, tick=False):
        invitation = invite_organization(organiser, event, guest.pk)
    assert (invitation.event_id, invitation.organization_id) == (event.pk, guest.pk)


def test_the_console_refuses_with_the_message(client, seoul_event):
    event, organiser, guest = seoul_event
    with time_machine.travel(OVER, tick=True):
        client.force_login(organiser)
        page = client.post(
            f"/events/{event.slug}/manage/invitations", {"organization": guest.pk}, follow=True
        )
    assert "is over (its last day was 2030-03-11)" in page.content.decode()
    assert Invitation.objects.count() == 0
