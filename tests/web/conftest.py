"""A small directory for page tests: one cluster with organisations, assets (English and
Korean descriptions), a deal, an investment, a facility and a programme."""

from __future__ import annotations

import datetime as dt

import pytest

from dari.accounts.models import Role
from dari.directory.bundled import load_bundled_data
from dari.directory.models import Facility, Investment, Program
from tests.factories import (
    AssetFactory,
    ClusterFactory,
    DealFactory,
    OrganizationFactory,
    UserFactory,
    index_for_search,
)


def make_asset(**values):
    """An asset whose search field is what the importer would store."""
    return index_for_search(AssetFactory(**values))


def hanbit_trial(directory, trial_id: str, **values):
    """A SYNTHETIC phase 2 trial in Korea sponsored by the directory's biotech (Hanbit Bio),
    registered under its legal name."""
    from dari.trials.models import Trial

    return Trial.objects.create(
        id=trial_id,
        title="SYNTHETIC study of HB-101 in gastric cancer",
        status="RECRUITING",
        phases=["PHASE2"],
        start_date=dt.date(2025, 3, 1),
        lead_sponsor=directory["biotech"],
        sponsor_name="Hanbit Bio Co., Ltd.",
        source_url=f"https://clinicaltrials.gov/study/{trial_id}",
        synthetic=True,
        in_korea=True,
        **values,
    )


@pytest.fixture
def directory(db):
    cluster = ClusterFactory(id="cl-osong", name="Osong Bio Cluster", name_ko="오송 바이오클러스터")
    biotech = OrganizationFactory(
        id="org-hanbit",
        name="Hanbit Bio",
        name_ko="한빛바이오",
        cluster=cluster,
        interest_deal_types=["license"],
        interest_description="Partners for Phase 2",
        sources=["https://example.org/hanbit"],
    )
    pharma = OrganizationFactory(id="org-global", name="Global Pharma", kind="pharma", country="US")
    for org in (biotech, pharma):
        index_for_search(org, f"{org.name} {org.name_ko} {org.interest_description}")
    gastric = make_asset(
        id="as-gastric",
        organization=biotech,
        name="HB-101",
        description="위암을 치료하는 항체",
        targets=["CLDN18.2"],
        stage="phase2",
        seeking=["license", "co_development"],
    )
    lung = make_asset(
        id="as-lung",
        organization=biotech,
        name="HB-202",
        description="Small molecule for lung cancer",
        modality="small_molecule",
        stage="preclinical",
        seeking=["license"],
    )
    neuro = make_asset(
        id="as-neuro",
        organization=pharma,
        name="GP-7",
        description="Antibody for Alzheimer's disease",
        therapeutic_area="neurology",
        stage="phase1",
    )
    deal = DealFactory(
        id="dl-hanbit-global",
        licensor=biotech,
        licensee=pharma,
        asset=gastric,
        date="2025-03-01",
        total_value_usd_m=500,
    )
    investment = Investment.objects.create(
        id="inv-hanbit-a",
        recipient=biotech,
        kind="series_a",
        date="2024-06",
        amount_usd_m=20,
        investor_order=["org-global"],
    )
    investment.investors.set([pharma])
    facility = Facility.objects.create(
        id="fac-hanbit",
        organization=biotech,
        name="Hanbit GMP plant",
        cluster=cluster,
        kind="gmp_manufacturing",
    )
    program = Program.objects.create(
        id="prog-osong",
        name="Osong Accelerator",
        organizer=biotech,
        kind="accelerator",
        start="2025",
    )
    admin = UserFactory(username="hanbit-admin", organization=biotech, role=Role.ORG_ADMIN)
    member = UserFactory(username="hanbit-member", organization=biotech)
    return {
        "cluster": cluster,
        "biotech": biotech,
        "pharma": pharma,
        "assets": {"gastric": gastric, "lung": lung, "neuro": neuro},
        "deal": deal,
        "investment": investment,
        "facility": facility,
        "program": program,
        "admin": admin,
        "member": member,
    }


@pytest.fixture
def bundled(db):
    """The bundled dataset (dari/data), loaded as `dari demo` loads it."""
    load_bundled_data()
