"""Editing the directory from the pages: an organisation's profile and its assets.

Callers check permission first (`User.administers`, `access_asset(user, id, "edit")`); these
functions change state without checks (the `do_*` contract) and keep `search_text` in step with
what the importer would store for the same values.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import models, transaction
from django.utils.text import slugify

from dari.directory.importer import searchable_text
from dari.directory.models import ID_LENGTH, Asset, Organization, bump_generation
from dari.directory.text import search_texts

ORGANIZATION_FIELDS = (
    "name",
    "name_ko",
    "kind",
    "country",
    "city",
    "cluster",
    "website",
    "description",
    "therapeutic_areas",
    "modalities",
    "interest_description",
    "interest_therapeutic_areas",
    "interest_modalities",
    "interest_stages",
    "interest_deal_types",
    "employees",
    "listed",
    "sources",
)
ASSET_FIELDS = (
    "name",
    "description",
    "modality",
    "therapeutic_area",
    "stage",
    "targets",
    "indications",
    "seeking",
    "territories",
    "available",
    "visibility",
    "sources",
)


def _assign(obj: models.Model, values: Mapping[str, Any], allowed: tuple[str, ...]) -> None:
    for name in allowed:
        if name in values:
            setattr(obj, name, values[name])


def _search_text(obj: models.Model, names: tuple[str, ...]) -> str:
    text = searchable_text(type(obj), {name: getattr(obj, name) for name in names})
    return search_texts([text or ""])[0]


def _refresh_search_text(obj: Organization | Asset) -> None:
    if isinstance(obj, Asset):
        obj.search_text = _search_text(obj, ("name", "description", "targets", "indications"))
    else:
        obj.search_text = _search_text(
            obj, ("name", "name_ko", "description", "interest_description")
        )


def _save(obj: Organization | Asset, **kwargs: Any) -> None:
    """Validate, save, and tell other processes the directory changed."""
    obj.full_clean()
    obj.save(**kwargs)
    bump_generation()


def update_organization(organization: Organization, values: Mapping[str, Any]) -> Organization:
    """Change an organisation's profile fields (others in `values` are ignored)."""
    with transaction.atomic():
        _assign(organization, values, ORGANIZATION_FIELDS)
        _refresh_search_text(organization)
        _save(organization)
    return organization


def _new_asset_id(organization: Organization, name: str) -> str:
    """A readable id in the contract's pattern, unique among existing assets."""
    stem = f"as-{organization.pk}-{slugify(name)}".rstrip("-")[: ID_LENGTH - 4]
    candidate, n = stem, 1
    while Asset.objects.filter(pk=candidate).exists():
        n += 1
        candidate = f"{stem}-{n}"
    return candidate


def create_asset(organization: Organization, values: Mapping[str, Any]) -> Asset:
    """A new asset of `organization` from profile values."""
    with transaction.atomic():
        asset = Asset(organization=organization)
        _assign(asset, values, ASSET_FIELDS)
        asset.id = _new_asset_id(organization, asset.name)
        _refresh_search_text(asset)
        _save(asset, force_insert=True)
    return asset


def update_asset(asset: Asset, values: Mapping[str, Any]) -> Asset:
    """Change an asset's fields, its visibility included."""
    with transaction.atomic():
        _assign(asset, values, ASSET_FIELDS)
        _refresh_search_text(asset)
        _save(asset)
    return asset
