"""Background jobs (django-tasks; the database backend on SQLite and PostgreSQL).

A task takes primitive ids, loads, calls the domain, records. Run the worker with
`dari db_worker` (the demo starts one)."""

from __future__ import annotations

from django.db import transaction
from django_tasks import task

from dari.events.models import RunStatus, ScheduleRun


@task()
def run_schedule(run_id: int) -> str:
    """Optimise the event of a queued ScheduleRun."""
    from dari.events.domain.schedule import schedule_event

    run = ScheduleRun.objects.get(pk=run_id)
    run = schedule_event(run.event_id, run=run)
    return run.status


def enqueue_schedule(
    event_id: int, trigger: str = "manual", user_id: int | None = None
) -> ScheduleRun:
    """Queue a run for the event unless one is already queued (accepts arriving together are
    served by one run)."""
    with transaction.atomic():
        queued = ScheduleRun.objects.filter(event_id=event_id, status=RunStatus.QUEUED).first()
        if queued is not None:
            return queued
        run = ScheduleRun.objects.create(event_id=event_id, trigger=trigger, started_by_id=user_id)
    run_schedule.enqueue(run.pk)
    run.refresh_from_db()
    return run


@task()
def expire_due_requests() -> int:
    """Pending requests of every event whose request deadline has passed become expired (a
    periodic job, `dari periodic`)."""
    from dari.events.domain.requests import expire_requests

    return expire_requests()
