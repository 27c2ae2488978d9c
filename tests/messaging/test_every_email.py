"""Every e-mail Dari sends, in Korean: each template under messaging/email is rendered by a real
flow (request, message, answer, schedule, move request and its answers, reminder, digest, a
meeting left unscheduled, cancellation, a call's shortlist invited) plus the organisation
invitation, and none shows an English sentence outside names and data (tests/korean.py) or
lacks an absolute link back to the page it is about."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.core import mail as django_mail
from django.test.signals import template_rendered
from django.utils import translation

import dari.messaging
from dari.accounts.domain.invitations import invite_member
from dari.accounts.models import Role
from dari.events.domain.moves import accept_move, ask_to_move, decline_move
from dari.events.domain.requests import accept_request, request_meeting
from dari.events.domain.schedule import cancel_meeting, publish_schedule, schedule_event
from dari.events.models import Meeting, MeetingStatus
from dari.messaging.domain.call_notices import notify_shortlist_invited
from dari.messaging.domain.notices import notify_schedule_changes
from dari.messaging.domain.outbox import send_due_digests, send_due_reminders
from dari.messaging.domain.prefs import set_preferences
from dari.messaging.domain.threads import post_message
from tests.factories import OrganizationFactory, ProgramFactory, UserFactory
from tests.korean import data_strings, english_in_page

pytestmark = pytest.mark.django_db

SITE = "https://dari.example.org"
EMAILS = Path(dari.messaging.__file__).parent / "templates" / "messaging" / "email"
LINK = re.compile(re.escape(SITE) + r"/(?!messages/preferences)\S+")


def _all_templates() -> set[str]:
    return {f"messaging/email/{p.name}" for p in EMAILS.glob("*.txt") if not p.name.startswith("_")}


def test_every_email_template_reads_in_korean_with_a_link_back(
    world, scheduled, settings, django_capture_on_commit_callbacks
):
    settings.DARI_BASE_URL = SITE
    rendered: set[str] = set()

    def seen(sender, template, **_):
        rendered.add(template.name)

    template_rendered.connect(seen, weak=False, dispatch_uid="every-email")
    minseo, emma, jihoon = world["minseo"], world["emma"], world["colleague"]
    for p in (minseo, emma, jihoon):
        set_preferences(p.user, language="ko", reminder_minutes=15, off=[])
    django_mail.outbox.clear()
    try:
        with django_capture_on_commit_callbacks(execute=True):
            request = request_meeting(emma, target=jihoon, message="Hello")
        with django_capture_on_commit_callbacks(execute=True):
            post_message(jihoon.user, request.pk, "Tuesday?")
        # A digest of the request still waiting for Minseo's colleague's answer.
        send_due_digests(dt.datetime.now(dt.UTC).replace(hour=3))
        with django_capture_on_commit_callbacks(execute=True):
            waiting = accept_request(request.pk, jihoon)
        with django_capture_on_commit_callbacks(execute=True):
            publish_schedule(world["event"].pk)
        scheduled.refresh_from_db()
        with django_capture_on_commit_callbacks(execute=True):
            move = ask_to_move(scheduled.pk, minseo, reason="A flight change")
        with django_capture_on_commit_callbacks(execute=True):
            decline_move(move.pk, emma)
        with django_capture_on_commit_callbacks(execute=True):
            move = ask_to_move(scheduled.pk, emma)
        with django_capture_on_commit_callbacks(execute=True):
            accept_move(move.pk, minseo)
        scheduled.refresh_from_db()
        send_due_reminders(scheduled.slot.start - dt.timedelta(minutes=10))
        Meeting.objects.filter(pk=waiting.pk).update(slot=None, status=MeetingStatus.UNSCHEDULED)
        notify_schedule_changes([waiting.pk], change="scheduled")
        with django_capture_on_commit_callbacks(execute=True):
            cancel_meeting(scheduled.pk, minseo)
        schedule_event(world["event"].pk)
        org = OrganizationFactory(id="kbio", name="Kbio")
        admin = UserFactory(username="kbio-admin", organization=org, role=Role.ORG_ADMIN)
        with translation.override("ko"), django_capture_on_commit_callbacks(execute=True):
            invite_member(org, "someone@example.org", admin, f"{SITE}/me/")
        call = ProgramFactory(name="Oncology Open Call", kind="open_innovation_call")
        notify_shortlist_invited(world["event"].pk, call.pk, [minseo.organization_id])
    finally:
        template_rendered.disconnect(dispatch_uid="every-email")
    assert _all_templates() - rendered == set()
    data = data_strings() | {"Hello", "Tuesday?", "A flight change"}
    english = {}
    for m in django_mail.outbox:
        text = m.subject + "\n" + m.body
        found = english_in_page(text.replace("<", "‹"), data)
        if found:
            english[m.subject] = found
        assert (m.subject, LINK.findall(m.body) != []) == (m.subject, True)
    assert english == {}
    assert len(django_mail.outbox) >= len(_all_templates()) // 2
