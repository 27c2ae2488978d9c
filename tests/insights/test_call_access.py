"""Organisers act only on their own organisation's calls (or where made co-organisers): an
organiser of another organisation reads no pitch, shortlists nothing and invites no one, and
nobody invites a shortlist to an event they do not manage."""

from __future__ import annotations

import pytest
from django.utils import translation

from dari.accounts.models import Role
from dari.events.models import Event
from dari.insights.domain import calls
from dari.insights.domain.call_organisers import add_call_co_organizer
from dari.insights.domain.errors import CallError
from dari.insights.models import CallApplication
from tests.events.factories import make_event
from tests.factories import AssetFactory, OrganizationFactory, UserFactory


@pytest.fixture(autouse=True)
def _english():
    """Messages are compared in English, whatever language an earlier test left active."""
    with translation.override("en"):
        yield


@pytest.fixture
def setup(world, event_ahead):
    member = UserFactory(username="amember", organization=world["orgs"]["a1"])
    application = calls.apply_to_call(member, "p-call", "as-mab", "Our secret pitch.")
    other = OrganizationFactory(id="otherorg", name="Other Org")
    third = OrganizationFactory(id="thirdorg", name="Third Org")
    return {
        "application": application,
        "owner": UserFactory(
            username="owner", role=Role.ORGANISER, organization=world["orgs"]["bigpharma"]
        ),
        "stranger": UserFactory(username="stranger", role=Role.ORGANISER, organization=other),
        "third_event": make_event(slug="third-event", organizer=third),
    }


def code_of(call) -> str:
    with pytest.raises(CallError) as raised:
        call()
    return raised.value.code


def test_an_organiser_of_another_organisation_reads_no_pitch_and_changes_nothing(
    setup, client, mailoutbox
):
    stranger, application = setup["stranger"], setup["application"]
    assert code_of(lambda: calls.rank_applications(stranger, "p-call")) == "forbidden"
    assert code_of(lambda: calls.shortlist_application(stranger, application.pk)) == "forbidden"
    client.force_login(stranger)
    page = client.get("/insights/calls/p-call/review")
    shortlist = client.post(f"/insights/calls/p-call/applications/{application.pk}/shortlist")
    assert (page.status_code, shortlist.status_code) == (404, 404)
    application.refresh_from_db()
    assert (application.status, mailoutbox) == ("submitted", [])


def test_a_shortlist_is_invited_only_to_an_event_its_organiser_manages(setup, world, client):
    owner, application = setup["owner"], setup["application"]
    calls.shortlist_application(owner, application.pk)
    third = setup["third_event"]
    with pytest.raises(CallError) as raised:
        calls.invite_shortlist(owner, "p-call", third.pk)
    assert (raised.value.field, raised.value.message) == ("event", "No such event.")
    client.force_login(owner)
    page = client.get("/insights/calls/p-call/review")
    assert page.context["invite_form"].fields["event"].choices == [
        (world["event"].pk, f"{world['event'].name} ({world['event'].start_date:%Y-%m-%d})")
    ]
    assert client.post("/insights/calls/p-call/invite", {"event": third.pk}).status_code == 302
    assert CallApplication.objects.get().status == "shortlisted"


def test_a_co_organiser_reviews_the_call(setup):
    stranger, application = setup["stranger"], setup["application"]
    with pytest.raises(CallError):
        add_call_co_organizer(stranger, application.program, organization_id="otherorg")
    add_call_co_organizer(setup["owner"], application.program, organization_id="otherorg")
    rows = calls.rank_applications(stranger, "p-call")
    assert [r["application"].pitch for r in rows] == ["Our secret pitch."]
    assert calls.shortlist_application(stranger, application.pk).status == "shortlisted"


def test_a_call_names_its_co_organisers_as_an_event_does(setup):
    """One rule (events.domain.organisers.named_co_organizer) for calls and events."""
    call = setup["application"].program
    refusals = []
    for kwargs in ({}, {"organization_id": "nope"}, {"organization_id": call.organizer_id}):
        with pytest.raises(CallError) as raised:
            add_call_co_organizer(setup["owner"], call, **kwargs)
        refusals.append((raised.value.field, raised.value.message))
    assert refusals == [
        ("organization", "Name either an organisation or a person."),
        ("organization", "No organisation is named 'nope'."),
        ("organization", "This organisation is the organiser already."),
    ]


def test_an_unverified_co_organiser_reviews_nothing(setup):
    """A co-organiser of a call, like one of an event, needs a verified address and a
    confirmed membership: named as a person with an unverified address, they read no pitch."""
    helper = UserFactory(
        username="helper", verified=False, organization=setup["stranger"].organization
    )
    call = setup["application"].program
    add_call_co_organizer(setup["owner"], call, username="helper")
    assert code_of(lambda: calls.rank_applications(helper, "p-call")) == "forbidden"
    verified = UserFactory(username="helper2", organization=setup["stranger"].organization)
    add_call_co_organizer(setup["owner"], call, username="helper2")
    assert [r["application"].pitch for r in calls.rank_applications(verified, "p-call")] == [
        "Our secret pitch."
    ]


def test_a_member_with_an_unverified_address_applies_for_nobody_and_reads_no_application(
    setup, world, client
):
    """Applying speaks for the organisation, a member power: it needs a verified address, and
    so does reading the organisation's applications (which calls it entered, how each fares).
    Before, such a member saw the list, a hidden application as "—", and could apply."""
    a1 = world["orgs"]["a1"]
    AssetFactory(id="as-new", organization=a1, visibility="public", therapeutic_area="oncology")
    unverified = UserFactory(username="unverified", verified=False, organization=a1)
    with pytest.raises(CallError) as raised:
        calls.apply_to_call(unverified, "p-call", "as-new", "Another pitch.")
    assert raised.value.code == "forbidden"
    client.force_login(unverified)
    page = client.get("/insights/calls/p-call/")
    assert (page.context["mine"], page.context["form"], page.context["suggested"]) == ([], None, [])
    refused = client.post("/insights/calls/p-call/", {"asset": "as-new", "pitch": "P."})
    assert (refused.status_code, CallApplication.objects.count()) == (200, 1)


def test_a_shortlist_is_not_invited_to_an_event_that_is_over(setup, world, client, mailoutbox):
    """Inviting consumes the shortlist (an invited application is never invited again) and
    e-mails every applicant to register: an event whose last day is past takes neither. The
    invite form no longer offers it; the refusal names the event field."""
    owner, application = setup["owner"], setup["application"]
    calls.shortlist_application(owner, application.pk)
    over = make_event(slug="last-year", organizer=world["orgs"]["bigpharma"])
    Event.objects.filter(pk=over.pk).update(start_date="2025-11-03", end_date="2025-11-04")
    with pytest.raises(CallError) as raised:
        calls.invite_shortlist(owner, "p-call", over.pk)
    assert (raised.value.field, raised.value.code) == ("event", "event_over")
    assert "2025-11-04" in raised.value.message
    client.force_login(owner)
    page = client.get("/insights/calls/p-call/review")
    assert [pk for pk, _label in page.context["invite_form"].fields["event"].choices] == [
        world["event"].pk
    ]
    application.refresh_from_db()
    assert (application.status, over.invitations.count(), mailoutbox) == ("shortlisted", 0, [])
