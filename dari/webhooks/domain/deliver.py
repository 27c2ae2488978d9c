"""Delivering one notice: POST the stored body with its signature, record the attempt, and
decide when to try again (exponential backoff, at most MAX_ATTEMPTS).

The signature header is `Dari-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>` computed with
the endpoint's secret over "<t>.<body>"; a receiver recomputes it and refuses old timestamps.
Redirects are not followed and every address the host resolves to must be public (see
`addresses`), so a notice cannot be steered into a private network."""

from __future__ import annotations

import hashlib
import hmac
import urllib.error
import urllib.request
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone as djtz

from dari.webhooks.access import still_allowed
from dari.webhooks.domain.addresses import check_resolved
from dari.webhooks.domain.errors import WebhookError
from dari.webhooks.domain.payloads import as_seen_now
from dari.webhooks.models import Delivery, DeliveryStatus

MAX_ATTEMPTS = 6
FIRST_WAIT = timedelta(seconds=30)
LONGEST_WAIT = timedelta(hours=6)
TIMEOUT_SECONDS = 10
USER_AGENT = "Dari-Webhooks/1"


def sign(secret: str, timestamp: int, body: str) -> str:
    """The hex HMAC-SHA256 of "<timestamp>.<body>" with `secret`."""
    message = f"{timestamp}.{body}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signature_header(secret: str, body: str, now: datetime) -> str:
    timestamp = int(now.timestamp())
    return f"t={timestamp},v1={sign(secret, timestamp, body)}"


def backoff(attempts: int) -> timedelta:
    """The wait after `attempts` failed attempts: 30 s, 2 min, 8 min, 32 min, ... (≤ 6 h)."""
    wait: timedelta = FIRST_WAIT * (4 ** max(0, attempts - 1))
    return min(wait, LONGEST_WAIT)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def _post(url: str, body: str, headers: dict[str, str]) -> int:
    request = urllib.request.Request(url, data=body.encode(), headers=headers, method="POST")
    opener = urllib.request.build_opener(_NoRedirect())
    try:
        with opener.open(request, timeout=TIMEOUT_SECONDS) as response:
            code: int = response.status
            return code
    except urllib.error.HTTPError as exc:
        return int(exc.code)


def attempt_delivery(delivery_id: int, now: datetime | None = None) -> Delivery:
    """Try to deliver once (unless already delivered or given up); returns the delivery as
    recorded. The row lock makes two workers never send the same attempt twice."""
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update(of=("self",))
            .select_related("endpoint__created_by", "endpoint__event")
            .get(pk=delivery_id)
        )
        if delivery.status in (DeliveryStatus.DELIVERED, DeliveryStatus.FAILED):
            return delivery
        endpoint = delivery.endpoint
        now = now or djtz.now()
        code: int | None = None
        error = ""
        if not still_allowed(endpoint):
            error = "endpoint paused or its registrant lost the right to it"
        else:
            # Kept as sent: a retry after an asset was made confidential no longer names it.
            delivery.body = as_seen_now(delivery.body, endpoint)
            headers = {
                "Content-Type": "application/json; charset=utf-8",
                "User-Agent": USER_AGENT,
                "Dari-Event": delivery.kind,
                "Dari-Delivery": str(delivery.pk),
                "Dari-Signature": signature_header(endpoint.secret, delivery.body, now),
            }
            try:
                check_resolved(endpoint.url)
                code = _post(endpoint.url, delivery.body, headers)
            except WebhookError as exc:
                error = exc.message
            except (OSError, ValueError) as exc:
                error = f"{type(exc).__name__}: {exc}"[:300]
        delivery.attempts += 1
        delivery.response_code = code
        delivery.error = error
        if code is not None and 200 <= code < 300:
            delivery.status = DeliveryStatus.DELIVERED
            delivery.delivered = now
            delivery.next_try = None
        elif delivery.attempts >= MAX_ATTEMPTS or not still_allowed(endpoint):
            delivery.status = DeliveryStatus.FAILED
            delivery.next_try = None
        else:
            delivery.status = DeliveryStatus.RETRYING
            delivery.next_try = now + backoff(delivery.attempts)
        delivery.save()
        return delivery


def due_deliveries(now: datetime | None = None) -> list[int]:
    """Deliveries waiting for a retry whose time has come (for backends without deferral)."""
    return list(
        Delivery.objects.filter(
            status=DeliveryStatus.RETRYING, next_try__lte=now or djtz.now()
        ).values_list("pk", flat=True)
    )
