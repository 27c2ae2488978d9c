"""A trial site takes part in partnering events like any organisation: a confirmed member of a
hospital found by the site finder registers, and a sponsor asks the site to meet."""

from __future__ import annotations

from html import unescape

import pytest
import time_machine

from dari.accounts.models import Role
from dari.events.domain.errors import EventError
from dari.events.domain.invitations import invite_organization
from dari.events.domain.requests import request_meeting
from dari.events.domain.setup import register_participant
from dari.events.models import Invitation
from dari.trials.importer import import_files
from dari.trials.models import TrialSite
from tests.events.factories import make_event, person
from tests.factories import OrganizationFactory, UserFactory
from tests.trials.synthetic import page, study


def test_a_site_registers_and_is_asked_to_meet(db, write_json):
    import_files(
        [
            write_json(
                "p.json",
                page(
                    [
                        study(
                            "NCT96000001",
                            sites=[("Asan Medical Center", "Seoul", "Korea, Republic of")],
                        )
                    ]
                ),
            )
        ]
    )
    site = TrialSite.objects.get().organization
    assert site.kind == "hospital"
    with time_machine.travel("2026-02-01T00:00:00Z", tick=False):
        event = make_event()
        coordinator = UserFactory(username="syn-site", organization=site, timezone="Asia/Seoul")
        at_site = register_participant(event, coordinator)
        sponsor = person(event, "syn-sponsor", "org-syn-sponsor", "Europe/London")
        meeting = request_meeting(sponsor, organization_id=site.pk, message="SYNTHETIC feasibility")
    assert (at_site.organization_id, meeting.target_organization_id) == (site.pk, site.pk)


def _site_and_event(write_json):
    """A SYNTHETIC trial at Asan Medical Center, and an event needing registration approval
    whose organiser is signed in."""
    import_files(
        [
            write_json(
                "p.json",
                page(
                    [
                        study(
                            "NCT96000002",
                            phases=["PHASE2"],
                            sites=[("Asan Medical Center", "Seoul", "Korea, Republic of")],
                        )
                    ]
                ),
            )
        ]
    )
    site = TrialSite.objects.get().organization
    host = OrganizationFactory(id="org-syn-host", name="SYNTHETIC Host")
    organiser = UserFactory(username="syn-organiser", organization=host, role=Role.ORGANISER)
    event = make_event(organizer_id=host.pk, registration_approval=True)
    return site, event, organiser


@time_machine.travel("2026-02-01T00:00:00Z", tick=False)
def test_an_organiser_invites_a_site_from_the_finder_and_its_members_need_no_approval(
    client, db, write_json
):
    site, event, organiser = _site_and_event(write_json)
    finder = "/trials/sites/?condition=%EC%9C%84%EC%95%94&phase=2"
    client.force_login(organiser)
    page_html = client.get(finder).content.decode()
    assert f'action="/trials/sites/{site.pk}/invite"' in page_html
    assert f'<option value="{event.slug}">{event.name}</option>' in page_html

    response = client.post(f"/trials/sites/{site.pk}/invite", {"event": event.slug, "next": finder})
    assert (response.status_code, response["Location"]) == (302, finder)
    assert list(Invitation.objects.values_list("event_id", "organization_id")) == [
        (event.pk, site.pk)
    ]
    again = client.post(f"/trials/sites/{site.pk}/invite", {"event": event.slug, "next": "//x"})
    assert (again["Location"], Invitation.objects.count()) == ("/trials/sites/", 1)

    at_site = register_participant(event, UserFactory(username="syn-pi", organization=site))
    elsewhere = register_participant(event, UserFactory(username="syn-other"))
    assert (at_site.approved, elsewhere.approved) == (True, False)


@time_machine.travel("2026-02-01T00:00:00Z", tick=False)
def test_only_an_events_organisers_may_invite(client, db, write_json):
    site, event, _organiser = _site_and_event(write_json)
    client.force_login(UserFactory(username="syn-member"))
    response = client.post(f"/trials/sites/{site.pk}/invite", {"event": event.slug})
    assert (response.status_code, Invitation.objects.count()) == (404, 0)
    finder = client.get("/trials/sites/", {"condition": "위암", "phase": "2"}).content.decode()
    assert "/invite" not in finder
    with pytest.raises(EventError) as refused:
        invite_organization(UserFactory(username="syn-member-2"), event, site.pk)
    assert refused.value.code == "forbidden"


@time_machine.travel("2026-02-01T00:00:00Z", tick=False)
def test_the_console_lists_invites_and_withdraws_in_english_and_korean(client, db, write_json):
    site, event, organiser = _site_and_event(write_json)
    client.force_login(organiser)
    manage = f"/events/{event.slug}/manage"
    missing = client.post(f"{manage}/invitations", {"organization": "org-none"}, follow=True)
    assert "No organisation is named 'org-none'." in unescape(missing.content.decode())
    client.post(f"{manage}/invitations", {"organization": site.pk})
    invitation = Invitation.objects.get()
    english = client.get(manage).content.decode()
    assert f'{site.name} <span class="muted">({site.pk} · Hospital)</span>' in english
    client.cookies["django_language"] = "ko"
    korean = client.get(manage, HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert "초청한 기관" in korean and "Invited organisations" not in korean
    client.post(f"{manage}/invitations/{invitation.pk}/remove")
    assert Invitation.objects.count() == 0
