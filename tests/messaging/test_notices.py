"""Event e-mails (request received, answered, scheduled, moved, cancelled) from templates in the
recipient's language and zone, with a link back, honouring preferences; every e-mail in Korean
has no English sentence outside names and data; a failed send is logged, not lost."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from dari.events.domain.requests import accept_request, decline_request, request_meeting
from dari.events.domain.schedule import cancel_meeting, publish_schedule, schedule_event
from dari.messaging.domain.notices import notify_schedule_changes
from dari.messaging.domain.outbox import send_due
from dari.messaging.domain.prefs import set_preferences
from dari.messaging.domain.threads import post_message
from tests.events.factories import person

pytestmark = pytest.mark.django_db

# Names and data that may stay in Latin letters in a Korean e-mail.
DATA = re.compile(
    r"https?://\S+|\[Dari\]|Minseo Park|Emma Clarke|Jihoon Lee|Ablbio|Gsk|Test Virtual Partnering"
    r"|Asia/Seoul|Europe/London|[\w.]+@[\w.]+|Hello|Tuesday\?"
)


def english_words(text):
    return re.findall(r"[A-Za-z]{3,}", DATA.sub("", text))


@pytest.fixture
def korean(world):
    for p in (world["minseo"], world["emma"], world["colleague"]):
        set_preferences(p.user, language="ko", reminder_minutes=15, off=[])


def test_every_email_in_korean_has_no_english_sentence(
    world, korean, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.DARI_BASE_URL = "https://dari.example.org"
    with django_capture_on_commit_callbacks(execute=True):
        request = request_meeting(world["minseo"], target=world["emma"], message="Hello")
    with django_capture_on_commit_callbacks(execute=True):
        post_message(world["emma"].user, request.pk, "Tuesday?")
    with django_capture_on_commit_callbacks(execute=True):
        meeting = accept_request(request.pk, world["emma"])
    with django_capture_on_commit_callbacks(execute=True):
        schedule_event(world["event"].pk)
        publish_schedule(world["event"].pk)
    notify_schedule_changes([meeting.pk], change="moved")
    meeting.refresh_from_db()
    send_due(meeting.slot.start - dt.timedelta(minutes=15))
    with django_capture_on_commit_callbacks(execute=True):
        cancel_meeting(meeting.pk, world["minseo"])
    with django_capture_on_commit_callbacks(execute=True):
        other = request_meeting(world["emma"], target=world["minseo"], message="Hello")
    with django_capture_on_commit_callbacks(execute=True):
        decline_request(other.pk, world["minseo"], "")
    kinds = [m.subject for m in mailoutbox]
    # request, message, answer, scheduled x2, moved x2, reminder x2, cancelled x2, request,
    # answer
    assert len(kinds) == 13
    for mail in mailoutbox:
        assert (mail.subject, english_words(mail.subject + "\n" + mail.body)) == (mail.subject, [])
        assert "https://dari.example.org/" in mail.body
        assert "https://dari.example.org/messages/preferences" in mail.body


def test_request_and_answer_mails_in_each_recipients_language(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    set_preferences(world["emma"].user, language="ko", reminder_minutes=15, off=[])
    with django_capture_on_commit_callbacks(execute=True):
        request = request_meeting(world["minseo"], target=world["emma"], message="Hello")
    with django_capture_on_commit_callbacks(execute=True):
        accept_request(request.pk, world["emma"])
    assert [(m.to[0], m.subject) for m in mailoutbox] == [
        ("emma@example.org", "[Dari] Minseo Park (Ablbio) 님의 미팅 요청"),
        ("minseo@example.org", "[Dari] Your meeting request was accepted"),
    ]
    assert f"http://127.0.0.1:8000/messages/{request.pk}/" in mailoutbox[0].body


def test_a_request_to_an_organisation_is_mailed_to_its_participants_only(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        request_meeting(world["emma"], organization_id="ablbio", message="Hi ABL")
    assert sorted(m.to[0] for m in mailoutbox) == ["jihoon@example.org", "minseo@example.org"]


def test_schedule_mails_honour_each_kind(world, scheduled, mailoutbox):
    set_preferences(world["emma"].user, language="en", reminder_minutes=15, off=["meeting_moved"])
    notify_schedule_changes([scheduled.pk], change="moved")
    notify_schedule_changes([scheduled.pk], change="scheduled")
    assert sorted((m.to[0], m.subject.split(":")[0]) for m in mailoutbox) == [
        ("emma@example.org", "[Dari] Meeting with Minseo Park (Ablbio)"),
        ("minseo@example.org", "[Dari] Meeting with Emma Clarke (Gsk)"),
        ("minseo@example.org", "[Dari] Meeting with Emma Clarke (Gsk) moved"),
    ]


def test_a_failed_event_mail_is_logged_and_the_change_stands(
    world, mailoutbox, caplog, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.messaging.broken_mail.Backend"
    with django_capture_on_commit_callbacks(execute=True):
        request = request_meeting(world["minseo"], target=world["emma"], message="Hello")
    assert request.pk is not None
    assert [r.getMessage() for r in caplog.records] == [
        f"could not send the request_received e-mail to user {world['emma'].user_id}"
    ]


def test_a_cancelled_meeting_does_not_change_the_kind_of_the_next_one(world, scheduled, mailoutbox):
    hana = person(
        world["event"], "hana", "celltrion", "Asia/Seoul", first_name="Hana", last_name="Yoon"
    )
    second = accept_request(request_meeting(hana, target=world["emma"]).pk, world["emma"])
    cancel_meeting(scheduled.pk, world["minseo"])
    set_preferences(
        world["emma"].user, language="en", reminder_minutes=15, off=["meeting_cancelled"]
    )
    notify_schedule_changes([scheduled.pk, second.pk], change="scheduled")
    assert sorted((m.to[0], m.subject) for m in mailoutbox) == [
        ("emma@example.org", "[Dari] Meeting with Hana Yoon (Celltrion) not scheduled yet"),
        ("hana@example.org", "[Dari] Meeting with Emma Clarke (Gsk) not scheduled yet"),
        ("minseo@example.org", "[Dari] Meeting with Emma Clarke (Gsk) cancelled"),
    ]
