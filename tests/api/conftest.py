"""Helpers of the API tests: every request goes through the Django test client and /api/."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from dari.accounts.domain.tokens import create_token


def ids(response: Any) -> list[str]:
    """The ids of a list response's items, in order (after checking it succeeded)."""
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


@pytest.fixture(params=["session", "token"])
def as_user(request, leak_world):
    """`as_user(name)`: a client acting as one of leak_world's users (None: anonymous), once
    signed in with a session and once with a personal access token of that user."""

    def client_for(name: str | None) -> Client:
        client = Client()
        if name is None:
            return client
        user = leak_world["users"][name]
        if request.param == "session":
            client.force_login(user)
        else:
            _token, secret = create_token(user, "leak test")
            client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {secret}"
        return client

    return client_for
