"""Changing accounts: an organisation's partner and CDA lists, a user's time zone.

Callers check permission (`User.administers`); these functions change state without checks.
"""

from __future__ import annotations

import zoneinfo

from django.db import transaction

from dari.accounts.models import LinkKind, OrganizationLink, User
from dari.directory.models import Organization


def add_link(owner: Organization, other: Organization, kind: str) -> OrganizationLink:
    """Put `other` on `owner`'s partner or CDA list (idempotent)."""
    if kind not in LinkKind.values:
        raise ValueError(f"unknown link kind {kind!r}")
    if owner.pk == other.pk:
        raise ValueError("an organisation cannot be on its own list")
    with transaction.atomic():
        link, _ = OrganizationLink.objects.get_or_create(owner=owner, other=other, kind=kind)
    return link


def remove_link(owner: Organization, link_id: int) -> bool:
    """Remove one entry of `owner`'s lists; False if it has no such entry."""
    with transaction.atomic():
        deleted, _ = OrganizationLink.objects.filter(owner=owner, pk=link_id).delete()
    return deleted > 0


def set_timezone(user: User, timezone: str) -> None:
    """Set the IANA time zone in which `user` sees times."""
    if timezone not in zoneinfo.available_timezones():
        raise ValueError(f"unknown time zone {timezone!r}")
    with transaction.atomic():
        user.timezone = timezone
        user.save(update_fields=["timezone"])
