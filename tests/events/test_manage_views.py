"""The organiser pages through the Django test client: creating and editing an event, the
console (optimiser runs polled with htmx, publishing, exports) and analytics."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.utils import timezone

from dari.events.domain.requests import accept_request, request_meeting
from dari.events.domain.schedule import cancel_meeting, schedule_event
from dari.events.models import (
    Event,
    Meeting,
    ScheduleRun,
)
from dari.ops.models import WorkerHeartbeat
from tests.events.pages import DUMMY, html, login, texts, url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("immediate_tasks")]


# Creating and editing events -----------------------------------------------------------------

EVENT_FORM = {
    "name": "BIO KOREA 2026 Partnering",
    "slug": "bio-korea-2026",
    "mode": "in_person",
    "timezone": "Asia/Seoul",
    "start_date": "2026-05-12",
    "end_date": "2026-05-13",
    "meeting_minutes": "30",
    "day_start": "09:00",
    "day_end": "17:00",
    "breaks": "12:00-13:00",
    "tables": "",
    "request_deadline": "2026-05-11T18:00",
    "max_pending_requests": "20",
    "video_url_template": "",
    "auto_schedule": "on",
}


def test_an_organiser_creates_an_event_and_domain_errors_land_on_the_form(client, world):
    login(client, world["organiser"])
    response = client.post(url("new"), EVENT_FORM)
    assert (response.status_code, texts(response, "errorlist")) == (
        200,
        ["an in-person event needs its number of tables"],
    )
    response = client.post(url("new"), {**EVENT_FORM, "tables": "40"})
    assert (response.status_code, response["Location"]) == (302, url("detail", "bio-korea-2026"))
    event = Event.objects.get(slug="bio-korea-2026")
    # Two days of 09:00-17:00 less a one-hour lunch: 14 slots a day.
    assert (event.slots.count(), event.organizer_id, event.breaks) == (
        28,
        "kpbma",
        [["12:00", "13:00"]],
    )
    assert event.request_deadline == dt.datetime(2026, 5, 11, 9, 0, tzinfo=dt.UTC)


def test_editing_an_event_keeps_slots_that_stay_and_refuses_to_drop_meetings(client, world):
    event = world["event"]
    login(client, world["organiser"])
    form = client.get(url("edit", "test-virtual")).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    first, third = event.start_date, event.start_date + dt.timedelta(days=2)
    data.update(
        breaks="",
        start_date=first.isoformat(),
        end_date=third.isoformat(),
        day_start="09:00",
        day_end="18:00",
        auto_schedule="",
    )
    kept = set(event.slots.values_list("pk", flat=True))
    response = client.post(url("edit", "test-virtual"), data)
    assert response.status_code == 302
    assert (event.slots.count(), kept <= set(event.slots.values_list("pk", flat=True))) == (
        144,
        True,
    )
    accept_request(request_meeting(world["minseo"], target=world["emma"]).pk, world["emma"])
    schedule_event(event.pk)
    meeting = Meeting.objects.get()
    when = meeting.slot.start.astimezone(dt.timezone(dt.timedelta(hours=9)))
    response = client.post(url("edit", "test-virtual"), {**data, "start_date": third.isoformat()})
    assert texts(response, "alert error") == [
        "the new dates, hours or meeting length remove the time of 1 meeting "
        f"({when:%Y-%m-%d %H:%M}, event time); keep that time, or have its participants move "
        "or cancel it first"
    ]
    assert event.slots.count() == 144
    # Once its participants cancel it, the change goes through (the refusal's own advice).
    cancel_meeting(meeting.pk, world["minseo"])
    response = client.post(url("edit", "test-virtual"), {**data, "start_date": third.isoformat()})
    assert response.status_code == 302
    assert event.slots.count() == 48
    assert Meeting.objects.get().slot is None


# Organiser console ---------------------------------------------------------------------------


def test_progress_polls_until_the_run_finishes_then_reloads_the_console(client, world, settings):
    settings.TASKS = DUMMY  # the job stays queued: no worker
    login(client, world["organiser"])
    client.post(url("run", "test-virtual"))
    run = ScheduleRun.objects.get()
    response = client.get(url("manage", "test-virtual"))
    assert f'hx-get="{url("run-status", "test-virtual", run.pk)}" hx-trigger="every 1s"' in html(
        response
    )
    response = client.get(url("run-status", "test-virtual", run.pk), HTTP_HX_REQUEST="true")
    # No worker has ever beaten: the organiser is told why the run waits, not left a spinner.
    assert (
        response.status_code,
        response.has_header("HX-Refresh"),
        texts(response, "muted")[0],
    ) == (
        200,
        False,
        "no background worker is running; the run starts once one does (dari db_worker)",
    )
    WorkerHeartbeat.objects.create(
        worker_id="w1", host="h", pid=1, started=timezone.now(), beat=timezone.now()
    )
    response = client.get(url("run-status", "test-virtual", run.pk), HTTP_HX_REQUEST="true")
    assert texts(response, "muted")[0] == ""
    schedule_event(world["event"].pk, run=run)
    response = client.get(url("run-status", "test-virtual", run.pk), HTTP_HX_REQUEST="true")
    assert (response["HX-Refresh"], "every 1s" in html(response)) == ("true", False)
    assert texts(response, "stat-n")[:2] == ["0", "0"]


def test_a_queued_run_reads_as_waiting_in_korean(client, world, settings):
    """'대기열' (the queue) read as a run's status; a queued run is '대기 중' (waiting)."""
    settings.TASKS = DUMMY
    login(client, world["organiser"])
    client.post(url("run", "test-virtual"))
    run = ScheduleRun.objects.get()
    client.cookies["django_language"] = "ko"
    response = client.get(url("run-status", "test-virtual", run.pk), HTTP_HX_REQUEST="true")
    assert texts(response, "tag status-queued") == ["대기 중"]
    assert texts(response, "muted")[0].startswith("실행 중인 백그라운드 작업자가 없습니다")


