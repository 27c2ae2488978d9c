"""`dari webhooks_retry`: queue the webhook deliveries whose retry time has come. Needed only
with a task backend that cannot defer tasks (the database backend queues each retry for its
time by itself); safe to run from cron at any rate, as an attempt locks its delivery."""

from __future__ import annotations

from typing import Any

from dari.cli.command import DariCommand
from dari.webhooks.domain.deliver import due_deliveries
from dari.webhooks.tasks import deliver_webhook


class Command(DariCommand):
    help = "Queue webhook deliveries whose retry is due."

    def handle(self, *args: Any, **options: Any) -> None:
        due = due_deliveries()
        for pk in due:
            deliver_webhook.enqueue(pk)
        self.stdout.write(f"queued {len(due)} deliveries")
