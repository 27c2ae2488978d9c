"""Events obey their rules on the server: the request deadline, expiry by the periodic job
(once across workers), unguessable video rooms and their template, confirmed members only,
bounded numbers and dates, and refusals that carry their field (never shown as an identifier).
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.core.management import call_command
from django.utils import translation

from dari.core.errors import DomainError
from dari.core.forms import add_domain_error
from dari.events.domain.errors import EventError
from dari.events.domain.links import video_link
from dari.events.domain.requests import (
    accept_request,
    decline_request,
    request_meeting,
    withdraw_request,
)
from dari.events.domain.setup import register_participant, update_event
from dari.events.models import Event, Meeting, MeetingRequest, PeriodicTick, RequestStatus
from dari.events.periodic import JOBS, enqueue_due
from dari.web.events.forms import EventForm, RequestForm
from tests.events.factories import make_event, person
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Messages are compared in English, whatever language an earlier test left active."""
    with translation.override("en"):
        yield


IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
NOW = dt.datetime.now(dt.UTC).replace(microsecond=0)


@pytest.fixture
def pair(db):
    event = make_event(request_deadline=NOW + dt.timedelta(days=1))
    seoul = person(event, "minseo", "ablbio", "Asia/Seoul")
    london = person(event, "emma", "gsk", "Europe/London")
    return event, seoul, london


def refusal(call) -> tuple[str | None, str, str]:
    with pytest.raises(EventError) as raised:
        call()
    return raised.value.field, raised.value.code, raised.value.message


# The deadline is the domain's rule ------------------------------------------------------------


@pytest.mark.parametrize("answer", ["accept", "decline", "withdraw"])
def test_answers_after_the_request_deadline_are_refused(pair, answer):
    event, seoul, london = pair
    req = request_meeting(seoul, target=london)
    act = {
        "accept": lambda: accept_request(req.pk, london),
        "decline": lambda: decline_request(req.pk, london, "no"),
        "withdraw": lambda: withdraw_request(req.pk, seoul),
    }[answer]
    with time_machine.travel(event.request_deadline + dt.timedelta(minutes=1), tick=False):
        field, code, message = refusal(act)
    deadline = f"{event.request_deadline:%Y-%m-%d %H:%M}"
    assert (field, code, message) == (
        None,
        "deadline_passed",
        f"the request deadline ({deadline} UTC) has passed",
    )
    req.refresh_from_db()
    assert (req.status, Meeting.objects.count()) == (RequestStatus.PENDING, 0)


def test_the_periodic_job_expires_requests_once_across_workers(pair, settings):
    settings.TASKS = IMMEDIATE
    event, seoul, london = pair
    req = request_meeting(seoul, target=london)
    later = event.request_deadline + dt.timedelta(minutes=1)
    with time_machine.travel(later, tick=False):
        # Two workers wake up in the same tick: one claims it, the other skips it.
        assert (enqueue_due(), enqueue_due()) == ([job.name for job in JOBS], [])
    req.refresh_from_db()
    assert req.status == RequestStatus.EXPIRED
    claimed = PeriodicTick.objects.order_by("pk").values_list("job", flat=True)
    assert list(claimed) == [job.name for job in JOBS]
    with time_machine.travel(later + JOBS[0].every, tick=False):
        out = io.StringIO()
        call_command("periodic", "--once", stdout=out)
    assert out.getvalue().splitlines()[0] == "enqueued expire-requests"


def test_expiry_leaves_requests_of_events_still_open(pair, settings):
    settings.TASKS = IMMEDIATE
    event, seoul, london = pair
    req = request_meeting(seoul, target=london)
    enqueue_due()
    req.refresh_from_db()
    assert req.status == RequestStatus.PENDING


# Video rooms ----------------------------------------------------------------------------------


def test_each_meeting_has_an_unguessable_room_in_its_link(pair):
    event, seoul, london = pair
    update_event(event, video_url_template="https://meet.jit.si/dari-{room}")
    a = accept_request(request_meeting(seoul, target=london).pk, london)
    third = person(event, "li", "wuxi", "Asia/Shanghai")
    b = accept_request(request_meeting(third, target=london).pk, london)
    a, b = Meeting.objects.get(pk=a.pk), Meeting.objects.get(pk=b.pk)
    assert (video_link(a), video_link(b)) == (
        f"https://meet.jit.si/dari-{a.room}",
        f"https://meet.jit.si/dari-{b.room}",
    )
    assert (len(a.room) >= 22, a.room != b.room, str(a.pk) in video_link(a).split("-")) == (
        True,
        True,
        False,
    )


@pytest.mark.parametrize(
    "template, message",
    [
        ("javascript:alert(1)//{room}", "The video link template must be an http:// or https:// address."),
        ("https://meet.example.org/{meeting}", "Unknown placeholder {meeting}: use {room}, {event} or {uid}."),
        ("https://meet.example.org/{room", "Unknown placeholder {: use {room}, {event} or {uid}."),
        ("https://meet.example.org/dari", "The video link template needs {room}, so that each meeting has its own room."),
    ],
)  # fmt: skip
def test_a_video_template_must_be_http_with_known_placeholders(pair, template, message):
    event = pair[0]
    assert refusal(lambda: update_event(event, video_url_template=template)) == (
        "video_url_template",
        "invalid",
        message,
    )
    event.refresh_from_db()
    assert event.video_url_template == "https://video.example.org/{event}-{room}"


