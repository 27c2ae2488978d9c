"""The event fixtures (a virtual event with Minseo in Seoul and Emma in London, organisers)."""

from tests.events.conftest import immediate_tasks, scheduled, world  # noqa: F401
