"""What the API answers: the dari-directory/1 record of each object (`to_record`, so the API and
exported files agree) plus a few extras. The rows come from `dari.directory.domain.queries`,
which loads everything a page of records needs in a fixed number of queries.

A deal names its asset only when the caller may see it: `asset` and `asset_name` are the
`visible_asset_*` annotations of `queries.deals(user)`, never the deal's own column.
"""

from __future__ import annotations

from typing import Any

from dari.core.names import description_in_korean, interest_in_korean
from dari.directory.interchange import SECTION_BY_KEY, to_record
from dari.directory.models import Asset, Cluster, Deal, Facility, Investment, Organization, Program

Record = dict[str, Any]


# Records ---------------------------------------------------------------------------------------


def _base(section: str, obj: Any) -> Record:
    """The dari-directory/1 record, with the time its content last changed and its description
    in Korean (left out when it has none, like the record's own empty fields)."""
    record = to_record(SECTION_BY_KEY[section], obj)
    record["updated"] = obj.updated
    korean = description_in_korean(obj)
    if korean:
        record["description_ko"] = korean
    return record


def cluster_record(cluster: Cluster) -> Record:
    record = _base("clusters", cluster)
    record["organization_count"] = cluster.organization_count
    return record


def organization_record(org: Organization) -> Record:
    """An organisation, with what it seeks in Korean (`interest_description_ko`: Dari's
    rendering of a bundled statement of interest, like `description_ko`; left out when none)."""
    record = _base("organizations", org)
    record["cluster_name"] = org.cluster.name if org.cluster else None
    korean = interest_in_korean(org)
    if korean:
        record["interest_description_ko"] = korean
    return record


def organization_detail(org: Organization, asset_ids: list[str]) -> Record:
    record = organization_record(org)
    record["asset_ids"] = asset_ids
    return record


def asset_record(asset: Asset) -> Record:
    record = _base("assets", asset)
    record["organization_name"] = asset.organization.name
    record["cluster"] = asset.organization.cluster_id
    return record


def deal_record(deal: Deal) -> Record:
    """A deal from `queries.deals(user)`: `asset` is null when absent or hidden,
    indistinguishably."""
    record = _base("deals", deal)
    record["asset"] = deal.visible_asset_id
    record["asset_name"] = deal.visible_asset_name
    record["licensor_name"] = deal.licensor.name
    record["licensee_name"] = deal.licensee.name
    return record


def investment_record(investment: Investment) -> Record:
    record = _base("investments", investment)
    names = {o.pk: o.name for o in investment.investors.all()}
    record["recipient_name"] = investment.recipient.name
    record["investor_names"] = [names.get(i, i) for i in investment.investor_order]
    return record


def facility_record(facility: Facility) -> Record:
    record = _base("facilities", facility)
    record["organization_name"] = facility.organization.name
    record["cluster_name"] = facility.cluster.name if facility.cluster else None
    return record


def program_record(program: Program) -> Record:
    record = _base("programs", program)
    record["organizer_name"] = program.organizer.name if program.organizer else None
    return record
