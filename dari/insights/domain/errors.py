"""Errors of the insights domain: `DomainError`s with their field and code."""

from __future__ import annotations

from dari.core.errors import DomainError


class InsightsError(DomainError):
    """A refused insights action (bad input, missing right, wrong state)."""


class CallError(InsightsError):
    """A refused action on an open-innovation call or one of its applications."""
