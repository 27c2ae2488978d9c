"""A partner or CDA link changes who sees the owner's partners and CDA assets without changing
the assets: their `updated` (and their deals', which name them only to those who see them) is
stamped anyway, so a CRM that syncs with the API's `updated_since` learns of an asset a new
link lets it see (a removal cannot be announced: the asset is simply no longer listed to the
other side). Follows every path that writes links (the organisation page, the Django admin, a
shell)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from dari.accounts.models import OrganizationLink
from dari.directory import models as m
from dari.directory.vocab import Visibility


def _shared(sender: Any, instance: OrganizationLink, raw: bool = False, **kwargs: Any) -> None:
    if raw:
        return
    now = timezone.now()
    shared = m.Asset.objects.filter(
        organization_id=instance.owner_id, visibility__in=[Visibility.PARTNERS, Visibility.CDA]
    )
    # A deal names its asset only to those who may see it: its listing changes too.
    m.Deal.objects.filter(asset__in=shared).update(updated=now)
    shared.update(updated=now)


def connect_signals() -> None:
    """apps.py calls this once."""
    uid = "dari.sharing.OrganizationLink"
    post_save.connect(_shared, sender=OrganizationLink, dispatch_uid=uid)
    post_delete.connect(_shared, sender=OrganizationLink, dispatch_uid=uid)
