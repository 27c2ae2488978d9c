"""Fixtures of the messaging tests: the event world of tests/events (Minseo in Seoul, Emma in
London, Minseo's colleague Jihoon, an organiser, an outsider) and a scheduled meeting."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.utils import translation

from tests.events.conftest import immediate_tasks, scheduled, world

__all__ = ["immediate_tasks", "scheduled", "world"]


@pytest.fixture(autouse=True)
def _english_afterwards():
    """A page requested in Korean leaves Korean active in this thread; later tests expect the
    site's default."""
    yield
    translation.activate(settings.LANGUAGE_CODE)
