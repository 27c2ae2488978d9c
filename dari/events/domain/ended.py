"""When an event is over: once its last day is over in the event's OWN zone, whatever the zone
of whoever asks (pages run in the reader's zone, so a reader's date is no test of it). Every
refusal of a past event, and every list of events still ahead, reads it from here."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import QuerySet
from django.utils import timezone as djtz
from django.utils.translation import gettext as _

from dari.core.names import local_name
from dari.events.models import Event


def event_end(event: Event) -> datetime:
    """The moment the event's last day is over in the event's own zone."""
    zone = ZoneInfo(event.timezone)
    return datetime.combine(event.end_date + timedelta(days=1), time(0), tzinfo=zone)


def event_over(event: Event, now: datetime | None = None) -> bool:
    """Whether the event's last day is over (in its own zone) at `now` (default: now)."""
    return (now or djtz.now()) >= event_end(event)


def events_ahead(events: QuerySet[Event], now: datetime | None = None) -> list[Any]:
    """Those of `events` not over at `now`, in their order. The database keeps those whose last
    day is at most a day before today in UTC (no zone is more than a day behind UTC); each of
    these is then asked in its own zone."""
    now = now or djtz.now()
    recent = events.filter(end_date__gte=now.astimezone(UTC).date() - timedelta(days=1))
    return [event for event in recent if not event_over(event, now)]


def over_message(event: Event) -> str:
    """The refusal of an invitation to `event` once it is over, in the active language."""
    text: str = _("%(event)s is over (its last day was %(day)s): choose an event still ahead.")
    return text % {"event": local_name(event), "day": event.end_date.isoformat()}
