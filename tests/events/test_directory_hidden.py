"""A registration waiting for the organiser's approval, or one the event's rules do not let me
meet, is missing from my directory, and nothing else tells me of it: its country is not offered
in the directory's filter (the option alone would say someone from there registered), and the
request page asked for it by id answers like a missing one (ids are counted up). The organisers
see every country."""

from __future__ import annotations

import pytest

from dari.events.domain.queries import event_directory
from dari.events.models import Participant
from tests.events.factories import person
from tests.events.pages import login, url

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


def test_the_request_page_for_them_is_a_404(client, world, waiting):
    login(client, world["emma"])
    page = url("request-new", "test-virtual")
    response = client.get(page, {"participant": waiting.pk})
    assert response.status_code == 404
    assert "Kenji" not in response.content.decode()
    posted = client.post(page, {"participant": waiting.pk, "priority": "2"})
    assert posted.status_code == 404


def test_the_request_page_for_someone_listed_still_opens(client, world, waiting):
    login(client, world["emma"])
    response = client.get(url("request-new", "test-virtual"), {"participant": world["minseo"].pk})
    assert response.status_code == 200


def test_a_participant_number_in_other_digits_is_no_number(client, world):
    """ "١" is not the number 1 in an address: a 404, as for any other text."""
    login(client, world["emma"])
    other_digits = str(world["minseo"].pk).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    response = client.get(url("request-new", "test-virtual"), {"participant": other_digits})
    assert response.status_code == 404
