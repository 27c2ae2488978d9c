"""Two organisers creating calls of the same name at the same moment (real transactions in
threads; on PostgreSQL truly concurrent): both calls are created, the second under the next
free id, instead of one of them failing on the id both looked up as free."""

from __future__ import annotations

import pytest
from django.db import connection

from dari.accounts.models import Role
from dari.directory.models import Program
from dari.insights.domain import calls
from tests.events.test_concurrency import in_threads
from tests.factories import UserFactory
from tests.insights.factories import make_world

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor == "sqlite", reason="SQLite serialises whole transactions"
    ),
]


def test_two_calls_of_one_name_created_at_once_both_exist():
    world = make_world()
    organiser = UserFactory(
        username="organiser", role=Role.ORGANISER, organization=world["orgs"]["bigpharma"]
    )
    values = {"name": "Neuroscience Partnering Call", "organizer": "bigpharma"}
    out = in_threads(
        lambda: calls.create_call(organiser, values), lambda: calls.create_call(organiser, values)
    )
    assert [type(o).__name__ for o in out] == ["Program", "Program"], out
    assert sorted(
        Program.objects.filter(name="Neuroscience Partnering Call").values_list("pk", flat=True)
    ) == ["call-neuroscience-partnering-call", "call-neuroscience-partnering-call-2"]
