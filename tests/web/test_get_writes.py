"""No GET request changes data: the demo is built as `dari demo --no-serve` does, then every
page URL (web, events, insights; POST-only ones too, which must refuse a GET) and every GET
operation of the API is requested anonymously and as each demo user, and every table's rows
are compared before and after. The clock is moved past the demo event's request deadline, when
pending requests are due to expire: only the periodic job may expire them, never a page."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.core.management import call_command

from dari.accounts.models import User
from dari.events.models import Event, MeetingRequest, RequestStatus
from tests.getwalk import (
    api_get_urls,
    changed_tables,
    database_checksum,
    get_as_loaded,
    page_urls,
    path_values,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

DEMO_USERS = ["admin", "organiser", "bdlead", "scout"]


def test_no_get_request_writes(client):
    call_command("demo", "--no-serve", stdout=io.StringIO())
    event = Event.objects.filter(synthetic=True).order_by("-start_date").first()
    assert MeetingRequest.objects.filter(event=event, status=RequestStatus.PENDING).exists()
    values = path_values()
    urls = page_urls(values) + api_get_urls(values)
    assert len(urls) > 60
    after_deadline = event.request_deadline + dt.timedelta(hours=1)
    with time_machine.travel(after_deadline, tick=False):
        for who in [None, *DEMO_USERS]:
            client.logout()
            if who is not None:
                client.force_login(User.objects.get(username=who))
            before = database_checksum()
            statuses = {}
            for url in urls:
                response = get_as_loaded(client, url)
                statuses[url] = response.status_code
            errors = {u: s for u, s in statuses.items() if s >= 500}
            assert (who, errors, changed_tables(before, database_checksum())) == (who, {}, [])
