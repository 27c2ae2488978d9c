"""Reminders before meetings and digests of waiting requests: due at the right moment, in each
recipient's language and zone (with the other side's local time), never empty, never twice,
honouring preferences; the calendar carries the alarm; `dari notify --dry-run` shows them."""

from __future__ import annotations

import datetime as dt
import io
import json
from zoneinfo import ZoneInfo

import icalendar
import pytest
import time_machine
from django.core.management import call_command
from django.utils import formats, translation

from dari.accounts.domain.membership import do_confirm, remove_member
from dari.accounts.models import MembershipSource, Role
from dari.events.domain.calendar import participant_calendar
from dari.events.domain.requests import request_meeting
from dari.events.periodic import JOBS, enqueue_due
from dari.messaging.domain.mail import deliver_once
from dari.messaging.domain.outbox import due, send_due
from dari.messaging.domain.prefs import set_preferences
from dari.messaging.models import SentNotice
from tests.events.factories import person
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def local(moment, zone, language):
    with translation.override(language):
        return formats.date_format(moment.astimezone(ZoneInfo(zone)), "DATETIME_FORMAT")


@pytest.fixture
def korean_minseo(world):
    set_preferences(world["minseo"].user, language="ko", reminder_minutes=15, off=[])


def test_reminders_at_t_minus_15_in_each_language_and_zone(scheduled, korean_minseo, mailoutbox):
    start = scheduled.slot.start
    assert send_due(start - dt.timedelta(minutes=16)) == 0
    assert send_due(start - dt.timedelta(minutes=15)) == 2
    by_to = {m.to[0]: m for m in mailoutbox}
    ko, en = by_to["minseo@example.org"], by_to["emma@example.org"]
    assert ko.subject.startswith("[Dari] 곧 시작: ")
    assert f"일시: {local(start, 'Asia/Seoul', 'ko')} (대한민국)" in ko.body
    assert f"Emma Clarke (Gsk) 님 기준: {local(start, 'Europe/London', 'ko')} (영국)" in ko.body
    assert "https://video.example.org/test-virtual-" in ko.body
    assert "http://127.0.0.1:8000/events/test-virtual/agenda" in ko.body
    assert en.subject.startswith("[Dari] Soon: meeting with Minseo Park (Ablbio) at ")
    assert f"When: {local(start, 'Europe/London', 'en')} (United Kingdom)" in en.body
    assert f"For Minseo Park (Ablbio): {local(start, 'Asia/Seoul', 'en')} (South Korea)" in en.body
    # Later ticks before the meeting send nothing again; after it started, nothing either.
    assert send_due(start - dt.timedelta(minutes=5)) == 0
    assert send_due(start + dt.timedelta(minutes=1)) == 0
    assert len(mailoutbox) == 2


def test_each_person_chooses_the_reminder_time_and_may_turn_it_off(world, scheduled, mailoutbox):
    start = scheduled.slot.start
    set_preferences(world["emma"].user, language="en", reminder_minutes=60, off=[])
    set_preferences(world["minseo"].user, language="ko", reminder_minutes=15, off=["reminder"])
    assert send_due(start - dt.timedelta(minutes=60)) == 1
    assert send_due(start - dt.timedelta(minutes=15)) == 0
    assert [m.to for m in mailoutbox] == [["emma@example.org"]]


def test_a_moved_meeting_is_reminded_again(scheduled, mailoutbox):
    start = scheduled.slot.start
    assert send_due(start - dt.timedelta(minutes=10)) == 2
    later = scheduled.event.slots.filter(start__gt=start + dt.timedelta(hours=1)).first()
    scheduled.slot = later
    scheduled.save()
    assert send_due(later.start - dt.timedelta(minutes=10)) == 2


def test_two_racing_ticks_send_a_reminder_once(scheduled, mailoutbox):
    moment = scheduled.slot.start - dt.timedelta(minutes=15)
    planned = due(moment)
    first, second = send_due(moment), sum(deliver_once(o) for o in planned)
    assert (len(planned), first, second, len(mailoutbox), SentNotice.objects.count()) == (
        2,
        2,
        0,
        2,
        2,
    )