def test_publish_and_exports(client, world, scheduled):
    login(client, world["organiser"])
    response = client.post(url("publish", "test-virtual"), follow=True)
    assert texts(response, "message success") == [
        "The schedule is published: 1 meeting is confirmed."
    ]
    again = client.post(url("publish", "test-virtual"), follow=True)
    assert texts(again, "message success") == [
        "Nothing new to publish: every scheduled meeting was already confirmed."
    ]
    scheduled.refresh_from_db()
    assert scheduled.confirmed is True
    response = client.get(url("instance-json", "test-virtual"))
    doc = json.loads(response.content)
    assert (response["Content-Type"], len(doc["meetings"]), len(doc["slots"])) == (
        "application/json; charset=utf-8",
        1,
        96,
    )
    doc = json.loads(client.get(url("schedule-json", "test-virtual")).content)
    assert doc["assignments"] == [{"meeting": f"m{scheduled.pk}", "slot": str(scheduled.slot_id)}]


def test_analytics_page_has_a_chart_a_table_and_a_csv_for_each_view(client, world, scheduled):
    login(client, world["organiser"])
    response = client.get(url("analytics", "test-virtual"))
    assert response.status_code == 200
    assert [t["key"] for t in response.context["tables"]] == [
        "status",
        "cluster",
        "country",
        "modality",
        "funnel",
    ]
    assert html(response).count('<svg xmlns="http://www.w3.org/2000/svg"') == 5
    response = client.get(url("analytics", "test-virtual"), {"format": "csv", "table": "funnel"})
    assert (response["Content-Type"], response.content.decode("utf-8-sig")) == (
        "text/csv; charset=utf-8",
        "Stage,Meetings,Share of the stage before\r\n"
        "Meetings,1,\r\nCDA signed,0,0.0\r\nTerm sheet,0,\r\nDeal,0,\r\n",
    )
    response = client.get(url("analytics", "test-virtual"), {"format": "csv", "table": "country"})
    assert response.content.decode("utf-8-sig") == "Country,Meetings\r\nSouth Korea,1\r\n"
    assert (
        client.get(url("analytics", "test-virtual"), {"format": "csv", "table": "x"}).status_code
        == 404
    )


def test_a_yes_or_no_field_is_a_box_beside_its_label(client, world):
    login(client, world["organiser"])
    body = client.get(url("new")).content.decode()
    assert '<label class="check"><input type="checkbox" name="auto_schedule"' in body
    assert "<legend>" not in body


def test_a_console_without_accepted_meetings_does_not_claim_they_all_have_a_slot(client, world):
    login(client, world["organiser"])
    page = html(client.get(url("manage", "test-virtual")))
    assert "No meeting is accepted yet." in page
    assert "Every accepted meeting has a slot." not in page


def test_inviting_nobody_says_how_to_name_an_organisation(client, world):
    login(client, world["organiser"])
    response = client.post(url("invitation-add", "test-virtual"), {"organization": ""}, follow=True)
    assert texts(response, "message error") == [
        "Name the organisation to invite: its Korean or English name, or its id."
    ]
