"""Background delivery of webhook notices (django-tasks). A task takes a delivery id, makes one
attempt and, when it failed, queues the next attempt for its time (`run_after`, with the
database backend); `dari webhooks_retry` queues due retries for backends that cannot defer."""

from __future__ import annotations

from django_tasks import task

from dari.webhooks.domain.deliver import attempt_delivery
from dari.webhooks.models import DeliveryStatus


@task()
def deliver_webhook(delivery_id: int) -> str:
    """One attempt at a delivery; the next one queued after its backoff if it failed."""
    delivery = attempt_delivery(delivery_id)
    if delivery.status == DeliveryStatus.RETRYING and delivery.next_try is not None:
        if deliver_webhook.get_backend().supports_defer:
            deliver_webhook.using(run_after=delivery.next_try).enqueue(delivery.pk)
    return str(delivery.status)
