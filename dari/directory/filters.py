"""One asset filter for pages, API and exports (NetBox's filterset idea): the same parameters
mean the same thing everywhere. It narrows a queryset it is given, which for a user must come
from `visible_assets(user)`; it never widens one."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet

from dari.directory.models import Asset
from dari.directory.text import tokens
from dari.directory.vocab import DealType, Modality, Stage, TherapeuticArea

SORTS = {
    "name": ("name", "id"),
    "-name": ("-name", "id"),
    "stage": ("stage", "name", "id"),
    "-stage": ("-stage", "name", "id"),
    "organization": ("organization__name", "name", "id"),
    "modality": ("modality", "name", "id"),
}


class FilterError(ValueError):
    """A filter parameter with a value outside its vocabulary; names the parameter."""


@dataclass
class AssetFilter:
    """The asset search parameters shared by pages and the API."""

    q: str = ""
    therapeutic_area: str = ""
    modality: str = ""
    stage: str = ""
    cluster: str = ""
    country: str = ""
    seeking: str = ""
    organization: str = ""
    sort: str = "name"

    @classmethod
    def from_params(cls, params: Any) -> AssetFilter:
        """From a QueryDict or dict; unknown vocabulary values raise FilterError."""
        values = {f.name: (params.get(f.name) or "").strip() for f in fields(cls)}
        values["sort"] = values["sort"] or "name"
        checks = {
            "therapeutic_area": TherapeuticArea.values,
            "modality": Modality.values,
            "stage": Stage.values,
            "seeking": DealType.values,
            "sort": list(SORTS),
        }
        for name, allowed in checks.items():
            if values[name] and values[name] not in allowed:
                raise FilterError(f"{name}: {values[name]!r} is not one of {', '.join(allowed)}")
        return cls(**values)

    def apply(self, assets: QuerySet[Asset]) -> QuerySet[Asset]:
        """Narrow `assets` (already restricted to what the user may see)."""
        if self.q:
            for token in dict.fromkeys(tokens(self.q)):
                assets = assets.filter(
                    Q(search_text__contains=f" {token}")
                    | Q(organization__search_text__contains=f" {token}")
                )
        if self.therapeutic_area:
            assets = assets.filter(therapeutic_area=self.therapeutic_area)
        if self.modality:
            assets = assets.filter(modality=self.modality)
        if self.stage:
            assets = assets.filter(stage=self.stage)
        if self.cluster:
            assets = assets.filter(organization__cluster_id=self.cluster)
        if self.country:
            assets = assets.filter(organization__country=self.country.upper())
        if self.organization:
            assets = assets.filter(organization_id=self.organization)
        if self.seeking:
            assets = assets.filter(json_list_contains("seeking", self.seeking))
        return assets.order_by(*SORTS[self.sort])


def json_list_contains(field: str, value: str) -> Q:
    """A JSON list field holding `value`, on PostgreSQL (jsonb @>) and SQLite (text match)."""
    if connection.vendor == "postgresql":
        return Q(**{f"{field}__contains": [value]})
    return Q(**{f"{field}__icontains": f'"{value}"'})