def test_a_failed_send_is_logged_and_tried_again(scheduled, mailoutbox, caplog, settings):
    moment = scheduled.slot.start - dt.timedelta(minutes=15)
    settings.EMAIL_BACKEND = "tests.messaging.broken_mail.Backend"
    assert send_due(moment) == 0
    users = sorted(p.user_id for p in scheduled.participants.all())
    assert sorted(r.getMessage() for r in caplog.records) == [
        f"could not send the reminder e-mail to user {uid}" for uid in users
    ]
    assert SentNotice.objects.count() == 0
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_due(moment) == 2


def test_periodic_jobs_include_reminders_and_digests_and_a_tick_is_enqueued_once(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    names = [j.name for j in JOBS]
    assert ["send-reminders", "send-digests"] == [n for n in names if n.startswith("send-")]
    now = dt.datetime(2026, 3, 10, 0, 0, tzinfo=dt.UTC)
    first = enqueue_due(now)
    second = enqueue_due(now)
    assert ("send-reminders" in first, "send-digests" in first, second) == (True, True, [])


def test_a_digest_is_never_sent_empty(world, mailoutbox):
    with time_machine.travel(dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC), tick=False):
        assert due(dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)) == []
        assert send_due(dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)) == 0
    assert mailoutbox == []


def test_daily_digest_in_the_recipients_morning_once_a_day(world, korean_minseo, mailoutbox):
    request_meeting(world["emma"], target=world["minseo"], message="Interested in ABL301")
    # 07:30 in Seoul: not yet; 08:00: the digest; later the same day: nothing more.
    assert send_due(dt.datetime(2026, 3, 1, 7, 30, tzinfo=ZoneInfo("Asia/Seoul"))) == 0
    assert send_due(dt.datetime(2026, 3, 1, 8, 0, tzinfo=ZoneInfo("Asia/Seoul"))) == 1
    assert send_due(dt.datetime(2026, 3, 1, 20, 0, tzinfo=ZoneInfo("Asia/Seoul"))) == 0
    [mail] = mailoutbox
    assert (mail.to, mail.subject) == (["minseo@example.org"], "[Dari] 답변을 기다리는 요청 1건")
    assert "- Emma Clarke (Gsk): Interested in ABL301" in mail.body
    assert "http://127.0.0.1:8000/events/test-virtual/requests" in mail.body
    assert send_due(dt.datetime(2026, 3, 2, 8, 0, tzinfo=ZoneInfo("Asia/Seoul"))) == 1


def test_a_digest_48_hours_before_the_request_deadline(world, mailoutbox):
    event = world["event"]
    event.request_deadline = dt.datetime(2026, 3, 9, 9, 0, tzinfo=dt.UTC)
    event.save()
    with time_machine.travel(dt.datetime(2026, 3, 1, tzinfo=dt.UTC), tick=False):
        request_meeting(world["minseo"], target=world["emma"], message="Before the deadline?")
    set_preferences(world["emma"].user, language="en", reminder_minutes=15, off=[])
    # 04:00 in London: no daily digest yet, and the deadline is more than 48 hours away.
    assert send_due(dt.datetime(2026, 3, 7, 4, 0, tzinfo=dt.UTC)) == 0
    assert send_due(dt.datetime(2026, 3, 7, 9, 0, tzinfo=dt.UTC)) == 2
    subjects = sorted(m.subject for m in mailoutbox)
    assert subjects == [
        "[Dari] 1 request waits for your answer",
        "[Dari] 1 request waits for your answer before the deadline",
    ]
    assert send_due(dt.datetime(2026, 3, 8, 7, 0, tzinfo=dt.UTC)) == 0


