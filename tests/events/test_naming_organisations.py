"""A form names an organisation the way people know it: its Korean or English name, or its id.
A name that fits none, or several, is refused with the organisations it may mean; the
suggestions a form offers while one types are a read that changes nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from dari.accounts.models import Role
from dari.directory.domain.queries import organization_named, organization_suggestions
from dari.directory.models import Organization
from dari.events.domain.errors import EventError
from dari.events.domain.organisers import add_co_organizer
from dari.events.models import CoOrganizer
from tests.events.factories import make_event
from tests.factories import OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    kpbma = OrganizationFactory(id="kpbma", name="KPBMA", kind="association")
    OrganizationFactory(id="celltrion", name="Celltrion", name_ko="셀트리온")
    OrganizationFactory(id="celltrion-pharm", name="Celltrion Pharm", name_ko="셀트리온제약")
    OrganizationFactory(id="hanmi-a", name="Hanmi", name_ko="")
    OrganizationFactory(id="hanmi-b", name="HANMI", name_ko="")
    owner = UserFactory(username="owner", organization=kpbma, role=Role.ORGANISER)
    return {"event": make_event(organizer=kpbma), "owner": owner}


@pytest.mark.parametrize("text", ["celltrion", "Celltrion", "  CELLTRION ", "셀트리온"])
def test_an_organisation_is_named_by_its_id_or_either_name(world, text):
    organization, suggestions = organization_named(text)
    assert (organization.pk, suggestions) == ("celltrion", [])


def test_a_shared_name_is_refused_with_every_organisation_of_that_name(world):
    with translation.override("en"), pytest.raises(EventError) as raised:
        add_co_organizer(world["owner"], world["event"], organization_id="hanmi")
    assert raised.value.field == "organization"
    assert raised.value.message == (
        "No organisation is named 'hanmi'. Did you mean: Hanmi (hanmi-a); HANMI (hanmi-b)?"
    )
    assert not CoOrganizer.objects.exists()


def test_a_part_of_a_name_suggests_in_the_readers_language(world):
    with translation.override("ko"):
        with pytest.raises(EventError) as raised:
            add_co_organizer(world["owner"], world["event"], organization_id="Celltr")
    assert "셀트리온 (celltrion)" in raised.value.message
    assert "셀트리온제약 (celltrion-pharm)" in raised.value.message
    assert raised.value.message != "No organisation is named 'Celltr'."
    # Whose name begins with the text comes first.
    assert [o.pk for o in organization_suggestions("Celltrion P")] == ["celltrion-pharm"]


def test_the_form_adds_a_co_organiser_named_in_korean(client, world):
    client.force_login(world["owner"])
    response = client.post(
        reverse("events:co-organizer-add", args=[world["event"].slug]), {"organization": "셀트리온"}
    )
    assert response.status_code == 302
    assert list(CoOrganizer.objects.values_list("organization_id", flat=True)) == ["celltrion"]


def test_the_suggestions_are_options_and_change_nothing(client, world):
    before = (Organization.objects.count(), CoOrganizer.objects.count())
    url = reverse("web:organization-suggest")
    page = client.get(url, {"organization": "셀트"}, HTTP_ACCEPT_LANGUAGE="ko")
    body = page.content.decode()
    assert page.status_code == 200
    assert '<option value="celltrion">셀트리온 · Celltrion</option>' in body
    assert '<option value="celltrion-pharm">셀트리온제약 · Celltrion Pharm</option>' in body
    assert "hanmi" not in body
    assert client.get(url).content.decode().strip() == ""
    assert client.post(url, {"q": "x"}).status_code == 405
    assert (Organization.objects.count(), CoOrganizer.objects.count()) == before


def test_the_console_gives_each_organisation_field_its_own_id(client, world):
    client.force_login(world["owner"])
    body = client.get(reverse("events:manage", args=[world["event"].slug])).content.decode()
    assert body.count('id="id_organization"') == 1
    assert body.count('id="id_invitation_organization"') == 1
    assert 'for="id_invitation_organization"' in body
