"""A member who moves to another organisation and registers again for an event they had
registered for starts a new registration for the new organisation. The meetings they held for
the old one stay with the old registration (the organisers still list it, under the old
organisation, for it to send someone else or cancel) and are never shown as the person's own:
not on the agenda, the calendar feed, the requests or the move notices. The person is never
booked twice at one time across the two registrations."""

from __future__ import annotations

import pytest

from dari.accounts.domain.membership import do_confirm, remove_member
from dari.accounts.models import MembershipSource, Role
from dari.events.domain.errors import EventError
from dari.events.domain.moves import ask_to_move
from dari.events.domain.requests import accept_request, request_meeting
from dari.events.domain.schedule import schedule_event
from dari.events.domain.setup import register_participant
from dari.events.models import Meeting, Participant, Slot
from dari.messaging.domain.queries import moves_to_answer
from tests.events.factories import person
from tests.factories import OrganizationFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("immediate_tasks")]


@pytest.fixture
def moved(world, scheduled):
    """Minseo, who holds the scheduled meeting with Emma for AbL Bio, now works at Newco Bio
    and registers again for the same event."""
    old = world["minseo"]
    admin = UserFactory(username="padmin", role=Role.PLATFORM_ADMIN, organization=None)
    remove_member(old.organization, old.user_id, admin)
    newco = OrganizationFactory(id="newco", name="Newco Bio")
    do_confirm(old.user, newco, MembershipSource.PLATFORM_ADMIN, admin)
    old.user.refresh_from_db()
    new = register_participant(world["event"], old.user, "Asia/Seoul")
    old.refresh_from_db()
    return {"old": old, "new": new, "meeting": scheduled}


def test_the_new_registration_is_for_the_new_organisation(world, moved):
    old, new = moved["old"], moved["new"]
    assert new.pk != old.pk
    assert (new.organization_id, old.organization_id) == ("newco", "ablbio")
    # The meeting held for AbL Bio stays with AbL Bio's registration.
    assert list(moved["meeting"].participants.order_by("pk")) == [old, world["emma"]]
    assert list(new.meetings.all()) == []
    # Registering again changes nothing more.
    assert register_participant(world["event"], old.user, "Asia/Seoul").pk == new.pk
    assert Participant.objects.filter(event=world["event"], user=old.user).count() == 2


def test_the_old_meetings_are_not_shown_as_the_person_s_own(client, world, moved):
    event, new = world["event"], moved["new"]
    client.force_login(new.user)
    agenda = client.get(f"/events/{event.slug}/agenda")
    assert agenda.status_code == 200
    html = agenda.content.decode()
    assert "Emma" not in html
    assert new.calendar_token in html and moved["old"].calendar_token not in html
    feed = client.get(f"/events/calendar/{new.calendar_token}.ics")
    assert (feed.status_code, b"VEVENT" in feed.content) == (200, False)
    assert client.get(f"/events/calendar/{moved['old'].calendar_token}.ics").status_code == 404
    requests = client.get(f"/events/{event.slug}/requests").content.decode()
    assert "Emma" not in requests


def test_a_move_of_an_old_meeting_is_not_the_person_s_to_answer(world, moved):
    ask_to_move(moved["meeting"].pk, world["emma"], "a clash")
    assert moves_to_answer(moved["new"].user) == ()


def test_the_organisers_list_both_registrations(client, world, moved):
    client.force_login(world["organiser"])
    listed = client.get(f"/events/{world['event'].slug}/manage/export/participants")
    rows = [line for line in listed.content.decode().splitlines() if "Minseo Park" in line]
    assert (listed.status_code, len(rows)) == (200, 2)
    assert sorted("Newco Bio" in row for row in rows) == [False, True]


def test_the_person_is_never_booked_twice_at_one_time(world, moved):
    """The old meeting is confirmed (it keeps its time); the only time Noah can make is that
    one: a meeting of the person's new registration with Noah cannot take it."""
    event, meeting = world["event"], moved["meeting"]
    Meeting.objects.filter(pk=meeting.pk).update(confirmed=True)
    noah = person(event, "noah", "astra", "Asia/Seoul", "00:00", "23:59")
    noah.blocked_slots.set(Slot.objects.filter(event=event).exclude(pk=meeting.slot_id))
    new = moved["new"]
    met = accept_request(request_meeting(noah, target=new).pk, new)
    schedule_event(event.pk)
    met.refresh_from_db()
    assert met.slot_id != meeting.slot_id
    assert (met.status, met.slot_id) == ("unscheduled", None)


def test_no_one_asks_the_replaced_registration_for_a_meeting(client, world, moved):
    noah = person(world["event"], "noah", "astra", "Asia/Seoul")
    with pytest.raises(EventError) as refused:
        request_meeting(noah, target=moved["old"])
    assert (refused.value.field, refused.value.message) == (
        "target",
        "this participant is not registered for the event",
    )
    client.force_login(noah.user)
    listed = client.get(f"/events/{world['event'].slug}/").content.decode()
    assert listed.count("Minseo Park") == 1 and "Newco Bio" in listed