def test_a_member_who_moved_gets_no_digest_of_the_old_registrations_requests(world, mailoutbox):
    """Emma registered for GSK; confirmed at another organisation now, the requests waiting for
    GSK's answer (the requester, their message) no longer reach her in the digest, as they no
    longer reach her threads (`represents`); before, the digest asked only for a vetted member."""
    request_meeting(world["minseo"], target=world["emma"], message="Interested in ABL301")
    gsk = world["emma"].organization_id
    sam = person(world["event"], "sam", "samsung", "Asia/Seoul")
    request_meeting(sam, organization_id=gsk, message="Anyone at GSK?")
    emma = world["emma"].user
    admin = UserFactory(username="root2", role=Role.PLATFORM_ADMIN, organization=None)
    remove_member(emma.organization, emma.pk, admin)
    elsewhere = UserFactory(username="elsewhere").organization
    do_confirm(emma, elsewhere, MembershipSource.PLATFORM_ADMIN, admin)
    assert send_due(dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)) == 0
    assert mailoutbox == []


def test_the_digest_preference_is_honoured(world, mailoutbox):
    request_meeting(world["minseo"], target=world["emma"], message="Hello")
    set_preferences(world["emma"].user, language="en", reminder_minutes=15, off=["digest"])
    assert send_due(dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)) == 0


def test_the_calendar_carries_an_alarm(scheduled, world):
    cal = icalendar.Calendar.from_ical(participant_calendar(world["minseo"], 30))
    [event] = cal.walk("VEVENT")
    [alarm] = event.walk("VALARM")
    assert (str(alarm["action"]), alarm["trigger"].dt) == ("DISPLAY", dt.timedelta(minutes=-30))


def test_the_calendar_feed_uses_the_persons_reminder_time(scheduled, world, client):
    set_preferences(world["emma"].user, language="en", reminder_minutes=60, off=[])
    response = client.get(f"/events/calendar/{world['emma'].calendar_token}.ics")
    [event] = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert event.walk("VALARM")[0]["trigger"].dt == dt.timedelta(hours=-1)


def test_dry_run_prints_what_would_be_sent_and_sends_nothing(scheduled, korean_minseo, mailoutbox):
    at = (scheduled.slot.start - dt.timedelta(minutes=15)).isoformat()
    out = io.StringIO()
    call_command("notify", "--dry-run", "--at", at, stdout=out)
    text = out.getvalue()
    assert text.splitlines()[0] == f"2 e-mail(s) would be sent at {at}"
    assert "reminder to minseo@example.org (ko)" in text
    assert "reminder to emma@example.org (en)" in text
    assert "Subject: [Dari] 곧 시작: " in text
    assert (mailoutbox, SentNotice.objects.count()) == ([], 0)


# `dari` closes the database connection when it ends, like a process: committed data only.
@pytest.mark.django_db(transaction=True)
def test_notify_follows_the_command_line_grammar(scheduled, capsysbinary):
    from tests.test_cli import run

    at = (scheduled.slot.start - dt.timedelta(minutes=15)).isoformat()
    code, out, err = run(capsysbinary, "notify", "--dry-run", "--at", "tomorrow")
    assert (code, out, err) == (2, b"", "dari notify: --at: not an ISO date and time: 'tomorrow'\n")
    code, out, err = run(capsysbinary, "notify", "--at", "2026-03-10T08:00")
    assert (code, err) == (2, "dari notify: --at: only with --dry-run (sending happens now)\n")
    code, out, err = run(capsysbinary, "notify", "--dry-run", "--at", at, "--json")
    doc = json.loads(out)
    assert (code, sorted((d["kind"], d["to"]) for d in doc)) == (
        0,
        [("reminder", "emma@example.org"), ("reminder", "minseo@example.org")],
    )


def test_a_new_reminder_setting_gives_the_feed_a_new_etag(scheduled, world, client):
    feed = f"/events/calendar/{world['emma'].calendar_token}.ics"
    etag = client.get(feed)["ETag"]
    assert client.get(feed, HTTP_IF_NONE_MATCH=etag).status_code == 304
    set_preferences(world["emma"].user, language="en", reminder_minutes=60, off=[])
    again = client.get(feed, HTTP_IF_NONE_MATCH=etag)
    assert (again.status_code, again["ETag"] != etag) == (200, True)
