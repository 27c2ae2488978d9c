"""An address longer than an endpoint can hold is refused naming `url`, in the caller's
language (was a 500 from the database), and nothing is written."""

from __future__ import annotations

import pytest

from dari.accounts.domain.tokens import create_token
from dari.webhooks.models import Endpoint

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("en", "The address is too long (at most 500 characters)."),
        ("ko", "주소가 너무 깁니다 (최대 500자)."),
    ],
)
def test_a_too_long_address_is_a_400_naming_url(client, world, lang, message):
    _token, secret = create_token(world["organiser"], "hooks", write=True)
    body = {
        "url": "https://hooks.example.com/" + "a" * 600,
        "kinds": ["meeting.moved"],
        "event": "test-virtual",
    }
    response = client.post(
        "/api/webhooks",
        body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
        HTTP_ACCEPT_LANGUAGE=lang,
    )
    assert response.status_code == 400, response.content
    assert response.json()["errors"] == [{"field": "url", "code": "max_length", "message": message}]
    assert not Endpoint.objects.exists()
