"""A time in an e-mail's subject carries the recipient's zone, as in its body: a subject read
in a list of mails ("Meeting with Emma: 10 March, 18:00") would otherwise leave the reader to
guess whose 18:00 it is. Scheduled, moved and reminder subjects, in English and Korean; the
zone reads as a place in the recipient's language ("United Kingdom", "대한민국"), not a tz id."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import formats, translation

from dari.messaging.domain.notices import notify_schedule_changes
from dari.messaging.domain.outbox import due_reminders
from dari.messaging.domain.prefs import set_preferences

pytestmark = pytest.mark.django_db


def _local(moment, zone, language, fmt="DATETIME_FORMAT"):
    with translation.override(language):
        return formats.date_format(moment.astimezone(ZoneInfo(zone)), fmt)


@pytest.mark.parametrize(
    ("change", "english"),
    [
        ("scheduled", "Meeting with Minseo Park (Ablbio): "),
        ("moved", "Meeting with Minseo Park (Ablbio) moved: "),
    ],
)
def test_schedule_subjects_name_the_recipient_s_zone(world, scheduled, mailoutbox, change, english):
    set_preferences(world["minseo"].user, language="ko", reminder_minutes=15, off=[])
    start = scheduled.slot.start
    notify_schedule_changes([scheduled.pk], change=change)
    by_to = {m.to[0]: m.subject for m in mailoutbox}
    assert by_to["emma@example.org"] == (
        f"[Dari] {english}{_local(start, 'Europe/London', 'en')} (United Kingdom)"
    )
    assert by_to["minseo@example.org"].endswith(f"{_local(start, 'Asia/Seoul', 'ko')} (대한민국)")


def test_reminder_subjects_name_the_recipient_s_zone(world, scheduled):
    set_preferences(world["minseo"].user, language="ko", reminder_minutes=15, off=[])
    start = scheduled.slot.start
    by_user = {o.user_id: o.subject for o in due_reminders(start - dt.timedelta(minutes=5))}
    emma, minseo = world["emma"].user, world["minseo"].user
    assert by_user[emma.pk] == (
        "[Dari] Soon: meeting with Minseo Park (Ablbio) at "
        f"{_local(start, 'Europe/London', 'en', 'TIME_FORMAT')} (United Kingdom)"
    )
    assert by_user[minseo.pk] == (
        f"[Dari] 곧 시작: {_local(start, 'Asia/Seoul', 'ko', 'TIME_FORMAT')} (대한민국) "
        "Emma Clarke (Gsk) 님과의 미팅"
    )
