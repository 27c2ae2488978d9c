"""Request → accept → schedule → calendar, through the domain functions."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest
from django.utils import translation

from dari.events.domain.calendar import participant_calendar
from dari.events.domain.errors import EventError
from dari.events.domain.reasons import reason_texts
from dari.events.domain.requests import accept_request, decline_request, request_meeting
from dari.events.domain.schedule import (
    cancel_meeting,
    export_instance,
    publish_schedule,
    schedule_event,
)
from dari.events.models import MeetingStatus, RunStatus
from tests.events.factories import make_event, person

pytestmark = pytest.mark.django_db


def test_a_seoul_london_meeting_lands_in_their_narrow_overlap():
    event = make_event()
    seoul = person(event, "minseo", "kbio", "Asia/Seoul", "08:00", "21:00")
    london = person(event, "emma", "ukpharma", "Europe/London", "08:00", "18:00")
    req = request_meeting(seoul, target=london, message="ADC partnering")
    meeting = accept_request(req.pk, london)
    run = schedule_event(event.pk)
    assert run.status == RunStatus.DONE
    assert (run.scheduled, run.unscheduled) == (1, 0)
    meeting.refresh_from_db()
    start = meeting.slot.start
    seoul_local = start.astimezone(dt.timezone(dt.timedelta(hours=9)))
    assert meeting.status == MeetingStatus.SCHEDULED
    # Seoul works until 21:00 KST (12:00 UTC); London from 08:00 GMT: overlap 08:00-12:00 UTC.
    assert dt.time(8) <= start.time() < dt.time(12)
    assert dt.time(17) <= seoul_local.time() < dt.time(21)
    assert run.stats["bound"] >= run.stats["weight"] == 2.0


def test_no_overlap_gets_a_reason_naming_both_people():
    event = make_event()
    seoul = person(
        event,
        "minseo",
        "kbio",
        "Asia/Seoul",
        "09:00",
        "18:00",
        first_name="Minseo",
        last_name="Park",
    )
    boston = person(
        event,
        "john",
        "uspharma",
        "America/New_York",
        "09:00",
        "17:00",
        first_name="John",
        last_name="Doe",
    )
    meeting = accept_request(request_meeting(seoul, target=boston).pk, boston)
    schedule_event(event.pk)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.UNSCHEDULED
    # Stored as a code with its parameters, read in the reader's language.
    assert meeting.unscheduled_reason == {
        "code": "no_common_slot",
        "who": [f"p{seoul.pk}", f"p{boston.pk}"],
        "lonely": [],
    }
    assert reason_texts([meeting], "Asia/Seoul") == {
        meeting.pk: "There is no slot in which Minseo Park (Kbio) and John Doe (Uspharma) are all "
        "available."
    }
    with translation.override("ko"):
        assert reason_texts([meeting], "Asia/Seoul") == {
            meeting.pk: "Minseo Park (Kbio) 및 John Doe (Uspharma) 모두가 참석할 수 있는 시간대가 "
            "없습니다."
        }


def test_confirmed_meetings_never_move_when_new_requests_arrive():
    event = make_event()
    a = person(event, "a", "org-a", "Europe/London", "09:00", "10:00")
    b = person(event, "b", "org-b", "Europe/London", "09:00", "10:00")
    c = person(event, "c", "org-c", "Europe/London", "09:00", "10:00")
    m1 = accept_request(request_meeting(a, target=b).pk, b)
    schedule_event(event.pk)
    publish_schedule(event.pk)
    m1.refresh_from_db()
    before = (m1.slot_id, m1.sequence)
    m2 = accept_request(request_meeting(c, target=a, priority=3).pk, a)
    schedule_event(event.pk)
    m1.refresh_from_db()
    m2.refresh_from_db()
    assert (m1.slot_id, m1.sequence) == before
    assert m2.status == MeetingStatus.SCHEDULED
    assert m2.slot_id != m1.slot_id


def test_calendar_parses_and_cancellation_raises_the_sequence():
    event = make_event()
    seoul = person(event, "minseo", "kbio", "Asia/Seoul", "08:00", "21:00")
    london = person(event, "emma", "ukpharma", "Europe/London", "08:00", "18:00")
    meeting = accept_request(request_meeting(seoul, target=london).pk, london)
    schedule_event(event.pk)
    cal = icalendar.Calendar.from_ical(participant_calendar(seoul))
    (vevent,) = cal.walk("VEVENT")
    meeting.refresh_from_db()
    assert str(vevent["uid"]) == f"{meeting.uid}@dari"
    assert vevent.decoded("dtstart") == meeting.slot.start
    assert str(vevent["status"]) == "CONFIRMED"
    assert str(vevent["location"]) == f"https://video.example.org/test-virtual-{meeting.room}"
    seq = int(vevent["sequence"])
    cancel_meeting(meeting.pk, seoul)
    (cancelled,) = icalendar.Calendar.from_ical(participant_calendar(london)).walk("VEVENT")
    assert str(cancelled["uid"]) == f"{meeting.uid}@dari"
    assert (str(cancelled["status"]), int(cancelled["sequence"])) == ("CANCELLED", seq + 1)


def test_request_rules_give_clear_errors():
    event = make_event(max_pending_requests=1)
    a = person(event, "a", "org-a", "Europe/London")
    b = person(event, "b", "org-b", "Europe/London")
    c = person(event, "c", "org-c", "Europe/London")
    request_meeting(a, target=b)
    with pytest.raises(EventError, match="you already have 1 pending requests"):
        request_meeting(a, target=c)
    with pytest.raises(EventError, match="your own organisation"):
        request_meeting(b, organization_id="org-b")
    req = request_meeting(c, organization_id="org-b")
    with pytest.raises(EventError, match="only a participant of the requested organisation"):
        accept_request(req.pk, a)
    decline_request(req.pk, b, "not our area")
    with pytest.raises(EventError, match="already declined"):
        accept_request(req.pk, b)


def test_export_instance_is_a_valid_partnering_schedule():
    from dari.scheduling.validate import load_instance

    event = make_event()
    a = person(event, "a", "org-a", "Asia/Seoul")
    b = person(event, "b", "org-b", "Europe/Berlin")
    accept_request(request_meeting(a, target=b).pk, b)
    doc = export_instance(event)
    instance = load_instance(doc)
    assert (len(instance.meetings), len(instance.participants), len(instance.slots)) == (1, 2, 96)


def test_a_calendar_does_not_reveal_the_other_side_s_e_mail_address():
    """Nothing else shows a participant the other side's address (the subscription feed needs
    only its secret link): the .ics names them, and lists only its owner's own address."""
    event = make_event()
    seoul = person(event, "minseo", "kbio", "Asia/Seoul", "08:00", "21:00")
    london = person(event, "emma", "ukpharma", "Europe/London", "08:00", "18:00")
    accept_request(request_meeting(seoul, target=london).pk, london)
    schedule_event(event.pk)
    ics = participant_calendar(seoul)
    assert london.user.email and london.user.email.encode() not in ics
    (vevent,) = icalendar.Calendar.from_ical(ics).walk("VEVENT")
    attendees = vevent.get("attendee")
    attendees = attendees if isinstance(attendees, list) else [attendees]
    assert [str(a) for a in attendees] == [f"mailto:{seoul.user.email}"]
    assert "emma" in str(vevent["summary"])
