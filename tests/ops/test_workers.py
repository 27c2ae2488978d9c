"""Jobs survive their workers: heartbeats, lost jobs queued again once then failed with a
message the organiser console shows, a queued run whose job was lost never blocks later runs,
and `dari db_worker` runs jobs with its heartbeat (dari.ops.workers, dari.events.tasks)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.management import call_command
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult

from dari.cli import main
from dari.events.domain.reasons import run_progress
from dari.events.models import RunStatus, ScheduleRun
from dari.events.tasks import enqueue_schedule
from dari.ops.models import WorkerHeartbeat
from dari.ops.workers import LOST_CLASS, beat, reap_lost_tasks, task_lost
from tests.events.factories import make_event, person

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def db_tasks(settings):
    settings.TASKS = DB_TASKS
    settings.DARI_WORKER_LEASE = 60
    settings.DARI_TASK_MAX_ATTEMPTS = 2


@pytest.fixture
def event(db):
    start = timezone.now().date() + dt.timedelta(days=20)
    event = make_event(slug="ops-event", start_date=start, end_date=start)
    person(event, "minseo", "kbio", "Asia/Seoul")
    return event


def claim(run: ScheduleRun, worker_id: str, at: dt.datetime) -> DBTaskResult:
    """What a worker does when it takes the run's job (started_at as of `at`)."""
    job = DBTaskResult.objects.get(pk=run.task_id)
    job.claim(worker_id)
    DBTaskResult.objects.filter(pk=job.pk).update(started_at=at)
    job.refresh_from_db()
    return job


def test_a_job_of_a_dead_worker_is_queued_again_then_failed_with_a_message(db_tasks, event):
    run = enqueue_schedule(event.pk)
    t0 = timezone.now()
    beat("w1", t0)
    WorkerHeartbeat.objects.filter(pk="w1").update(beat=t0)
    claim(run, "w1", t0)
    ScheduleRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING)
    sent = []
    task_lost.connect(lambda **kw: sent.append((kw["task_id"], kw["retried"])), weak=False)

    # Within the lease nothing happens; after it, the job is queued again once.
    assert reap_lost_tasks(now=t0 + dt.timedelta(seconds=30)) == []
    lost = reap_lost_tasks(now=t0 + dt.timedelta(seconds=61))
    assert [(x.task_id, x.worker_id, x.retried) for x in lost] == [(run.task_id, "w1", True)]
    assert DBTaskResult.objects.get(pk=run.task_id).status == "READY"
    run.refresh_from_db()
    assert run.status == RunStatus.QUEUED
    assert run.progress == "requeued"
    assert run_progress(run).startswith("the worker running it stopped (worker w1 on ")
    assert run_progress(run).endswith("); queued again")
    with translation.override("ko"):
        assert run_progress(run).startswith("실행 중이던 워커가 멈췄습니다(worker w1 on ")

    # A second reaper finds nothing left to do: each loss is handled once.
    assert reap_lost_tasks(now=t0 + dt.timedelta(seconds=62)) == []

    # The second worker dies too (never beat at all): the job fails for good, visibly.
    t1 = t0 + dt.timedelta(seconds=70)
    claim(run, "w2", t1)
    lost = reap_lost_tasks(now=t1 + dt.timedelta(seconds=61))
    assert [(x.worker_id, x.retried, x.detail) for x in lost] == [
        ("w2", False, "worker w2, no heartbeat recorded")
    ]
    job = DBTaskResult.objects.get(pk=run.task_id)
    assert (job.status, job.exception_class_path) == ("FAILED", LOST_CLASS)
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED
    assert run.error == (
        "the worker running this run stopped (worker w2, no heartbeat recorded); "
        "it was not retried again"
    )
    assert sent == [(run.task_id, True), (run.task_id, False)]


def test_a_job_of_a_worker_that_still_beats_is_left_alone(db_tasks, event):
    run = enqueue_schedule(event.pk)
    t0 = timezone.now()
    claim(run, "alive", t0 - dt.timedelta(minutes=10))
    beat("alive", t0)
    assert reap_lost_tasks(now=t0 + dt.timedelta(seconds=5)) == []
    assert DBTaskResult.objects.get(pk=run.task_id).status == "RUNNING"


