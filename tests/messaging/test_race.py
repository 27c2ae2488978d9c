"""Two workers sending the same reminders at once send each one once (real transactions in
threads; truly concurrent on PostgreSQL, where the unique key of SentNotice decides)."""

from __future__ import annotations

import datetime as dt

import pytest

from dari.events.domain.requests import accept_request, request_meeting
from dari.events.domain.schedule import schedule_event
from dari.messaging.domain.outbox import send_due
from dari.messaging.models import SentNotice
from tests.events.factories import make_event, person
from tests.events.test_concurrency import in_threads

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_workers_racing_send_each_reminder_once(mailoutbox):
    event = make_event()
    a = person(event, "a", "org-a", "Asia/Seoul")
    b = person(event, "b", "org-b", "Europe/London")
    meeting = accept_request(request_meeting(a, target=b).pk, b)
    schedule_event(event.pk)
    meeting.refresh_from_db()
    moment = meeting.slot.start - dt.timedelta(minutes=15)
    mailoutbox.clear()  # the request and the answer were mailed on commit
    results = in_threads(lambda: send_due(moment), lambda: send_due(moment))
    # Who wins each reminder may differ from run to run; together they send each one once.
    assert (sum(results), len(mailoutbox), SentNotice.objects.count()) == (2, 2, 2)
