"""The read models of the event pages (dari.events.domain.queries): whole dataclasses, in the
reader's zone, with assets only the reader may see, deadline-aware without writing, in a fixed
number of queries."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from dari.accounts.models import LinkKind
from dari.directory.access import AssetRef
from dari.events.domain.analytics import request_summary
from dari.events.domain.followup import report_outcome
from dari.events.domain.links import video_link
from dari.events.domain.organisers import add_co_organizer
from dari.events.domain.queries import (
    Agenda,
    AgendaMeeting,
    AvailabilityGrid,
    Colleague,
    Console,
    Counterpart,
    Directory,
    EventRow,
    FollowUpLine,
    GridCell,
    GridRow,
    OtherSide,
    RequestList,
    RequestRow,
    agenda,
    availability_grid,
    event_directory,
    event_rows,
    organiser_console,
    request_list,
)
from dari.events.domain.requests import accept_request, add_colleague, request_meeting
from dari.events.domain.schedule import cancel_meeting, schedule_event
from dari.events.domain.setup import set_blocked_slots
from dari.events.models import (
    Event,
    MeetingRequest,
    MeetingStatus,
    Outcome,
    Participant,
    RequestStatus,
    ScheduleRun,
    Seat,
)
from tests.events.factories import make_event, person
from tests.factories import AssetFactory, link

pytestmark = pytest.mark.django_db

SEOUL, LONDON, NEW_YORK = (
    ZoneInfo("Asia/Seoul"),
    ZoneInfo("Europe/London"),
    ZoneInfo("America/New_York"),
)


# Availability ----------------------------------------------------------------------------------


def test_the_grid_shows_the_event_slots_in_my_zone_with_my_state_of_each(march_2026):
    event = make_event(
        slug="tiny",
        mode="in_person",
        tables=2,
        video_url_template="",
        end_date=dt.date(2026, 3, 10),
        day_start=dt.time(9),
        day_end=dt.time(10),
    )
    first, second = event.slots.order_by("start")
    minseo = person(event, "minseo", "ablbio", "Asia/Seoul")
    john = person(event, "john", "pfizer", "America/New_York")
    set_blocked_slots(minseo, [second.pk])
    now = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    assert availability_grid(minseo, now) == AvailabilityGrid(
        columns=(dt.date(2026, 3, 10),),
        rows=(
            GridRow("09:00", (GridCell(first.pk, "available", first.start.astimezone(SEOUL)),)),
            GridRow("09:30", (GridCell(second.pk, "blocked", second.start.astimezone(SEOUL)),)),
        ),
        zone_abbr="KST",
        available_count=1,
    )
    # 09:00 KST on 10 March is 20:00 EDT on 9 March (New York moved its clocks on the 8th):
    # John's column is his own day; the abbreviation is his zone's at `now`.
    meeting = accept_request(request_meeting(minseo, target=john).pk, john)
    Seat.objects.filter(meeting=meeting).update(slot=first)
    assert availability_grid(john, now) == AvailabilityGrid(
        columns=(dt.date(2026, 3, 9),),
        rows=(
            GridRow("20:00", (GridCell(first.pk, "meeting", first.start.astimezone(NEW_YORK)),)),
            GridRow(
                "20:30", (GridCell(second.pk, "available", second.start.astimezone(NEW_YORK)),)
            ),
        ),
        zone_abbr="EST",
        available_count=2,
    )


def test_the_grid_leaves_a_hole_where_a_day_has_no_slot_at_that_time(march_2026, world):
    emma = world["emma"]
    grid = availability_grid(emma, dt.datetime(2026, 7, 1, tzinfo=dt.UTC))
    # Seoul's 00:00-23:30 on 10-11 March in London: the 9th starts at 15:00 GMT.
    assert (grid.columns, grid.rows[0].time, grid.rows[0].cells[0], grid.zone_abbr) == (
        (dt.date(2026, 3, 9), dt.date(2026, 3, 10), dt.date(2026, 3, 11)),
        "00:00",
        None,
        "BST",
    )


# Requests --------------------------------------------------------------------------------------


def _created(request: MeetingRequest) -> dt.datetime:
    return MeetingRequest.objects.get(pk=request.pk).created


def test_the_request_list_shows_each_side_its_rows_and_answers(world):
    minseo, emma = world["minseo"], world["emma"]
    john = person(
        world["event"], "john", "pfizer", "America/New_York", first_name="John", last_name="Doe"
    )
    secret = AssetFactory(
        id="as-secret", organization=minseo.organization, name="Secretmab", visibility="cda"
    )
    sent = request_meeting(minseo, target=emma, message="Hello", asset_id=secret.pk, priority=3)
    to_org = request_meeting(john, organization_id=minseo.organization_id, priority=1)
    to_emma = RequestRow(
        pk=sent.pk,
        incoming=True,
        heading="Minseo Park · Ablbio",
        to_organization=False,
        status=RequestStatus.PENDING,
        priority=3,
        created=_created(sent),
        message="Hello",
        decline_reason="",
        shown_asset=None,
        counterpart=Counterpart(minseo.pk, "Minseo Park", "ablbio", "Ablbio"),
    )
    assert request_list(emma.user, emma) == RequestList(incoming=(to_emma,), outgoing=())
    assert (to_emma.may_answer, to_emma.may_withdraw, to_emma.in_agenda) == (True, False, False)
    assert request_list(minseo.user, minseo) == RequestList(
        incoming=(
            RequestRow(
                pk=to_org.pk,
                incoming=True,
                heading="John Doe · Pfizer",
                to_organization=True,
                status=RequestStatus.PENDING,
                priority=1,
                created=_created(to_org),
                message="",
                decline_reason="",
                shown_asset=None,
                counterpart=Counterpart(john.pk, "John Doe", "pfizer", "Pfizer"),
            ),
        ),
        outgoing=(
            RequestRow(
                pk=sent.pk,
                incoming=False,
                heading="Emma Clarke · Gsk",
                to_organization=False,
                status=RequestStatus.PENDING,
                priority=3,
                created=_created(sent),
                message="Hello",
                decline_reason="",
                shown_asset=AssetRef(secret.pk, secret.name),
                counterpart=Counterpart(emma.pk, "Emma Clarke", "gsk", "Gsk"),
            ),
        ),
    )
    # The asset shows once Emma's organisation may see it (a CDA with Minseo's).
    link(minseo.organization, emma.organization, LinkKind.CDA)
    assert request_list(emma.user, emma).incoming[0].shown_asset == AssetRef(secret.pk, "Secretmab")


def test_past_the_deadline_a_pending_request_reads_as_expired_and_nothing_is_written(world):
    minseo, emma = world["minseo"], world["emma"]
    sent = request_meeting(minseo, target=emma)
    deadline = _created(sent) + dt.timedelta(days=1)
    Event.objects.filter(pk=world["event"].pk).update(request_deadline=deadline)
    emma.event.refresh_from_db()
    before = request_list(emma.user, emma, now=deadline)
    after = request_list(emma.user, emma, now=deadline + dt.timedelta(seconds=1))
    assert (before.incoming[0].status, after.incoming[0].status) == (
        RequestStatus.PENDING,
        RequestStatus.EXPIRED,
    )
    assert (after.incoming[0].may_answer, after.incoming[0].status_label) == (False, "Expired")
    assert MeetingRequest.objects.get(pk=sent.pk).status == RequestStatus.PENDING


# Agenda ----------------------------------------------------------------------------------------


def _other(p, meeting, mine_zone):
    start = meeting.slot.start
    theirs = start.astimezone(ZoneInfo(p.timezone))
    return OtherSide(
        pk=p.pk,
        name=p.name,
        organization_id=p.organization_id,
        organization_name=p.organization.name,
        timezone=p.timezone,
        start=theirs,
        other_day=theirs.date() != start.astimezone(mine_zone).date(),
    )


def test_the_agenda_gives_each_meeting_in_my_time_and_theirs_with_what_i_may_do(world, scheduled):
    minseo, emma, jihoon = world["minseo"], world["emma"], world["colleague"]
    start = scheduled.slot.start.astimezone(SEOUL)
    expected = AgendaMeeting(
        pk=scheduled.pk,
        status=MeetingStatus.SCHEDULED,
        confirmed=False,
        start=start,
        end=start + dt.timedelta(minutes=30),
        others=(_other(emma, scheduled, SEOUL),),
        link=video_link(scheduled),
        table=None,
        unscheduled_reason="",
        shown_asset=None,
        followups=(),
        free_colleagues=(Colleague(jihoon.pk, "Jihoon Lee"),),
    )
    assert agenda(minseo.user, minseo) == Agenda(
        scheduled=(expected,), unscheduled=(), cancelled=()
    )
    # Emma's side: the same meeting in London time, Minseo as the other side, no colleagues.
    theirs = agenda(emma.user, emma).scheduled[0]
    assert (theirs.start, theirs.others, theirs.free_colleagues) == (
        scheduled.slot.start.astimezone(LONDON),
        (_other(minseo, scheduled, LONDON),),
        (),
    )
    add_colleague(scheduled.pk, minseo, jihoon)
    report_outcome(scheduled.pk, emma, Outcome.CDA_SIGNED, None, "next call in May")
    (m,) = agenda(minseo.user, minseo).scheduled
    assert (m.others, m.free_colleagues, m.followups) == (
        (_other(emma, scheduled, SEOUL), _other(jihoon, scheduled, SEOUL)),
        (),
        (FollowUpLine(Outcome.CDA_SIGNED, "Emma Clarke", None, "next call in May"),),
    )
    assert m.followups[0].outcome_label == "CDA signed"
    cancel_meeting(scheduled.pk, minseo)
    cancelled = agenda(minseo.user, minseo)
    assert (cancelled.scheduled, [c.status for c in cancelled.cancelled]) == (
        (),
        [MeetingStatus.CANCELLED],
    )


def test_an_unscheduled_meeting_has_no_times_and_says_why(world):
    minseo, emma = world["minseo"], world["emma"]
    meeting = accept_request(request_meeting(minseo, target=emma).pk, emma)
    (m,) = agenda(minseo.user, minseo).unscheduled
    assert (m.pk, m.start, m.end, m.others[0].start, m.others[0].other_day, m.link) == (
        meeting.pk,
        None,
        None,
        None,
        False,
        video_link(meeting),
    )


def test_the_agenda_names_an_asset_only_to_whoever_may_see_it(world):
    minseo, emma = world["minseo"], world["emma"]
    secret = AssetFactory(
        id="as-secret", organization=minseo.organization, name="Secretmab", visibility="cda"
    )
    accept_request(request_meeting(minseo, target=emma, asset_id=secret.pk).pk, emma)
    shown = (
        agenda(minseo.user, minseo).unscheduled[0].shown_asset,
        agenda(emma.user, emma).unscheduled[0].shown_asset,
    )
    assert shown == (AssetRef(secret.pk, "Secretmab"), None)
    link(minseo.organization, emma.organization, LinkKind.CDA)
    assert agenda(emma.user, emma).unscheduled[0].shown_asset == AssetRef(secret.pk, "Secretmab")


# Event list and directory ----------------------------------------------------------------------


def test_event_rows_mark_my_events_and_those_i_manage(world):
    other = make_event(slug="other", name="Other")
    rows = {r.event.slug: r for r in event_rows(world["minseo"].user)}
    assert rows == {
        "test-virtual": EventRow(world["event"], is_mine=True, can_manage=False),
        "other": EventRow(other, is_mine=False, can_manage=False),
    }
    rows = {r.event.slug: r for r in event_rows(world["organiser"])}
    assert rows == {
        "test-virtual": EventRow(world["event"], is_mine=False, can_manage=True),
        "other": EventRow(other, is_mine=False, can_manage=False),
    }


def test_the_directory_filters_by_name_and_country(world):
    event = world["event"]
    for who, country in (("minseo", "KR"), ("emma", "GB")):
        world[who].organization.country = country
        world[who].organization.save()
    assert event_directory(event, " park ", "") == Directory(
        people=(world["minseo"],),
        q="park",
        country="",
        countries=(("KR", "South Korea"), ("GB", "United Kingdom")),
    )
    assert event_directory(event, "", "kr") == Directory(
        people=(world["colleague"], world["minseo"]),
        q="",
        country="KR",
        countries=(("KR", "South Korea"), ("GB", "United Kingdom")),
    )
    # The filter offers the countries by name in the reader's language.
    with translation.override("ko"):
        assert event_directory(event).countries == (("KR", "대한민국"), ("GB", "영국"))


def test_the_console_lists_co_organisers_runs_newest_first_and_meetings_left_unscheduled(world):
    event, minseo, emma = world["event"], world["minseo"], world["emma"]
    assert organiser_console(event) == Console(
        co_organizers=(), runs=(), unscheduled=(), summary=request_summary(event)
    )
    co = add_co_organizer(world["organiser"], event, username="outsider")
    meeting = accept_request(request_meeting(minseo, target=emma).pk, emma)
    first, second = (ScheduleRun.objects.create(event=event, trigger="manual") for _ in "12")
    console = organiser_console(event)
    assert console == Console(
        co_organizers=(co,),
        runs=(second, first),
        unscheduled=((meeting, ""),),  # no run has given a reason yet
        summary=request_summary(event),
    )
    assert (console.latest, console.summary["meetings"]) == (second, 1)


# Queries ---------------------------------------------------------------------------------------


def test_the_request_list_and_agenda_read_in_a_fixed_number_of_queries(
    world, django_assert_num_queries
):
    minseo = world["minseo"]
    asset = AssetFactory(id="as-open", organization=minseo.organization, visibility="public")
    for i in range(4):
        other = person(world["event"], f"p{i}", f"org-{i}", "Europe/Paris")
        accept_request(request_meeting(minseo, target=other, asset_id=asset.pk).pk, other)
        request_meeting(other, target=world["colleague"])
        report_outcome(
            MeetingRequest.objects.get(requester=minseo, target=other).meeting.pk,
            other,
            Outcome.NO_INTEREST,
        )
    schedule_event(world["event"].pk)
    # As the page guard loads me.
    mine = Participant.objects.select_related("event", "organization", "user")
    minseo = mine.get(pk=minseo.pk)
    # Whether the reader is a confirmed member, incoming, outgoing (the assets they may see
    # travel with the rows as subqueries).
    with django_assert_num_queries(3):
        rows = request_list(minseo.user, minseo)
    assert len(rows.outgoing) == 4
    minseo = mine.get(pk=minseo.pk)
    # Whether a confirmed member, meetings (with the assets I may see), their people, their
    # follow-ups, my colleagues.
    with django_assert_num_queries(5):
        meetings = agenda(minseo.user, minseo)
    assert len(meetings.scheduled) + len(meetings.unscheduled) == 4


def test_the_event_list_page_reads_in_a_fixed_number_of_queries(
    client, world, django_assert_num_queries
):
    client.force_login(world["organiser"])
    with CaptureQueriesContext(connection) as one:
        assert client.get("/events/").status_code == 200
    for i in range(3):
        make_event(slug=f"more-{i}", name=f"More {i}", organizer=world["event"].organizer)
    with django_assert_num_queries(len(one.captured_queries)):
        assert client.get("/events/").status_code == 200
