"""Template helpers of the event pages: the event's tab bar (local times use
Django's `{% load tz %}` `timezone` filter)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from dari.core.names import country_name as _country_name
from dari.events.access import may_manage, registration_for, represents
from dari.events.domain import reasons
from dari.events.models import Event, RunStatus, ScheduleRun
from dari.ops.health import workers_alive
from dari.ops.workers import newest_heartbeat_age

register = template.Library()


@register.inclusion_tag("events/_nav.html", takes_context=True)
def event_nav(context: Any, event: Event, current: str) -> dict[str, Any]:
    """The tabs of an event: participant pages for registered people who still represent their
    organisation (the pages the `registered` guard opens), organiser pages for those who
    manage it."""
    user = context["request"].user
    me = context.get("me") or registration_for(user, event)
    return {
        "event": event,
        "current": current,
        "registered": me is not None and represents(me),
        "can_manage": may_manage(user, event),
    }


@register.filter
def run_progress(run: ScheduleRun) -> str:
    """What a run of the optimiser is doing, in the reader's language; a queued run that no
    worker has reported for (none beat within the health check's limit) says so, else the
    organiser watches a spinner that never ends."""
    text = reasons.run_progress(run)
    if run.status != RunStatus.QUEUED or workers_alive(newest_heartbeat_age()):
        return text
    note = _("no background worker is running; the run starts once one does (dari db_worker)")
    return f"{text} · {note}" if text else note


@register.filter
def run_error(run: ScheduleRun) -> str:
    """Why a run failed, in the reader's language where Dari knows the reason."""
    return reasons.run_error(run)


@register.filter
def method_name(method: str | None) -> str:
    """The optimiser's methods in the reader's language."""
    return reasons.method_name(method)


@register.filter
def country_name(code: str | None) -> str:
    """The country's name in the active language."""
    return _country_name(code)


@register.filter
def percent(value: float | None, digits: int = 1) -> str:
    """0.1234 → "12.3%"; "–" for no value."""
    if value is None or value == "":
        return "–"
    return f"{float(value) * 100:.{int(digits)}f}%"


@register.filter
def options(choices: Any) -> str:
    """`<option>`s of (value, label) pairs or of objects with `pk` and `name`, built in one
    join: a select repeated on every meeting of an agenda would otherwise render hundreds of
    template nodes each."""
    pairs = ((c.pk, c.name) if hasattr(c, "pk") else c for c in choices)
    return mark_safe("".join(_option(value, str(label)) for value, label in pairs))  # noqa: S308


@register.filter
def of(mapping: Any, key: Any) -> Any:
    """`mapping[key]`, or "" when absent (a value per meeting of a page, e.g. its move times)."""
    return mapping.get(key, "") if mapping else ""


@lru_cache(maxsize=8192)
def _option(value: Any, label: str) -> str:
    """One escaped `<option>` (the same colleagues and slots recur on every meeting)."""
    return format_html('<option value="{}">{}</option>', value, label)
