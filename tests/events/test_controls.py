"""Organiser controls: registration approval, who-can-meet-whom rules (organisation kinds,
participant roles) and request quotas per role, enforced when requesting, accepting and in the
event's directory."""

from __future__ import annotations

import pytest

from dari.events.domain.controls import (
    add_rule,
    approve_participant,
    remove_rule,
    set_quota,
    set_registration_approval,
    set_role,
)
from dari.events.domain.errors import EventError
from dari.events.domain.queries import event_directory
from dari.events.domain.requests import accept_request, request_meeting, withdraw_request
from dari.events.domain.setup import register_participant
from dari.events.models import MeetingRequest
from tests.events.factories import make_event
from tests.factories import OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


def join(event, username, org_id, kind, role=None):
    org = OrganizationFactory(id=org_id, name=org_id.title(), kind=kind)
    user = UserFactory(username=username, organization=org, timezone="Europe/London")
    return register_participant(event, user, "Europe/London", role=role)


@pytest.fixture
def fair(db):
    event = make_event()
    return {
        "event": event,
        "pharma": join(event, "pia", "bigpharma", "pharma", "buyer"),
        "biotech": join(event, "ben", "smallbio", "biotech", "seller"),
        "biotech2": join(event, "bea", "otherbio", "biotech", "seller"),
        "cro": join(event, "cai", "acro", "cro", "service"),
    }


def refusal(fn, *args, **kwargs):
    with pytest.raises(EventError) as exc:
        fn(*args, **kwargs)
    return exc.value.field, exc.value.code


def test_registrations_wait_for_approval_when_the_event_asks(fair):
    event = fair["event"]
    set_registration_approval(event, True)
    late = join(event, "lee", "latebio", "biotech")
    assert (late.approved, fair["pharma"].approved) == (False, True)
    assert refusal(request_meeting, late, target=fair["pharma"]) == ("requester", "not_approved")
    # A registration awaiting approval is refused like a missing one (test_hidden_refusals).
    assert refusal(request_meeting, fair["pharma"], target=late) == ("target", "invalid")
    assert refusal(request_meeting, fair["pharma"], organization_id="latebio") == (
        "target",
        "invalid",
    )
    # Registering again (new hours) does not approve oneself.
    assert register_participant(event, late.user, "Asia/Seoul").approved is False
    names = [p.user.username for p in event_directory(event, me=fair["pharma"]).people]
    assert "lee" not in names
    assert "lee" in [p.user.username for p in event_directory(event).people]
    late = approve_participant(event, late.pk)
    assert request_meeting(late, target=fair["pharma"]).status == "pending"
    assert refusal(approve_participant, event, 10**6) == ("participant", "not_found")


def test_kind_rules_allow_only_their_pairs_both_ways(fair):
    event = fair["event"]
    add_rule(event, "kind", "pharma", "biotech")
    assert request_meeting(fair["biotech"], target=fair["pharma"]).status == "pending"
    assert request_meeting(fair["pharma"], target=fair["biotech2"]).status == "pending"
    # Someone the rules keep from me is not in my directory: refused like a missing one.
    assert refusal(request_meeting, fair["cro"], target=fair["pharma"]) == ("target", "invalid")
    assert refusal(request_meeting, fair["biotech"], target=fair["biotech2"]) == (
        "target",
        "invalid",
    )
    seen = [p.user.username for p in event_directory(event, me=fair["pharma"]).people]
    assert sorted(seen) == ["bea", "ben", "pia"]
    assert [p.user.username for p in event_directory(event, me=fair["cro"]).people] == ["cai"]
    assert refusal(add_rule, event, "kind", "pharma", "biotech") == ("side_b", "duplicate")
    assert refusal(add_rule, event, "kind", "pharma", "buyer") == ("side_b", "invalid")
    assert refusal(add_rule, event, "colour", "a", "b") == ("dimension", "invalid")


def test_role_rules_and_kind_rules_both_apply(fair):
    event = fair["event"]
    add_rule(event, "role", "buyer", "seller")
    rule = add_rule(event, "role", "buyer", "service")
    assert request_meeting(fair["cro"], target=fair["pharma"]).status == "pending"
    remove_rule(event, rule.pk)
    assert refusal(remove_rule, event, rule.pk) == ("rule", "not_found")
    assert refusal(request_meeting, fair["biotech"], target=fair["biotech2"])[1] == "invalid"
    add_rule(event, "kind", "biotech", "biotech")
    set_role(fair["biotech2"], "buyer")
    assert request_meeting(fair["biotech"], target=fair["biotech2"]).status == "pending"


def test_accepting_an_organisation_request_checks_the_one_who_accepts(fair):
    event = fair["event"]
    colleague = register_participant(
        event,
        UserFactory(username="bo", organization=fair["biotech"].organization),
        "Europe/London",
        role="service",
    )
    request = request_meeting(fair["pharma"], organization_id="smallbio")
    add_rule(event, "role", "buyer", "seller")
    assert refusal(accept_request, request.pk, colleague) == ("target", "not_allowed")
    assert MeetingRequest.objects.get(pk=request.pk).status == "pending"
    assert accept_request(request.pk, fair["biotech"]).request.status == "accepted"


def test_quotas_cap_requests_per_role(fair):
    event = fair["event"]
    set_quota(event, "buyer", 1)
    first = request_meeting(fair["pharma"], target=fair["biotech"])
    assert refusal(request_meeting, fair["pharma"], target=fair["biotech2"]) == (
        "requester",
        "quota",
    )
    withdraw_request(first.pk, fair["pharma"])
    assert request_meeting(fair["pharma"], target=fair["biotech2"]).status == "pending"
    # Other roles are not capped; removing the quota lifts it.
    assert request_meeting(fair["biotech"], target=fair["cro"]).status == "pending"
    set_quota(event, "buyer", None)
    assert request_meeting(fair["pharma"], target=fair["cro"]).status == "pending"
    assert refusal(set_quota, event, "buyer", -1) == ("max_requests", "out_of_range")
    assert refusal(set_quota, event, "king", 3) == ("role", "invalid")
    assert refusal(register_participant, event, fair["cro"].user, role="king") == (
        "role",
        "invalid",
    )
