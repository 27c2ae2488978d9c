"""Input and output schemas of the REST API (OpenAPI documentation and validation).

Output records are the dari-directory/1 records of `to_record` plus a few extras named here;
the API answers with `exclude_unset`, so an empty optional value is left out exactly as in an
exported file. Vocabulary parameters are documented with their enums but parsed as plain strings:
the shared filters check them and answer with the same message as the pages.
"""

from __future__ import annotations

from typing import Annotated

from django.db.models import TextChoices
from ninja import Field, Schema
from pydantic import WithJsonSchema

from dari.directory.filters import SORTS
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


SortFilter = Annotated[str, _filter(list(SORTS))]
AreaFilter = Annotated[str, _filter(TherapeuticArea.values)]
ModalityFilter = Annotated[str, _filter(Modality.values)]
StageFilter = Annotated[str, _filter(Stage.values)]
DealTypeFilter = Annotated[str, _filter(DealType.values)]
OrgKindFilter = Annotated[str, _filter(OrgKind.values)]
InvestmentKindFilter = Annotated[str, _filter(InvestmentKind.values)]
FacilityKindFilter = Annotated[str, _filter(FacilityKind.values)]
ProgramKindFilter = Annotated[str, _filter(ProgramKind.values)]
YearFilter = Annotated[str, WithJsonSchema({"type": "string", "pattern": "^([0-9]{4})?$"})]
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


class ErrorOut(Schema):
    """Every error of the API: 400, 401, 403, 404, 405, 409, 422, 429 and 500."""

    detail: str = Field(description="What went wrong, in one sentence (caller's language).")
    errors: list[FieldErrorOut] = Field(
        description="Each parameter at fault; empty when none is (404, 405, 500)."
    )


# Query parameters ------------------------------------------------------------------------------


class PageParams(Schema):
    limit: int = Field(
        DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"Items per page (at most {MAX_LIMIT})."
    )
    # Bounded so that offset + limit stays a 64-bit integer in every database.
    offset: int = Field(
        0, ge=0, le=MAX_OFFSET, description=f"Items to skip (at most {MAX_OFFSET:,})."
    )


class AssetQuery(Schema):
    q: str = Field("", description="Words of the name, description, targets or organisation.")
    therapeutic_area: AreaFilter = Field("", description=_one_of(TherapeuticArea.values))
    modality: ModalityFilter = Field("", description=_one_of(Modality.values))
    stage: StageFilter = Field("", description=_one_of(Stage.values))
    cluster: str = Field("", description="Cluster id of the owner organisation.")
    country: str = Field("", description="ISO country code of the owner organisation.")
    seeking: DealTypeFilter = Field("", description="Deal type sought. " + _one_of(DealType.values))
    organization: str = Field("", description="Owner organisation id.")
    sort: SortFilter = Field("name", description=_one_of(list(SORTS)))


class ClusterQuery(Schema):
    country: str = Field("", description="ISO country code.")


class OrganizationQuery(Schema):
    q: str = Field("", description="Words of the name, Korean name or description.")
    kind: OrgKindFilter = Field("", description=_one_of(OrgKind.values))
    country: str = Field("", description="ISO country code.")
    cluster: str = Field("", description="Cluster id.")


class DealQuery(Schema):
    year: YearFilter = Field("", description="Four-digit year of the deal date.")
    deal_type: DealTypeFilter = Field("", description=_one_of(DealType.values))
    country: str = Field("", description="ISO country code of the licensee.")
    licensor: str = Field("", description="Licensor organisation id.")
    licensee: str = Field("", description="Licensee organisation id.")


class InvestmentQuery(Schema):
    year: YearFilter = Field("", description="Four-digit year of the announcement.")
    kind: InvestmentKindFilter = Field("", description=_one_of(InvestmentKind.values))
    recipient: str = Field("", description="Recipient organisation id.")
    investor: str = Field("", description="Investor organisation id.")
    country: str = Field("", description="ISO country code of the recipient.")


class FacilityQuery(Schema):
    kind: FacilityKindFilter = Field("", description=_one_of(FacilityKind.values))
    organization: str = Field("", description="Organisation id.")
    cluster: str = Field("", description="Cluster id.")


class ProgramQuery(Schema):
    kind: ProgramKindFilter = Field("", description=_one_of(ProgramKind.values))
    organizer: str = Field("", description="Organiser organisation id.")
    year: YearFilter = Field("", description="Four-digit year of the start.")


# Records ---------------------------------------------------------------------------------------


class ClusterOut(Schema):
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


class OrganizationOut(Schema):
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


class OrganizationDetailOut(OrganizationOut):
    asset_ids: list[str] = Field(
        [], description="Extra: ids of the organisation's assets the caller may see."
    )


class PartneringOut(Schema):
    seeking: list[DealTypeValue] = []
    territories: list[str] = []
    available: bool | None = None


class AssetOut(Schema):
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


class DealOut(Schema):
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
    status: DealStatusValue | None = None
    description: str = ""
    sources: list[str] = []
    licensor_name: str = Field("", description="Extra.")
    licensee_name: str = Field("", description="Extra.")
    asset_name: str | None = Field(None, description="Extra: null exactly when `asset` is.")


class InvestmentOut(Schema):
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


class FacilityOut(Schema):
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


class ProgramOut(Schema):
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
