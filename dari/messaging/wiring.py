"""Connections made once at start-up (from MessagingConfig.ready): the e-mails listen to the
event signals (the invitation of a call's shortlist among them), the reminder and digest jobs
join the periodic jobs, and a sign-in remembers the language of the person's e-mails."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib.auth.signals import user_logged_in

from dari.events import signals
from dari.events.periodic import Job, register
from dari.messaging.domain import call_notices, notices
from dari.messaging.domain.prefs import remember_language
from dari.messaging.tasks import send_digests, send_reminders


def _remember_language(sender: Any, request: Any, user: Any, **_: Any) -> None:
    remember_language(user, getattr(request, "LANGUAGE_CODE", None))


def connect() -> None:
    signals.request_created.connect(notices.notify_request, dispatch_uid="dari.notify.request")
    signals.request_answered.connect(notices.notify_answer, dispatch_uid="dari.notify.answer")
    signals.meetings_changed.connect(
        notices.notify_schedule_changes, dispatch_uid="dari.notify.meetings"
    )
    signals.move_requested.connect(notices.notify_move, dispatch_uid="dari.notify.move")
    signals.move_answered.connect(
        notices.notify_move_answer, dispatch_uid="dari.notify.move-answer"
    )
    signals.shortlist_invited.connect(
        call_notices.notify_shortlist_invited, dispatch_uid="dari.notify.shortlist"
    )
    user_logged_in.connect(_remember_language, dispatch_uid="dari.notify.language")
    register(Job("send-reminders", timedelta(minutes=1), lambda: send_reminders.enqueue()))
    register(Job("send-digests", timedelta(minutes=15), lambda: send_digests.enqueue()))
