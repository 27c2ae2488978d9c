"""Messages between the two sides of a meeting request, how far each person has read, each
person's e-mail settings, and the reminders and digests already sent (one row each, so that a
second worker never sends one again)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone as djtz
from django.utils.translation import gettext_lazy as _

DEFAULT_REMINDER_MINUTES = 15
REMINDER_CHOICES = [
    (5, _("5 minutes before")),
    (10, _("10 minutes before")),
    (15, _("15 minutes before")),
    (30, _("30 minutes before")),
    (60, _("1 hour before")),
    (120, _("2 hours before")),
    (1440, _("1 day before")),
]


class NoticeKind(models.TextChoices):
    REQUEST_RECEIVED = "request_received", _("A meeting request for me")
    REQUEST_ANSWERED = "request_answered", _("An answer to my request")
    MEETING_SCHEDULED = "meeting_scheduled", _("A meeting scheduled")
    MEETING_MOVED = "meeting_moved", _("A meeting moved")
    MEETING_CANCELLED = "meeting_cancelled", _("A meeting cancelled")
    MOVE_REQUESTED = "move_requested", _("A request to move one of my meetings")
    MOVE_ANSWERED = "move_answered", _("An answer to my request to move a meeting")
    MESSAGE = "message", _("A new message")
    REMINDER = "reminder", _("A reminder before each meeting")
    DIGEST = "digest", _("Requests waiting for my answer (daily and before the deadline)")
    CALL_INVITED = "call_invited", _("An invitation to an event after a call I applied to")


class Message(models.Model):
    """A message in the thread of a meeting request (the request's own message comes first)."""

    request = models.ForeignKey(
        "events.MeetingRequest",
        verbose_name=_("meeting request"),
        on_delete=models.CASCADE,
        related_name="thread_messages",
    )
    author = models.ForeignKey(
        "events.Participant",
        verbose_name=_("author"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    body = models.TextField(_("message"))
    created = models.DateTimeField(_("sent"), default=djtz.now)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created", "id"]

    def __str__(self) -> str:
        return f"message {self.pk} in request {self.request_id}"


class ThreadRead(models.Model):
    """How far a person has read the thread of a request (the last message seen)."""

    request = models.ForeignKey(
        "events.MeetingRequest",
        verbose_name=_("meeting request"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+"
    )
    last_read = models.BigIntegerField(_("last message read"), default=0)

    class Meta:
        verbose_name = _("thread read mark")
        verbose_name_plural = _("thread read marks")
        constraints = [
            models.UniqueConstraint(fields=["request", "user"], name="thread_read_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} read {self.request_id} to {self.last_read}"


class NoticeSettings(models.Model):
    """A person's e-mail settings: language, reminder lead time and the kinds turned off."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notice_settings",
    )
    language = models.CharField(_("language of e-mails"), max_length=10, choices=settings.LANGUAGES)
    reminder_minutes = models.PositiveIntegerField(
        _("reminder before each meeting"),
        choices=REMINDER_CHOICES,
        default=DEFAULT_REMINDER_MINUTES,
    )
    off = models.JSONField(_("kinds of e-mail turned off"), default=list, blank=True)

    class Meta:
        verbose_name = _("notification settings")
        verbose_name_plural = _("notification settings")

    def __str__(self) -> str:
        return f"notices of {self.user_id}"


class SentNotice(models.Model):
    """A reminder or digest sent to a person; the unique key makes a second send impossible."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=NoticeKind.choices)
    key = models.CharField(_("key"), max_length=200)
    sent = models.DateTimeField(_("sent"), default=djtz.now)

    class Meta:
        verbose_name = _("sent notice")
        verbose_name_plural = _("sent notices")
        ordering = ["-sent"]
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "key"], name="sent_notice_once"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.key} to {self.user_id}"
