"""Changing an organisation's partner and CDA lists (each change audited).

Callers check permission (`may_administer`); these functions change state without checks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction

from dari.accounts.domain.audit import record_change
from dari.accounts.models import AuditAction, LinkKind, OrganizationLink

if TYPE_CHECKING:
    from dari.directory.models import Organization


def add_link(
    owner: Organization, other: Organization, kind: str, actor: Any = None
) -> OrganizationLink:
    """Put `other` on `owner`'s partner or CDA list (idempotent)."""
    if kind not in LinkKind.values:
        raise ValueError(f"unknown link kind {kind!r}")
    if owner.pk == other.pk:
        raise ValueError("an organisation cannot be on its own list")
    with transaction.atomic():
        link, created = OrganizationLink.objects.get_or_create(owner=owner, other=other, kind=kind)
        if created:
            record_change(
                actor=actor,
                organization_id=owner.pk,
                action=AuditAction.LINK_ADDED,
                object_type="link",
                object_id=other.pk,
                label=other.name,
                before=None,
                after={"organization": other.pk, "kind": kind},
            )
    return link


def remove_link(owner: Organization, link_id: int, actor: Any = None) -> bool:
    """Remove one entry of `owner`'s lists; False if it has no such entry."""
    with transaction.atomic():
        link = (
            OrganizationLink.objects.select_related("other").filter(owner=owner, pk=link_id).first()
        )
        if link is None:
            return False
        record_change(
            actor=actor,
            organization_id=owner.pk,
            action=AuditAction.LINK_REMOVED,
            object_type="link",
            object_id=link.other_id,
            label=link.other.name,
            before={"organization": link.other_id, "kind": link.kind},
            after=None,
        )
        link.delete()
    return True
