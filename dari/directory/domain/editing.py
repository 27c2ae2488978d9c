"""Editing the directory from the pages: an organisation's profile and its assets.

Callers check permission first (`may_administer`, `access_asset(user, id, "edit")`); these
functions change state without checks (the `do_*` contract) and keep `search_text` in step with
what the importer would store for the same values. They record which fields the owner set
(`edited_fields`): the importer never overwrites those (docs/data.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils.text import slugify

from dari.accounts.domain.audit import record_change
from dari.accounts.models import AuditAction
from dari.directory.domain.ids import insert_under_free_id
from dari.directory.models import (
    ID_LENGTH,
    Asset,
    Organization,
    bump_generation,
    fill_search_text,
)

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


def _store(
    obj: Organization | Asset,
    values: Mapping[str, Any],
    allowed: tuple[str, ...],
    **save_kwargs: Any,
) -> None:
    """Assign the allowed values, refresh `search_text`, validate, save, and tell other
    processes the directory changed. Every field whose value changes joins `edited_fields`,
    which a later import of bundled or curated data leaves as the owner set it."""
    with transaction.atomic():
        given = [name for name in allowed if name in values]
        # Compared with the stored row: a ModelForm has already put its values on `obj`.
        stored = type(obj).objects.filter(pk=obj.pk).values(*given).first()
        edited = set(obj.edited_fields)
        for name in given:
            setattr(obj, name, values[name])
            now = obj._meta.get_field(name).value_from_object(obj)
            if stored is None or obj._state.adding or now != stored[name]:
                edited.add(name)
        obj.edited_fields = sorted(edited)
        fill_search_text([obj])
        # The id is ours, never a value given: a new record's is made free at the insert
        # (`insert_under_free_id`), which a look-up here would race.
        obj.full_clean(exclude=["id"])
        obj.save(**save_kwargs)
        bump_generation()


def update_organization(organization: Organization, values: Mapping[str, Any]) -> Organization:
    """Change an organisation's profile fields (others in `values` are ignored)."""
    _store(organization, values, ORGANIZATION_FIELDS)
    return organization


def _asset_id_stem(organization: Organization, name: str) -> str:
    """A readable id in the contract's pattern (the first free of it, -2, -3 ...)."""
    return f"as-{organization.pk}-{slugify(name)}".rstrip("-")[: ID_LENGTH - 4]


def _audit_visibility(asset: Asset, before: str | None, actor: Any) -> None:
    if before == asset.visibility:
        return
    record_change(
        actor=actor,
        organization_id=asset.organization_id,
        action=AuditAction.VISIBILITY_CHANGED,
        object_type="asset",
        object_id=asset.pk,
        label=asset.name,
        before={"visibility": before} if before else None,
        after={"visibility": asset.visibility},
    )


def create_asset(organization: Organization, values: Mapping[str, Any], actor: Any = None) -> Asset:
    """A new asset of `organization` from profile values (its visibility audited)."""
    asset = Asset(organization=organization)
    stem = _asset_id_stem(organization, values.get("name", ""))
    with transaction.atomic():
        insert_under_free_id(
            asset, stem, lambda: _store(asset, values, ASSET_FIELDS, force_insert=True)
        )
        _audit_visibility(asset, None, actor)
    return asset


def update_asset(asset: Asset, values: Mapping[str, Any], actor: Any = None) -> Asset:
    """Change an asset's fields, its visibility included (a change of it is audited)."""
    with transaction.atomic():
        # From the database: a bound ModelForm has already put the new values on `asset`.
        before = Asset.objects.filter(pk=asset.pk).values_list("visibility", flat=True).first()
        _store(asset, values, ASSET_FIELDS)
        _audit_visibility(asset, before, actor)
    return asset
