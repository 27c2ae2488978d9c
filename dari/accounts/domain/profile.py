"""A user's own settings."""

from __future__ import annotations

import zoneinfo

from django.db import transaction
from django.utils.translation import gettext as _

from dari.accounts.domain.errors import AccountError
from dari.accounts.models import User


def set_timezone(user: User, timezone: str) -> None:
    """Set the IANA time zone in which `user` sees times."""
    if timezone not in zoneinfo.available_timezones():
        raise AccountError(
            _("Unknown time zone “%(timezone)s” (use an IANA name such as Asia/Seoul).")
            % {"timezone": timezone[:64]},
            field="timezone",
            code="unknown_timezone",
        )
    with transaction.atomic():
        user.timezone = timezone
        user.save(update_fields=["timezone"])
