"""Organisers act only on their own organisation's events, or where made co-organisers; the
owners alone change the co-organisers. Every page answers a refused event like a missing one."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from dari.accounts.models import Role
from dari.events.access import managed_events, may_manage, owns_event
from dari.events.domain.errors import EventError
from dari.events.domain.organisers import add_co_organizer, remove_co_organizer
from dari.events.models import CoOrganizer
from tests.events.factories import make_event
from tests.factories import OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Messages are compared in English, whatever language an earlier test left active."""
    with translation.override("en"):
        yield


@pytest.fixture
def world(db):
    kpbma = OrganizationFactory(id="kpbma", name="KPBMA", kind="association")
    khidi = OrganizationFactory(id="khidi", name="KHIDI", kind="association")
    third = OrganizationFactory(id="third", name="Third", kind="association")
    event = make_event(organizer=kpbma)
    orphan = make_event(slug="orphan", organizer=None)

    def organiser(name, org):
        return UserFactory(username=name, organization=org, role=Role.ORGANISER)

    return {
        "event": event,
        "orphan": orphan,
        "owner": organiser("owner", kpbma),
        "khidi": organiser("khidi-organiser", khidi),
        "third": organiser("third-organiser", third),
        "member": UserFactory(username="member", organization=khidi),
        "padmin": UserFactory(username="padmin", role=Role.PLATFORM_ADMIN),
    }


def managers(world, event):
    who = ["owner", "khidi", "third", "member", "padmin"]
    return [w for w in who if may_manage(world[w], event)]


def test_only_the_organising_organisation_and_platform_admins_manage(world):
    assert managers(world, world["event"]) == ["owner", "padmin"]
    # Before: any organiser managed an event without an organising organisation.
    assert managers(world, world["orphan"]) == ["padmin"]


def test_co_organisers_manage_but_do_not_change_the_co_organisers(world):
    event = world["event"]
    add_co_organizer(world["owner"], event, organization_id="khidi")
    add_co_organizer(world["owner"], event, username="member")
    assert managers(world, event) == ["owner", "khidi", "member", "padmin"]
    assert sorted(managed_events(world["khidi"]).values_list("slug", flat=True)) == [event.slug]
    assert (owns_event(world["khidi"], event), owns_event(world["owner"], event)) == (False, True)
    with pytest.raises(EventError) as raised:
        add_co_organizer(world["khidi"], event, organization_id="third")
    assert (raised.value.code, raised.value.message) == (
        "forbidden",
        "Only the event's own organisers can change its co-organisers.",
    )
    row = CoOrganizer.objects.get(organization_id="khidi")
    remove_co_organizer(world["owner"], event, row.pk)
    assert managers(world, event) == ["owner", "member", "padmin"]


@pytest.mark.parametrize(
    "kwargs, field, message",
    [
        ({}, "organization", "Name either an organisation or a person."),
        ({"organization_id": "nope"}, "organization", "No organisation is named 'nope'."),
        ({"username": "ghost"}, "username", "There is no person with the login 'ghost'."),
        (
            {"organization_id": "kpbma"},
            "organization",
            "This organisation is the organiser already.",
        ),
    ],
)
def test_adding_a_co_organiser_names_what_is_wrong(world, kwargs, field, message):
    with pytest.raises(EventError) as raised:
        add_co_organizer(world["owner"], world["event"], **kwargs)
    assert (raised.value.field, raised.value.message) == (field, message)


def test_the_console_pages_follow_the_rule(client, world):
    event = world["event"]
    manage = reverse("events:manage", args=[event.slug])
    client.force_login(world["khidi"])
    assert client.get(manage).status_code == 404
    assert client.post(reverse("events:run", args=[event.slug])).status_code == 404
    client.force_login(world["owner"])
    response = client.post(
        reverse("events:co-organizer-add", args=[event.slug]), {"organization": "khidi"}
    )
    assert response.status_code == 302
    client.force_login(world["khidi"])
    page = client.get(manage)
    # A co-organiser sees the list but not the form that changes it.
    assert (page.status_code, page.context["co_organizer_form"]) == (200, None)
    row = CoOrganizer.objects.get()
    remove = reverse("events:co-organizer-remove", args=[event.slug, row.pk])
    client.post(remove)
    assert CoOrganizer.objects.count() == 1
