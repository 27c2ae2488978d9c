"""The event pages through the Django test client: who sees what, the request → accept →
schedule → agenda flow in each party's local time, calendars, the organiser console."""

from __future__ import annotations

import datetime as dt
import re

import icalendar
import pytest

from dari.accounts.models import LinkKind
from dari.directory.access import AssetRef
from dari.events.domain.requests import accept_request, request_meeting
from dari.events.domain.schedule import schedule_event
from dari.events.models import (
    Event,
    FollowUp,
    Meeting,
    MeetingRequest,
    MeetingStatus,
    Participant,
    RequestStatus,
    RunStatus,
    ScheduleRun,
)
from tests.events.factories import make_event, person
from tests.events.pages import get_in_korean, html, login, texts, url
from tests.factories import AssetFactory, link

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("immediate_tasks")]


# Who sees what --------------------------------------------------------------------------------

PARTICIPANT_PAGES = ["availability", "requests", "agenda", "agenda-ics"]
ORGANISER_PAGES = ["manage", "analytics", "edit", "instance-json", "schedule-json"]


@pytest.mark.parametrize("page", PARTICIPANT_PAGES + ORGANISER_PAGES)
def test_anonymous_people_are_sent_to_log_in(client, world, page):
    response = client.get(url(page, "test-virtual"))
    assert (response.status_code, response["Location"].split("?")[0]) == (302, "/accounts/login/")


@pytest.mark.parametrize("page", PARTICIPANT_PAGES)
def test_participant_pages_render_for_participants_and_send_others_to_register(client, world, page):
    response = login(client, world["minseo"]).get(url(page, "test-virtual"))
    assert response.status_code == 200
    response = login(client, world["outsider"]).get(url(page, "test-virtual"))
    assert (response.status_code, response["Location"]) == (302, url("detail", "test-virtual"))


@pytest.mark.parametrize("page", ORGANISER_PAGES)
def test_organiser_pages_are_404_for_everyone_but_the_events_organisers(client, world, page):
    assert login(client, world["organiser"]).get(url(page, "test-virtual")).status_code == 200
    for who in ("minseo", "outsider", "other_organiser"):
        response = login(client, world[who]).get(url(page, "test-virtual"))
        assert (who, response.status_code) == (who, 404)


def test_new_event_page_is_for_organisers_only(client, world):
    assert login(client, world["organiser"]).get(url("new")).status_code == 200
    assert login(client, world["minseo"]).get(url("new")).status_code == 404


def test_event_list_and_page_are_public_but_the_directory_is_for_participants(client, world):
    response = client.get(url("list"))
    assert (response.status_code, texts(response, "tag")) == (200, [])
    response = client.get(url("detail", "test-virtual"))
    assert (response.status_code, "Request a meeting" in html(response)) == (200, False)
    response = login(client, world["minseo"]).get(url("detail", "test-virtual"))
    names = re.findall(r"<tr>\s*<td>([^<]+)</td>", html(response))
    assert names == ["Emma Clarke", "Jihoon Lee", "Minseo Park"]
    assert html(response).count("?participant=") == 1  # not to herself nor her colleague
    # Her colleague's row says why it offers no request (it was blank), hers says "you".
    assert texts(response, "tag light") == ["your colleague", "you"]
    korean = get_in_korean(client, url("detail", "test-virtual"))
    assert texts(korean, "tag light") == ["동료", "나"]


def test_directory_searches_by_organisation_and_country(client, world):
    world["emma"].organization.country = "GB"
    world["emma"].organization.save()
    client = login(client, world["minseo"])
    response = client.get(url("detail", "test-virtual"), {"country": "GB"})
    assert re.findall(r"<tr>\s*<td>([^<]+)</td>", html(response)) == ["Emma Clarke"]
    response = client.get(url("detail", "test-virtual"), {"q": "ablbio"})
    assert re.findall(r"<tr>\s*<td>([^<]+)</td>", html(response)) == ["Jihoon Lee", "Minseo Park"]


def test_unknown_event_is_404(client, world):
    login(client, world["organiser"])
    assert client.get(url("detail", "nope")).status_code == 404
    assert client.get(url("manage", "nope")).status_code == 404


# Registering, availability -------------------------------------------------------------------


