"""Background jobs (django-tasks; the database backend on SQLite and PostgreSQL).

A task takes primitive ids, loads, calls the domain, records. Run the worker with
`dari db_worker` (the demo starts one); several may run at once (dari.ops.workers)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone as djtz
from django.utils.translation import gettext as _
from django_tasks import TaskResultStatus, task
from django_tasks.exceptions import TaskResultDoesNotExist

from dari.events.models import Event, RunStatus, ScheduleRun

# A queued run whose job is not recorded this long after it was created lost its job.
ENQUEUE_GRACE = timedelta(minutes=1)
PENDING = (TaskResultStatus.READY, TaskResultStatus.RUNNING)


@task()
def run_schedule(run_id: int) -> str:
    """Optimise the event of a queued ScheduleRun."""
    from dari.events.domain.schedule import schedule_event

    run = ScheduleRun.objects.get(pk=run_id)
    run = schedule_event(run.event_id, run=run)
    return run.status


def _job_pending(run: ScheduleRun) -> bool:
    """Whether the queued run's job will still run (a worker has it or will take it)."""
    if not run.task_id:
        return bool(run.created > djtz.now() - ENQUEUE_GRACE)
    if not run_schedule.get_backend().supports_get_result:
        return True  # a backend that keeps no results (the tests' dummy) cannot tell: trust it
    try:
        result = run_schedule.get_result(run.task_id)
    except TaskResultDoesNotExist:
        return False
    return result.status in PENDING


def enqueue_schedule(
    event_id: int, trigger: str = "manual", user_id: int | None = None
) -> ScheduleRun:
    """Queue a run for the event unless one is already queued (accepts arriving together are
    served by one run). A queued or running run whose job was lost (pruned, failed or ended
    without recording the run, never written) no longer counts: it is failed with a message
    and a new run is queued."""
    with transaction.atomic():
        # The event's row serialises enqueuers, so two accepts at once queue one run.
        Event.objects.select_for_update().filter(pk=event_id).first()
        unfinished = ScheduleRun.objects.filter(
            event_id=event_id, status__in=(RunStatus.QUEUED, RunStatus.RUNNING)
        )
        for run in unfinished.order_by("pk"):
            if run.status == RunStatus.RUNNING and not run.task_id:
                continue  # solving in the foreground (`dari event schedule`)
            if _job_pending(run):
                if run.status == RunStatus.QUEUED:
                    return run
                continue
            error = (
                _("its background job was lost before it ran; a new run was queued")
                if run.status == RunStatus.QUEUED
                else _("its background job ended without finishing the run; a new run was queued")
            )
            ScheduleRun.objects.filter(pk=run.pk, status=run.status).update(
                status=RunStatus.FAILED, error=error, finished=djtz.now()
            )
        run = ScheduleRun.objects.create(event_id=event_id, trigger=trigger, started_by_id=user_id)
        # The job row commits with the run (database backend): neither exists without the other.
        result = run_schedule.enqueue(run.pk)
        ScheduleRun.objects.filter(pk=run.pk).update(task_id=str(result.id))
    run.refresh_from_db()
    return run


def on_task_lost(task_path: str, args: list[Any], retried: bool, detail: str, **_: Any) -> None:
    """dari.ops.workers.task_lost: a schedule run whose worker died says so in the console."""
    from dari.events.domain.schedule import record_lost_run

    if task_path == run_schedule.module_path and args:
        record_lost_run(int(args[0]), detail, retried)


@task()
def expire_due_requests() -> int:
    """Pending requests of every event whose request deadline has passed become expired (a
    periodic job, `dari periodic`)."""
    from dari.events.domain.requests import expire_requests

    return expire_requests()
