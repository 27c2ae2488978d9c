from __future__ import annotations

import pytest

from dari.accounts.models import Role
from tests.factories import UserFactory
from tests.insights.factories import make_world


@pytest.fixture
def world(db):
    return make_world()


@pytest.fixture
def admin_user(db):
    return UserFactory(username="padmin", role=Role.PLATFORM_ADMIN, organization=None)


@pytest.fixture
def organiser(world):
    """An organiser of the call's organising organisation (which also organises the event)."""
    return UserFactory(
        username="organiser", role=Role.ORGANISER, organization=world["orgs"]["bigpharma"]
    )
