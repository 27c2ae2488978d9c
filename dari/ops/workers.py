"""Workers that die are noticed: heartbeats, and the jobs of dead workers retried or failed.

Every `dari db_worker` (dari.ops.management.commands.db_worker) writes its row of
WorkerHeartbeat every DARI_WORKER_HEARTBEAT seconds from a thread of its own, also while a
job runs. A job of the database task backend is RUNNING from the moment a worker claims it;
when the last worker that claimed it has not beaten for DARI_WORKER_LEASE seconds (killed,
out of memory, its host gone), any other worker's heartbeat thread calls `reap_lost_tasks`:
the job is queued again (READY) while it has been claimed fewer than DARI_TASK_MAX_ATTEMPTS
times, else it is FAILED with a message naming the worker. Each such decision is one
conditional UPDATE (status RUNNING and the same `started_at` as when it was read), so when
several workers reap at once exactly one of them acts, and `task_lost` is sent once; the
app that owns the job records it where people look (the events app: the schedule run).
"""

from __future__ import annotations

import logging
import os
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.dispatch import Signal
from django.utils import timezone as djtz
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from dari.ops.models import WorkerHeartbeat

logger = logging.getLogger("dari.worker")

# Sent once per lost job: task_path (str), args (list), task_id (str), worker_id (str),
# retried (bool: queued again, else failed for good), detail (str: which worker, last seen).
task_lost = Signal()

LOST_CLASS = "dari.ops.workers.WorkerLost"
# A heartbeat row of a worker gone this long is deleted (before that it names the dead worker).
FORGET_AFTER = timedelta(days=1)


class WorkerLost(Exception):
    """The worker running a job stopped before the job finished."""


def heartbeat_every() -> float:
    return float(getattr(settings, "DARI_WORKER_HEARTBEAT", 10))


def lease() -> timedelta:
    return timedelta(seconds=float(getattr(settings, "DARI_WORKER_LEASE", 60)))


def max_attempts() -> int:
    return int(getattr(settings, "DARI_TASK_MAX_ATTEMPTS", 2))


def beat(worker_id: str, started: datetime, task_id: str = "") -> None:
    """Record that the worker is alive (and which job it runs)."""
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "host": socket.gethostname()[:255],
            "pid": os.getpid(),
            "started": started,
            "beat": djtz.now(),
            "task_id": task_id,
        },
    )


def forget(worker_id: str) -> None:
    """A worker that stops cleanly removes its row."""
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


@dataclass(frozen=True)
class LostTask:
    task_id: str
    task_path: str
    worker_id: str
    retried: bool
    detail: str


def _detail(worker_id: str, row: WorkerHeartbeat | None) -> str:
    if row is None:
        return f"worker {worker_id or '?'}, no heartbeat recorded"
    return (
        f"worker {worker_id} on {row.host}, pid {row.pid}, "
        f"last heartbeat {row.beat.isoformat(timespec='seconds')}"
    )


def reap_lost_tasks(now: datetime | None = None) -> list[LostTask]:
    """Queue again (or fail) every running job whose worker has stopped beating."""
    now = now or djtz.now()
    deadline = now - lease()
    alive = set(
        WorkerHeartbeat.objects.filter(beat__gte=deadline).values_list("worker_id", flat=True)
    )
    lost: list[LostTask] = []
    # A job claimed less than a lease ago is left alone: its worker may not have beaten yet.
    running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING)
    for job in running.filter(started_at__lt=deadline):
        worker_id = job.worker_ids[-1] if job.worker_ids else ""
        if worker_id in alive:
            continue
        detail = _detail(worker_id, WorkerHeartbeat.objects.filter(worker_id=worker_id).first())
        retried = len(job.worker_ids) < max_attempts()
        claimed = DBTaskResult.objects.filter(
            pk=job.pk, status=TaskResultStatus.RUNNING, started_at=job.started_at
        )
        if retried:
            done = claimed.update(status=TaskResultStatus.READY)
        else:
            done = claimed.update(
                status=TaskResultStatus.FAILED,
                finished_at=now,
                exception_class_path=LOST_CLASS,
                traceback=f"{LOST_CLASS}: the worker running this job stopped ({detail})",
                return_value=None,
            )
        if not done:
            continue  # another worker reaped it first, or it just finished
        item = LostTask(str(job.pk), job.task_path, worker_id, retried, detail)
        logger.error(
            "job %s (%s) lost: %s; %s",
            item.task_id,
            item.task_path,
            detail,
            "queued again" if retried else "failed",
        )
        task_lost.send(
            sender=WorkerLost,
            task_path=job.task_path,
            args=list(job.args_kwargs.get("args", [])),
            task_id=item.task_id,
            worker_id=worker_id,
            retried=retried,
            detail=detail,
        )
        lost.append(item)
    WorkerHeartbeat.objects.filter(beat__lt=now - FORGET_AFTER).delete()
    return lost


def newest_heartbeat_age(now: datetime | None = None) -> float | None:
    """Seconds since the last heartbeat of any worker; None when no worker has beaten."""
    newest = WorkerHeartbeat.objects.order_by("-beat").values_list("beat", flat=True).first()
    if newest is None:
        return None
    return max(0.0, ((now or djtz.now()) - newest).total_seconds())
