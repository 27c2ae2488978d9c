"""/api/webhooks through the test client: list, register (refusals in the one error shape),
read with deliveries, remove; another's endpoint is a 404; a read-only token cannot write."""

from __future__ import annotations

import pytest

from dari.accounts.domain.tokens import create_token
from dari.accounts.models import Role
from dari.webhooks.domain.endpoints import register_endpoint
from dari.webhooks.models import Endpoint
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def bearer(client, user, write=True):
    _token, secret = create_token(user, "webhooks", write=write)
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {secret}"
    return client


def test_an_organiser_manages_endpoints_through_the_api(client, world):
    bearer(client, world["organiser"])
    body = {
        "url": "https://hooks.example.com/a",
        "kinds": ["meeting.moved"],
        "event": "test-virtual",
    }
    response = client.post("/api/webhooks", body, content_type="application/json")
    assert response.status_code == 201, response.content
    created = response.json()
    assert (created["event"], created["kinds"], created["secret"].startswith("whsec_")) == (
        "test-virtual",
        ["meeting.moved"],
        True,
    )
    listed = client.get("/api/webhooks").json()
    assert [e["id"] for e in listed] == [created["id"]]
    assert "secret" not in listed[0]
    detail = client.get(f"/api/webhooks/{created['id']}").json()
    assert (detail["deliveries"], detail["secret"]) == ([], created["secret"])
    refused = client.post(
        "/api/webhooks",
        {**body, "url": "http://hooks.example.com/a"},
        content_type="application/json",
    )
    assert (refused.status_code, refused.json()["errors"]) == (
        400,
        [
            {
                "field": "url",
                "code": "https_only",
                "message": "Only https:// addresses receive notices.",
            }
        ],
    )
    assert client.delete(f"/api/webhooks/{created['id']}").status_code == 204
    assert Endpoint.objects.count() == 0


def test_another_endpoint_is_missing_and_read_only_tokens_cannot_write(client, world):
    org = world["emma"].organization
    admin = UserFactory(username="gsk-admin", organization=org, role=Role.ORG_ADMIN)
    endpoint = register_endpoint(
        admin, "https://hooks.example.com/gsk", ["request.created"], organization_id=org.pk
    )
    bearer(client, world["organiser"])
    assert client.get(f"/api/webhooks/{endpoint.pk}").status_code == 404
    assert client.delete(f"/api/webhooks/{endpoint.pk}").status_code == 404
    assert client.get("/api/webhooks").json() == []
    bearer(client, admin, write=False)
    assert client.get(f"/api/webhooks/{endpoint.pk}").json()["url"] == endpoint.url
    assert client.delete(f"/api/webhooks/{endpoint.pk}").status_code == 403
    client.defaults.pop("HTTP_AUTHORIZATION")
    assert client.get("/api/webhooks").status_code == 401
