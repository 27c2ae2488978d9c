"""Fixtures of the messaging tests: the event world of tests/events (Minseo in Seoul, Emma in
London, Minseo's colleague Jihoon, an organiser, an outsider) and a scheduled meeting."""

from __future__ import annotations

from tests.events.conftest import immediate_tasks, scheduled, world

__all__ = ["immediate_tasks", "scheduled", "world"]
