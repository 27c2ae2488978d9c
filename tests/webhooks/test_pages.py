"""The webhook pages: who may open them, registering through the form (refusals on their
field), the secret and delivery log shown only to those who manage the endpoint, Korean."""

from __future__ import annotations

import pytest

from dari.accounts.models import Role
from dari.webhooks.domain.endpoints import register_endpoint
from dari.webhooks.models import Delivery, Endpoint, HookKind
from tests.events.pages import get_in_korean, html, login
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_nobody_without_an_organisation_or_event_to_manage_sees_the_pages(client, world):
    assert client.get("/webhooks/").status_code == 302
    for who in ("minseo", "outsider"):
        login(client, world[who])
        assert client.get("/webhooks/").status_code == 404


def test_an_organiser_registers_an_endpoint_and_reads_its_log(client, world):
    login(client, world["organiser"])
    page = client.get("/webhooks/")
    assert "Event: Test Virtual Partnering" in html(page)
    event_scope = f"event:{world['event'].pk}"
    refused = client.post(
        "/webhooks/",
        {"url": "http://hooks.example.com/x", "scope": event_scope, "kinds": ["meeting.moved"]},
    )
    assert "Only https:// addresses receive notices." in html(refused)
    response = client.post(
        "/webhooks/",
        {"url": "https://hooks.example.com/x", "scope": event_scope, "kinds": ["meeting.moved"]},
    )
    endpoint = Endpoint.objects.get()
    assert response["Location"] == f"/webhooks/{endpoint.pk}/"
    Delivery.objects.create(
        endpoint=endpoint,
        kind=HookKind.MEETING_MOVED,
        body="{}",
        attempts=2,
        response_code=503,
        status="retrying",
    )
    detail = html(client.get(f"/webhooks/{endpoint.pk}/"))
    assert (endpoint.secret in detail, "503" in detail, "Will retry" in detail) == (
        True,
        True,
        True,
    )
    korean = html(get_in_korean(client, f"/webhooks/{endpoint.pk}/"))
    assert ("전송 기록" in korean, "재시도 예정" in korean) == (True, True)
    old = endpoint.secret
    client.post(f"/webhooks/{endpoint.pk}/rotate")
    endpoint.refresh_from_db()
    assert endpoint.secret != old
    client.post(f"/webhooks/{endpoint.pk}/edit", {"kinds": ["meeting.cancelled"]})
    endpoint.refresh_from_db()
    assert (endpoint.kinds, endpoint.active) == (["meeting.cancelled"], False)


def test_others_get_a_404_for_an_endpoint_and_never_its_secret(client, world):
    emma_org = world["emma"].organization
    admin = UserFactory(username="gsk-admin", organization=emma_org, role=Role.ORG_ADMIN)
    endpoint = register_endpoint(
        admin, "https://hooks.example.com/gsk", ["request.created"], organization_id=emma_org.pk
    )
    for who in (world["organiser"], world["other_organiser"], world["emma"].user):
        login(client, who)
        for path in ("", "edit", "rotate", "remove"):
            response = (
                client.get(f"/webhooks/{endpoint.pk}/{path}")
                if not path
                else client.post(f"/webhooks/{endpoint.pk}/{path}")
            )
            assert response.status_code == 404
    login(client, admin)
    page = html(client.get("/webhooks/"))
    assert ("hooks.example.com/gsk" in page, "My organisation" in page) == (True, True)
    client.post(f"/webhooks/{endpoint.pk}/remove")
    assert Endpoint.objects.count() == 0
