"""What `dari check --deploy` adds to Django's own deployment checks."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks

DEV_KEY_PREFIX = "dari-insecure"
# Django's mail backends that deliver nothing (print, keep in memory or in files).
UNDELIVERED = {"console", "locmem", "dummy", "filebased"}


def uses_development_key() -> bool:
    return str(settings.SECRET_KEY).startswith(DEV_KEY_PREFIX)


@checks.register(checks.Tags.security, deploy=True)
def check_production_settings(**_: Any) -> list[checks.CheckMessage]:
    found: list[checks.CheckMessage] = []
    if uses_development_key():
        found.append(
            checks.Error(
                "DARI_SECRET_KEY is not set: the development key is public.",
                hint="Set DARI_SECRET_KEY to a long random value (see docs/operations.md).",
                id="dari.E001",
            )
        )
    if settings.EMAIL_BACKEND.split(".")[-2] in UNDELIVERED:
        found.append(
            checks.Warning(
                "Mail is not delivered: sign-up needs a verified address.",
                hint="Set DARI_EMAIL_HOST (and DARI_EMAIL_USER, ...) or DARI_EMAIL_BACKEND.",
                id="dari.W001",
            )
        )
    return found