def test_registering_uses_my_time_zone_and_hours(client, world):
    user = world["outsider"]
    login(client, user)
    response = client.post(
        url("register", "test-virtual"),
        {"timezone": "America/New_York", "work_start": "07:00", "work_end": "12:00"},
    )
    assert response.status_code == 302
    p = Participant.objects.get(event=world["event"], user=user)
    assert (p.timezone, p.work_start, p.work_end, p.organization_id) == (
        "America/New_York",
        dt.time(7),
        dt.time(12),
        user.organization_id,
    )


def test_availability_grid_is_in_my_local_time_and_toggles_with_htmx(march_2026, client, world):
    emma = world["emma"]
    login(client, emma)
    response = client.get(url("availability", "test-virtual"))
    grid = response.context["grid"]
    # Seoul's 10-11 March (00:00 KST 10 March = 15:00 GMT 9 March) seen from London.
    assert [d.isoformat() for d in grid.columns] == ["2026-03-09", "2026-03-10", "2026-03-11"]
    assert (grid.rows[0].time, grid.rows[-1].time, len(grid.rows)) == (
        "00:00",
        "23:30",
        48,
    )
    # 08:00-18:00 GMT: from 15:00 on the 9th (its start), all of the 10th, until 15:00 on the 11th.
    assert grid.available_count == 6 + 20 + 14
    slot_id = next(c.slot_id for r in grid.rows if r.time == "09:00" for c in r.cells if c)
    response = client.post(
        url("toggle-slot", "test-virtual"), {"slot": slot_id}, HTTP_HX_REQUEST="true"
    )
    assert (response.status_code, [t.name for t in response.templates][0]) == (
        200,
        "events/_grid.html",
    )
    assert list(emma.blocked_slots.values_list("pk", flat=True)) == [slot_id]
    assert response.context["grid"].available_count == 39
    response = client.post(url("toggle-slot", "test-virtual"), {"slot": slot_id})
    assert (response.status_code, emma.blocked_slots.count()) == (302, 0)


def test_working_hours_form_changes_my_hours(client, world):
    login(client, world["emma"])
    client.post(url("working-hours", "test-virtual"), {"work_start": "10:00", "work_end": "12:00"})
    world["emma"].refresh_from_db()
    assert (world["emma"].work_start, world["emma"].work_end) == (dt.time(10), dt.time(12))


# Requests ------------------------------------------------------------------------------------


