"""The demo's people are vetted members (verified address, confirmed membership), so the demo
shows what members see; running the demo again keeps them so."""

from __future__ import annotations

import random

import pytest

from dari.accounts.access import sees_members_assets
from dari.accounts.demo import ensure_demo_users
from dari.accounts.models import Membership, User
from dari.events.demo import _person
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def test_demo_logins_and_synthetic_people_are_vetted_members():
    for org_id in ("kpbma", "abl-bio", "gsk"):
        OrganizationFactory(id=org_id)
    ensure_demo_users()
    ensure_demo_users()  # again: nothing doubles
    person = _person(random.Random(1), "demo-person", OrganizationFactory(id="org-x"), "UTC")
    users = User.objects.order_by("username")
    assert [(u.username, sees_members_assets(u)) for u in users] == [
        ("admin", True),
        ("bdlead", True),
        ("demo-person", True),
        ("organiser", True),
        ("scout", True),
    ]
    assert Membership.objects.filter(user=person, state="confirmed").count() == 1
    assert Membership.objects.count() == 4  # the platform admin belongs to no organisation
