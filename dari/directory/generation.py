"""The directory generation follows every write of a directory record, whichever path made it
(domain commands, curation, imports, the Django admin, a shell): caches of what readers are
shown (home, asset lists, insights) are keyed by it, so a change is never served stale.
Bulk imports send no signals and raise it themselves."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save

from dari.directory import models as m


def _changed(sender: Any, raw: bool = False, **kwargs: Any) -> None:
    if not raw:  # loaddata fixtures are bulk loads
        m.bump_generation()


def connect_signals() -> None:
    """apps.py calls this once."""
    for model in (
        m.Cluster,
        m.Organization,
        m.Affiliation,
        m.Asset,
        m.Deal,
        m.Investment,
        m.Facility,
        m.Program,
    ):
        uid = f"dari.generation.{model.__name__}"
        post_save.connect(_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(_changed, sender=model, dispatch_uid=uid)
