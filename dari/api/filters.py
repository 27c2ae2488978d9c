"""Filters of the directory lists other than assets (assets use `dari.directory.filters`).

Same interface and messages as `AssetFilter`: `from_params` checks vocabulary values and raises
`FilterError` naming the parameter; `apply` narrows a queryset it is given. These belong next to
`AssetFilter` in `dari.directory.filters` once the pages use them too (one filter for UI and API).
None of them touches assets: a deal's asset is resolved through the access funnel elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from django.db.models import Q, QuerySet

from dari.directory.filters import FilterError
from dari.directory.models import Cluster, Deal, Facility, Investment, Organization, Program
from dari.directory.text import tokens
from dari.directory.vocab import DealType, FacilityKind, InvestmentKind, OrgKind, ProgramKind


def _values(cls: type, params: Any) -> dict[str, str]:
    return {f.name: (params.get(f.name) or "").strip() for f in fields(cls)}


def _check_choice(name: str, value: str, allowed: list[str]) -> None:
    if value and value not in allowed:
        raise FilterError(f"{name}: {value!r} is not one of {', '.join(allowed)}")


def _check_year(value: str) -> None:
    if value and not (len(value) == 4 and value.isdigit()):
        raise FilterError(f"year: {value!r} is not a four-digit year")


@dataclass
class ClusterFilter:
    country: str = ""

    @classmethod
    def from_params(cls, params: Any) -> ClusterFilter:
        return cls(**_values(cls, params))

    def apply(self, clusters: QuerySet[Cluster]) -> QuerySet[Cluster]:
        if self.country:
            clusters = clusters.filter(country=self.country.upper())
        return clusters.order_by("name", "id")


@dataclass
class OrganizationFilter:
    q: str = ""
    kind: str = ""
    country: str = ""
    cluster: str = ""

    @classmethod
    def from_params(cls, params: Any) -> OrganizationFilter:
        values = _values(cls, params)
        _check_choice("kind", values["kind"], OrgKind.values)
        return cls(**values)

    def apply(self, orgs: QuerySet[Organization]) -> QuerySet[Organization]:
        if self.q:
            # search_text holds the name, Korean name and description as tokens; the name
            # fields are also matched whole for organisations whose tokens are not stored yet.
            words = Q()
            for token in dict.fromkeys(tokens(self.q)):
                words &= Q(search_text__contains=f" {token}")
            named = Q(name__icontains=self.q) | Q(name_ko__icontains=self.q)
            orgs = orgs.filter(named | words) if words else orgs.filter(named)
        if self.kind:
            orgs = orgs.filter(kind=self.kind)
        if self.country:
            orgs = orgs.filter(country=self.country.upper())
        if self.cluster:
            orgs = orgs.filter(cluster_id=self.cluster)
        return orgs.order_by("name", "id")


@dataclass
class DealFilter:
    year: str = ""
    deal_type: str = ""
    country: str = ""
    licensor: str = ""
    licensee: str = ""

    @classmethod
    def from_params(cls, params: Any) -> DealFilter:
        values = _values(cls, params)
        _check_year(values["year"])
        _check_choice("deal_type", values["deal_type"], DealType.values)
        return cls(**values)

    def apply(self, deals: QuerySet[Deal]) -> QuerySet[Deal]:
        if self.year:
            deals = deals.filter(date__startswith=self.year)
        if self.deal_type:
            deals = deals.filter(deal_type=self.deal_type)
        if self.country:
            deals = deals.filter(licensee__country=self.country.upper())
        if self.licensor:
            deals = deals.filter(licensor_id=self.licensor)
        if self.licensee:
            deals = deals.filter(licensee_id=self.licensee)
        return deals.order_by("-date", "id")


@dataclass
class InvestmentFilter:
    year: str = ""
    kind: str = ""
    recipient: str = ""
    investor: str = ""
    country: str = ""

    @classmethod
    def from_params(cls, params: Any) -> InvestmentFilter:
        values = _values(cls, params)
        _check_year(values["year"])
        _check_choice("kind", values["kind"], InvestmentKind.values)
        return cls(**values)

    def apply(self, investments: QuerySet[Investment]) -> QuerySet[Investment]:
        if self.year:
            investments = investments.filter(date__startswith=self.year)
        if self.kind:
            investments = investments.filter(kind=self.kind)
        if self.recipient:
            investments = investments.filter(recipient_id=self.recipient)
        if self.investor:
            # One investor appears once per investment, so the join adds no duplicates.
            investments = investments.filter(investors__id=self.investor)
        if self.country:
            investments = investments.filter(recipient__country=self.country.upper())
        return investments.order_by("-date", "id")


@dataclass
class FacilityFilter:
    kind: str = ""
    organization: str = ""
    cluster: str = ""

    @classmethod
    def from_params(cls, params: Any) -> FacilityFilter:
        values = _values(cls, params)
        _check_choice("kind", values["kind"], FacilityKind.values)
        return cls(**values)

    def apply(self, facilities: QuerySet[Facility]) -> QuerySet[Facility]:
        if self.kind:
            facilities = facilities.filter(kind=self.kind)
        if self.organization:
            facilities = facilities.filter(organization_id=self.organization)
        if self.cluster:
            facilities = facilities.filter(cluster_id=self.cluster)
        return facilities.order_by("name", "id")


@dataclass
class ProgramFilter:
    kind: str = ""
    organizer: str = ""
    year: str = ""

    @classmethod
    def from_params(cls, params: Any) -> ProgramFilter:
        values = _values(cls, params)
        _check_year(values["year"])
        _check_choice("kind", values["kind"], ProgramKind.values)
        return cls(**values)

    def apply(self, programs: QuerySet[Program]) -> QuerySet[Program]:
        if self.kind:
            programs = programs.filter(kind=self.kind)
        if self.organizer:
            programs = programs.filter(organizer_id=self.organizer)
        if self.year:
            programs = programs.filter(start__startswith=self.year)
        return programs.order_by("-start", "name", "id")
