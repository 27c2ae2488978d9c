"""The participant count on the public event page: only the registrations the event lists
(approved, still speaking for their organisation), and "fewer than 3 organisations" when they
come from fewer than three; the organisers see every registration."""

from __future__ import annotations

import pytest

from dari.accounts.models import Role
from dari.events.domain.analytics import listed_participants
from dari.events.domain.controls import add_rule
from dari.events.domain.queries import event_directory
from dari.events.domain.setup import register_participant
from dari.events.models import Participant
from tests.events.factories import make_event
from tests.factories import OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


def count_on_page(client, event) -> str:
    html = client.get(f"/events/{event.slug}/").content.decode()
    start = html.index("Participants</dt><dd>") + len("Participants</dt><dd>")
    return html[start : html.index("</dd>", start)]


def register(event, key: str, approved: bool = True) -> Participant:
    org = OrganizationFactory(id=f"org-{key}")
    person = register_participant(event, UserFactory(username=key, organization=org), "UTC")
    Participant.objects.filter(pk=person.pk).update(approved=approved)
    return person


def test_registrations_awaiting_approval_are_not_counted(client):
    event = make_event()
    for key in ("a", "b", "c"):
        register(event, key)
    register(event, "waiting", approved=False)
    assert listed_participants(event) == 3
    assert count_on_page(client, event) == "3"


def test_fewer_than_three_organisations_read_as_such(client):
    event = make_event()
    register(event, "a")
    register(event, "b")
    register(event, "c", approved=False)
    assert listed_participants(event) is None
    assert count_on_page(client, event) == "fewer than 3 organisations"
    client.cookies["django_language"] = "ko"
    html = client.get(f"/events/{event.slug}/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert "기관 3곳 미만" in html


def test_organisers_see_every_registration(client):
    event = make_event()
    register(event, "a")
    register(event, "b", approved=False)
    client.force_login(UserFactory(username="boss", role=Role.PLATFORM_ADMIN, organization=None))
    assert count_on_page(client, event) == "2"


def _kinds(event):
    """Three pharma, three biotech and a CRO; the organiser lets pharma meet biotech only."""
    people = {}
    for key, kind in [("p1", "pharma"), ("p2", "pharma"), ("p3", "pharma")] + [
        ("b1", "biotech"),
        ("b2", "biotech"),
        ("b3", "biotech"),
        ("c1", "cro"),
    ]:
        org = OrganizationFactory(id=f"org-{key}", kind=kind)
        user = UserFactory(username=key, organization=org)
        people[key] = register_participant(event, user, "UTC")
    add_rule(event, "kind", "pharma", "biotech")
    return people


def test_no_count_tells_how_many_the_rules_hide_from_the_reader(client):
    """A pharma participant's directory lists themselves and the three biotechs: the count
    they read is those four, never the seven registered (7 - 4 would tell that three are
    hidden from them); anyone else reads only those no rule hides from anyone: none here."""
    event = make_event()
    people = _kinds(event)
    pharma = people["p1"]
    listed = event_directory(event, me=pharma).people
    assert len(listed) == 4
    assert listed_participants(event, viewer=pharma) == 4
    client.force_login(pharma.user)
    assert count_on_page(client, event) == "4"
    client.force_login(people["c1"].user)  # the CRO may meet no one: only themselves
    assert count_on_page(client, event) == "fewer than 3 organisations"
    client.logout()
    assert listed_participants(event) is None
    assert count_on_page(client, event) == "fewer than 3 organisations"


def test_without_rules_everyone_reads_every_listed_registration(client):
    event = make_event()
    people = {key: register(event, key) for key in ("a", "b", "c")}
    register(event, "waiting", approved=False)
    client.force_login(people["a"].user)
    assert count_on_page(client, event) == "3"
    assert listed_participants(event, viewer=people["a"]) == 3
    client.logout()
    assert count_on_page(client, event) == "3"
