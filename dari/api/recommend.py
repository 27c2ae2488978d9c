"""Recommendation endpoints: likely partners of an asset, assets for an organisation.

Both go through the access funnel (dari.directory.domain.recommend): an asset the caller may
not see answers the same 404 as a missing one, and is never recommended or explained."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from dari.api.errors import field_error, not_found
from dari.api.schemas import ErrorOut
from dari.directory.domain.recommend import (
    TerritoryError,
    ranked_partners,
    recommend_asset_rows,
)
from dari.directory.models import Asset, Organization

router = Router(tags=["recommendations"])


class PartnerOut(Schema):
    organization: str
    name: str
    score: float
    reasons: list[str]
    ranking: str = Field(
        "semantic",
        description="'semantic' (text embeddings, words and fields), or 'lexical' (words and "
        "fields only, while the index job has not embedded every text yet)",
    )


class AssetRecOut(Schema):
    asset: str
    name: str
    organization: str
    score: float
    reasons: list[str]


class TopQuery(Schema):
    top: int = Field(10, ge=1, le=100, description="how many suggestions (1-100)")


class PartnersQuery(TopQuery):
    territory: list[str] = Field(
        default_factory=list,
        description="rank as if these territories were on offer instead of the asset's own "
        "(repeatable: ?territory=Greater China&territory=Japan; 'global ex-Korea' works)",
    )


@router.get(
    "/assets/{asset_id}/partners",
    response={200: list[PartnerOut], 400: ErrorOut, 404: ErrorOut},
    summary="Likely partners of an asset",
)
def asset_partners(
    request: HttpRequest, asset_id: str, q: Query[PartnersQuery]
) -> list[PartnerOut]:
    """Organisations most likely to license or co-develop the asset, best first, with reasons.
    The territories on offer (the asset's own, or `territory`) weigh most: organisations
    based outside them rank low."""
    try:
        recs, ranking = ranked_partners(request.user, asset_id, top=q.top, territories=q.territory)
    except Asset.DoesNotExist:
        raise not_found("asset", asset_id) from None
    except TerritoryError as exc:
        raise field_error(400, "territory", "unknown_territory", str(exc)) from None
    names = dict(Organization.objects.filter(pk__in=[r.id for r in recs]).values_list("pk", "name"))
    return [
        PartnerOut(
            organization=r.id,
            name=names.get(r.id, r.id),
            score=round(r.score, 4),
            reasons=r.reasons,
            ranking=ranking,
        )
        for r in recs
    ]


@router.get(
    "/organizations/{organization_id}/recommended-assets",
    response={200: list[AssetRecOut], 400: ErrorOut, 404: ErrorOut},
    summary="Assets an organisation should see",
)
def organization_assets(
    request: HttpRequest, organization_id: str, q: Query[TopQuery]
) -> list[AssetRecOut]:
    """Assets matching what the organisation says it seeks, best first, with reasons."""
    try:
        rows = recommend_asset_rows(request.user, organization_id, top=q.top)
    except Organization.DoesNotExist:
        raise not_found("organization", organization_id) from None
    return [
        AssetRecOut(
            asset=asset.pk,
            name=asset.name,
            organization=asset.organization_id,
            score=round(r.score, 4),
            reasons=r.reasons,
        )
        for asset, r in rows
    ]
