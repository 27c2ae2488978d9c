"""Input and output schemas of the REST API (OpenAPI documentation and validation).

Output records are the dari-directory/1 records of `to_record` plus a few extras named here;
the API answers with `exclude_unset`, so an empty optional value is left out exactly as in an
exported file. The query parameters of the lists are generated from the shared filters
(`dari.directory.filters`): vocabulary parameters are documented with their enums but parsed as
plain strings, and the filters check them and answer with the same message as the pages.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from django.db.models import TextChoices
from ninja import Field, Schema
from pydantic import ConfigDict, WithJsonSchema, create_model, field_validator
from pydantic_core import PydanticCustomError

from dari.directory.filters import (
    AssetFilter,
    ClusterFilter,
    DealFilter,
    DirectoryFilter,
    FacilityFilter,
    InvestmentFilter,
    OrganizationFilter,
    ProgramFilter,
)
from dari.directory.vocab import (
    DealStatus,
    DealType,
    FacilityKind,
    InvestmentKind,
    Modality,
    OrgKind,
    ProgramKind,
    Stage,
    TherapeuticArea,
    Visibility,
)

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
MAX_OFFSET = 1_000_000_000


def _one_of(choices: list[str]) -> str:
    return "One of: " + ", ".join(choices) + "."


def _enum(choices: type[TextChoices]) -> WithJsonSchema:
    """The OpenAPI enum of a vocabulary field. Output is not checked against it: the database
    constraints already keep values within the vocabulary."""
    return WithJsonSchema({"type": "string", "enum": list(choices.values)})


def _filter(values: list[str]) -> WithJsonSchema:
    """The OpenAPI enum of a filter parameter: blank (any) or one of the vocabulary."""
    return WithJsonSchema({"type": "string", "enum": ["", *values]})


AreaValue = Annotated[str, _enum(TherapeuticArea)]
ModalityValue = Annotated[str, _enum(Modality)]
StageValue = Annotated[str, _enum(Stage)]
DealTypeValue = Annotated[str, _enum(DealType)]
OrgKindValue = Annotated[str, _enum(OrgKind)]
VisibilityValue = Annotated[str, _enum(Visibility)]
DealStatusValue = Annotated[str, _enum(DealStatus)]
InvestmentKindValue = Annotated[str, _enum(InvestmentKind)]
FacilityKindValue = Annotated[str, _enum(FacilityKind)]
ProgramKindValue = Annotated[str, _enum(ProgramKind)]


# Errors ----------------------------------------------------------------------------------------


class FieldErrorOut(Schema):
    field: str = Field(description="The parameter (or body field) at fault; 'path' for the URL.")
    code: str = Field(description="What is wrong, as a stable identifier (invalid_choice, ...).")
    message: str = Field(description="What is wrong, in the caller's language.")
    deals: list[str] | None = Field(
        None,
        description="Code `duplicate` only (409 of POST /api/review/{id}/approve): the ids of "
        "the recorded deals the new one would repeat, to send one as `update`. Absent otherwise.",
    )


class ErrorOut(Schema):
    """Every error of the API: 400, 401, 403, 404, 405, 409, 422, 429 and 500."""

    detail: str = Field(description="What went wrong, in one sentence (caller's language).")
    errors: list[FieldErrorOut] = Field(
        description="Each parameter at fault; empty when none is (404, 405, 500)."
    )


# Request bodies --------------------------------------------------------------------------------


class BodyIn(Schema):
    """A write's JSON body: an object with only the fields named. A misspelt field or a body
    that is not an object is a 400 naming it, never ignored (an approval would otherwise go
    through as proposed, dropping the correction). Strict: a value of another JSON type
    (true or "12" for a number, 1 or "yes" for true) is a 400 naming the field, never coerced
    (pydantic's lax mode would store true as 1)."""

    model_config = ConfigDict(extra="forbid", strict=True)

    @field_validator("*", mode="after")
    @classmethod
    def _storable_text(cls, value: Any) -> Any:
        # No text column holds a NUL (PostgreSQL refuses it) or half a surrogate pair (no
        # database encodes it): refused here, naming the field, as the middleware refuses a
        # NUL in a query or a form (a 500 otherwise).
        problem = _unstorable(value)
        if problem is not None:
            raise PydanticCustomError(problem, "This text cannot be stored.")
        return value


def _unstorable(value: Any) -> str | None:
    """The code of the first text in `value` no column holds (`null_character`,
    `invalid_unicode`), or None."""
    if isinstance(value, str):
        if "\x00" in value:
            return "null_character"
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return "invalid_unicode"
        return None
    items: list[Any] = []
    if isinstance(value, dict):
        items = [*value.keys(), *value.values()]
    elif isinstance(value, list | tuple | set | frozenset):
        items = list(value)
    return next((p for p in map(_unstorable, items) if p is not None), None)


# Query parameters ------------------------------------------------------------------------------


class PageParams(Schema):
    limit: int = Field(
        DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"Items per page (at most {MAX_LIMIT})."
    )
    # Bounded so that offset + limit stays a 64-bit integer in every database.
    offset: int = Field(
        0, ge=0, le=MAX_OFFSET, description=f"Items to skip (at most {MAX_OFFSET:,})."
    )


# `updated_since`: an ISO 8601 date-time or date; blank (as a form sends it) means any time.
SINCE_SCHEMA = WithJsonSchema(
    {"type": "string", "anyOf": [{"format": "date-time"}, {"format": "date"}, {"maxLength": 0}]}
)


def filter_query(filter_class: type[DirectoryFilter]) -> type[Schema]:
    """The query parameters of a list, generated from its shared filter (one definition of
    each parameter): a vocabulary becomes an enum with blank (any), `year` a pattern,
    `updated_since` a date-time or date (blank: any)."""
    params: dict[str, Any] = {}
    for p in filter_class.parameters():
        description = p.help
        kind: Any = str
        if p.choices is not None:
            description = " ".join(filter(None, [p.help, _one_of(p.choices)]))
            kind = Annotated[str, _filter(p.choices)]
        elif p.pattern is not None:
            kind = Annotated[str, WithJsonSchema({"type": "string", "pattern": p.pattern})]
        elif p.name == "updated_since":
            kind = Annotated[str, SINCE_SCHEMA]
        params[p.name] = (kind, Field(p.default, description=description))
    name = filter_class.__name__.removesuffix("Filter") + "Query"
    return create_model(name, __base__=Schema, **params)


AssetQuery = filter_query(AssetFilter)
ClusterQuery = filter_query(ClusterFilter)
OrganizationQuery = filter_query(OrganizationFilter)
DealQuery = filter_query(DealFilter)
InvestmentQuery = filter_query(InvestmentFilter)
FacilityQuery = filter_query(FacilityFilter)
ProgramQuery = filter_query(ProgramFilter)


# Records ---------------------------------------------------------------------------------------


class StampedOut(Schema):
    updated: datetime | None = Field(
        None, description="When the record's content last changed (see `updated_since`)."
    )
    description_ko: str = Field(
        "",
        description=(
            "Extra: the description in Korean: the record's own, else Dari's Korean rendering"
            " of a bundled record's `description`; empty when there is none or the description"
            " has changed since it was rendered."
        ),
    )


class ClusterOut(StampedOut):
    id: str
    name: str
    name_ko: str = ""
    region: str = ""
    country: str = ""
    focus: list[str] = []
    description: str = ""
    founded: int | None = None
    website: str = ""
    sources: list[str] = []
    organization_count: int = Field(0, description="Extra: organisations in the cluster.")


class InterestsOut(Schema):
    therapeutic_areas: list[AreaValue] = []
    modalities: list[ModalityValue] = []
    stages: list[StageValue] = []
    deal_types: list[DealTypeValue] = []
    description: str = ""


class OrganizationOut(StampedOut):
    id: str
    name: str
    name_ko: str = ""
    kind: OrgKindValue
    country: str = ""
    city: str = ""
    cluster: str | None = None
    website: str = ""
    description: str = ""
    therapeutic_areas: list[AreaValue] = []
    modalities: list[ModalityValue] = []
    interests: InterestsOut | None = None
    employees: int | None = None
    listed: str | None = None
    sources: list[str] = []
    cluster_name: str | None = Field(None, description="Extra: name of the cluster.")
    interest_description_ko: str = Field(
        "",
        description=(
            "Extra: what the organisation seeks (`interests.description`) in Korean: Dari's"
            " Korean rendering of a bundled organisation's statement; empty when there is none"
            " or the statement has changed since it was rendered."
        ),
    )


class OrganizationDetailOut(OrganizationOut):
    asset_ids: list[str] = Field(
        [], description="Extra: ids of the organisation's assets the caller may see."
    )


class PartneringOut(Schema):
    seeking: list[DealTypeValue] = []
    territories: list[str] = []
    available: bool | None = None


class AssetOut(StampedOut):
    id: str
    organization: str
    name: str
    description: str = ""
    modality: ModalityValue | None = None
    targets: list[str] = []
    therapeutic_area: AreaValue | None = None
    indications: list[str] = []
    stage: StageValue | None = None
    partnering: PartneringOut | None = None
    visibility: VisibilityValue
    sources: list[str] = []
    organization_name: str = Field("", description="Extra: name of the owner organisation.")
    cluster: str | None = Field(None, description="Extra: cluster id of the owner organisation.")


class DealOut(StampedOut):
    id: str
    date: str = ""
    licensor: str
    licensee: str
    asset: str | None = Field(
        None, description="The asset id, or null when there is none or the caller may not see it."
    )
    deal_type: DealTypeValue
    upfront_usd_m: float | None = None
    total_value_usd_m: float | None = None
    currency: str = Field("", description="The currency of the amounts as stated.")
    upfront_local: float | None = Field(
        None, description="The upfront as the source states it, in units of `currency`."
    )
    total_value_local: float | None = Field(
        None, description="The total value as the source states it, in units of `currency`."
    )
    status: DealStatusValue | None = None
    description: str = ""
    sources: list[str] = []
    licensor_name: str = Field("", description="Extra.")
    licensee_name: str = Field("", description="Extra.")
    asset_name: str | None = Field(None, description="Extra: null exactly when `asset` is.")


class InvestmentOut(StampedOut):
    id: str
    date: str = ""
    recipient: str
    investors: list[str] = []
    kind: InvestmentKindValue
    amount_usd_m: float | None = None
    amount_local: float | None = None
    currency: str = ""
    description: str = ""
    sources: list[str] = []
    recipient_name: str = Field("", description="Extra.")
    investor_names: list[str] = Field([], description="Extra: in the order of `investors`.")


class FacilityOut(StampedOut):
    id: str
    organization: str
    name: str
    cluster: str | None = None
    kind: FacilityKindValue
    capabilities: list[str] = []
    shared_access: bool | None = None
    description: str = ""
    sources: list[str] = []
    organization_name: str = Field("", description="Extra.")
    cluster_name: str | None = Field(None, description="Extra.")


class ProgramOut(StampedOut):
    id: str
    name: str
    organizer: str | None = None
    kind: ProgramKindValue
    start: str = ""
    end: str = ""
    description: str = ""
    sources: list[str] = []
    organizer_name: str | None = Field(None, description="Extra.")


# Pages -----------------------------------------------------------------------------------------


class _Page(Schema):
    count: int = Field(description="Items matching the query that the caller may see.")
    next: str | None = Field(description="URL of the next page, null on the last.")
    previous: str | None = Field(description="URL of the previous page, null on the first.")


class ClusterPage(_Page):
    items: list[ClusterOut]


class OrganizationPage(_Page):
    items: list[OrganizationOut]


class AssetPage(_Page):
    items: list[AssetOut]


class DealPage(_Page):
    items: list[DealOut]


class InvestmentPage(_Page):
    items: list[InvestmentOut]


class FacilityPage(_Page):
    items: list[FacilityOut]


class ProgramPage(_Page):
    items: list[ProgramOut]