# Only confirmed members reach people ----------------------------------------------------------


def test_an_account_that_is_not_a_confirmed_member_neither_registers_nor_requests(pair):
    event, seoul, london = pair
    outsider = UserFactory(username="bare", is_active=False)
    assert refusal(lambda: register_participant(event, outsider, "Asia/Seoul")) == (
        None,
        "forbidden",
        "Only confirmed members of an organisation can register for events.",
    )
    seoul.user.is_active = False
    seoul.user.save()
    seoul.refresh_from_db()
    assert refusal(lambda: request_meeting(seoul, target=london)) == (
        None,
        "forbidden",
        "Only confirmed members of an organisation can request meetings.",
    )
    assert MeetingRequest.objects.count() == 0


def test_a_request_message_has_a_length_limit(pair):
    event, seoul, london = pair
    assert refusal(lambda: request_meeting(seoul, target=london, message="x" * 2001)) == (
        "message",
        "max_length",
        "The message is too long (at most 2000 characters).",
    )
    assert request_meeting(seoul, target=london, message="x" * 2000).message == "x" * 2000
    form = RequestForm(MeetingRequest.objects.none(), {"message": "x" * 2001, "priority": "2"})
    assert (form.is_valid(), list(form.errors)) == (False, ["message"])


# Numbers and dates of an event ----------------------------------------------------------------


def event_data(**changes):
    data = {
        "name": "Big",
        "slug": "big",
        "mode": "in_person",
        "timezone": "Asia/Seoul",
        "start_date": "2026-03-10",
        "end_date": "2026-03-11",
        "meeting_minutes": "30",
        "day_start": "09:00",
        "day_end": "18:00",
        "tables": "10",
        "max_pending_requests": "20",
        "video_url_template": "",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    "changes, errors",
    [
        ({"tables": str(2**31)}, {"tables": ["Ensure this value is less than or equal to 1000."]}),
        ({"tables": "0"}, {"tables": ["Ensure this value is greater than or equal to 1."]}),
        (
            {"max_pending_requests": str(2**63)},
            {"max_pending_requests": ["Ensure this value is less than or equal to 1000."]},
        ),
        (
            {"meeting_minutes": str(2**31)},
            {"meeting_minutes": ["Ensure this value is less than or equal to 240."]},
        ),
        ({"end_date": "2026-03-09"}, {"end_date": ["the last day is before the first day"]}),
        ({"day_end": "08:00"}, {"day_end": ["the sessions end before they start"]}),
    ],
)
def test_the_event_form_refuses_out_of_range_numbers_and_reversed_times(changes, errors):
    form = EventForm(event_data(**changes))
    assert (form.is_valid(), form.errors) == (False, errors)


def test_the_domain_refuses_them_too_naming_the_field(pair):
    event = pair[0]
    assert refusal(lambda: update_event(event, max_pending_requests=2**31)) == (
        "max_pending_requests",
        "out_of_range",
        "Enter a whole number from 1 to 1000.",
    )
    assert refusal(lambda: update_event(event, day_start=dt.time(18), day_end=dt.time(9))) == (
        "day_end",
        "invalid",
        "the sessions end before they start",
    )
    event.refresh_from_db()
    assert (event.max_pending_requests, event.day_start) == (20, dt.time(9))


def test_an_event_that_ends_before_it_starts_is_refused_on_the_page(client, pair):
    from dari.accounts.models import Role

    organiser = UserFactory(username="boss", role=Role.ORGANISER)
    client.force_login(organiser)
    response = client.post("/events/new", event_data(end_date="2026-03-01", tables="99999999999"))
    assert (response.status_code, response.context["form"].errors) == (
        200,
        {
            "end_date": ["the last day is before the first day"],
            "tables": ["Ensure this value is less than or equal to 1000."],
        },
    )
    assert Event.objects.filter(slug="big").count() == 0


# Refusals carry their field -------------------------------------------------------------------


def test_a_domain_error_goes_on_its_field_or_on_the_form_never_with_its_identifier():
    form = RequestForm(MeetingRequest.objects.none(), {"priority": "2"})
    assert form.is_valid()
    add_domain_error(form, EventError("too long", field="message"))
    add_domain_error(form, EventError("not you", field="target"))
    add_domain_error(form, DomainError("no"))
    assert (form.errors["message"], form.non_field_errors()) == (["too long"], ["not you", "no"])
    assert EventError("x", field="target").as_dict() == {
        "field": "target",
        "code": "invalid",
        "message": "x",
    }


def test_the_admin_refuses_a_script_video_template_too(pair):
    from django.core.exceptions import ValidationError

    event = pair[0]
    event.video_url_template = "javascript:alert(document.domain)//{room}"
    with pytest.raises(ValidationError) as raised:
        event.full_clean()
    assert raised.value.message_dict == {
        "video_url_template": ["The video link template must be an http:// or https:// address."]
    }
