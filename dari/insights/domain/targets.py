"""Progress toward the national targets, and adding observations.

Progress = (latest observed value - baseline) / (target - baseline): the share of the way from
the baseline to the target. It works for "lower is better" targets (a rank) too, because the
sign of target - baseline carries the direction. Before any observation, the baseline is the
latest value and progress is 0.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone as djtz
from django.utils.translation import gettext as _

from dari.insights.domain.errors import InsightsError
from dari.insights.models import Direction, NationalTarget, Observation


def _achieved(target: NationalTarget, value: float) -> bool:
    goal: float = target.target_value
    if target.direction == Direction.LOWER:
        return value <= goal
    return value >= goal


def target_progress(target: NationalTarget, observations: list[Observation]) -> dict[str, Any]:
    """One target's progress: the latest observation (or the baseline), the share of the way
    from baseline to target (1.0 = reached; negative = moved away), and the years left."""
    latest = max(observations, key=lambda o: (o.date, o.id), default=None)
    current = latest.value if latest is not None else target.baseline_value
    span = target.target_value - target.baseline_value
    if span:
        share: float = (current - target.baseline_value) / span
    else:
        share = 1.0 if _achieved(target, current) else 0.0
    return {
        "target": target,
        "observations": sorted(observations, key=lambda o: (o.date, o.id)),
        "latest": latest,
        "current": current,
        "current_year": latest.date.year if latest is not None else target.baseline_year,
        "share": round(share, 4) + 0.0,  # never "-0%"
        "bar": max(0.0, min(1.0, share)),
        "achieved": _achieved(target, current),
        "years_left": target.target_year - djtz.localdate().year,
    }


def targets_progress() -> list[dict[str, Any]]:
    """Every national target with its progress, in display order (two queries)."""
    targets = NationalTarget.objects.prefetch_related("observations")
    return [target_progress(t, list(t.observations.all())) for t in targets]


def checked_target(target_id: str, date: dt.date, source: str) -> NationalTarget:
    """The target an observation is for, once its date and source are acceptable; refused
    with the field named otherwise (the same checks for a proposal and for its approval)."""
    target = NationalTarget.objects.filter(pk=target_id).first()
    if target is None:
        raise InsightsError(
            _("There is no national target %(target)r.") % {"target": target_id}, field="target"
        )
    if not source.startswith(("http://", "https://")):
        raise InsightsError(_("A public source URL (http or https) is required."), field="source")
    if date.year < target.baseline_year - 10 or date.year > target.target_year + 10:
        raise InsightsError(
            _("The date is too far from the target's baseline and target years."), field="date"
        )
    return target


@transaction.atomic
def add_observation(
    user: Any,
    target_id: str,
    date: dt.date,
    value: float,
    source: str,
    note: str = "",
) -> Observation:
    """Record a dated value of a target with its public source. Observations reach the
    dashboard through the review queue: a curator (organisers and platform admins too)
    approves a proposed observation, and the approval calls this."""
    if user is None or not user.is_authenticated or not user.is_curator:
        raise InsightsError(_("Only curators can add observations."), code="forbidden")
    target = checked_target(target_id, date, source)
    return Observation.objects.create(
        target=target, date=date, value=value, source=source, note=note, added_by=user
    )
