"""The error type of event operations: a `DomainError` with its field and code."""

from __future__ import annotations

from dari.core.errors import DomainError


class EventError(DomainError, ValueError):
    """An event operation refused; the message names what is wrong. Nothing was written."""
