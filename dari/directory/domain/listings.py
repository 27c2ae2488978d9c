"""The directory's list pages as tables for download (CSV, XLSX): organisations, assets,
deals and investments, each narrowed by the page's filter. The words a person reads (a kind,
a country, a city, a cluster, an indication) are in the reader's language, as the pages show
them; ids, dates, amounts and the recorded name beside its Korean one stay as they are, so
that a sheet's columns mean the same in either language. Read only, and through the asset
funnel: an asset list holds only assets the reader may see, an organisation's asset count
counts only those, and a deal names its asset only when the reader may see it
(`queries.deals`); an investment names no asset."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from dari.core.names import city_name, country_name, local_name, name_in_korean, term_name
from dari.directory.domain.queries import ordered_investors, organization_asset_counts
from dari.directory.models import Asset, Deal, Investment, Organization
from dari.directory.vocab import (
    DealType,
    InvestmentKind,
    Modality,
    OrgKind,
    Stage,
    TherapeuticArea,
)

Table = dict[str, Any]


def _label(choices: Any, value: str) -> str:
    return str(choices(value).label) if value in choices.values else value


def _labels(choices: Any, values: Iterable[str]) -> str:
    return "; ".join(_label(choices, v) for v in values)


def _terms(values: Iterable[str]) -> str:
    """Terms in the reader's language, each rendering once (as the `terms` filter shows them)."""
    return "; ".join(dict.fromkeys(term_name(str(v)) for v in values))


def organizations_table(user: Any, organizations: QuerySet[Organization]) -> Table:
    orgs = list(organizations.select_related("cluster").order_by("name", "id"))
    counts = organization_asset_counts(user, [o.pk for o in orgs])
    rows = [
        {
            "id": o.pk,
            "name": o.name,
            "name_ko": name_in_korean(o),
            "kind": _label(OrgKind, o.kind),
            "country": country_name(o.country),
            "city": city_name(o.city),
            "cluster": local_name(o.cluster) if o.cluster else "",
            "website": o.website,
            "assets": counts.get(o.pk, 0),
        }
        for o in orgs
    ]
    return {
        "key": "organizations",
        "title": _("Organisations"),
        "columns": [
            ("id", _("Id")),
            ("name", _("Name")),
            ("name_ko", _("Korean name")),
            ("kind", _("Kind")),
            ("country", _("Country")),
            ("city", _("City")),
            ("cluster", _("Cluster")),
            ("website", _("Website")),
            ("assets", _("Assets")),
        ],
        "rows": rows,
    }


def assets_table(assets: Iterable[Asset]) -> Table:
    """`assets` must come from the funnel (`queries.assets(user)` and a filter, or a ranked
    search, whose rows come with their organisation)."""
    if isinstance(assets, QuerySet):
        assets = assets.select_related("organization")
    rows = [
        {
            "id": a.pk,
            "name": a.name,
            "organization": a.organization.name,
            "organization_ko": name_in_korean(a.organization),
            "modality": _label(Modality, a.modality),
            "area": _label(TherapeuticArea, a.therapeutic_area),
            "stage": _label(Stage, a.stage),
            "targets": "; ".join(str(t) for t in a.targets),
            "indications": _terms(a.indications),
            "seeking": _labels(DealType, a.seeking),
        }
        for a in assets
    ]
    return {
        "key": "assets",
        "title": _("Assets"),
        "columns": [
            ("id", _("Id")),
            ("name", _("Name")),
            ("organization", _("Organisation")),
            ("organization_ko", _("Organisation (Korean name)")),
            ("modality", _("Modality")),
            ("area", _("Therapeutic area")),
            ("stage", _("Stage")),
            ("targets", _("Targets")),
            ("indications", _("Indications")),
            ("seeking", _("Deal types sought")),
        ],
        "rows": rows,
    }


def deals_table(deals: QuerySet[Deal]) -> Table:
    """`deals` must come from `queries.deals(user)` (the asset named only when visible)."""
    rows = [
        {
            "id": d.pk,
            "date": d.date,
            "licensor": d.licensor.name,
            "licensor_ko": name_in_korean(d.licensor),
            "licensee": d.licensee.name,
            "licensee_ko": name_in_korean(d.licensee),
            "type": _label(DealType, d.deal_type),
            "asset": d.visible_asset_name or "",
            "upfront": d.upfront_usd_m,
            "total": d.total_value_usd_m,
            "upfront_local": d.upfront_local,
            "total_local": d.total_value_local,
            "currency": d.currency,
        }
        for d in deals
    ]
    return {
        "key": "deals",
        "title": _("Deals"),
        "columns": [
            ("id", _("Id")),
            ("date", _("Date")),
            ("licensor", _("Licensor")),
            ("licensor_ko", _("Licensor (Korean name)")),
            ("licensee", _("Licensee")),
            ("licensee_ko", _("Licensee (Korean name)")),
            ("type", _("Deal type")),
            ("asset", _("Asset")),
            ("upfront", _("Upfront (USD m)")),
            ("total", _("Total value (USD m)")),
            ("upfront_local", _("Upfront (as stated)")),
            ("total_local", _("Total value (as stated)")),
            ("currency", _("Currency")),
        ],
        "rows": rows,
    }


def investments_table(investments: QuerySet[Investment]) -> Table:
    """`investments` from `queries.investments()` and a filter (recipient joined, investors
    prefetched). Investments carry no asset, so nothing in them is hidden from a reader.
    Investors in the order of the source, joined by "; "; the Korean names in the same order,
    each falling back to the organisation's own name, so that the two lists line up."""
    rows = []
    for i in investments:
        investors = ordered_investors(i)
        rows.append(
            {
                "id": i.pk,
                "date": i.date,
                "recipient": i.recipient.name,
                "recipient_ko": name_in_korean(i.recipient),
                "country": country_name(i.recipient.country),
                "kind": _label(InvestmentKind, i.kind),
                "investors": "; ".join(o.name for o in investors),
                "investors_ko": "; ".join(name_in_korean(o) or o.name for o in investors),
                "amount": i.amount_usd_m,
                "amount_local": i.amount_local,
                "currency": i.currency,
            }
        )
    return {
        "key": "investments",
        "title": _("Investments"),
        "columns": [
            ("id", _("Id")),
            ("date", _("Date")),
            ("recipient", _("Recipient")),
            ("recipient_ko", _("Recipient (Korean name)")),
            ("country", _("Recipient country")),
            ("kind", _("Kind")),
            ("investors", _("Investors")),
            ("investors_ko", _("Investors (Korean names)")),
            ("amount", _("Amount (USD m)")),
            ("amount_local", _("Amount (local currency)")),
            ("currency", _("Currency")),
        ],
        "rows": rows,
    }
