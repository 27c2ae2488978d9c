"""A member removed from their organisation no longer represents it at the events they
registered for: the meetings they held for it (counterparts, times, asset topics) stop flowing
to them. Their agenda (and every page of their participation) refuses with a translated
message, their calendar feed answers exactly like an unknown token; their colleagues keep
theirs, and the organisers still see them among the event's participants."""

from __future__ import annotations

import pytest

from dari.accounts.domain.membership import do_confirm, remove_member
from dari.accounts.models import MembershipSource, Role
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("immediate_tasks")]

REFUSED_EN = "You are no longer a member of"
REFUSED_KO = "회원이 아니므로"


@pytest.fixture
def removed(world, scheduled):
    """Minseo (who holds the scheduled meeting with Emma for AbL Bio) removed from it."""
    minseo = world["minseo"]
    admin = UserFactory(username="padmin", role=Role.PLATFORM_ADMIN, organization=None)
    remove_member(minseo.organization, minseo.user_id, admin)
    return {"minseo": minseo, "admin": admin}


def _feed(p):
    return f"/events/calendar/{p.calendar_token}.ics"


def test_the_feed_of_a_removed_member_answers_like_an_unknown_token(client, world, removed):
    gone = client.get(_feed(removed["minseo"]))
    unknown = client.get("/events/calendar/not-a-token.ics")
    assert gone.status_code == unknown.status_code == 404
    assert b"VEVENT" not in gone.content
    # A colleague who stays a member keeps their feed, and so does the other side.
    assert client.get(_feed(world["colleague"])).status_code == 200
    assert client.get(_feed(world["emma"])).status_code == 200


def test_the_feed_comes_back_when_the_person_is_confirmed_again(client, world, removed):
    minseo = removed["minseo"]
    do_confirm(minseo.user, minseo.organization, MembershipSource.PLATFORM_ADMIN, removed["admin"])
    assert client.get(_feed(minseo)).status_code == 200


def test_a_member_of_another_organisation_now_does_not_get_the_old_feed(client, world, removed):
    minseo = removed["minseo"]
    other = UserFactory(username="elsewhere").organization
    do_confirm(minseo.user, other, MembershipSource.PLATFORM_ADMIN, removed["admin"])
    assert client.get(_feed(minseo)).status_code == 404


@pytest.mark.parametrize(("language", "refused"), [("en", REFUSED_EN), ("ko", REFUSED_KO)])
def test_the_agenda_of_a_removed_member_refuses_with_a_message(
    client, world, removed, language, refused
):
    minseo, event = removed["minseo"], world["event"]
    client.force_login(minseo.user)
    headers = {"Accept-Language": language}
    for path in ("agenda", "agenda.ics", "requests"):
        response = client.get(f"/events/{event.slug}/{path}", headers=headers)
        assert (path, response.status_code) == (path, 302)
    page = client.get(f"/events/{event.slug}/agenda", headers=headers, follow=True)
    html = page.content.decode()
    assert refused in html
    assert "Emma" not in html
    assert minseo.calendar_token not in html


def test_colleagues_keep_their_agenda_and_organisers_still_see_the_removed_member(
    client, world, removed
):
    event = world["event"]
    client.force_login(world["emma"].user)
    agenda = client.get(f"/events/{event.slug}/agenda")
    assert (agenda.status_code, "Minseo" in agenda.content.decode()) == (200, True)
    client.force_login(world["organiser"])
    listed = client.get(f"/events/{event.slug}/manage/export/participants")
    assert (listed.status_code, "Minseo Park" in listed.content.decode()) == (200, True)


def test_registering_again_after_a_move_does_not_carry_the_old_meetings_over(
    client, world, removed
):
    """Someone who moved to another organisation registers again for the new one: the old
    registration stays with the old organisation (tests/events/test_moved_member.py), and the
    meetings and calendar it held stay closed to them (before, the participant row switched
    organisation and the old agenda, counterparts and calendar came back)."""
    minseo, event = removed["minseo"], world["event"]
    elsewhere = UserFactory(username="elsewhere").organization
    do_confirm(minseo.user, elsewhere, MembershipSource.PLATFORM_ADMIN, removed["admin"])
    client.force_login(minseo.user)
    hours = {"timezone": "Asia/Seoul", "work_start": "08:00", "work_end": "20:00"}
    client.post(f"/events/{event.slug}/register", hours, follow=True)
    minseo.refresh_from_db()
    assert minseo.organization_id == "ablbio"
    assert not minseo.current
    agenda = client.get(f"/events/{event.slug}/agenda")
    assert "Ablbio" not in agenda.content.decode()
    assert client.get(_feed(minseo)).status_code == 404


def test_a_member_who_moved_gets_no_meeting_suggestions_for_the_old_organisation(
    client, world, removed
):
    """The suggestions (loaded into the event page) are made for the registration's
    organisation: its assets, and the organisations it has already asked, which they leave out.
    Someone who moved elsewhere no longer speaks for it, so they answer like no registration."""
    minseo, event = removed["minseo"], world["event"]
    elsewhere = UserFactory(username="elsewhere").organization
    do_confirm(minseo.user, elsewhere, MembershipSource.PLATFORM_ADMIN, removed["admin"])
    client.force_login(minseo.user)
    assert (
        client.get(f"/events/{event.slug}/suggestions", HTTP_HX_REQUEST="true").status_code == 404
    )
    client.force_login(world["colleague"].user)
    assert (
        client.get(f"/events/{event.slug}/suggestions", HTTP_HX_REQUEST="true").status_code == 200
    )
