"""A member who moved to another organisation (or was removed from it) and has not registered
again still has a `current` registration for the old organisation. It no longer speaks for them
(`dari.events.access.represents`): the event's page treats them as not registered, with a
notice naming the old organisation and asking them to register again; it shows no agenda,
requests or participant list of the old registration, and the event list does not mark the
event as theirs. Every participant page, export and calendar of the old registration refuses."""

from __future__ import annotations

import pytest

from dari.accounts.domain.membership import do_confirm, remove_member
from dari.accounts.models import MembershipSource, Role
from dari.events.domain.queries import event_rows
from tests.factories import OrganizationFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("immediate_tasks")]

NOTICE_EN = "You no longer represent Ablbio"
NOTICE_KO = "더 이상 Ablbio"


def _admin():
    return UserFactory(username="padmin", role=Role.PLATFORM_ADMIN, organization=None)


@pytest.fixture
def moved(world, scheduled):
    """Minseo, who holds the scheduled meeting with Emma for AbL Bio, now works at Newco Bio
    and has not registered again."""
    minseo = world["minseo"]
    admin = _admin()
    remove_member(minseo.organization, minseo.user_id, admin)
    newco = OrganizationFactory(id="newco", name="Newco Bio")
    do_confirm(minseo.user, newco, MembershipSource.PLATFORM_ADMIN, admin)
    minseo.refresh_from_db()
    minseo.user.refresh_from_db()
    assert minseo.current
    return minseo


@pytest.mark.parametrize(("language", "notice"), [("en", NOTICE_EN), ("ko", NOTICE_KO)])
def test_the_event_page_asks_them_to_register_again(client, world, moved, language, notice):
    event = world["event"]
    client.force_login(moved.user)
    page = client.get(f"/events/{event.slug}/", headers={"Accept-Language": language})
    html = page.content.decode()
    assert page.status_code == 200
    assert notice in html
    # Treated as not registered: the form registers them for Newco Bio; nothing of the old
    # registration (its tabs, the participant list, its suggestions) is offered.
    assert f'action="/events/{event.slug}/register"' in html
    assert f"/events/{event.slug}/agenda" not in html
    assert f"/events/{event.slug}/requests" not in html
    assert f"/events/{event.slug}/suggestions" not in html
    assert (html.count("Emma Clarke"), html.count("Jihoon Lee")) == (0, 0)
    assert moved.calendar_token not in html


def test_every_page_of_the_old_registration_refuses(client, world, moved):
    event = world["event"]
    client.force_login(moved.user)
    for path in ("agenda", "agenda.ics", "agenda/export", "requests", "availability"):
        response = client.get(f"/events/{event.slug}/{path}")
        assert (path, response.status_code, response["Location"]) == (
            path,
            302,
            f"/events/{event.slug}/",
        )
    assert (
        client.get(f"/events/{event.slug}/suggestions", HTTP_HX_REQUEST="true").status_code == 404
    )
    assert client.get(f"/events/calendar/{moved.calendar_token}.ics").status_code == 404
    posted = client.post(
        f"/events/{event.slug}/request", {"participant": world["emma"].pk, "message": "hi"}
    )
    assert (posted.status_code, posted["Location"]) == (302, f"/events/{event.slug}/")


def test_the_event_list_does_not_mark_the_event_as_theirs(world, moved):
    rows = {r.event.pk: r.is_mine for r in event_rows(moved.user)}
    assert rows[world["event"].pk] is False
    colleague = {r.event.pk: r.is_mine for r in event_rows(world["colleague"].user)}
    assert colleague[world["event"].pk] is True


def test_registering_again_gives_them_the_event_page_for_the_new_organisation(client, world, moved):
    event = world["event"]
    client.force_login(moved.user)
    hours = {"timezone": "Asia/Seoul", "work_start": "08:00", "work_end": "20:00"}
    client.post(f"/events/{event.slug}/register", hours)
    html = client.get(f"/events/{event.slug}/").content.decode()
    assert NOTICE_EN not in html
    assert f"/events/{event.slug}/agenda" in html
    assert html.count("Emma Clarke") == 1
