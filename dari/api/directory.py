"""The directory endpoints: clusters, organisations, assets, deals, investments, facilities and
programmes, each a paginated list with filters and a detail by stable id.

Thin views: parse (ninja), filter (the shared filters), load (records.py), answer. Assets come
only through `visible_assets` / `access_asset`; a refused asset is the same 404 as a missing one.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router

from dari.accounts.access import access_asset
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
    ValidationErrorOut,
)
from dari.directory.filters import (
    AssetFilter,
    ClusterFilter,
    DealFilter,
    FacilityFilter,
    InvestmentFilter,
    OrganizationFilter,
    ProgramFilter,
)
from dari.directory.models import Asset, Cluster, Deal, Facility, Investment, Organization, Program

router = Router(tags=["directory"])
# Every endpoint answers with exclude_unset=True: an empty optional value is left out of a
# record, exactly as in a dari-directory/1 file.

LIST_ERRORS = {400: ValidationErrorOut}
DETAIL_ERRORS = {404: ErrorOut}

Page = Query[PageParams]


@router.get("/clusters", response={200: ClusterPage, **LIST_ERRORS}, exclude_unset=True)
def list_clusters(request: HttpRequest, page: Page, params: Query[ClusterQuery]) -> Record:
    """Regional bio clusters, by name."""
    clusters = ClusterFilter.from_params(params.model_dump()).apply(records.clusters())
    return paginate(request, clusters, page, records.cluster_record)


@router.get(
    "/clusters/{cluster_id}", response={200: ClusterOut, **DETAIL_ERRORS}, exclude_unset=True
)
def get_cluster(request: HttpRequest, cluster_id: str) -> Record:
    """One cluster."""
    try:
        return records.cluster_record(records.clusters().get(pk=cluster_id))
    except Cluster.DoesNotExist:
        raise not_found("cluster", cluster_id) from None


@router.get("/organizations", response={200: OrganizationPage, **LIST_ERRORS}, exclude_unset=True)
def list_organizations(
    request: HttpRequest, page: Page, params: Query[OrganizationQuery]
) -> Record:
    """Companies, institutes, agencies and investors, by name."""
    orgs = OrganizationFilter.from_params(params.model_dump()).apply(records.organizations())
    return paginate(request, orgs, page, records.organization_record)


@router.get(
    "/organizations/{organization_id}",
    response={200: OrganizationDetailOut, **DETAIL_ERRORS},
    exclude_unset=True,
)
def get_organization(request: HttpRequest, organization_id: str) -> Record:
    """One organisation, with the ids of its assets the caller may see."""
    try:
        org = records.organizations().get(pk=organization_id)
    except Organization.DoesNotExist:
        raise not_found("organization", organization_id) from None
    return records.organization_detail(org, records.visible_asset_ids(request.user, org))


@router.get("/assets", response={200: AssetPage, **LIST_ERRORS}, exclude_unset=True)
def list_assets(request: HttpRequest, page: Page, params: Query[AssetQuery]) -> Record:
    """Pipeline assets the caller may see, with the filters of the asset search page."""
    assets = AssetFilter.from_params(params.model_dump()).apply(records.assets(request.user))
    return paginate(request, assets, page, records.asset_record)


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
    deals = DealFilter.from_params(params.model_dump()).apply(records.deals(request.user))
    return paginate(request, deals, page, records.deal_record)


@router.get("/deals/{deal_id}", response={200: DealOut, **DETAIL_ERRORS}, exclude_unset=True)
def get_deal(request: HttpRequest, deal_id: str) -> Record:
    """One deal; `asset` is null unless the caller may see the asset."""
    try:
        return records.deal_record(records.deals(request.user).get(pk=deal_id))
    except Deal.DoesNotExist:
        raise not_found("deal", deal_id) from None


@router.get("/investments", response={200: InvestmentPage, **LIST_ERRORS}, exclude_unset=True)
def list_investments(request: HttpRequest, page: Page, params: Query[InvestmentQuery]) -> Record:
    """Financing rounds, IPOs, grants and facility investments, newest first."""
    investments = InvestmentFilter.from_params(params.model_dump()).apply(records.investments())
    return paginate(request, investments, page, records.investment_record)


@router.get(
    "/investments/{investment_id}",
    response={200: InvestmentOut, **DETAIL_ERRORS},
    exclude_unset=True,
)
def get_investment(request: HttpRequest, investment_id: str) -> Record:
    """One investment."""
    try:
        return records.investment_record(records.investments().get(pk=investment_id))
    except Investment.DoesNotExist:
        raise not_found("investment", investment_id) from None


@router.get("/facilities", response={200: FacilityPage, **LIST_ERRORS}, exclude_unset=True)
def list_facilities(request: HttpRequest, page: Page, params: Query[FacilityQuery]) -> Record:
    """Manufacturing sites, laboratories and centres, by name."""
    facilities = FacilityFilter.from_params(params.model_dump()).apply(records.facilities())
    return paginate(request, facilities, page, records.facility_record)


@router.get(
    "/facilities/{facility_id}", response={200: FacilityOut, **DETAIL_ERRORS}, exclude_unset=True
)
def get_facility(request: HttpRequest, facility_id: str) -> Record:
    """One facility."""
    try:
        return records.facility_record(records.facilities().get(pk=facility_id))
    except Facility.DoesNotExist:
        raise not_found("facility", facility_id) from None


@router.get("/programs", response={200: ProgramPage, **LIST_ERRORS}, exclude_unset=True)
def list_programs(request: HttpRequest, page: Page, params: Query[ProgramQuery]) -> Record:
    """Training, accelerator, funding and open-innovation programmes, latest first."""
    programs = ProgramFilter.from_params(params.model_dump()).apply(records.programs())
    return paginate(request, programs, page, records.program_record)


@router.get(
    "/programs/{program_id}", response={200: ProgramOut, **DETAIL_ERRORS}, exclude_unset=True
)
def get_program(request: HttpRequest, program_id: str) -> Record:
    """One programme."""
    try:
        return records.program_record(records.programs().get(pk=program_id))
    except Program.DoesNotExist:
        raise not_found("program", program_id) from None
