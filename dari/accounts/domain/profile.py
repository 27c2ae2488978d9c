"""A user's own settings."""

from __future__ import annotations

import zoneinfo

from django.db import transaction

from dari.accounts.models import User


def set_timezone(user: User, timezone: str) -> None:
    """Set the IANA time zone in which `user` sees times."""
    if timezone not in zoneinfo.available_timezones():
        raise ValueError(f"unknown time zone {timezone!r}")
    with transaction.atomic():
        user.timezone = timezone
        user.save(update_fields=["timezone"])
