"""`dari db_worker`: django-tasks' database worker with a heartbeat.

Same options as django_tasks_db's command (this one wins because dari.ops comes before
django_tasks_db in INSTALLED_APPS). Besides running jobs, each worker beats from a thread
(dari.ops.workers: its row of WorkerHeartbeat, with the job it runs) and reaps the jobs of
workers that stopped beating, so any number of workers may run on any number of hosts.
"""

from __future__ import annotations

import logging
import os
import threading
from typing import Any

from django.core.management.base import CommandError
from django.db import DatabaseError, close_old_connections, connection
from django.utils import timezone as djtz
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands.db_worker import Command as BaseCommand
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from dari.ops import workers

logger = logging.getLogger("dari.worker")


class Heartbeat(threading.Thread):
    """Beats (and reaps lost jobs) every DARI_WORKER_HEARTBEAT seconds until stopped."""

    def __init__(self, worker_id: str) -> None:
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self.started = djtz.now()
        self.task_id = ""
        self.stopping = threading.Event()

    def once(self) -> None:
        try:
            close_old_connections()  # a connection dropped since the last beat is replaced
            workers.beat(self.worker_id, self.started, self.task_id)
            workers.reap_lost_tasks()
        except DatabaseError:
            logger.warning("worker %s: heartbeat failed", self.worker_id, exc_info=True)
            connection.close()
        except Exception:  # the thread must outlive any error, or the worker would look dead
            logger.exception("worker %s: heartbeat failed", self.worker_id)

    def run(self) -> None:
        try:
            while not self.stopping.wait(workers.heartbeat_every()):
                self.once()
        finally:
            connection.close()

    def stop(self) -> None:
        self.stopping.set()
        self.join(timeout=workers.heartbeat_every() + 5)
        try:
            workers.forget(self.worker_id)
        except DatabaseError:
            logger.warning("worker %s: could not remove its heartbeat", self.worker_id)


class HeartbeatWorker(Worker):  # type: ignore[misc]  # django-tasks-db is untyped here
    def run(self) -> None:
        self.heartbeat = Heartbeat(self.worker_id)
        self.heartbeat.once()  # the row exists before the first job is claimed
        self.heartbeat.start()
        logger.info("worker %s started (pid %s)", self.worker_id, os.getpid())
        try:
            super().run()
        finally:
            self.heartbeat.stop()

    def run_task(self, db_task_result: DBTaskResult) -> None:
        self.heartbeat.task_id = str(db_task_result.pk)
        try:
            super().run_task(db_task_result)
        finally:
            self.heartbeat.task_id = ""


class Command(BaseCommand):  # type: ignore[misc]
    help = "Run background jobs (several at once on any hosts); beats and reaps lost jobs."

    def handle(self, **options: Any) -> None:
        self.configure_logging(options["verbosity"])
        queue_names = options["queue_name"].split(",")
        excluded = options["exclude_queues"].split(",") if options["exclude_queues"] else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = HeartbeatWorker(
            queue_names=queue_names,
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            excluded_queue_names=excluded,
        )
        reload = options["reload"] and not options["batch"]
        if reload:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
