"""Read models of event pages (no writes)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from dari.events.domain.requests import deadline_passed
from dari.events.models import Event, MeetingRequest, RequestStatus


def show_expired(
    event: Event, requests: Iterable[MeetingRequest], now: datetime | None = None
) -> None:
    """Show pending requests of an event past its request deadline as expired (in memory only:
    the periodic job `expire-requests` writes it), so no page offers to answer them."""
    if not deadline_passed(event, now):
        return
    for request in requests:
        if request.status == RequestStatus.PENDING:
            request.status = RequestStatus.EXPIRED
