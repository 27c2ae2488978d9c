"""Periodic jobs (django-tasks has no scheduler of its own): `dari periodic` wakes up every few
seconds and enqueues each job whose period has begun.

Each period of a job is a numbered tick (seconds since the epoch // period). Enqueuing a tick
first inserts the row (job, tick) into PeriodicTick, whose unique key is the lock: when several
`dari periodic` processes run (one per worker host), exactly one of them inserts the row and
enqueues the job; the others get an IntegrityError and skip it. So a tick runs once across all
workers, and a tick missed while no process ran is not caught up (the next one does the work:
every job here is idempotent and works on the state of the database, not on the tick).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone as djtz

from dari.directory.tasks import embed_directory_texts
from dari.events.models import PeriodicTick
from dari.events.tasks import expire_due_requests

KEEP = timedelta(days=7)


@dataclass(frozen=True)
class Job:
    name: str
    every: timedelta
    enqueue: Callable[[], object]


JOBS = [
    Job("expire-requests", timedelta(minutes=5), lambda: expire_due_requests.enqueue()),
    # Embeds what an import or edit added (a no-op when nothing changed): pages rank on words
    # alone only until this has run.
    Job("embed-directory", timedelta(minutes=1), lambda: embed_directory_texts.enqueue()),
]


def register(job: Job) -> None:
    """Add a job of another app (from its AppConfig.ready); registering twice is harmless."""
    if all(j.name != job.name for j in JOBS):
        JOBS.append(job)


def tick_of(job: Job, now: datetime) -> int:
    return int(now.timestamp() // job.every.total_seconds())


def claim(job: Job, now: datetime) -> bool:
    """Claim the job's current tick; False when another process already has it."""
    try:
        with transaction.atomic():
            PeriodicTick.objects.create(job=job.name, tick=tick_of(job, now))
    except IntegrityError:
        return False
    return True


def enqueue_due(now: datetime | None = None, jobs: list[Job] | None = None) -> list[str]:
    """Enqueue every job whose current tick nobody has claimed yet; the names enqueued."""
    now = now or djtz.now()
    started = []
    for job in JOBS if jobs is None else jobs:
        # The claim and the job (a row of the database task backend) commit together: a tick
        # is never used up without its job.
        with transaction.atomic():
            if claim(job, now):
                job.enqueue()
                started.append(job.name)
    with transaction.atomic():
        PeriodicTick.objects.filter(claimed__lt=now - KEEP).delete()
    return started