def test_a_queued_run_whose_job_was_lost_no_longer_blocks_later_runs(db_tasks, event):
    first = enqueue_schedule(event.pk)
    assert enqueue_schedule(event.pk).pk == first.pk  # its job is waiting: served by it
    DBTaskResult.objects.filter(pk=first.task_id).delete()  # pruned, or lost with its host
    second = enqueue_schedule(event.pk)
    assert second.pk != first.pk
    first.refresh_from_db()
    assert (first.status, first.error) == (
        RunStatus.FAILED,
        "its background job was lost before it ran; a new run was queued",
    )
    # A queued run whose job already finished (failed before the run was marked) is stale too.
    DBTaskResult.objects.filter(pk=second.task_id).update(status="FAILED")
    third = enqueue_schedule(event.pk)
    assert third.pk not in (first.pk, second.pk)
    # A run left "running" by a job that ended without recording it is failed, not waited on.
    ScheduleRun.objects.filter(pk=third.pk).update(status=RunStatus.RUNNING)
    DBTaskResult.objects.filter(pk=third.task_id).update(status="SUCCESSFUL")
    fourth = enqueue_schedule(event.pk)
    third.refresh_from_db()
    assert (third.status, third.error) == (
        RunStatus.FAILED,
        "its background job ended without finishing the run; a new run was queued",
    )
    # ... while one whose job still runs is left running, and does not hold up a new run.
    ScheduleRun.objects.filter(pk=fourth.pk).update(status=RunStatus.RUNNING)
    DBTaskResult.objects.filter(pk=fourth.task_id).update(status="RUNNING")
    fifth = enqueue_schedule(event.pk)
    assert fifth.pk != fourth.pk
    assert ScheduleRun.objects.get(pk=fourth.pk).status == RunStatus.RUNNING
    third = fifth
    # A run with no job recorded blocks only for a minute after it was created.
    ScheduleRun.objects.filter(pk=third.pk).update(task_id="")
    assert enqueue_schedule(event.pk).pk == third.pk
    ScheduleRun.objects.filter(pk=third.pk).update(created=timezone.now() - dt.timedelta(minutes=2))
    assert enqueue_schedule(event.pk).pk != third.pk


@pytest.mark.django_db(transaction=True)
def test_db_worker_runs_queued_runs_beating_and_leaves_no_heartbeat(settings, capsys):
    settings.TASKS = DB_TASKS
    start = timezone.now().date() + dt.timedelta(days=20)
    event = make_event(slug="ops-worker", start_date=start, end_date=start)
    person(event, "minseo", "kbio", "Asia/Seoul")
    assert main(["event", "schedule", "ops-worker", "--enqueue"]) == 0
    run_id = int(capsys.readouterr().out.strip())
    assert ScheduleRun.objects.get(pk=run_id).status == RunStatus.QUEUED

    call_command("db_worker", batch=True, reload=False, worker_id="batch-1", verbosity=0)
    capsys.readouterr()  # the worker's log lines (JSON on standard output)

    run = ScheduleRun.objects.get(pk=run_id)
    assert (run.status, run.trigger) == (RunStatus.DONE, "cli")
    assert run.started is not None and run.finished >= run.started
    assert DBTaskResult.objects.get(pk=run.task_id).worker_ids == ["batch-1"]
    assert list(WorkerHeartbeat.objects.all()) == []  # a worker that stops cleanly says so

    assert main(["event", "runs", "ops-worker", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["id"], r["status"], r["trigger"], r["scheduled"]) for r in rows] == [
        (run_id, "done", "cli", 0)
    ]
    assert sorted(rows[0]) == sorted(
        [
            "id",
            "status",
            "trigger",
            "started_by",
            "created",
            "started",
            "finished",
            "progress",
            "scheduled",
            "unscheduled",
            "moved",
            "weight",
            "bound",
            "gap",
            "optimal",
            "error",
        ]
    )
    assert rows[0]["gap"] is not None and rows[0]["bound"] is not None


@pytest.mark.django_db(transaction=True)
def test_enqueue_refuses_a_time_limit_it_cannot_honour(capsys):
    start = timezone.now().date() + dt.timedelta(days=20)
    make_event(slug="ops-limit", start_date=start, end_date=start)
    code = main(["event", "schedule", "ops-limit", "--enqueue", "--time-limit", "5"])
    assert code == 2
    assert capsys.readouterr().err.strip() == (
        "dari event: --time-limit: not with --enqueue (the worker decides)"
    )
    assert ScheduleRun.objects.count() == 0
