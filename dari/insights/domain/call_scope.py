"""What an open-innovation call seeks ("areas sought": therapeutic areas, modalities, a minimum
stage) and its Korean text: the checks of these values, the calls a filter keeps and the
viewer's own assets that fit a call.

A call that states no area (no modality, no minimum stage) seeks any; a filter keeps the calls
that name the area or modality asked for, and the calls an asset at the stage asked for may
enter. Calls are few (tens), so the filters run over the loaded list rather than on JSON
columns, which SQLite cannot search by element.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from dari.directory.access import visible_assets
from dari.directory.models import Asset, Program
from dari.directory.vocab import (
    STAGE_LADDER,
    Modality,
    ProgramKind,
    TherapeuticArea,
    reaches_stage,
)
from dari.insights.access import may_apply
from dari.insights.domain.errors import CallError
from dari.insights.models import CallApplication

# The values a call's scope is given in, and the model field each is stored in.
SCOPE_FIELDS = {
    "name_ko": "name_ko",
    "description_ko": "description_ko",
    "therapeutic_areas": "seeks_therapeutic_areas",
    "modalities": "seeks_modalities",
    "min_stage": "seeks_min_stage",
}
MAX_NAME = 300
MAX_DESCRIPTION = 20000


def _choices(values: Mapping[str, Any], field: str, vocabulary: Any, unknown: str) -> list[str]:
    chosen = values.get(field) or []
    if not isinstance(chosen, list | tuple) or not all(isinstance(v, str) for v in chosen):
        raise CallError(_("Choose from the list."), field=field)
    for value in chosen:
        if value not in vocabulary.values:
            raise CallError(unknown % {"value": value}, field=field)
    # In the vocabulary's order, each once: the order people read them in everywhere else.
    return [v for v in vocabulary.values if v in chosen]


def clean_scope(values: Mapping[str, Any]) -> dict[str, Any]:
    """The model values of the scope fields present in `values` (name_ko, description_ko,
    therapeutic_areas, modalities, min_stage), checked; CallError naming the first bad one."""
    cleaned: dict[str, Any] = {}
    if "name_ko" in values:
        name_ko = str(values["name_ko"] or "").strip()
        if len(name_ko) > MAX_NAME:
            raise CallError(
                _("The Korean name is too long (at most 300 characters)."), field="name_ko"
            )
        cleaned["name_ko"] = name_ko
    if "description_ko" in values:
        description_ko = str(values["description_ko"] or "").strip()
        if len(description_ko) > MAX_DESCRIPTION:
            raise CallError(
                _("The Korean description is too long (at most 20000 characters)."),
                field="description_ko",
            )
        cleaned["description_ko"] = description_ko
    if "therapeutic_areas" in values:
        cleaned["seeks_therapeutic_areas"] = _choices(
            values, "therapeutic_areas", TherapeuticArea, _("Unknown therapeutic area %(value)r.")
        )
    if "modalities" in values:
        cleaned["seeks_modalities"] = _choices(
            values, "modalities", Modality, _("Unknown modality %(value)r.")
        )
    if "min_stage" in values:
        stage = values["min_stage"] or ""
        if stage and stage not in STAGE_LADDER:
            raise CallError(
                _("Choose a minimum stage between Discovery and Approved."), field="min_stage"
            )
        cleaned["seeks_min_stage"] = stage
    return cleaned


def seeks_anything(call: Program) -> bool:
    """Whether the call states any area, modality or minimum stage."""
    return bool(call.seeks_therapeutic_areas or call.seeks_modalities or call.seeks_min_stage)


def fits(call: Program, asset: Asset) -> bool:
    """Whether `asset` is of what `call` seeks (each stated criterion met)."""
    areas, modalities = call.seeks_therapeutic_areas, call.seeks_modalities
    return (
        (not areas or asset.therapeutic_area in areas)
        and (not modalities or asset.modality in modalities)
        and reaches_stage(asset.stage, call.seeks_min_stage)
    )


def find_calls(therapeutic_area: str = "", modality: str = "", stage: str = "") -> list[Program]:
    """The open-innovation calls (newest first) that name `therapeutic_area` and `modality`
    among what they seek and that an asset at `stage` may enter ("" : any)."""
    found = Program.objects.filter(kind=ProgramKind.OPEN_INNOVATION_CALL).select_related(
        "organizer__cluster"
    )
    return [
        call
        for call in found
        if (not therapeutic_area or therapeutic_area in call.seeks_therapeutic_areas)
        and (not modality or modality in call.seeks_modalities)
        and (not stage or reaches_stage(stage, call.seeks_min_stage))
    ]


def matching_assets(user: Any, call: Program) -> list[Asset]:
    """The assets of the user's own organisation that fit what `call` seeks and are not yet
    entered, by name (none for anyone who may not apply, `may_apply`, or a call that seeks
    nothing). Read through the access funnel, so only assets the user may see."""
    if not may_apply(user) or not seeks_anything(call):
        return []
    entered = CallApplication.objects.filter(program=call, asset__isnull=False).values("asset_id")
    own = (
        visible_assets(user)
        .filter(organization_id=user.organization_id)
        .exclude(pk__in=entered)
        .only("pk", "name", "therapeutic_area", "modality", "stage")
        .order_by("name", "pk")
    )
    return [asset for asset in own if fits(call, asset)]
