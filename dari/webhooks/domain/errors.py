"""The error type of webhook operations: a `DomainError` with its field and code."""

from __future__ import annotations

from dari.core.errors import DomainError


class WebhookError(DomainError, ValueError):
    """A webhook operation refused; the message names what is wrong. Nothing was written."""
