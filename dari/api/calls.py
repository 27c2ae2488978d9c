"""/api/insights/calls: open-innovation calls with their Korean name and description and what
each seeks (therapeutic areas, modalities, a minimum stage). Anyone reads them; the owners of a
call's organiser (dari.insights.access.may_create_call) create and edit calls with a write
token or a session. These fields are Dari's own: /api/programs answers dari-directory/1
records, which have no place for them."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from dari.api.errors import ApiError, field_error, not_found
from dari.api.schemas import BodyIn, ErrorOut
from dari.directory.models import Program
from dari.directory.vocab import STAGE_LADDER, Modality, Stage, TherapeuticArea
from dari.insights.domain import call_scope, calls
from dari.insights.domain.errors import CallError

router = Router(tags=["insights"])
# A partial date as dari-directory/1 writes it ("" for none).
DATE = r"^$|^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"


class CallOut(Schema):
    id: str
    name: str
    name_ko: str
    organizer: str | None
    start: str
    end: str
    description: str
    description_ko: str
    sources: list[str]
    therapeutic_areas: list[str] = Field(description="Therapeutic areas sought (none: any).")
    modalities: list[str] = Field(description="Modalities sought (none: any).")
    min_stage: str = Field(description="The earliest stage an asset may be at (blank: any).")


class CallIn(BodyIn):
    name: str = Field(max_length=300)
    organizer: str
    name_ko: str = Field("", max_length=300)
    description: str = Field("", max_length=20000)
    description_ko: str = Field("", max_length=20000)
    start: str = Field(
        "", pattern=DATE, description="YYYY, YYYY-MM or YYYY-MM-DD; empty: today (Korea)."
    )
    end: str = Field("", pattern=DATE, description="The deadline: YYYY, YYYY-MM or YYYY-MM-DD.")
    sources: list[str] = []
    therapeutic_areas: list[str] = Field(
        [], json_schema_extra={"items": {"enum": TherapeuticArea.values}}
    )
    modalities: list[str] = Field([], json_schema_extra={"items": {"enum": Modality.values}})
    min_stage: str = Field("", json_schema_extra={"enum": ["", *STAGE_LADDER]})


class CallPatch(BodyIn):
    """The fields to change; any left out stay as they are (the organiser never changes)."""

    name: str | None = Field(None, max_length=300)
    name_ko: str | None = Field(None, max_length=300)
    description: str | None = Field(None, max_length=20000)
    description_ko: str | None = Field(None, max_length=20000)
    start: str | None = Field(None, pattern=DATE)
    end: str | None = Field(None, pattern=DATE)
    sources: list[str] | None = None
    therapeutic_areas: list[str] | None = Field(
        None, json_schema_extra={"items": {"enum": TherapeuticArea.values}}
    )
    modalities: list[str] | None = Field(
        None, json_schema_extra={"items": {"enum": Modality.values}}
    )
    min_stage: str | None = Field(None, json_schema_extra={"enum": ["", *STAGE_LADDER]})


class CallQuery(Schema):
    therapeutic_area: str = Field(
        "",
        description="Calls that seek this area.",
        json_schema_extra={"enum": ["", *TherapeuticArea.values]},
    )
    modality: str = Field(
        "",
        description="Calls that seek this modality.",
        json_schema_extra={"enum": ["", *Modality.values]},
    )
    stage: str = Field(
        "",
        description="Calls an asset at this stage may enter.",
        json_schema_extra={"enum": ["", *Stage.values]},
    )


def _out(call: Program) -> dict[str, Any]:
    return {
        "id": call.pk,
        "name": call.name,
        "name_ko": call.name_ko,
        "organizer": call.organizer_id,
        "start": call.start,
        "end": call.end,
        "description": call.description,
        "description_ko": call.description_ko,
        "sources": call.sources,
        "therapeutic_areas": call.seeks_therapeutic_areas,
        "modalities": call.seeks_modalities,
        "min_stage": call.seeks_min_stage,
    }


def _check_filter(field: str, value: str, allowed: list[str]) -> None:
    if value and value not in allowed:
        expected = ", ".join(repr(v) for v in allowed)
        message = _("Must be one of %(expected)s.") % {"expected": expected}
        raise field_error(400, field, "enum", message)


def _signed_in(request: HttpRequest) -> None:
    if not request.user.is_authenticated:
        raise ApiError(401, _("Sign in or send a personal access token."))


@router.get(
    "/calls",
    response={200: list[CallOut], 400: ErrorOut, 401: ErrorOut},
    summary="Open-innovation calls",
)
def list_calls(request: HttpRequest, params: Query[CallQuery]) -> list[dict[str, Any]]:
    """Every open-innovation call, newest first, with what it seeks; the filters keep the
    calls that name the area or modality, and those an asset at `stage` may enter."""
    _check_filter("therapeutic_area", params.therapeutic_area, TherapeuticArea.values)
    _check_filter("modality", params.modality, Modality.values)
    _check_filter("stage", params.stage, Stage.values)
    found = call_scope.find_calls(params.therapeutic_area, params.modality, params.stage)
    return [_out(c) for c in found]


@router.get(
    "/calls/{program_id}",
    response={200: CallOut, 400: ErrorOut, 401: ErrorOut, 404: ErrorOut},
    summary="One call",
)
def get_call(request: HttpRequest, program_id: str) -> dict[str, Any]:
    try:
        return _out(calls.get_call(program_id))
    except CallError:
        raise not_found("call", program_id) from None


@router.post(
    "/calls",
    response={201: CallOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut},
    summary="Create a call (its owners)",
)
def post_call(request: HttpRequest, body: CallIn) -> Status[dict[str, Any]]:
    _signed_in(request)
    call = calls.create_call(request.user, body.dict())
    return Status(201, _out(call))


@router.patch(
    "/calls/{program_id}",
    response={200: CallOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Change a call",
)
def patch_call(request: HttpRequest, program_id: str, body: CallPatch) -> dict[str, Any]:
    """Change the fields sent (null or left out: unchanged); only the call's owners."""
    _signed_in(request)
    values = {k: v for k, v in body.dict(exclude_unset=True).items() if v is not None}
    return _out(calls.edit_call(request.user, program_id, values))
