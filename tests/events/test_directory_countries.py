"""The countries a participant may filter the event's directory by are those of the people it
lists to them: a registration waiting for the organiser's approval, or one the event's rules do
not let me meet, is missing from my directory, and its country is not offered either (the
option alone would tell me someone from there registered). The organisers see every country."""

from __future__ import annotations

import pytest

from dari.events.domain.queries import event_directory
from dari.events.models import Participant
from tests.events.factories import person

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting(world):
    """Kenji of a Japanese company registered; the organiser has not approved him."""
    kenji = person(world["event"], "kenji", "takeda", "Asia/Tokyo", first_name="Kenji")
    kenji.organization.country = "JP"
    kenji.organization.save()
    Participant.objects.filter(pk=kenji.pk).update(approved=False)
    return kenji


def test_a_waiting_registrations_country_is_not_offered_to_participants(world, waiting):
    directory = event_directory(world["event"], me=world["emma"])
    assert [p.name for p in directory.people if p.pk == waiting.pk] == []
    assert "JP" not in [code for code, _name in directory.countries]


def test_nor_on_the_event_page(client, world, waiting):
    client.force_login(world["emma"].user)
    page = client.get(f"/events/{world['event'].slug}/").content.decode()
    assert 'value="JP"' not in page


def test_the_organisers_see_every_country(world, waiting):
    directory = event_directory(world["event"])
    assert "JP" in [code for code, _name in directory.countries]
