"""The bundled national targets (dari/data/insights/targets.json, format dari-targets/1).

`load_targets()` is idempotent: targets are matched by id, bundled observations by
(target, date, source); observations that admins added on the site are never touched.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path
from typing import Any

from django.db import transaction

from dari.insights.domain.errors import InsightsError
from dari.insights.models import Direction, NationalTarget, Observation

TARGETS_FILE = Path(__file__).resolve().parent.parent / "data" / "insights" / "targets.json"
FORMAT = "dari-targets/1"


def _check(data: Any) -> list[dict[str, Any]]:
    """The target records of a dari-targets/1 document, or InsightsError naming every problem."""
    errors: list[str] = []
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InsightsError(f"format: expected {FORMAT!r}")
    targets = data.get("targets")
    if not isinstance(targets, list):
        raise InsightsError("targets: expected a list")
    seen: set[str] = set()
    for i, t in enumerate(targets):
        where = f"targets[{i}]"
        for key in ("id", "name", "metric", "unit"):
            if not isinstance(t.get(key), str) or not t.get(key):
                errors.append(f"{where}.{key}: a non-empty string is required")
        for key in ("name_ko", "metric_ko", "plan_ko", "note_ko"):
            if not isinstance(t.get(key, ""), str):
                errors.append(f"{where}.{key}: a string is required")
        if t.get("id") in seen:
            errors.append(f"{where}.id: duplicate id {t.get('id')!r}")
        seen.add(t.get("id"))
        if t.get("direction", "higher") not in Direction.values:
            errors.append(f"{where}.direction: one of {', '.join(Direction.values)}")
        for part in ("target", "baseline"):
            block = t.get(part)
            if not isinstance(block, dict) or not isinstance(block.get("value"), int | float):
                errors.append(f"{where}.{part}.value: a number is required")
            elif not isinstance(block.get("year"), int):
                errors.append(f"{where}.{part}.year: a year is required")
        if not t.get("sources"):
            errors.append(f"{where}.sources: at least one source URL is required")
        for j, o in enumerate(t.get("observations", [])):
            at = f"{where}.observations[{j}]"
            try:
                dt.date.fromisoformat(o.get("date", ""))
            except (TypeError, ValueError):
                errors.append(f"{at}.date: an ISO date is required")
            if not isinstance(o.get("value"), int | float):
                errors.append(f"{at}.value: a number is required")
            if not str(o.get("source", "")).startswith(("http://", "https://")):
                errors.append(f"{at}.source: a source URL is required")
    if errors:
        raise InsightsError("; ".join(errors))
    return targets


@transaction.atomic
def load_targets(path: Path | str | None = None) -> Counter[str]:
    """Create or update the national targets and their bundled observations."""
    with open(path or TARGETS_FILE, encoding="utf-8") as f:
        records = _check(json.load(f))
    counts: Counter[str] = Counter()
    for position, t in enumerate(records):
        target, created = NationalTarget.objects.update_or_create(
            id=t["id"],
            defaults={
                "name": t["name"],
                "name_ko": t.get("name_ko", ""),
                "plan": t.get("plan", ""),
                "plan_ko": t.get("plan_ko", ""),
                "metric": t["metric"],
                "metric_ko": t.get("metric_ko", ""),
                "unit": t["unit"],
                "direction": t.get("direction", Direction.HIGHER),
                "target_value": t["target"]["value"],
                "target_year": t["target"]["year"],
                "baseline_value": t["baseline"]["value"],
                "baseline_year": t["baseline"]["year"],
                "baseline_source": t["baseline"].get("source", ""),
                "note": t.get("note", ""),
                "note_ko": t.get("note_ko", ""),
                "sources": t["sources"],
                "position": position,
            },
        )
        counts["targets created" if created else "targets updated"] += 1
        for o in t.get("observations", []):
            _obs, created = Observation.objects.update_or_create(
                target=target,
                date=dt.date.fromisoformat(o["date"]),
                source=o["source"],
                added_by=None,
                defaults={
                    "value": o["value"],
                    "note": o.get("note", ""),
                    "note_ko": o.get("note_ko", ""),
                },
            )
            counts["observations created" if created else "observations updated"] += 1
    return counts
