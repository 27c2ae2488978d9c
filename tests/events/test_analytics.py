"""Event analytics against hand-computed values on a small event.

Four organisations: Ablbio (KR, Pangyo), GSK (GB, no cluster), Celltrion (KR, Songdo), Pfizer
(US, no cluster); one participant each. Eight requests:
  1 a→b accepted, about Ablbio's public antibody  → m1 scheduled; CDA (a), term sheet (b)
  2 c→b accepted, about Celltrion's CDA-only cell therapy → m2 scheduled; deal (c), no interest (b)
  3 d→a accepted → m3 not scheduled
  4 a→d declined   5 b→c pending   6 d→c expired   7 c→d withdrawn
  8 b→a accepted → m4 cancelled
"""

from __future__ import annotations

import pytest
from django.utils import translation

from dari.accounts.models import Role
from dari.events.domain import analytics
from dari.events.domain.followup import report_outcome
from dari.events.domain.requests import (
    accept_request,
    decline_request,
    request_meeting,
    withdraw_request,
)
from dari.events.models import Meeting, MeetingRequest, MeetingStatus, RequestStatus
from tests.events.factories import make_event
from tests.factories import (
    AssetFactory,
    ClusterFactory,
    DealFactory,
    OrganizationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def fair():
    from dari.events.domain.setup import register_participant

    event = make_event()
    pangyo = ClusterFactory(id="cl-pangyo", name="Pangyo Techno Valley")
    songdo = ClusterFactory(id="cl-songdo", name="Songdo Bio Cluster")
    orgs = {
        "a": OrganizationFactory(id="ablbio", name="ABL Bio", country="KR", cluster=pangyo),
        "b": OrganizationFactory(id="gsk", name="GSK", country="GB", kind="pharma"),
        "c": OrganizationFactory(id="celltrion", name="Celltrion", country="KR", cluster=songdo),
        "d": OrganizationFactory(id="pfizer", name="Pfizer", country="US", kind="pharma"),
    }
    p = {
        k: register_participant(event, UserFactory(username=k, organization=org), "Asia/Seoul")
        for k, org in orgs.items()
    }
    antibody = AssetFactory(id="as-ab", organization=orgs["a"], modality="antibody")
    cell = AssetFactory(
        id="as-cell", organization=orgs["c"], modality="cell_therapy", visibility="cda"
    )
    deal = DealFactory(id="dl-celltrion-gsk", licensor=orgs["c"], licensee=orgs["b"])

    m1 = accept_request(request_meeting(p["a"], target=p["b"], asset_id=antibody.pk).pk, p["b"])
    m2 = accept_request(request_meeting(p["c"], target=p["b"], asset_id=cell.pk).pk, p["b"])
    accept_request(request_meeting(p["d"], target=p["a"]).pk, p["a"])
    decline_request(request_meeting(p["a"], target=p["d"]).pk, p["d"], "no")
    request_meeting(p["b"], target=p["c"])
    expired = request_meeting(p["d"], target=p["c"])
    MeetingRequest.objects.filter(pk=expired.pk).update(status=RequestStatus.EXPIRED)
    withdraw_request(request_meeting(p["c"], target=p["d"]).pk, p["c"])
    m4 = accept_request(request_meeting(p["b"], target=p["a"]).pk, p["a"])

    slots = list(event.slots.all()[:2])
    for meeting, slot in zip((m1, m2), slots, strict=True):
        Meeting.objects.filter(pk=meeting.pk).update(slot=slot, status=MeetingStatus.SCHEDULED)
    Meeting.objects.filter(pk=m4.pk).update(status=MeetingStatus.CANCELLED)
    report_outcome(m1.pk, p["a"], "cda_signed")
    report_outcome(m1.pk, p["b"], "term_sheet")
    report_outcome(m2.pk, p["c"], "deal", deal_id=deal.pk)
    report_outcome(m2.pk, p["b"], "no_interest")
    organiser = UserFactory(username="organiser", role=Role.ORGANISER)
    admin = UserFactory(username="admin", role=Role.PLATFORM_ADMIN, organization=None)
    return {"event": event, "organiser": organiser, "admin": admin, "p": p}


def test_request_summary(fair):
    assert analytics.request_summary(fair["event"]) == {
        "requests": 8,
        "by_status": {
            "pending": 1,
            "accepted": 4,
            "declined": 1,
            "withdrawn": 1,
            "expired": 1,
        },
        "answered": 6,
        "acceptance_rate": 0.6667,
        "meetings": 3,
        "scheduled": 2,
        "unscheduled": 1,
        "cancelled": 1,
        "scheduled_share": 0.6667,
    }


def test_requests_by_status(fair):
    assert analytics.requests_by_status(fair["event"]) == [
        {"key": "pending", "label": "Pending", "requests": 1},
        {"key": "accepted", "label": "Accepted", "requests": 4},
        {"key": "declined", "label": "Declined", "requests": 1},
        {"key": "withdrawn", "label": "Withdrawn", "requests": 1},
        {"key": "expired", "label": "Expired", "requests": 1},
    ]


def test_meetings_by_cluster_count_each_side_once(fair):
    # GSK and Pfizer are abroad: no cluster by nature, so no bar of their own.
    assert analytics.meetings_by(fair["event"], "cluster", fair["organiser"]) == [
        {"key": "cl-pangyo", "label": "Pangyo Techno Valley", "meetings": 2},
        {"key": "cl-songdo", "label": "Songdo Bio Cluster", "meetings": 1},
    ]
    assert analytics.cluster_coverage(fair["event"]) == {
        "meetings": 3,
        "abroad": 3,
        "unclustered": 0,
    }


def test_an_organisation_in_korea_outside_every_cluster_counts_elsewhere_in_korea(fair):
    from dari.events.domain.setup import register_participant

    org = OrganizationFactory(id="daewoong", name="Daewoong", country="KR")
    e = register_participant(
        fair["event"], UserFactory(username="e", organization=org), "Asia/Seoul"
    )
    accept_request(request_meeting(e, target=fair["p"]["b"]).pk, fair["p"]["b"])
    rows = analytics.meetings_by(fair["event"], "cluster", fair["organiser"])
    assert rows[-1] == {"key": "", "label": "Elsewhere in Korea", "meetings": 1}
    assert analytics.cluster_coverage(fair["event"]) == {
        "meetings": 4,
        "abroad": 4,
        "unclustered": 1,
    }
    with translation.override("ko"):
        rows = analytics.meetings_by(fair["event"], "cluster", fair["organiser"])
    assert rows[-1]["label"] == "국내 기타 지역"


def test_meetings_by_country(fair):
    assert analytics.meetings_by(fair["event"], "country", fair["organiser"]) == [
        {"key": "KR", "label": "South Korea", "meetings": 3},
        {"key": "GB", "label": "United Kingdom", "meetings": 2},
        {"key": "US", "label": "United States", "meetings": 1},
    ]
    with translation.override("ko"):
        assert analytics.meetings_by(fair["event"], "country", fair["organiser"]) == [
            {"key": "KR", "label": "대한민국", "meetings": 3},
            {"key": "GB", "label": "영국", "meetings": 2},
            {"key": "US", "label": "미국", "meetings": 1},
        ]


def test_meetings_by_modality_only_counts_assets_the_viewer_may_see(fair):
    # The cell therapy is shared under CDA only: the organiser may not see it.
    assert analytics.meetings_by(fair["event"], "modality", fair["organiser"]) == [
        {"key": "antibody", "label": "Antibody", "meetings": 1},
        {"key": "", "label": "Not stated", "meetings": 2},
    ]
    assert analytics.meetings_by(fair["event"], "modality", fair["admin"]) == [
        {"key": "antibody", "label": "Antibody", "meetings": 1},
        {"key": "cell_therapy", "label": "Cell therapy", "meetings": 1},
        {"key": "", "label": "Not stated", "meetings": 1},
    ]


def test_funnel_counts_each_meeting_up_to_its_furthest_stage(fair):
    assert analytics.funnel(fair["event"]) == [
        {"key": "meeting", "label": "Meetings", "meetings": 2, "share_of_previous": None},
        {"key": "cda_signed", "label": "CDA signed", "meetings": 2, "share_of_previous": 1.0},
        {"key": "term_sheet", "label": "Term sheet", "meetings": 2, "share_of_previous": 1.0},
        {"key": "deal", "label": "Deal", "meetings": 1, "share_of_previous": 0.5},
    ]
    assert analytics.linked_deals(fair["event"]) == ["dl-celltrion-gsk"]


def test_an_empty_event_has_no_rates():
    event = make_event(slug="empty")
    summary = analytics.request_summary(event)
    assert (summary["requests"], summary["acceptance_rate"], summary["scheduled_share"]) == (
        0,
        None,
        None,
    )
    assert analytics.meetings_by(event, "country", None) == []
    assert [r["meetings"] for r in analytics.funnel(event)] == [0, 0, 0, 0]


def test_csv_of_the_analytics_page(client, fair):
    fair["organiser"].role = Role.PLATFORM_ADMIN
    fair["organiser"].save()
    client.force_login(fair["organiser"])
    response = client.get("/events/test-virtual/analytics", {"format": "csv", "table": "cluster"})
    assert response.content.decode("utf-8-sig") == (
        "Cluster,Meetings\r\nPangyo Techno Valley,2\r\nSongdo Bio Cluster,1\r\n"
    )
    page = client.get("/events/test-virtual/analytics").content.decode()
    note = page.split('<p class="small muted chart-note">')[1].split("</p>")[0]
    assert note == (
        "Clusters are Korean: organisations abroad have none and are left out of this chart "
        "(3 of 3 meetings involve one; see meetings by country). Organisations in Korea outside "
        "every cluster count under “Elsewhere in Korea”. 0 meetings involve no cluster at all."
    )
    response = client.get("/events/test-virtual/analytics", {"format": "csv", "table": "funnel"})
    assert response.content.decode("utf-8-sig") == (
        "Stage,Meetings,Share of the stage before\r\n"
        "Meetings,2,\r\nCDA signed,2,1.0\r\nTerm sheet,2,1.0\r\nDeal,1,0.5\r\n"
    )
    response = client.get("/events/test-virtual/analytics", {"format": "csv", "table": "status"})
    assert response.content.decode("utf-8-sig") == (
        "Status,Requests\r\nPending,1\r\nAccepted,4\r\nDeclined,1\r\nWithdrawn,1\r\nExpired,1\r\n"
    )
