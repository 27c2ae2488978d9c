"""`export_directory`: the directory as one dari-directory/1 document.

Assets come from the caller, so an export made for a user passes `visible_assets(user)`;
deals then name only assets in that set (others become null, never leaked by id).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from dari.directory import models as m
from dari.directory.interchange import FORMAT, SECTIONS, to_record


def export_directory(assets: QuerySet[m.Asset] | None = None) -> dict[str, Any]:
    """Every record, ordered by id; `assets` restricts the assets (default: all of them)."""
    doc: dict[str, Any] = {"format": FORMAT}
    asset_qs = assets if assets is not None else m.Asset.objects.all()
    visible_ids: set[str] | None = None
    if assets is not None:
        visible_ids = set(asset_qs.values_list("pk", flat=True))
    for section in SECTIONS:
        qs = asset_qs if section.model is m.Asset else section.model.objects.all()
        rows = []
        for obj in qs.order_by("pk").iterator(chunk_size=5000):
            record = to_record(section, obj)
            if section.model is m.Deal and visible_ids is not None:
                if record.get("asset") is not None and record["asset"] not in visible_ids:
                    del record["asset"]
            rows.append(record)
        doc[section.key] = rows
    return doc
