"""Migration 0006 on data: a run's progress sentence becomes its code with parameters (and back),
an old English reason is cleared (the next run of the scheduler writes it again)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from dari.events.domain.requests import accept_request, request_meeting
from dari.events.models import Meeting, ScheduleRun
from tests.events.factories import make_event, person

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("events", "0005_reschedule_and_controls")]
AFTER = [("events", "0006_structured_reasons_and_progress")]


def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.migrate(target)
    return executor.loader.project_state(target).apps


@pytest.fixture(autouse=True)
def _latest_schema_after():
    """Whatever the test leaves, the next test on this database finds every table of the latest
    migrations (0007 and later create tables 0006 lacks: events_invitation)."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_old_progress_converts_and_old_reasons_are_cleared():
    event = make_event()
    seoul = person(event, "minseo", "kbio", "Asia/Seoul")
    london = person(event, "emma", "ukpharma", "Europe/London")
    meeting = accept_request(request_meeting(seoul, target=london).pk, london)
    runs = [ScheduleRun.objects.create(event=event) for _ in range(4)]
    old = _migrate(BEFORE)
    OldRun, OldMeeting = old.get_model("events", "ScheduleRun"), old.get_model("events", "Meeting")
    texts = [
        "optimising 12 meetings",
        "the worker running it stopped (worker w1 on host); queued again",
        "done",
        "something else",
    ]
    for run, text in zip(runs, texts, strict=True):
        OldRun.objects.filter(pk=run.pk).update(progress=text)
    OldMeeting.objects.filter(pk=meeting.pk).update(unscheduled_reason="no slot in which A and B")
    _migrate(AFTER)
    assert [(r.progress, r.progress_params) for r in ScheduleRun.objects.order_by("pk")] == [
        ("optimising", {"meetings": 12}),
        ("requeued", {"detail": "worker w1 on host"}),
        ("done", {}),
        ("", {}),
    ]
    assert Meeting.objects.get(pk=meeting.pk).unscheduled_reason == {}
    # And back: the codes become the sentences again.
    old = _migrate(BEFORE)
    assert list(
        old.get_model("events", "ScheduleRun")
        .objects.order_by("pk")
        .values_list("progress", flat=True)
    ) == texts[:3] + [""]
    _migrate(AFTER)
