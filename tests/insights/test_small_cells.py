"""Small-cell suppression of the public meeting aggregates (docs/insights.md, "Small cells"):
a cluster of one or two organisations shows nothing recoverable on the page, in the CSV and
through subtraction; the organisers of an event keep its full analytics."""

from __future__ import annotations

import pytest
from django.utils import translation

from dari.core.smallcell import K, disclosable, enough
from dari.directory.models import Deal
from dari.events.models import FollowUp, Meeting
from dari.insights.domain import analytics as a
from dari.insights.domain import network
from dari.insights.domain.analytics import Filters
from tests.factories import ClusterFactory, DealFactory, OrganizationFactory
from tests.insights.factories import make_event, meeting, participant

pytestmark = pytest.mark.django_db

FEWER = "fewer than 3 organisations"


def test_the_rule_counts_distinct_organisations_and_every_complement():
    assert K == 3
    assert enough(["o1", "o2", "o2"]) is False
    assert enough(["o1", "o2", "o3"]) is True
    assert disclosable({"o1", "o2", "o3"}, [set()]) is True
    # The cell is large but what subtraction leaves covers one or two organisations.
    assert disclosable({"o1", "o2", "o3"}, [{"o4", "o5"}]) is False
    assert disclosable({"o1", "o2", "o3"}, [{"o4", "o5", "o6"}]) is True
    assert disclosable({"o1"}, k=1) is True


@pytest.fixture
def town(db):
    """Cluster Big: g1..g5; cluster Solo: s1 alone; cluster Duo: d1, d2; p1 outside clusters.
    One 2026 event. Big's meetings g1-g2, g3-g4, g5-g1 reached a CDA; s1-p1 reached a deal
    and d1-d2 a term sheet: outcomes of one or two organisations that must not show."""
    big = ClusterFactory(id="cl-big", name="Big Cluster")
    solo = ClusterFactory(id="cl-solo", name="Solo Cluster")
    duo = ClusterFactory(id="cl-duo", name="Duo Cluster")
    orgs = {
        f"g{i}": OrganizationFactory(id=f"g{i}", cluster=big, country="KR") for i in range(1, 6)
    }
    orgs["s1"] = OrganizationFactory(id="s1", cluster=solo, country="KR")
    orgs["d1"] = OrganizationFactory(id="d1", cluster=duo, country="KR")
    orgs["d2"] = OrganizationFactory(id="d2", cluster=duo, country="KR")
    orgs["p1"] = OrganizationFactory(id="p1", country="US")
    event = make_event("town-2026")
    people = {key: participant(event, org, f"u-{key}") for key, org in orgs.items()}
    pairs = {
        ("g1", "g2"): "cda_signed",
        ("g3", "g4"): "cda_signed",
        ("g5", "g1"): "cda_signed",
        ("s1", "p1"): "deal",
        ("d1", "d2"): "term_sheet",
    }
    slots = list(event.slots.order_by("start"))
    for i, ((x, y), outcome) in enumerate(pairs.items()):
        m = meeting(event, [people[x], people[y]], "scheduled", slots[i])
        FollowUp.objects.create(meeting=m, reported_by=people[x], outcome=outcome)
    return {"event": event, "orgs": orgs, "people": people}


def values(rows, key="meetings"):
    return [r[key] for r in rows]


def test_clusters_of_one_or_two_organisations_show_no_meeting_figure(town):
    for cluster in ("cl-solo", "cl-duo"):
        f = Filters(cluster=cluster)
        assert values(a.funnel(f)) == [FEWER] * 4
        assert values(a.funnel(f), "share_of_previous") == [None] * 4
        (row,) = a.korea_meeting_share(f)
        assert (row["meetings"], row["with_korea"], row["share"]) == (FEWER, FEWER, None)
        assert a.korea_share_total([row]) == {"meetings": FEWER, "with_korea": FEWER, "share": None}


def test_the_whole_town_shows_what_enough_organisations_account_for(town):
    # 9 organisations met; every meeting reached a CDA; the term sheets (d1-d2, s1-p1) are
    # four organisations' and what they leave of the CDAs (Big's three) five: both shown; the
    # deal (s1-p1) is two organisations' alone: held back.
    assert values(a.funnel()) == [5, 5, 2, FEWER]
    assert values(a.funnel(), "share_of_previous") == [None, 1.0, 0.4, None]


