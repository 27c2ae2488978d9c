"""/api/insights/: the national targets with their observations and progress."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Router, Schema

from dari.insights.domain.targets import targets_progress

router = Router(tags=["insights"])


class ObservationOut(Schema):
    date: dt.date
    value: float
    source: str
    note: str
    note_ko: str


class TargetOut(Schema):
    id: str
    name: str
    name_ko: str
    plan: str
    plan_ko: str
    metric: str
    metric_ko: str
    unit: str
    direction: str
    baseline_value: float
    baseline_year: int
    baseline_source: str
    target_value: float
    target_year: int
    latest_value: float
    latest_year: int
    progress: float
    achieved: bool
    note: str
    note_ko: str
    sources: list[str]
    observations: list[ObservationOut]


@router.get("/targets", response=list[TargetOut], summary="National targets and progress")
def list_targets(request: HttpRequest) -> list[dict[str, object]]:
    """Every national target with its baseline, dated observations (each with its public
    source) and progress: the share of the way from baseline to target (1.0 = reached)."""
    out = []
    for p in targets_progress():
        t = p["target"]
        out.append(
            {
                "id": t.id,
                "name": t.name,
                "name_ko": t.name_ko,
                "plan": t.plan,
                "plan_ko": t.plan_ko,
                "metric": t.metric,
                "metric_ko": t.metric_ko,
                "unit": t.unit,
                "direction": t.direction,
                "baseline_value": t.baseline_value,
                "baseline_year": t.baseline_year,
                "baseline_source": t.baseline_source,
                "target_value": t.target_value,
                "target_year": t.target_year,
                "latest_value": p["current"],
                "latest_year": p["current_year"],
                "progress": p["share"],
                "achieved": p["achieved"],
                "note": t.note,
                "note_ko": t.note_ko,
                "sources": t.sources,
                "observations": [
                    {
                        "date": o.date,
                        "value": o.value,
                        "source": o.source,
                        "note": o.note,
                        "note_ko": o.note_ko,
                    }
                    for o in p["observations"]
                ],
            }
        )
    return out
