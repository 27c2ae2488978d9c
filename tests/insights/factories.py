"""A small ecosystem with hand-countable aggregates (synthetic test data only).

Clusters A and B; organisations a1 (A, KR), b1 (B, KR), us1 (no cluster, US), gb1 (no
cluster, GB). Assets: a1's public antibody (oncology, phase 1), a1's CDA-only ADC (metabolic,
preclinical), b1's public small molecule (oncology, phase 2). Deals, investments, facilities,
programmes and one event with four meetings, each listed in `make_world`.
"""

from __future__ import annotations

import datetime as dt

from dari.directory.models import Facility, Investment, Program
from dari.events.domain.setup import create_event, register_participant
from dari.events.models import Event, FollowUp, Meeting, MeetingRequest, Participant, Seat, Slot
from tests.factories import (
    AssetFactory,
    ClusterFactory,
    DealFactory,
    OrganizationFactory,
    UserFactory,
)


def make_event(
    slug: str = "ev-2026", start: dt.date = dt.date(2026, 3, 10), organizer=None
) -> Event:
    return create_event(
        organizer=organizer,
        slug=slug,
        name=f"Event {slug}",
        mode="virtual",
        timezone="Asia/Seoul",
        start_date=start,
        end_date=start,
        meeting_minutes=30,
        auto_schedule=False,
    )


def participant(event: Event, org, username: str) -> Participant:
    user = UserFactory(username=username, organization=org)
    return register_participant(event, user, "Asia/Seoul", dt.time(8), dt.time(20))


def meeting(event: Event, people: list[Participant], status: str, slot: Slot | None = None):
    request = MeetingRequest.objects.create(
        event=event,
        requester=people[0],
        target=people[1],
        target_organization=people[1].organization,
        status="accepted",
    )
    m = Meeting.objects.create(event=event, request=request, status=status, slot=slot)
    for p in people:
        Seat.objects.create(meeting=m, participant=p, slot=slot)
    return m


def make_world() -> dict:
    a = ClusterFactory(id="cl-a", name="Alpha Cluster")
    b = ClusterFactory(id="cl-b", name="Beta Cluster")
    a1 = OrganizationFactory(id="a1", name="A One Bio", cluster=a, country="KR")
    b1 = OrganizationFactory(id="b1", name="B One Bio", cluster=b, country="KR")
    us1 = OrganizationFactory(id="us1", name="US Pharma", kind="pharma", country="US")
    gb1 = OrganizationFactory(id="gb1", name="GB Pharma", kind="pharma", country="GB")
    mab = AssetFactory(
        id="as-mab", organization=a1, modality="antibody", therapeutic_area="oncology",
        stage="phase1", visibility="public",
    )  # fmt: skip
    adc = AssetFactory(
        id="as-adc", organization=a1, modality="adc", therapeutic_area="metabolic",
        stage="preclinical", visibility="cda",
    )  # fmt: skip
    sm = AssetFactory(
        id="as-sm", organization=b1, modality="small_molecule", therapeutic_area="oncology",
        stage="phase2", visibility="public",
    )  # fmt: skip
    deals = [
        DealFactory(id="d1", date="2023-05", licensor=a1, licensee=us1, asset=mab,
                    total_value_usd_m=100.0),
        DealFactory(id="d2", date="2023-11-02", licensor=b1, licensee=a1, asset=adc,
                    total_value_usd_m=50.0),
        DealFactory(id="d3", date="2024", licensor=b1, licensee=us1, asset=None,
                    total_value_usd_m=None),
        DealFactory(id="d4", date="", licensor=a1, licensee=b1, asset=sm,
                    total_value_usd_m=10.0),
    ]  # fmt: skip
    Investment.objects.create(id="i1", date="2023-02", recipient=a1, kind="series_a",
                              amount_usd_m=20.0)  # fmt: skip
    Investment.objects.create(id="i2", date="2024-06", recipient=b1, kind="series_a",
                              amount_usd_m=5.0)  # fmt: skip
    Investment.objects.create(id="i3", date="2024-09", recipient=a1, kind="ipo")
    # a1 runs a shared-access ADC plant in cluster B; us1 a non-shared antibody plant in A.
    Facility.objects.create(
        id="f-adc", organization=a1, cluster=b, name="Beta ADC Plant", kind="gmp_manufacturing",
        capabilities=["ADC conjugation", "GMP manufacturing"], shared_access=True,
        description="Payload-linker conjugation suite.",
    )  # fmt: skip
    Facility.objects.create(
        id="f-mab", organization=us1, cluster=a, name="Alpha Antibody Plant",
        kind="gmp_manufacturing", capabilities=["mammalian cell culture", "GMP manufacturing"],
        shared_access=None, description="Antibody drug substance.",
    )  # fmt: skip
    Facility.objects.create(
        id="f-lab", organization=b1, cluster=b, name="Beta Animal Lab", kind="animal_facility",
        capabilities=["rodent studies"], shared_access=True,
    )  # fmt: skip
    Program.objects.create(
        id="p-train", name="GMP Training Course", organizer=a1, kind="training",
        description="Hands-on bioprocess course.",
    )  # fmt: skip
    call_org = OrganizationFactory(
        id="bigpharma", name="Big Pharma", kind="pharma", country="CH",
        interest_therapeutic_areas=["oncology"], interest_modalities=["antibody", "adc"],
        interest_stages=["phase1", "phase2"],
    )  # fmt: skip
    call = Program.objects.create(
        id="p-call", name="Oncology Open Call", organizer=call_org, kind="open_innovation_call",
        start="2026-01-01",
    )  # fmt: skip

    event = make_event(organizer=call_org)
    slots = list(event.slots.order_by("start"))
    pa, pb = participant(event, a1, "pa"), participant(event, b1, "pb")
    pus, pgb = participant(event, us1, "pus"), participant(event, gb1, "pgb")
    m1 = meeting(event, [pa, pus], "scheduled", slots[0])  # Korea, scheduled
    m2 = meeting(event, [pus, pgb], "scheduled", slots[1])  # no Korea, scheduled
    m3 = meeting(event, [pa, pb], "unscheduled")  # Korea, A-B
    m4 = meeting(event, [pa, pus], "cancelled")  # never counts
    FollowUp.objects.create(meeting=m1, reported_by=pa, outcome="cda_signed")
    FollowUp.objects.create(meeting=m1, reported_by=pus, outcome="term_sheet")
    FollowUp.objects.create(meeting=m2, reported_by=pgb, outcome="cda_signed")
    FollowUp.objects.create(meeting=m2, reported_by=pus, outcome="no_interest")
    return {
        "clusters": (a, b),
        "orgs": {"a1": a1, "b1": b1, "us1": us1, "gb1": gb1, "bigpharma": call_org},
        "assets": {"mab": mab, "adc": adc, "sm": sm},
        "deals": deals,
        "event": event,
        "meetings": (m1, m2, m3, m4),
        "call": call,
    }