def test_request_accept_run_and_both_agendas_show_each_local_time(
    client, world, django_capture_on_commit_callbacks
):
    minseo, emma = world["minseo"], world["emma"]
    login(client, minseo)
    form = client.get(url("request-new", "test-virtual"), {"participant": emma.pk})
    assert form.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("request-new", "test-virtual"),
            {"participant": emma.pk, "message": "ADC partnering", "priority": "3"},
        )
    assert (response.status_code, response["Location"]) == (302, url("requests", "test-virtual"))
    req = MeetingRequest.objects.get()
    assert (req.target_id, req.priority, req.message) == (emma.pk, 3, "ADC partnering")

    login(client, emma)
    response = client.get(url("requests", "test-virtual"))
    assert [r.pk for r in response.context["incoming"]] == [req.pk]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("accept", "test-virtual", req.pk))
    meeting = Meeting.objects.get()
    assert meeting.status == MeetingStatus.UNSCHEDULED

    login(client, world["organiser"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("run", "test-virtual"))
    run = ScheduleRun.objects.get()
    assert (run.status, run.trigger, run.started_by, run.scheduled) == (
        RunStatus.DONE,
        "manual",
        world["organiser"],
        1,
    )
    meeting.refresh_from_db()
    start = meeting.slot.start
    seoul = start.astimezone(dt.timezone(dt.timedelta(hours=9)))
    response = client.get(response["Location"])
    assert texts(response, "stat-n")[4:6] == ["1", "0"]  # scheduled, not scheduled

    login(client, minseo)
    response = client.get(url("agenda", "test-virtual"))
    end = seoul + dt.timedelta(minutes=30)
    assert texts(response, "my-time") == [f"{seoul:%H:%M}–{end:%H:%M} KST"]
    assert texts(response, "their-time") == [f"{start:%H:%M} GMT for Emma Clarke"]
    assert f"https://video.example.org/test-virtual-{meeting.room}" in html(response)
    login(client, emma)
    response = client.get(url("agenda", "test-virtual"))
    assert texts(response, "their-time") == [f"{seoul:%H:%M} KST for Minseo Park"]


def test_requests_to_an_organisation_decline_and_withdraw(client, world):
    minseo, emma = world["minseo"], world["emma"]
    login(client, emma)
    response = client.post(
        url("request-new", "test-virtual"),
        {"organization": "ablbio", "message": "hi", "priority": "2"},
    )
    req = MeetingRequest.objects.get()
    assert (response.status_code, req.target, req.target_organization_id) == (302, None, "ablbio")
    login(client, world["colleague"])  # anyone of the organisation sees it and may answer
    response = client.get(url("requests", "test-virtual"))
    assert [r.pk for r in response.context["incoming"]] == [req.pk]
    client.post(url("decline", "test-virtual", req.pk), {"reason": "not our area"})
    req.refresh_from_db()
    assert (req.status, req.decline_reason, req.answered_by) == (
        RequestStatus.DECLINED,
        "not our area",
        world["colleague"],
    )
    login(client, minseo)
    client.post(url("request-new", "test-virtual"), {"participant": emma.pk, "priority": "2"})
    second = MeetingRequest.objects.get(requester=minseo)
    login(client, emma)
    response = client.post(url("withdraw", "test-virtual", second.pk), follow=True)
    assert texts(response, "message error") == ["only the requester can withdraw a request"]
    login(client, minseo)
    client.post(url("withdraw", "test-virtual", second.pk))
    second.refresh_from_db()
    assert second.status == RequestStatus.WITHDRAWN


def test_an_organisation_or_person_the_directory_hides_opens_no_request_form(client, world):
    """Emma (GSK's only registration) awaits approval: her organisation and her number open no
    request form for Minseo, exactly like an organisation or a number of no registration."""
    Participant.objects.filter(pk=world["emma"].pk).update(approved=False)
    login(client, world["minseo"])
    new = url("request-new", "test-virtual")
    answers = [
        client.get(new, {"organization": "gsk"}).status_code,
        client.get(new, {"organization": "nobio"}).status_code,
        client.get(new, {"participant": world["emma"].pk}).status_code,
        client.get(new, {"participant": 10**6}).status_code,
    ]
    assert answers == [404, 404, 404, 404]
    Participant.objects.filter(pk=world["emma"].pk).update(approved=True)
    assert client.get(new, {"organization": "gsk"}).status_code == 200


def test_request_errors_are_shown_on_the_form(client, world):
    login(client, world["minseo"])
    response = client.post(
        url("request-new", "test-virtual"), {"participant": world["colleague"].pk, "priority": "2"}
    )
    assert (response.status_code, texts(response, "alert error")) == (
        200,
        ["you cannot request a meeting with your own organisation"],
    )


def test_a_page_shows_a_request_past_the_deadline_as_expired_without_writing(client, world):
    req = request_meeting(world["minseo"], target=world["emma"])
    Event.objects.filter(pk=world["event"].pk).update(
        request_deadline=dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    )
    response = login(client, world["emma"]).get(url("requests", "test-virtual"))
    req.refresh_from_db()
    assert (req.status, [r.status for r in response.context["incoming"]]) == (
        RequestStatus.PENDING,
        [RequestStatus.EXPIRED],
    )
    assert url("accept", "test-virtual", req.pk) not in html(response)


def test_a_requests_asset_is_shown_only_to_those_who_may_see_it(client, world):
    minseo, emma = world["minseo"], world["emma"]
    secret = AssetFactory(
        id="as-secret", organization=minseo.organization, name="Secretmab", visibility="cda"
    )
    open_asset = AssetFactory(
        id="as-open", organization=minseo.organization, name="Openmab", visibility="public"
    )
    # An asset of neither side of the request (tests/events/test_request_assets.py: theirs).
    foreign = AssetFactory(id="as-foreign", visibility="public")
    login(client, minseo)
    form = client.get(url("request-new", "test-virtual"), {"participant": emma.pk}).context["form"]
    assert form.fields["asset"].choices[1][1] == [
        ("as-open", "Openmab"),
        ("as-secret", "Secretmab"),
    ]
    response = client.post(
        url("request-new", "test-virtual"),
        {"participant": emma.pk, "asset": foreign.pk, "priority": "2"},
    )
    assert response.context["form"].errors.as_data()["asset"][0].message == (
        "no asset 'as-foreign' of your organisation or of the organisation you ask"
    )
    client.post(
        url("request-new", "test-virtual"),
        {"participant": emma.pk, "asset": secret.pk, "priority": "2"},
    )
    assert (
        login(client, emma).get(url("requests", "test-virtual")).context["incoming"][0].shown_asset
        is None
    )
    assert "Secretmab" not in html(client.get(url("requests", "test-virtual")))
    link(minseo.organization, emma.organization, LinkKind.CDA)
    response = client.get(url("requests", "test-virtual"))
    assert (response.context["incoming"][0].shown_asset, "Secretmab" in html(response)) == (
        AssetRef(secret.pk, "Secretmab"),
        True,
    )
    assert open_asset.pk not in html(response)


# Agenda, calendars ---------------------------------------------------------------------------


def test_agenda_ics_downloads_and_parses(client, world, scheduled):
    response = login(client, world["minseo"]).get(url("agenda-ics", "test-virtual"))
    assert (response.status_code, response["Content-Type"]) == (200, "text/calendar; charset=utf-8")
    assert response["Content-Disposition"] == 'attachment; filename="test-virtual.ics"'
    (vevent,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert (str(vevent["uid"]), vevent.decoded("dtstart")) == (
        f"{scheduled.uid}@dari",
        scheduled.slot.start,
    )


def test_calendar_feed_needs_only_the_secret_token(client, world, scheduled):
    token = world["emma"].calendar_token
    response = client.get(f"/events/calendar/{token}.ics")
    assert (response.status_code, response["Content-Type"]) == (200, "text/calendar; charset=utf-8")
    (vevent,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert str(vevent["status"]) == "CONFIRMED"
    assert client.get("/events/calendar/not-a-token.ics").status_code == 404


def test_add_colleague_report_outcome_and_cancel(client, world, scheduled):
    minseo = world["minseo"]
    login(client, minseo)
    response = client.get(url("agenda", "test-virtual"))
    (m,) = response.context["scheduled"]
    assert [c.pk for c in m.free_colleagues] == [world["colleague"].pk]
    client.post(
        url("colleague", "test-virtual", scheduled.pk),
        {f"m{scheduled.pk}-colleague": world["colleague"].pk},
    )
    assert sorted(scheduled.participants.values_list("user__username", flat=True)) == [
        "emma",
        "jihoon",
        "minseo",
    ]
    response = client.post(
        url("outcome", "test-virtual", scheduled.pk),
        {"outcome": "cda_signed", "deal_id": "dl-nope", "note": ""},
        follow=True,
    )
    assert texts(response, "message error") == [
        "only a &#x27;deal&#x27; outcome links a deal record"
    ]
    client.post(url("outcome", "test-virtual", scheduled.pk), {"outcome": "cda_signed"})
    assert list(FollowUp.objects.values_list("outcome", "reported_by")) == [
        ("cda_signed", minseo.pk)
    ]
    response = client.post(url("cancel", "test-virtual", scheduled.pk), follow=True)
    scheduled.refresh_from_db()
    assert (scheduled.status, len(response.context["cancelled"])) == (MeetingStatus.CANCELLED, 1)


def test_people_cannot_act_on_meetings_or_requests_that_are_not_theirs(client, world, scheduled):
    login(client, world["colleague"])
    assert client.post(url("cancel", "test-virtual", scheduled.pk)).status_code == 404
    assert (
        client.post(url("outcome", "test-virtual", scheduled.pk), {"outcome": "deal"}).status_code
        == 404
    )
    # A request between Minseo and Emma concerns her colleague no more than a stranger: like a
    # missing one, not "already accepted" (tests/events/test_others_requests.py).
    assert client.post(url("accept", "test-virtual", scheduled.request_id)).status_code == 404
    other = make_event(slug="other-event")
    stranger_req = request_meeting(
        person(other, "x", "org-x", "Europe/Paris"),
        target=person(other, "y", "org-y", "Europe/Paris"),
    )
    assert client.post(url("accept", "test-virtual", stranger_req.pk)).status_code == 404


def test_unscheduled_meetings_show_their_reason(client, world):
    boston = person(
        world["event"],
        "john",
        "pfizer",
        "America/New_York",
        "09:00",
        "17:00",
        first_name="John",
        last_name="Doe",
    )
    accept_request(request_meeting(world["colleague"], target=boston).pk, boston)
    schedule_event(world["event"].pk)
    response = login(client, boston).get(url("agenda", "test-virtual"))
    assert texts(response, "reason") == [
        "Why not scheduled: There is no slot in which Jihoon Lee (Ablbio) and John Doe (Pfizer) "
        "are all available."
    ]
    response = login(client, world["organiser"]).get(url("manage", "test-virtual"))
    assert [why for _m, why in response.context["unscheduled"]] == [
        "There is no slot in which Jihoon Lee (Ablbio) and John Doe (Pfizer) are all available."
    ]
    # The same reason read in Korean.
    client.cookies["django_language"] = "ko"
    response = client.get(url("manage", "test-virtual"), HTTP_ACCEPT_LANGUAGE="ko")
    assert [why for _m, why in response.context["unscheduled"]] == [
        "Jihoon Lee (Ablbio) 및 John Doe (Pfizer) 모두가 참석할 수 있는 시간대가 없습니다."
    ]


# Queries ---------------------------------------------------------------------------------------


def _meet(world, n):
    """Minseo gets `n` more accepted meetings (with people from new organisations)."""
    for i in range(n):
        other = person(world["event"], f"p{i}-{n}", f"org-{i}-{n}", "Europe/Paris")
        accept_request(request_meeting(world["minseo"], target=other).pk, other)
        request_meeting(other, target=world["colleague"])


@pytest.mark.parametrize("page", ["agenda", "requests", "detail", "manage", "analytics"])
def test_pages_do_not_query_once_per_row(client, world, page, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    login(client, world["organiser"] if page in ("manage", "analytics") else world["minseo"])
    _meet(world, 1)
    schedule_event(world["event"].pk)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url(page, "test-virtual")).status_code == 200
    _meet(world, 3)
    schedule_event(world["event"].pk)
    with django_assert_num_queries(len(one.captured_queries)):
        assert client.get(url(page, "test-virtual")).status_code == 200


def test_the_agenda_names_the_other_sides_organisation_in_the_readers_language(
    client, world, scheduled
):
    organization = world["minseo"].organization
    organization.name_ko = "에이비엘바이오"
    organization.save()
    login(client, world["emma"])
    korean = html(client.get(url("agenda", "test-virtual"), HTTP_ACCEPT_LANGUAGE="ko"))
    english = html(client.get(url("agenda", "test-virtual"), HTTP_ACCEPT_LANGUAGE="en"))
    assert '<span class="muted">에이비엘바이오</span>' in korean
    assert f'<span class="muted">{organization.name}</span>' in english


def test_the_event_list_names_the_organiser_in_the_readers_language(client, world):
    world["event"].organizer.__class__.objects.filter(pk="kpbma").update(
        name_ko="한국제약바이오협회"
    )
    login(client, world["minseo"])
    # In its column, and under the event's name on a phone (where the column is hidden).
    korean = html(client.get("/events/", HTTP_ACCEPT_LANGUAGE="ko"))
    english = html(client.get("/events/", HTTP_ACCEPT_LANGUAGE="en"))
    assert [
        '<td class="wide-only">한국제약바이오협회</td>' in korean,
        "· 한국제약바이오협회</div>" in korean,
    ] == [True, True]
    assert ['<td class="wide-only">KPBMA</td>' in english, "· KPBMA</div>" in english] == [
        True,
        True,
    ]


def test_the_agenda_says_when_its_zone_is_not_the_accounts(client, world, scheduled):
    """The account page says meeting times follow its zone; an agenda keeps the zone of the
    event registration, so a reader who changed the account's zone is told, with the way."""
    emma = world["emma"]
    assert emma.timezone == "Europe/London"
    login(client, emma)
    emma.user.timezone = "Europe/London"
    emma.user.save()
    assert "zone-note" not in html(client.get(url("agenda", "test-virtual")))
    emma.user.timezone = "America/New_York"
    emma.user.save()
    page = html(client.get(url("agenda", "test-virtual")))
    assert "the time zone you registered with for this event" in page
    # Both zones as places, not as tz ids.
    assert "Times here are in United Kingdom, the time zone you registered" in page
    assert "your account's time zone is United States (New York)" in page
    assert "America/New_York" not in page and "#registration" in page
