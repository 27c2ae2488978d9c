"""The partnering flow in a real browser: Minseo (Seoul) requests a meeting with Emma (London),
Emma accepts, the organiser runs the optimiser (a background job whose progress the console
polls), both agendas show the meeting in each party's local time, and the .ics downloads."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from dari.accounts.models import Role
from dari.events.domain.followup import report_outcome
from dari.events.domain.requests import accept_request, decline_request, request_meeting
from dari.events.domain.setup import create_event, register_participant
from dari.events.models import Meeting, MeetingStatus, RunStatus, ScheduleRun
from tests.browser.conftest import screenshot
from tests.events.factories import event_days
from tests.factories import AssetFactory, ClusterFactory, OrganizationFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

KST = dt.timezone(dt.timedelta(hours=9), "KST")
LONDON = ZoneInfo("Europe/London")
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _people(event, org, tz, names, hours=("08:00", "18:00")):
    out = []
    for first, last in names:
        user = UserFactory(
            username=f"{first.lower()}-{last.lower()}",
            first_name=first,
            last_name=last,
            organization=org,
            timezone=tz,
        )
        out.append(
            register_participant(
                event, user, tz, dt.time.fromisoformat(hours[0]), dt.time.fromisoformat(hours[1])
            )
        )
    return out


@pytest.fixture
def fair(settings):
    """A virtual Seoul-London-Boston event with a few earlier requests, for fuller pages."""
    settings.TASKS = DB_TASKS
    pangyo = ClusterFactory(id="cl-pangyo", name="Pangyo Techno Valley", name_ko="판교")
    songdo = ClusterFactory(id="cl-songdo", name="Songdo Bio Cluster", name_ko="송도")
    kpbma = OrganizationFactory(id="kpbma", name="KPBMA", kind="association")
    abl = OrganizationFactory(
        id="abl-bio", name="ABL Bio", name_ko="에이비엘바이오", cluster=pangyo
    )
    celltrion = OrganizationFactory(id="celltrion", name="Celltrion", cluster=songdo)
    alteogen = OrganizationFactory(id="alteogen", name="Alteogen", cluster=pangyo)
    gsk = OrganizationFactory(id="gsk", name="GSK", country="GB", kind="pharma")
    az = OrganizationFactory(id="astrazeneca", name="AstraZeneca", country="GB", kind="pharma")
    pfizer = OrganizationFactory(id="pfizer", name="Pfizer", country="US", kind="pharma")
    AssetFactory(
        id="as-abl-bispecific", organization=abl, name="ABL111", modality="bispecific_antibody"
    )
    enzyme = AssetFactory(
        id="as-alt-b4", organization=alteogen, name="ALT-B4", modality="protein_peptide"
    )
    event = create_event(
        slug="seoul-london-2026",
        name="Korea–UK Virtual Partnering 2026",
        description="One-to-one meetings between Korean biotechs and UK and US partners.",
        mode="virtual",
        timezone="Asia/Seoul",
        start_date=event_days()[0],
        end_date=event_days()[1],
        meeting_minutes=30,
        auto_schedule=False,
        video_url_template="https://meet.example.org/{event}-{room}",
        organizer=kpbma,
    )
    (minseo,) = _people(event, abl, "Asia/Seoul", [("Minseo", "Park")], ("08:00", "21:00"))
    (emma,) = _people(event, gsk, "Europe/London", [("Emma", "Clarke")])
    (hyejin,) = _people(event, celltrion, "Asia/Seoul", [("Hyejin", "Kim")], ("08:00", "21:00"))
    (sora,) = _people(event, alteogen, "Asia/Seoul", [("Sora", "Choi")], ("08:00", "21:00"))
    (oliver,) = _people(event, az, "Europe/London", [("Oliver", "Hughes")])
    (john,) = _people(event, pfizer, "America/New_York", [("John", "Miller")], ("09:00", "17:00"))
    earlier = [
        accept_request(
            request_meeting(sora, target=oliver, asset_id=enzyme.pk, priority=3).pk, oliver
        ),
        accept_request(request_meeting(hyejin, target=emma).pk, emma),
        accept_request(request_meeting(minseo, target=oliver).pk, oliver),
        accept_request(request_meeting(john, target=hyejin).pk, hyejin),  # no overlap
    ]
    decline_request(request_meeting(john, target=sora).pk, sora, "Not in our focus this year")
    request_meeting(oliver, target=hyejin)
    organiser = UserFactory(
        username="organiser",
        first_name="Jiwoo",
        last_name="Han",
        organization=kpbma,
        role=Role.ORGANISER,
        timezone="Asia/Seoul",
    )
    return {
        "event": event,
        "minseo": minseo,
        "emma": emma,
        "organiser": organiser,
        "earlier": earlier,
    }


def _times(page, selector: str) -> list[str]:
    return [" ".join(t.split()) for t in page.locator(selector).all_inner_texts()]


def test_request_accept_schedule_agendas_and_ics(open_as, live_server, fair):
    base = f"{live_server.url}/events/seoul-london-2026"
    minseo, emma = fair["minseo"], fair["emma"]

    # Minseo asks Emma for a meeting from the participants directory.
    page = open_as(minseo.user)
    page.goto(f"{base}/")
    screenshot(page, "event-detail-en.png")
    page.locator("tr", has_text="Emma Clarke").get_by_role("link", name="Request a meeting").click()
    page.get_by_label("Message").fill("Our bispecific ABL111 fits your immuno-oncology pipeline.")
    page.get_by_label("About an asset").select_option(label="ABL111")
    page.get_by_label("Priority").select_option(label="High")
    page.get_by_role("button", name="Send the request").click()
    page.wait_for_url(f"{base}/requests")
    assert _times(page, "li.request:has-text('Emma Clarke') .status-tag") == ["Pending"]

    # Emma accepts it.
    emma_page = open_as(emma.user)
    emma_page.goto(f"{base}/requests")
    screenshot(emma_page, "event-requests-en.png")
    request_item = emma_page.locator("li.request", has_text="Minseo Park")
    assert "ABL111" in request_item.inner_text()
    request_item.get_by_role("button", name="Accept").click()
    emma_page.wait_for_url(f"{base}/requests")
    assert _times(emma_page, ".message.success") == ["You accepted the meeting."]

    # The organiser runs the optimiser: a queued background job whose progress the console
    # polls every second; a worker picks it up and the console reloads with the statistics.
    console = open_as(fair["organiser"])
    console.goto(f"{base}/manage")
    console.get_by_role("button", name="Run the optimiser").click()
    console.wait_for_url(re.compile(r".*/manage#run-\d+$"))
    assert console.locator(".run-status .tag").inner_text() == "Queued"
    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)
    console.wait_for_selector(".run-status.run-done", timeout=20_000)
    run = ScheduleRun.objects.get()
    assert (run.status, run.scheduled, run.unscheduled) == (RunStatus.DONE, 4, 1)
    assert _times(console, ".run-stats .stat-n")[:2] == ["4", "1"]
    assert console.locator("text=no slot in which John Miller (Pfizer) and Hyejin Kim").count() == 1
    screenshot(console, "event-manage-en.png")

    meeting = Meeting.objects.get(request__requester=minseo, request__target=emma)
    assert meeting.status == MeetingStatus.SCHEDULED
    start = meeting.slot.start
    seoul = start.astimezone(KST)
    london = start.astimezone(LONDON)
    gmt = london.tzname()  # GMT or BST, as the event's day falls
    end = seoul + dt.timedelta(minutes=30)

    # Minseo sees it in Seoul time with Emma's London time beside it, and the video link.
    page.goto(f"{base}/agenda")
    card = page.locator(".meeting-card", has_text="Emma Clarke")
    assert _times(page, ".meeting-card:has-text('Emma Clarke') .my-time") == [
        f"{seoul:%H:%M}–{end:%H:%M} KST"
    ]
    assert _times(page, ".meeting-card:has-text('Emma Clarke') .their-time") == [
        f"{london:%H:%M} {gmt} for Emma Clarke"
    ]
    assert card.get_by_role("link", name="Join the video call").get_attribute("href") == (
        f"https://meet.example.org/seoul-london-2026-{meeting.room}"
    )
    screenshot(page, "event-agenda-en.png")

    # …and Emma in London time with Minseo's Seoul time.
    emma_page.goto(f"{base}/agenda")
    assert _times(emma_page, ".meeting-card:has-text('Minseo Park') .my-time") == [
        f"{london:%H:%M}–{london + dt.timedelta(minutes=30):%H:%M} {gmt}"
    ]
    assert _times(emma_page, ".meeting-card:has-text('Minseo Park') .their-time") == [
        f"{seoul:%H:%M} KST for Minseo Park"
    ]

    # The .ics downloads and holds the meeting at its instant.
    with page.expect_download() as info:
        page.get_by_role("link", name="Download .ics").click()
    content = Path(info.value.path()).read_bytes()
    events = icalendar.Calendar.from_ical(content).walk("VEVENT")
    assert [
        (str(e["uid"]), e.decoded("dtstart")) for e in events if "Emma" in str(e["summary"])
    ] == [(f"{meeting.uid}@dari", start)]
    assert info.value.suggested_filename == "seoul-london-2026.ics"

    # The same agenda in Korean.
    page.get_by_role("button", name="한국어").click()
    page.wait_for_selector("html[lang=ko]")
    screenshot(page, "event-agenda-ko.png")


def test_availability_grid_blocks_a_slot_with_htmx(open_as, live_server, fair):
    emma = fair["emma"]
    page = open_as(emma.user)
    page.goto(f"{live_server.url}/events/seoul-london-2026/availability")
    headings = _times(page, ".slot-grid thead th")
    # The grid's heading is London's abbreviation now (GMT or BST).
    assert headings[0] == dt.datetime.now(LONDON).tzname()
    cell = page.locator(".slot-grid td.available button").nth(4)
    cell.click()
    page.wait_for_selector(".slot-grid td.blocked button[aria-pressed=true]")
    assert emma.blocked_slots.count() == 1
    assert page.url.endswith("/availability")  # swapped in place, no reload
    page.locator(".slot-grid td.available button").nth(9).click()
    # A locator wait, not wait_for_function: the Content-Security-Policy forbids eval.
    expect(page.locator(".slot-grid td.blocked")).to_have_count(2)
    screenshot(page, "event-availability-en.png")


def test_analytics_charts_render(open_as, live_server, fair):
    from dari.events.domain.schedule import schedule_event

    event = fair["event"]
    schedule_event(event.pk)
    first, second, third = fair["earlier"][:3]
    report_outcome(first.pk, first.seats.first().participant, "cda_signed")
    report_outcome(first.pk, first.seats.last().participant, "term_sheet")
    report_outcome(second.pk, second.seats.first().participant, "cda_signed")
    report_outcome(third.pk, third.seats.first().participant, "no_interest")
    page = open_as(fair["organiser"])
    page.goto(f"{live_server.url}/events/seoul-london-2026/analytics")
    assert page.locator("figure.chart svg").count() == 5
    assert _times(page, ".stats .stat-n") == ["6", "80.0%", "4", "75.0%", "0"]
    with page.expect_download() as info:
        page.locator("#funnel").get_by_role("link", name="CSV").click()
    assert Path(info.value.path()).read_bytes().decode("utf-8-sig") == (
        "Stage,Meetings,Share of the stage before\r\n"
        "Meetings,3,\r\nCDA signed,2,0.6667\r\nTerm sheet,1,0.5\r\nDeal,0,0.0\r\n"
    )
    screenshot(page, "event-analytics-en.png")
