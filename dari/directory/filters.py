"""One filter per directory list for pages, API and exports (NetBox's filterset idea): the same
parameters mean the same thing everywhere.

Each filter is a dataclass of string parameters with `from_params(params)` (a QueryDict or a
dict; a value outside its vocabulary raises `FilterError` naming the parameter) and
`apply(queryset)`, which narrows the queryset it is given and orders it; it never widens it, so
assets must come from `visible_assets(user)`. Joins for display (select_related, prefetches)
are the caller's: they belong where the list is built.

Two parameter names carry a rule wherever they appear: `country` is an ISO code, matched
upper-case; `year` must be four digits.

This is the one definition of each parameter (name, default, vocabulary, help): `parameters()`
describes them for the API, whose OpenAPI query parameters are generated from it.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from typing import Any, ClassVar, Self, TypeVar, cast

from django.db import connection
from django.db.models import Case, IntegerField, Model, Q, QuerySet, Value, When
from django.utils.translation import gettext as _

from dari.directory import search
from dari.directory.text import tokens
from dari.directory.vocab import (
    DealType,
    FacilityKind,
    InvestmentKind,
    Modality,
    OrgKind,
    ProgramKind,
    Stage,
    TherapeuticArea,
)
from dari.matching.search import Query

M = TypeVar("M", bound=Model)


def _stage_rank(missing: int) -> Case:
    """Development order (discovery first); `missing` ranks assets without a stage."""
    return Case(
        *(When(stage=value, then=Value(i)) for i, value in enumerate(Stage.values)),
        default=Value(missing),
        output_field=IntegerField(),
    )


SORTS: dict[str, tuple[Any, ...]] = {
    # Most relevant first when there are words to search (dari.directory.search.ranked);
    # by name otherwise. The default of a search with words.
    "relevance": ("name", "id"),
    "name": ("name", "id"),
    "-name": ("-name", "id"),
    # Assets without a stage come last both ways.
    "stage": (_stage_rank(len(Stage.values)).asc(), "name", "id"),
    "-stage": (_stage_rank(-1).desc(), "name", "id"),
    "organization": ("organization__name", "name", "id"),
    "modality": ("modality", "name", "id"),
}


YEAR_PATTERN = "^([0-9]{4})?$"  # blank (any) or four digits


def param(help_text: str, default: str = "") -> Any:
    """A filter parameter with the help the API documents for it."""
    return dataclasses.field(default=default, metadata={"help": help_text})


@dataclass(frozen=True)
class Parameter:
    """How one filter parameter is documented: blank always means "any"."""

    name: str
    default: str
    help: str
    choices: list[str] | None  # its vocabulary, if it has one
    pattern: str | None


def parse_since(value: str) -> datetime | None:
    """An aware date-time from an ISO 8601 date or date-time (naive means UTC), or None."""
    text = value.strip().upper().replace("Z", "+00:00")
    # An unencoded '+' in a query string arrives as a space: '...T10:00 09:00'.
    text = re.sub(r"(T[\d:.]+) (\d\d:?\d\d)$", r"\1+\2", text)
    leap = re.match(r"^(.*T\d\d:\d\d:)60(.*)$", text)  # RFC 3339 allows a leap second
    if leap:
        text = f"{leap.group(1)}59{leap.group(2)}"
    try:
        moment = datetime.fromisoformat(text)
        # in UTC: a database refuses some offsets Python allows (+23:59)
        return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC)
    except (ValueError, OverflowError):
        return None


def since_param(value: str, field: str = "updated_since") -> datetime:
    """`parse_since`, or a FilterError naming the parameter (for every list's
    `updated_since`)."""
    moment = parse_since(value)
    if moment is None:
        raise FilterError(
            field,
            "invalid_datetime",
            _("%(value)s is not an ISO 8601 date or date-time") % {"value": repr(value)},
        )
    return moment


class FilterError(ValueError):
    """A filter parameter with a value outside its vocabulary: `field` names the parameter,
    `code` says what is wrong, `message` says it in the active language; str() is
    "field: message"."""

    def __init__(self, field: str, code: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.code = code
        self.message = message


@dataclass
class DirectoryFilter:
    """What every filter shares. A subclass declares its parameters as `str` fields, maps in
    `lookups` each parameter that is one ORM lookup, in `choices` each parameter with a
    vocabulary, and overrides `narrow` for what is more than a lookup."""

    updated_since: str = param(
        "Only records whose content changed at or after this time (ISO 8601 date or date-time;"
        " a date-time without an offset is UTC)."
    )

    lookups: ClassVar[dict[str, str]] = {}
    choices: ClassVar[dict[str, list[str]]] = {}
    ordering: ClassVar[tuple[str, ...]] = ("name", "id")

    def __post_init__(self) -> None:
        # Countries are stored upper-case, and a page shows the chosen one as stored.
        for field in fields(self):
            if field.name == "country":
                setattr(self, field.name, getattr(self, field.name).upper())

    @classmethod
    def from_params(cls, params: Any) -> Self:
        """From a QueryDict or dict; a bad value raises FilterError naming the parameter."""
        values = {
            f.name: (params.get(f.name) or "").strip() or cast(str, f.default) for f in fields(cls)
        }
        year = values.get("year", "")
        if year and not (len(year) == 4 and year.isascii() and year.isdigit()):
            raise FilterError(
                "year",
                "invalid_year",
                _("%(value)s is not a four-digit year") % {"value": repr(year)},
            )
        if values.get("updated_since"):
            since_param(values["updated_since"])
        for name, allowed in cls.choices.items():
            if values[name] and values[name] not in allowed:
                message = _("%(value)s is not one of %(choices)s") % {
                    "value": repr(values[name]),
                    "choices": ", ".join(allowed),
                }
                raise FilterError(name, "invalid_choice", message)
        return cls(**values)

    @classmethod
    def parameters(cls) -> list[Parameter]:
        """Every parameter in declaration order (the shared `updated_since` last), as the API
        documents it."""
        return [
            Parameter(
                name=f.name,
                default=cast(str, f.default),
                help=f.metadata.get("help", ""),
                choices=cls.choices.get(f.name),
                pattern=YEAR_PATTERN if f.name == "year" else None,
            )
            for f in sorted(fields(cls), key=lambda f: f.name == "updated_since")
        ]

    def apply(self, queryset: QuerySet[M]) -> QuerySet[M]:
        """Narrow `queryset` by every parameter given, then order it."""
        return self.narrowed(queryset).order_by(*self.order())

    def narrowed(self, queryset: QuerySet[M]) -> QuerySet[M]:
        """`queryset` narrowed by every parameter given, in no particular order (for counts)."""
        queryset = self.narrow(queryset)
        if self.updated_since:
            queryset = queryset.filter(updated__gte=parse_since(self.updated_since))
        for name, lookup in self.lookups.items():
            value = getattr(self, name)
            if value:
                queryset = queryset.filter(**{lookup: value})
        return queryset

    def narrow(self, queryset: QuerySet[M]) -> QuerySet[M]:
        """The parameters that are more than one lookup (none by default)."""
        return queryset

    def order(self) -> tuple[str, ...]:
        return self.ordering


@dataclass
class AssetFilter(DirectoryFilter):
    """The asset search parameters shared by pages and the API. Words (`q`) in Korean or
    English are matched through the search index and its glossary (dari/directory/search.py);
    with words, results come most relevant first unless another sort is chosen."""

    q: str = param(
        "Words in Korean or English: name, description, targets, indications, modality, "
        "organisation; glossary terms match across languages (위암 = gastric cancer)."
    )
    therapeutic_area: str = ""
    modality: str = ""
    stage: str = ""
    cluster: str = param("Cluster id of the owner organisation.")
    country: str = param("ISO country code of the owner organisation.")
    seeking: str = param("Deal type sought.")
    organization: str = param("Owner organisation id.")
    sort: str = param("Order; blank: by relevance when there are words, else by name.")

    lookups: ClassVar[dict[str, str]] = {
        "therapeutic_area": "therapeutic_area",
        "modality": "modality",
        "stage": "stage",
        "cluster": "organization__cluster_id",
        "country": "organization__country",
        "organization": "organization_id",
    }
    choices: ClassVar[dict[str, list[str]]] = {
        "therapeutic_area": TherapeuticArea.values,
        "modality": Modality.values,
        "stage": Stage.values,
        "seeking": DealType.values,
        "sort": list(SORTS),
    }

    def query(self) -> Query | None:
        """The parsed words, or None when there are none to search for."""
        parsed_query = search.parsed(self.q) if self.q else None
        return parsed_query if parsed_query is not None and parsed_query.terms else None

    @property
    def chosen_sort(self) -> str:
        """The sort in effect: relevance for words without a sort chosen, else by name."""
        return self.sort or ("relevance" if self.query() else "name")

    def ranks(self) -> bool:
        """Whether results come by relevance (there are words and no other sort)."""
        return self.chosen_sort == "relevance" and self.query() is not None

    def apply(self, assets: QuerySet[M]) -> QuerySet[M]:
        query = self.query()
        if query is None or not self.ranks():
            return super().apply(assets)
        # Every other parameter narrows as usual; the ranked join keeps only the matches.
        others = dataclasses.replace(self, q="").narrowed(assets)
        return cast(QuerySet[M], search.ranked(cast(Any, others), query))

    def narrow(self, assets: QuerySet[M]) -> QuerySet[M]:
        query = self.query()
        if query is not None:
            assets = assets.filter(search.matching(query))
        if self.seeking:
            assets = assets.filter(json_list_contains("seeking", self.seeking))
        return assets

    def order(self) -> tuple[Any, ...]:
        return SORTS[self.chosen_sort]


@dataclass
class ClusterFilter(DirectoryFilter):
    """Clusters by country, by name."""

    country: str = param("ISO country code.")

    lookups: ClassVar[dict[str, str]] = {"country": "country"}


@dataclass
class OrganizationFilter(DirectoryFilter):
    """Organisations by words, kind, country and cluster, by name."""

    q: str = param("Words of the name, Korean name or description.")
    kind: str = ""
    country: str = param("ISO country code.")
    cluster: str = param("Cluster id.")

    lookups: ClassVar[dict[str, str]] = {
        "kind": "kind",
        "country": "country",
        "cluster": "cluster_id",
    }
    choices: ClassVar[dict[str, list[str]]] = {"kind": OrgKind.values}

    def narrow(self, orgs: QuerySet[M]) -> QuerySet[M]:
        if not self.q:
            return orgs
        # search_text holds the name, Korean name and description as tokens; the name fields
        # are also matched whole for organisations whose tokens are not stored yet.
        words = Q()
        for token in dict.fromkeys(tokens(self.q)):
            words &= Q(search_text__contains=f" {token}")
        named = Q(name__icontains=self.q) | Q(name_ko__icontains=self.q)
        return orgs.filter(named | words) if words else orgs.filter(named)


@dataclass
class DealFilter(DirectoryFilter):
    """Deals by year, type, licensee country and either party, newest first."""

    year: str = param("Four-digit year of the deal date.")
    deal_type: str = ""
    country: str = param("ISO country code of the licensee.")
    licensor: str = param("Licensor organisation id.")
    licensee: str = param("Licensee organisation id.")

    lookups: ClassVar[dict[str, str]] = {
        "year": "date__startswith",
        "deal_type": "deal_type",
        "country": "licensee__country",
        "licensor": "licensor_id",
        "licensee": "licensee_id",
    }
    choices: ClassVar[dict[str, list[str]]] = {"deal_type": DealType.values}
    ordering: ClassVar[tuple[str, ...]] = ("-date", "id")


@dataclass
class InvestmentFilter(DirectoryFilter):
    """Investments by year, kind, recipient (and its country) and investor, newest first."""

    year: str = param("Four-digit year of the announcement.")
    kind: str = ""
    recipient: str = param("Recipient organisation id.")
    investor: str = param("Investor organisation id.")
    country: str = param("ISO country code of the recipient.")

    lookups: ClassVar[dict[str, str]] = {
        "year": "date__startswith",
        "kind": "kind",
        "recipient": "recipient_id",
        # One investor appears once per investment, so the join adds no duplicates.
        "investor": "investors__id",
        "country": "recipient__country",
    }
    choices: ClassVar[dict[str, list[str]]] = {"kind": InvestmentKind.values}
    ordering: ClassVar[tuple[str, ...]] = ("-date", "id")


@dataclass
class FacilityFilter(DirectoryFilter):
    """Facilities by kind, organisation and cluster, by name."""

    kind: str = ""
    organization: str = param("Organisation id.")
    cluster: str = param("Cluster id.")

    lookups: ClassVar[dict[str, str]] = {
        "kind": "kind",
        "organization": "organization_id",
        "cluster": "cluster_id",
    }
    choices: ClassVar[dict[str, list[str]]] = {"kind": FacilityKind.values}


@dataclass
class ProgramFilter(DirectoryFilter):
    """Programmes by kind, organiser and start year, latest first."""

    kind: str = ""
    organizer: str = param("Organiser organisation id.")
    year: str = param("Four-digit year of the start.")

    lookups: ClassVar[dict[str, str]] = {
        "kind": "kind",
        "organizer": "organizer_id",
        "year": "start__startswith",
    }
    choices: ClassVar[dict[str, list[str]]] = {"kind": ProgramKind.values}
    ordering: ClassVar[tuple[str, ...]] = ("-start", "name", "id")


def json_list_contains(field: str, value: str) -> Q:
    """A JSON list field holding `value`, on PostgreSQL (jsonb @>) and SQLite (text match)."""
    if connection.vendor == "postgresql":
        return Q(**{f"{field}__contains": [value]})
    return Q(**{f"{field}__icontains": f'"{value}"'})
