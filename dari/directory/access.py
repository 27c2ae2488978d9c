"""The access funnel for assets: every page, API endpoint, search, count, export and
recommendation made for a user obtains assets through these two functions only, or through
`with_visible_asset`, which names a row's asset only if the user may see it.

A refused asset raises the same `Asset.DoesNotExist` as a missing one, so nothing tells the
two apart. Who is a vetted member, and who administers an organisation, is asked of
`dari/accounts/access.py`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db.models import Model, OuterRef, Q, QuerySet, Subquery

from dari.accounts.access import may_administer, sees_members_assets
from dari.accounts.models import LinkKind, OrganizationLink
from dari.directory.models import Asset
from dari.directory.vocab import Visibility

M = TypeVar("M", bound=Model)


def sees_public_assets_only(user: Any) -> bool:
    """Whether every asset `user` may see is public (anonymous visitors and non-members): a
    search for them need not read, nor rank, any other row."""
    return not sees_members_assets(user)


def _visibility_condition(user: Any) -> Q | None:
    """The condition an asset must meet to be visible to `user`; None means every asset."""
    if sees_public_assets_only(user):
        return Q(visibility=Visibility.PUBLIC)
    if user.is_platform_admin:
        return None
    return _organization_condition(user.organization_id)


def _organization_condition(org_id: str) -> Q:
    """What a vetted member of the organisation `org_id` sees."""
    condition = Q(visibility=Visibility.PUBLIC)
    condition |= Q(visibility=Visibility.MEMBERS)
    condition |= Q(organization_id=org_id)
    # An organisation under CDA is also a partner: CDA is the stronger relation.
    partner_owners = OrganizationLink.objects.filter(other_id=org_id).values("owner_id")
    condition |= Q(visibility=Visibility.PARTNERS, organization_id__in=partner_owners)
    cda_owners = OrganizationLink.objects.filter(other_id=org_id, kind=LinkKind.CDA).values(
        "owner_id"
    )
    condition |= Q(visibility=Visibility.CDA, organization_id__in=cda_owners)
    return condition


@dataclass(frozen=True)
class SearchTiers:
    """Which documents of the search index a reader's search must read, beyond the public
    ones (SQLite ranks each tier's documents apart, dari/directory/search_rank.py): a
    superset of what the reader may see, to spare the ranking of the rest. Which assets a
    search returns and counts is still decided by `visible_assets`, joined to the matches."""

    members: bool
    """The members tier (and restricted documents, as below); False: public documents only."""
    restricted_owners: tuple[str, ...] | None
    """Whose partners-tier and CDA documents: these organisations' (None: everyone's)."""


EVERY_TIER = SearchTiers(members=True, restricted_owners=None)


def search_tiers(user: Any) -> SearchTiers:
    """The documents `user`'s search reads: public only for anyone not vetted; for a vetted
    member, the members tier and the restricted documents of its own organisation and of the
    organisations that list it (partner or CDA: the owners of `_organization_condition`)."""
    if sees_public_assets_only(user):
        return SearchTiers(members=False, restricted_owners=())
    if user.is_platform_admin:
        return EVERY_TIER
    org_id = user.organization_id
    listing = OrganizationLink.objects.filter(other_id=org_id).values_list("owner_id", flat=True)
    return SearchTiers(members=True, restricted_owners=(org_id, *sorted(set(listing))))


def visible_assets(user: Any) -> QuerySet[Asset]:
    """Every asset `user` may see (anonymous when `user` is None or not signed in)."""
    condition = _visibility_condition(user)
    assets = Asset.objects.all()
    if condition is None:
        return assets
    return assets.filter(condition)


def assets_seen_by_organization(organization_id: str) -> QuerySet[Asset]:
    """Every asset the organisation's vetted members see, whoever asks on its behalf (its
    webhook endpoints: not their registrant, who may be a platform admin or have moved on)."""
    return Asset.objects.filter(_organization_condition(organization_id))


def access_asset(user: Any, asset_id: str, need: str = "view") -> Asset:
    """The asset `asset_id` if `user` may `need` ("view" or "edit") it, else Asset.DoesNotExist."""
    asset = visible_assets(user).select_related("organization").get(pk=asset_id)
    if need == "view":
        return asset
    if need == "edit" and may_administer(user, asset.organization_id):
        return asset
    raise Asset.DoesNotExist(f"Asset matching query does not exist: {asset_id}")


def with_visible_asset(
    rows: QuerySet[M], user: Any, via: str = "asset", to: str = "visible_asset"
) -> QuerySet[M]:
    """`rows` annotated with `<to>_id` and `<to>_name`: the id and name of the asset that
    `via` (a path to an Asset foreign key, such as "asset" or "request__asset") points to
    when `user` may see it, else None, indistinguishably from no asset at all.

    The restriction travels with the rows (NetBox's RestrictedPrefetch), read through
    `visible_assets` in correlated subqueries: no extra query, however many rows.
    """
    visible = visible_assets(user).filter(pk=OuterRef(f"{via}_id")).order_by()
    return rows.annotate(
        **{
            f"{to}_id": Subquery(visible.values("pk")[:1]),
            f"{to}_name": Subquery(visible.values("name")[:1]),
        }
    )


@dataclass(frozen=True)
class AssetRef:
    """What a row may say of its asset: id and name (the `pk` reads like a model's)."""

    pk: str
    name: str


def visible_asset_of(row: Any, to: str = "visible_asset") -> AssetRef | None:
    """The asset a row annotated by `with_visible_asset(..., to=to)` may name, or None."""
    pk = getattr(row, f"{to}_id")
    return None if pk is None else AssetRef(pk, getattr(row, f"{to}_name"))


def visibility_key(user: Any) -> str:
    """A key that two readers share exactly when `visible_assets` gives them the same assets,
    for caches of what a reader is shown: "public" (anyone not vetted: anonymous visitors
    included), "all" (platform admins), "members" (vetted members whose organisation holds no
    asset beyond what every member sees and is on nobody's partner list: most of them), else
    the reader's organisation with a digest of the organisations that share assets with it."""
    if not sees_members_assets(user):
        return "public"
    if user.is_platform_admin:
        return "all"
    org_id = user.organization_id
    links = sorted(OrganizationLink.objects.filter(other_id=org_id).values_list("owner_id", "kind"))
    own_restricted = (
        Asset.objects.filter(organization_id=org_id)
        .exclude(visibility__in=[Visibility.PUBLIC, Visibility.MEMBERS])
        .exists()
    )
    if not links and not own_restricted:
        return "members"
    digest = hashlib.blake2b(repr(links).encode(), digest_size=8).hexdigest()
    return f"org:{org_id}:{digest}"
