"""The health of this process's view of the service, for `GET /healthz` (reads only).

Healthy when the database answers, every migration this code knows is applied and (unless the
caller asks for the web scope only) some worker has beaten within DARI_HEALTH_WORKER_MAX_AGE
seconds (0 turns the worker condition off)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor

from dari.ops.workers import lease, newest_heartbeat_age

_migrated = False  # once every migration is applied it stays so for this process's code


@dataclass(frozen=True)
class Health:
    database: bool
    migrations: bool
    worker_heartbeat_age: float | None
    workers: bool
    healthy: bool

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["status"] = "ok" if self.healthy else "unhealthy"
        return out


def worker_max_age() -> float:
    return float(getattr(settings, "DARI_HEALTH_WORKER_MAX_AGE", lease().total_seconds()))


def workers_alive(age: float | None) -> bool:
    """Whether a worker beat recently enough (`age`: seconds since the newest heartbeat, None
    when none beat); a limit of 0 or less turns the check off."""
    limit = worker_max_age()
    return limit <= 0 or (age is not None and age <= limit)


def _migrations_applied() -> bool:
    global _migrated
    if not _migrated:
        executor = MigrationExecutor(connection)
        _migrated = not executor.migration_plan(executor.loader.graph.leaf_nodes())
    return _migrated


def check_health(require_worker: bool = True) -> Health:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        database = True
        migrations = _migrations_applied()
        age = newest_heartbeat_age() if migrations else None
    except DatabaseError:
        database = migrations = False
        age = None
    workers = workers_alive(age)
    healthy = database and migrations and (workers or not require_worker)
    return Health(database, migrations, None if age is None else round(age, 1), workers, healthy)
