"""Organiser powers need a vetted account, like every other member power (registering,
requesting meetings, administering an organisation): an organiser or co-organiser whose e-mail
address is not verified creates no event, manages none, invites no one; the pages say why."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.utils import translation

from dari.accounts.models import Role
from dari.events.access import managed_events, may_create_events, may_manage
from dari.events.domain.errors import EventError
from dari.events.domain.invitations import invite_organization
from dari.events.models import CoOrganizer, Event, Invitation
from tests.events.pages import get_in_korean, html, login, url
from tests.factories import OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db

REFUSED = (
    "Organising events needs a verified e-mail address and a confirmed membership of your "
    "organisation."
)


@pytest.fixture
def unverified(world):
    """The organising association's organiser, with their one address not verified."""
    organiser = world["organiser"]
    EmailAddress.objects.filter(user=organiser).update(verified=False)
    return organiser


def test_an_unverified_organiser_has_no_organiser_power(world, unverified):
    event = world["event"]
    OrganizationFactory(id="celltrion", name="Celltrion")
    assert (
        may_create_events(unverified),
        may_manage(unverified, event),
        list(managed_events(unverified)),
    ) == (False, False, [])
    with pytest.raises(EventError) as raised:
        invite_organization(unverified, event, "celltrion")
    assert (raised.value.code, Invitation.objects.count()) == ("forbidden", 0)


def test_once_verified_the_same_organiser_organises(world, unverified):
    EmailAddress.objects.filter(user=unverified).update(verified=True)
    fresh = type(unverified).objects.get(pk=unverified.pk)
    assert (may_create_events(fresh), may_manage(fresh, world["event"])) == (True, True)


def test_an_unverified_co_organiser_manages_nothing(world):
    helper = UserFactory(username="helper", verified=False)
    CoOrganizer.objects.create(event=world["event"], user=helper)
    assert (may_manage(helper, world["event"]), list(managed_events(helper))) == (False, [])


def test_the_pages_refuse_with_the_reason_and_create_nothing(client, world, unverified):
    login(client, unverified)
    listing = html(client.get(url("list")))
    form = client.get(url("new"), follow=True)
    posted = client.post(
        url("new"),
        {"name": "Unverified", "slug": "unverified", "start_date": "2030-01-02"},
        follow=True,
    )
    assert url("new") not in listing
    assert [str(m) for m in form.context["messages"]] == [REFUSED]
    assert [str(m) for m in posted.context["messages"]] == [REFUSED]
    assert list(Event.objects.values_list("slug", flat=True)) == ["test-virtual"]
    assert client.get(url("manage", "test-virtual")).status_code == 404


def test_the_refusal_reads_in_korean(client, world, unverified):
    login(client, unverified)
    with translation.override(None):
        response = client.get(url("new"), follow=True, HTTP_ACCEPT_LANGUAGE="ko")
    assert [str(m) for m in response.context["messages"]] == [
        "행사를 주최하려면 인증된 이메일 주소와 소속 기관의 확인된 회원 자격이 필요합니다."
    ]


def test_members_who_are_not_organisers_still_get_no_event_page(client, world):
    login(client, UserFactory(username="member", role=Role.MEMBER))
    assert client.get(url("new")).status_code == 404
    assert get_in_korean(client, url("list")).status_code == 200
