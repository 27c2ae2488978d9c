"""/api/trials, /api/trials/{trial_id} and /api/sites: clinical trials as the registries publish
them, and the site finder. The asset a trial tests is named only when the caller may see it
(dari.trials.access); a trial that does not exist is the one 404."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from dari.api.errors import not_found
from dari.api.pagination import paginate
from dari.api.schemas import SINCE_SCHEMA, ErrorOut, PageParams
from dari.directory.filters import since_param
from dari.trials.domain import queries
from dari.trials.models import Trial
from dari.trials.vocab import InterventionType, TrialStatus

router = Router(tags=["trials"])

PhaseParam = Literal["", "1", "2", "3", "4"]


class TrialQuery(Schema):
    q: str = Field(
        "", max_length=200, description="Words of the title, a registry id or a condition."
    )
    condition: str = Field(
        "", max_length=200, description="Condition: free text or MeSH id, Korean or English."
    )
    phase: PhaseParam = Field("", description="Phase number (early phase 1 counts as 1).")
    status: Literal[tuple(["", *TrialStatus.values])] = ""  # type: ignore[valid-type]
    sponsor: str = Field(
        "", max_length=128, description="Organisation id of a sponsor or collaborator."
    )
    site: str = Field("", max_length=128, description="Organisation id of a site.")
    year: int | None = Field(None, ge=1900, le=2100, description="Start year.")
    korea: bool = Field(False, description="Only trials with a site in Korea.")
    updated_since: Annotated[str, SINCE_SCHEMA] = Field(
        "",
        max_length=64,
        description="Only trials whose imported record changed at or after this time (ISO 8601"
        " date or date-time; a date-time without an offset is UTC).",
    )


class TrialOut(Schema):
    id: str
    nct_id: str
    cris_id: str
    mfds_id: str
    title: str
    phases: list[str]
    status: str
    status_as_of: dt.date | None = Field(
        description="For a trial known from a report: the report's date for its status."
    )
    origin: str = Field(
        description="'report' for a trial known from a reputable report (the title is then"
        " the registry's only when `title_is_description` is false), else the import it came from."
    )
    title_is_description: bool
    start_date: dt.date | None
    completion_date: dt.date | None
    enrollment: int | None
    lead_sponsor: str | None
    sponsor_name: str
    sponsor_class: str
    conditions: list[str]
    mesh_terms: list[dict[str, str]]
    interventions: list[dict[str, Any]]
    area: str
    in_korea: bool
    source_url: str
    synthetic: bool
    updated: dt.datetime = Field(
        description="When the imported record last changed (see `updated_since`)."
    )


class TrialPage(Schema):
    count: int
    next: str | None
    previous: str | None
    items: list[TrialOut]


class SiteLinkOut(Schema):
    organization: str | None
    name: str
    facility: str
    city: str
    country: str
    status: str


class PersonOut(Schema):
    name: str
    role: str
    affiliation: str
    organization: str | None


class AssetLinkOut(Schema):
    id: str
    name: str


class TrialDetailOut(TrialOut):
    official_title: str
    collaborators: list[str]
    sites: list[SiteLinkOut]
    investigators: list[PersonOut]
    assets: list[AssetLinkOut]


class SiteQueryParams(Schema):
    condition: str = Field(
        ..., min_length=1, max_length=200, description="Free text or MeSH id, Korean or English."
    )
    phase: PhaseParam = ""
    country: str = Field("KR", pattern="^[A-Za-z]{2}$")
    city: str = Field("", max_length=200)
    cluster: str = Field("", max_length=128)
    intervention_type: Literal[tuple(["", *InterventionType.values])] = ""  # type: ignore[valid-type]
    top: int = Field(20, ge=1, le=100)


class InvestigatorCount(Schema):
    name: str
    trials: int


class SiteOut(Schema):
    organization: str
    name: str
    name_ko: str
    city: str
    cluster: str | None
    score: float
    trials: int
    phase_trials: int
    reasons: list[str]
    investigators: list[InvestigatorCount]


def trial_record(t: Trial) -> dict[str, Any]:
    return {
        "id": t.pk,
        "nct_id": t.nct_id,
        "cris_id": t.cris_id,
        "mfds_id": t.mfds_id,
        "title": t.title,
        "phases": t.phases,
        "status": t.status,
        "status_as_of": t.status_as_of,
        "origin": t.origin,
        "title_is_description": t.title_is_description,
        "start_date": t.start_date,
        "completion_date": t.completion_date,
        "enrollment": t.enrollment,
        "lead_sponsor": t.lead_sponsor_id,
        "sponsor_name": t.sponsor_name,
        "sponsor_class": t.sponsor_class,
        "conditions": t.conditions,
        "mesh_terms": t.mesh_terms,
        "interventions": t.interventions,
        "area": t.area,
        "in_korea": t.in_korea,
        "source_url": t.source_url,
        "synthetic": t.synthetic,
        "updated": t.updated,
    }


@router.get("/trials", response={200: TrialPage, 400: ErrorOut})
def list_trials(
    request: HttpRequest, page: Query[PageParams], params: Query[TrialQuery]
) -> dict[str, Any]:
    """Clinical trials, newest start first, narrowed by the filters; `updated_since` gives
    those imported or changed upstream since (a bad time answers 400 naming it)."""
    values = params.model_dump()
    since = values.pop("updated_since").strip()
    chosen = queries.TrialFilters(**values, updated_since=since_param(since) if since else None)
    return paginate(request, queries.trials(chosen), page, trial_record)


@router.get("/trials/{trial_id}", response={200: TrialDetailOut, 400: ErrorOut, 404: ErrorOut})
def get_trial(request: HttpRequest, trial_id: str) -> dict[str, Any]:
    """One trial with its sites, the people the registry names, and the assets it tests that
    the caller may see."""
    try:
        detail = queries.trial_detail(request.user, trial_id)
    except Trial.DoesNotExist:
        raise not_found("trial", trial_id) from None
    return {
        **trial_record(detail.trial),
        "official_title": detail.trial.official_title,
        "collaborators": [o.pk for o in detail.collaborators],
        "sites": [
            {
                "organization": s.organization_id,
                "name": s.name,
                "facility": s.facility,
                "city": s.city,
                "country": s.country,
                "status": s.status,
            }
            for s in detail.sites
        ],
        "investigators": [
            {
                "name": p.name,
                "role": p.role,
                "affiliation": p.affiliation,
                "organization": p.organization_id,
            }
            for p in detail.investigators
        ],
        "assets": [{"id": a.pk, "name": a.name} for a in detail.assets],
    }


@router.get("/sites", response={200: list[SiteOut], 400: ErrorOut})
def find_sites(request: HttpRequest, params: Query[SiteQueryParams]) -> list[dict[str, Any]]:
    """Trial sites ranked for a condition and phase, best first, each with its reasons."""
    search = queries.SiteSearch(**{**params.model_dump(), "country": params.country.upper()})
    return [s.as_json() for s in queries.find_sites(search)]
