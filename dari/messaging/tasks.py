"""Background jobs of notifications (run by `dari db_worker`, enqueued by `dari periodic`)."""

from __future__ import annotations

from django.utils import timezone as djtz
from django_tasks import task


@task()
def send_reminders() -> int:
    """Send the reminders due now (each once, whatever the number of workers)."""
    from dari.messaging.domain.outbox import send_due_reminders

    return send_due_reminders(djtz.now())


@task()
def send_digests() -> int:
    """Send the digests of requests waiting for an answer that are due now."""
    from dari.messaging.domain.outbox import send_due_digests

    return send_due_digests(djtz.now())
