"""Webhooks: registering endpoints (who may, which addresses), signed deliveries to a local
receiver through the task queue, retries with backoff and the delivery log, and no leaks: an
organisation's endpoint hears only of its own participants, an asset is named only to those
who may see it."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone as djtz

from dari.accounts.models import Role
from dari.events.domain.followup import report_outcome
from dari.events.domain.moves import accept_move, ask_to_move
from dari.events.domain.requests import accept_request, decline_request, request_meeting
from dari.events.domain.schedule import cancel_meeting, publish_schedule, schedule_event
from dari.webhooks.domain.deliver import attempt_delivery, backoff, due_deliveries
from dari.webhooks.domain.endpoints import register_endpoint
from dari.webhooks.domain.errors import WebhookError
from dari.webhooks.models import Delivery, DeliveryStatus, HookKind
from tests.events.factories import person
from tests.factories import AssetFactory, OrganizationFactory, UserFactory, link
from tests.webhooks.receiver import Receiver

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("immediate_tasks")]

EVERYTHING = list(HookKind.values)


@pytest.fixture(autouse=True)
def loopback(settings):
    settings.DARI_WEBHOOKS_ALLOW_LOOPBACK = True


def admin_of(org, username):
    return UserFactory(username=username, organization=org, role=Role.ORG_ADMIN)


def test_only_admins_and_organisers_register_and_only_public_https(world, settings):
    event = world["event"]
    ablbio = world["minseo"].organization
    admin = admin_of(ablbio, "abl-admin")
    with pytest.raises(WebhookError) as exc:
        register_endpoint(
            world["minseo"].user,
            "https://hooks.example.com/x",
            EVERYTHING,
            organization_id=ablbio.pk,
        )
    assert (exc.value.field, exc.value.code) == ("scope", "forbidden")
    with pytest.raises(WebhookError) as exc:
        register_endpoint(
            world["other_organiser"], "https://hooks.example.com/x", EVERYTHING, event=event
        )
    assert (exc.value.field, exc.value.code) == ("scope", "forbidden")
    settings.DARI_WEBHOOKS_ALLOW_LOOPBACK = False
    refused = {
        "http://hooks.example.com/x": "https_only",
        "https://127.0.0.1/x": "private_host",
        "http://127.0.0.1:8000/x": "https_only",
        "https://localhost/x": "private_host",
        "https://10.1.2.3/x": "private_host",
        "https://192.168.0.9/x": "private_host",
        "https://169.254.169.254/latest": "private_host",
        "https://[::1]/x": "private_host",
        "https://db.internal/x": "private_host",
        "https://user:pw@hooks.example.com/x": "credentials",
        "ftp://hooks.example.com/x": "invalid",
        "not a url": "invalid",
    }
    for url, code in refused.items():
        with pytest.raises(WebhookError) as exc:
            register_endpoint(admin, url, EVERYTHING, organization_id=ablbio.pk)
        assert (url, exc.value.field, exc.value.code) == (url, "url", code)
    with pytest.raises(WebhookError) as exc:
        register_endpoint(
            admin, "https://hooks.example.com/x", ["meeting.eaten"], organization_id=ablbio.pk
        )
    assert (exc.value.field, exc.value.code) == ("kinds", "invalid")
    endpoint = register_endpoint(
        admin, "https://hooks.example.com/x", ["meeting.moved"], organization_id=ablbio.pk
    )
    assert (endpoint.kinds, endpoint.secret.startswith("whsec_")) == (["meeting.moved"], True)
    assert (
        register_endpoint(
            world["organiser"], "https://hooks.example.com/y", EVERYTHING, event=event
        ).event
        == event
    )


def test_signed_deliveries_of_the_whole_flow_reach_the_local_receiver(world):
    event = world["event"]
    with Receiver() as receiver:
        endpoint = register_endpoint(world["organiser"], receiver.url, EVERYTHING, event=event)
        receiver.secret = endpoint.secret
        request = request_meeting(world["minseo"], target=world["emma"], message="안녕하세요")
        meeting = accept_request(request.pk, world["emma"])
        schedule_event(event.pk)
        publish_schedule(event.pk)
        move = ask_to_move(meeting.pk, world["emma"], reason="clash")
        accept_move(move.pk, world["minseo"])
        report_outcome(meeting.pk, world["minseo"], "cda_signed", None, "private note")
        cancel_meeting(meeting.pk, world["emma"])
        liam = person(event, "liam", "roche", "Europe/London")
        declined = request_meeting(liam, target=world["emma"])
        decline_request(declined.pk, world["emma"])
    got = [(r["event"], r["json"]["type"], r["verified"]) for r in receiver.received]
    assert got == [
        (k, k, True)
        for k in [
            "request.created",
            "request.accepted",
            "meeting.scheduled",
            "meeting.moved",
            "followup.updated",
            "meeting.cancelled",
            "request.created",
            "request.declined",
        ]
    ]
    first = receiver.received[0]["json"]
    # An event's organisers do not read the two sides' messages.
    assert first["data"]["request"]["message"] is None
    assert first["event"]["slug"] == "test-virtual"
    moved = receiver.received[3]["json"]["data"]["meeting"]
    assert (moved["id"], moved["sequence"] > 0) == (meeting.pk, True)
    assert "private note" not in json.dumps([r["json"] for r in receiver.received])
    assert "@" not in "".join(r["body"] for r in receiver.received if "email" in r["body"])
    log = list(
        Delivery.objects.filter(endpoint=endpoint).values_list(
            "status", "attempts", "response_code"
        )
    )
    assert log == [(DeliveryStatus.DELIVERED, 1, 200)] * 8


def test_failures_are_retried_with_backoff_then_given_up(world):
    event = world["event"]
    with Receiver(codes=[500, 503]) as receiver:
        endpoint = register_endpoint(
            world["organiser"], receiver.url, ["request.created"], event=event
        )
        receiver.secret = endpoint.secret
        request_meeting(world["minseo"], target=world["emma"])
        delivery = Delivery.objects.get()
        assert (delivery.status, delivery.attempts, delivery.response_code) == (
            DeliveryStatus.RETRYING,
            1,
            500,
        )
        now = djtz.now()
        assert due_deliveries(now) == []
        later = delivery.next_try + timedelta(seconds=1)
        assert due_deliveries(later) == [delivery.pk]
        second = attempt_delivery(delivery.pk, later)
        assert (second.status, second.attempts, second.response_code, second.next_try) == (
            DeliveryStatus.RETRYING,
            2,
            503,
            later + backoff(2),
        )
        third = attempt_delivery(delivery.pk, second.next_try)
        assert (third.status, third.attempts, third.response_code) == (
            DeliveryStatus.DELIVERED,
            3,
            200,
        )
        assert [r["verified"] for r in receiver.received] == [True, True, True]
    assert [backoff(n).total_seconds() for n in (1, 2, 3, 4)] == [30, 120, 480, 1920]


def test_an_unreachable_endpoint_fails_after_the_last_attempt(world):
    with Receiver() as receiver:
        url = receiver.url
    endpoint = register_endpoint(world["organiser"], url, ["request.created"], event=world["event"])
    request_meeting(world["minseo"], target=world["emma"])
    delivery = Delivery.objects.get(endpoint=endpoint)
    for _ in range(10):
        delivery = attempt_delivery(
            delivery.pk, (delivery.next_try or djtz.now()) + timedelta(seconds=1)
        )
    assert (delivery.status, delivery.attempts, delivery.response_code, bool(delivery.error)) == (
        DeliveryStatus.FAILED,
        6,
        None,
        True,
    )


def test_an_organisation_hears_only_of_its_own_participants_and_visible_assets(world):
    event = world["event"]
    minseo, emma = world["minseo"], world["emma"]
    stranger_org = OrganizationFactory(id="stranger", name="Stranger")
    secret = AssetFactory(
        organization=minseo.organization, name="Partners-only ADC", visibility="partners"
    )
    link(minseo.organization, emma.organization)
    with Receiver() as receiver:
        gsk = register_endpoint(
            admin_of(emma.organization, "gsk-admin"),
            receiver.url + "/gsk",
            EVERYTHING,
            organization_id=emma.organization_id,
        )
        stranger = register_endpoint(
            admin_of(stranger_org, "st-admin"),
            receiver.url + "/stranger",
            EVERYTHING,
            organization_id="stranger",
        )
        organiser = register_endpoint(
            world["organiser"], receiver.url + "/organiser", EVERYTHING, event=event
        )
        receiver.secret = gsk.secret
        request_meeting(minseo, target=emma, asset_id=secret.pk, message="Hello")
    seen = {
        r["path"]: (r["json"]["data"]["request"]["asset"], r["json"]["data"]["request"]["message"])
        for r in receiver.received
    }
    assert seen == {
        "/hook/gsk": ({"id": secret.pk, "name": "Partners-only ADC"}, "Hello"),
        "/hook/organiser": (None, None),
    }
    assert Delivery.objects.filter(endpoint=stranger).count() == 0
    assert Delivery.objects.filter(endpoint=organiser).count() == 1
    assert "Partners-only ADC" not in Delivery.objects.get(endpoint=organiser).body


def test_an_endpoint_stops_when_its_registrant_loses_the_right(world):
    emma = world["emma"]
    admin = admin_of(emma.organization, "gsk-admin")
    with Receiver() as receiver:
        register_endpoint(admin, receiver.url, EVERYTHING, organization_id=emma.organization_id)
        admin.role = Role.MEMBER
        admin.save()
        request_meeting(world["minseo"], target=emma)
    assert (receiver.received, Delivery.objects.count()) == ([], 0)


def test_an_organisation_endpoint_names_assets_as_the_organisation_sees_them(world):
    """Not as its registrant does: a platform admin (or anyone who moved on) registering for
    GSK must not make GSK's payloads name Minseo's partners-only asset GSK is not a partner of."""
    minseo, emma = world["minseo"], world["emma"]
    secret = AssetFactory(
        organization=minseo.organization, name="Partners-only ADC", visibility="partners"
    )
    staff = UserFactory(
        username="staff", organization=minseo.organization, role=Role.PLATFORM_ADMIN
    )
    with Receiver() as receiver:
        gsk = register_endpoint(
            staff, receiver.url + "/gsk", EVERYTHING, organization_id=emma.organization_id
        )
        receiver.secret = gsk.secret
        request_meeting(minseo, target=emma, asset_id=secret.pk, message="Hello")
    body = Delivery.objects.get(endpoint=gsk).body
    assert json.loads(body)["data"]["request"]["asset"] is None
    assert "Partners-only ADC" not in body


def test_a_retry_never_names_an_asset_made_confidential_since_the_notice(world):
    """A notice is kept to be retried; an asset the organisation no longer sees by the time of
    a retry (made partners-only, the partner link gone) is not named in what is sent then."""
    minseo, emma = world["minseo"], world["emma"]
    adc = AssetFactory(organization=minseo.organization, name="Renamed ADC", visibility="public")
    with Receiver(codes=[500]) as receiver:
        gsk = register_endpoint(
            admin_of(emma.organization, "gsk-admin"),
            receiver.url,
            ["request.created"],
            organization_id=emma.organization_id,
        )
        receiver.secret = gsk.secret
        request_meeting(minseo, target=emma, asset_id=adc.pk)
        delivery = Delivery.objects.get()
        assert delivery.status == DeliveryStatus.RETRYING
        adc.visibility = "partners"
        adc.save()
        attempt_delivery(delivery.pk, delivery.next_try + timedelta(seconds=1))
    first, retry = (r["json"]["data"]["request"]["asset"] for r in receiver.received)
    assert (first, retry) == ({"id": adc.pk, "name": "Renamed ADC"}, None)
    assert [r["verified"] for r in receiver.received] == [True, True]
    assert "Renamed ADC" not in Delivery.objects.get().body
