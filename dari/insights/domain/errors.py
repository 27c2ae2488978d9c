"""Errors of the insights domain: a message a person can act on, shown as is."""

from __future__ import annotations


class InsightsError(Exception):
    """A refused insights action (bad input, missing right, wrong state)."""


class CallError(InsightsError):
    """A refused action on an open-innovation call or one of its applications."""
