"""The directory endpoints: clusters, organisations, assets, deals, investments, facilities and
programmes, each a paginated list with filters and a detail by stable id.

Thin views: parse (ninja), filter (the shared filters), load (directory/domain/queries.py),
answer (records.py). Assets come
only through `visible_assets` / `access_asset`; a refused asset is the same 404 as a missing one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.db.models import Model, QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Schema

from dari.api import records
from dari.api.errors import not_found
from dari.api.pagination import paginate
from dari.api.records import Record
from dari.api.schemas import (
    AssetOut,
    AssetPage,
    AssetQuery,
    ClusterOut,
    ClusterPage,
    ClusterQuery,
    DealOut,
    DealPage,
    DealQuery,
    ErrorOut,
    FacilityOut,
    FacilityPage,
    FacilityQuery,
    InvestmentOut,
    InvestmentPage,
    InvestmentQuery,
    OrganizationDetailOut,
    OrganizationPage,
    OrganizationQuery,
    PageParams,
    ProgramOut,
    ProgramPage,
    ProgramQuery,
)
from dari.directory.access import access_asset
from dari.directory.domain import queries, search
from dari.directory.domain.readercache import for_reader
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
from dari.directory.models import Asset

router = Router(tags=["directory"])
# Every endpoint answers with exclude_unset=True: an empty optional value is left out of a
# record, exactly as in a dari-directory/1 file.

LIST_ERRORS = {400: ErrorOut}
DETAIL_ERRORS = {400: ErrorOut, 404: ErrorOut}

Page = Query[PageParams]
M = TypeVar("M", bound=Model)


def _page_of(
    request: HttpRequest,
    page: PageParams,
    filter_class: type[DirectoryFilter],
    params: Schema,
    queryset: QuerySet[M],
    record: Callable[[M], Record],
) -> Record:
    """One page of `queryset` narrowed by the shared filter (FilterError answers 400), the
    same for every caller of this kind until the directory changes."""
    chosen = filter_class.from_params(params.model_dump())
    name = f"api:{filter_class.__name__}"
    return for_reader(
        request, name, lambda: paginate(request, chosen.apply(queryset), page, record)
    )


def _one(kind: str, queryset: QuerySet[M], object_id: str) -> M:
    """The object with this id, or the one 404 of a missing object."""
    try:
        return queryset.get(pk=object_id)
    except queryset.model.DoesNotExist:
        raise not_found(kind, object_id) from None


@router.get("/clusters", response={200: ClusterPage, **LIST_ERRORS}, exclude_unset=True)
def list_clusters(request: HttpRequest, page: Page, params: Query[ClusterQuery]) -> Record:
    """Regional bio clusters, by name."""
    return _page_of(
        request, page, ClusterFilter, params, queries.clusters(), records.cluster_record
    )


@router.get(
    "/clusters/{cluster_id}", response={200: ClusterOut, **DETAIL_ERRORS}, exclude_unset=True
)
def get_cluster(request: HttpRequest, cluster_id: str) -> Record:
    """One cluster."""
    return records.cluster_record(_one("cluster", queries.clusters(), cluster_id))


@router.get("/organizations", response={200: OrganizationPage, **LIST_ERRORS}, exclude_unset=True)
def list_organizations(
    request: HttpRequest, page: Page, params: Query[OrganizationQuery]
) -> Record:
    """Companies, institutes, agencies and investors, by name."""
    return _page_of(
        request,
        page,
        OrganizationFilter,
        params,
        queries.organizations(),
        records.organization_record,
    )


@router.get(
    "/organizations/{organization_id}",
    response={200: OrganizationDetailOut, **DETAIL_ERRORS},
    exclude_unset=True,
)
def get_organization(request: HttpRequest, organization_id: str) -> Record:
    """One organisation, with the ids of its assets the caller may see."""
    org = _one("organization", queries.organizations(), organization_id)
    return records.organization_detail(org, queries.asset_ids_of(request.user, org))


@router.get("/assets", response={200: AssetPage, **LIST_ERRORS}, exclude_unset=True)
def list_assets(request: HttpRequest, page: Page, params: Query[AssetQuery]) -> Record:
    """Pipeline assets the caller may see, with the filters of the asset search page; with
    words (`q`, Korean or English), most relevant first unless `sort` says otherwise."""
    chosen = AssetFilter.from_params(params.model_dump())

    def one_page() -> Record:
        rows = search.search_assets(request.user, chosen)
        return paginate(request, rows, page, records.asset_record)

    return for_reader(request, "api:assets", one_page)


@router.get("/assets/{asset_id}", response={200: AssetOut, **DETAIL_ERRORS}, exclude_unset=True)
def get_asset(request: HttpRequest, asset_id: str) -> Record:
    """One asset; one the caller may not see answers exactly like one that does not exist."""
    try:
        return records.asset_record(access_asset(request.user, asset_id))
    except Asset.DoesNotExist:
        raise not_found("asset", asset_id) from None


@router.get("/deals", response={200: DealPage, **LIST_ERRORS}, exclude_unset=True)
def list_deals(request: HttpRequest, page: Page, params: Query[DealQuery]) -> Record:
    """Deals, newest first; `asset` is null unless the caller may see the asset."""
    return _page_of(
        request, page, DealFilter, params, queries.deals(request.user), records.deal_record
    )


@router.get("/deals/{deal_id}", response={200: DealOut, **DETAIL_ERRORS}, exclude_unset=True)
def get_deal(request: HttpRequest, deal_id: str) -> Record:
    """One deal; `asset` is null unless the caller may see the asset."""
    return records.deal_record(_one("deal", queries.deals(request.user), deal_id))


@router.get("/investments", response={200: InvestmentPage, **LIST_ERRORS}, exclude_unset=True)
def list_investments(request: HttpRequest, page: Page, params: Query[InvestmentQuery]) -> Record:
    """Financing rounds, IPOs, grants and facility investments, newest first."""
    return _page_of(
        request, page, InvestmentFilter, params, queries.investments(), records.investment_record
    )


@router.get(
    "/investments/{investment_id}",
    response={200: InvestmentOut, **DETAIL_ERRORS},
    exclude_unset=True,
)
def get_investment(request: HttpRequest, investment_id: str) -> Record:
    """One investment."""
    return records.investment_record(_one("investment", queries.investments(), investment_id))


@router.get("/facilities", response={200: FacilityPage, **LIST_ERRORS}, exclude_unset=True)
def list_facilities(request: HttpRequest, page: Page, params: Query[FacilityQuery]) -> Record:
    """Manufacturing sites, laboratories and centres, by name."""
    return _page_of(
        request, page, FacilityFilter, params, queries.facilities(), records.facility_record
    )


@router.get(
    "/facilities/{facility_id}", response={200: FacilityOut, **DETAIL_ERRORS}, exclude_unset=True
)
def get_facility(request: HttpRequest, facility_id: str) -> Record:
    """One facility."""
    return records.facility_record(_one("facility", queries.facilities(), facility_id))


@router.get("/programs", response={200: ProgramPage, **LIST_ERRORS}, exclude_unset=True)
def list_programs(request: HttpRequest, page: Page, params: Query[ProgramQuery]) -> Record:
    """Training, accelerator, funding and open-innovation programmes, latest first."""
    return _page_of(
        request, page, ProgramFilter, params, queries.programs(), records.program_record
    )


@router.get(
    "/programs/{program_id}", response={200: ProgramOut, **DETAIL_ERRORS}, exclude_unset=True
)
def get_program(request: HttpRequest, program_id: str) -> Record:
    """One programme."""
    return records.program_record(_one("program", queries.programs(), program_id))
