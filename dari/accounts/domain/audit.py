"""The audit trail: every change of access (asset visibility, partner and CDA lists,
memberships, invitations, roles, e-mail domains) is recorded by the function that makes it,
inside the same transaction, so a change and its record commit or roll back together."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from dari.accounts.models import AuditEntry


def record_change(
    *,
    actor: Any,
    organization_id: str | None,
    action: str,
    object_type: str,
    object_id: str | int,
    label: str = "",
    before: Any = None,
    after: Any = None,
) -> AuditEntry:
    """Record one change; `organization_id` is the organisation whose admins may read it."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("record_change must run inside the transaction of the change")
    signed_in = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEntry.objects.create(
        at=timezone.now(),
        actor=actor if signed_in else None,
        actor_name=actor.get_username() if signed_in else "",
        organization_id=organization_id,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        object_label=label[:300],
        before=before,
        after=after,
    )
