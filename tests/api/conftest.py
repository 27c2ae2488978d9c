"""Helpers of the API tests: every request goes through the Django test client and /api/."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client


def ids(response: Any) -> list[str]:
    """The ids of a list response's items, in order (after checking it succeeded)."""
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


@pytest.fixture
def as_user(leak_world):
    """`as_user(name)`: a client signed in as one of leak_world's users (None: anonymous)."""

    def client_for(name: str | None) -> Client:
        client = Client()
        if name is not None:
            client.force_login(leak_world["users"][name])
        return client

    return client_for
