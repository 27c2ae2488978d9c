"""The recipients of a thread's e-mails (`thread_members`): the vetted people who still speak
for the organisation they registered for, read in a fixed number of queries (the reminder
job asks it for every meeting it reminds of)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dari.events.domain.requests import request_meeting
from dari.events.domain.setup import register_participant
from dari.messaging.access import thread_members
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _members(request):
    with CaptureQueriesContext(connection) as queries:
        names = sorted(p.user.username for p in thread_members(request))
    return names, len(queries)


def test_thread_members_take_the_same_queries_however_many_answer(world):
    request = request_meeting(world["emma"], organization_id="ablbio", message="Hi ABL")
    few, few_queries = _members(request)
    assert few == sorted(["emma", world["minseo"].user.username, "jihoon"])
    for n in range(3):
        user = UserFactory(username=f"more{n}", organization=world["minseo"].organization)
        register_participant(world["minseo"].event, user, "Asia/Seoul")
    left = world["colleague"].user
    left.organization = None
    left.save()
    many, many_queries = _members(request)
    assert many == sorted(["emma", world["minseo"].user.username, "more0", "more1", "more2"])
    assert many_queries == few_queries