def test_no_subtraction_isolates_the_small_clusters(town):
    # Everything minus Big would be s1-p1 and d1-d2 (four organisations: enough) ...
    assert values(a.funnel(Filters(cluster="cl-big")))[:2] == [3, 3]
    # ... but with Duo's meeting gone, everything minus Big is s1-p1 alone: Big is held back,
    # so "all meetings minus Big's" cannot be computed.
    Meeting.objects.filter(participants__organization_id="d1").delete()
    assert values(a.funnel())[:2] == [4, 4]
    assert values(a.funnel(Filters(cluster="cl-big"))) == [FEWER] * 4
    (row,) = a.korea_meeting_share(Filters(cluster="cl-big"))
    assert (row["meetings"], row["with_korea"]) == (FEWER, FEWER)
    (everyone,) = a.korea_meeting_share()
    assert everyone["meetings"] == 4


def test_a_year_range_adds_up_shown_cells_only(town):
    # The same town a year earlier, where only s1 and p1 met: that year's cells are held back
    # and are in no total, so the 2025-2026 range minus 2026 gives nothing away.
    old = make_event("town-2025", start=town["event"].start_date.replace(year=2025))
    s1, p1 = (participant(old, town["orgs"][k], f"old-{k}") for k in ("s1", "p1"))
    FollowUp.objects.create(
        meeting=meeting(old, [s1, p1], "scheduled", old.slots.first()),
        reported_by=s1,
        outcome="deal",
    )
    both = a.funnel(Filters(year_from=2025, year_to=2026))
    assert values(both) == values(a.funnel(Filters(year_from=2026))) == [5, 5, 2, FEWER]
    assert values(a.funnel(Filters(year_to=2025))) == [FEWER] * 4


def test_the_network_holds_back_meetings_of_one_or_two_organisations(town):
    p = town["people"]
    meeting(town["event"], [p["s1"], p["g1"]], "unscheduled")
    meeting(town["event"], [p["d1"], p["g2"]], "unscheduled")
    # No other link between the pairs: no row at all (a row would say they met).
    assert network.cluster_links() == []
    DealFactory(id="dl-s1-g1", licensor=town["orgs"]["s1"], licensee=town["orgs"]["g1"])
    (row,) = network.cluster_links()
    assert (row["a"], row["b"], row["deals"], row["meetings"], row["total"]) == (
        "cl-big", "cl-solo", 1, FEWER, 1,
    )  # fmt: skip
    Deal.objects.all().delete()


def test_page_and_csv_hold_back_the_same_cells(town, client):
    csv = client.get("/insights/ecosystem/?cluster=cl-solo&format=csv&chart=funnel")
    assert csv.content.decode("utf-8-sig") == (
        "Stage,Meetings,Share of the stage before\r\n"
        f"Meetings,{FEWER},\r\nCDA signed,{FEWER},\r\nTerm sheet,{FEWER},\r\nDeal,{FEWER},\r\n"
    )
    share = client.get("/insights/ecosystem/?cluster=cl-solo&format=csv&chart=korea-share")
    assert share.content.decode("utf-8-sig") == (
        "Event,Meetings,With a Korean organisation,Share (%)\r\n"
        f"Event town-2026,{FEWER},{FEWER},\r\n"
    )
    html = client.get("/insights/ecosystem/?cluster=cl-solo").content.decode()
    # The funnel, the event's row, the two totals, the note that explains them and, under
    # each of the two charts left without a bar, the note that names its rows.
    assert html.count(FEWER) == 4 + 2 + 2 + 1 + 2
    assert "a meeting figure is shown only when at least 3 organisations" in html


def test_korean_readers_read_the_held_back_cells_in_korean(town, client):
    client.cookies["django_language"] = "ko"
    html = client.get("/insights/ecosystem/?cluster=cl-solo", HTTP_ACCEPT_LANGUAGE="ko")
    text = html.content.decode()
    assert FEWER not in text
    with translation.override("ko"):
        from dari.insights.domain.meeting_cells import fewer_than

        korean = fewer_than()
    assert korean == "기관 3곳 미만"
    assert text.count(korean) == 4 + 2 + 2 + 1


def test_organisers_keep_their_events_full_analytics(town, client):
    from dari.accounts.models import Role
    from tests.factories import UserFactory

    event = town["event"]
    organiser = UserFactory(username="boss", role=Role.PLATFORM_ADMIN, organization=None)
    client.force_login(organiser)
    csv = client.get(f"/events/{event.slug}/analytics", {"format": "csv", "table": "funnel"})
    assert csv.content.decode("utf-8-sig") == (
        "Stage,Meetings,Share of the stage before\r\n"
        "Meetings,5,\r\nCDA signed,5,1.0\r\nTerm sheet,2,0.4\r\nDeal,1,0.5\r\n"
    )
