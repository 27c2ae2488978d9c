"""Partnering events: slots, participants and their availability, meeting requests, meetings
(with one seat per participant so the database itself forbids double booking), schedule runs
and the follow-up funnel from meeting to deal."""

from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dari.accounts.models import CoOrganizerBase
from dari.events.answered import Answered
from dari.events.rules import ParticipantRole, validate_video_template


class Mode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    VIRTUAL = "virtual", _("Virtual")
    HYBRID = "hybrid", _("Hybrid")


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    EXPIRED = "expired", _("Expired")


class MeetingStatus(models.TextChoices):
    UNSCHEDULED = "unscheduled", _("Not scheduled yet")
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class Outcome(models.TextChoices):
    NO_INTEREST = "no_interest", _("No interest")
    CDA_SIGNED = "cda_signed", _("CDA signed")
    TERM_SHEET = "term_sheet", _("Term sheet")
    DEAL = "deal", pgettext_lazy("follow-up outcome", "Deal")


FUNNEL = [Outcome.CDA_SIGNED, Outcome.TERM_SHEET, Outcome.DEAL]


def _token() -> str:
    return secrets.token_urlsafe(24)


def room_token() -> str:
    """An unguessable video room name (URL-safe, 128 bits)."""
    return secrets.token_urlsafe(16)


class Event(models.Model):
    """A partnering event (in person, virtual or hybrid) with its schedule grid and rules."""

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    name = models.CharField(_("name"), max_length=300)
    name_ko = models.CharField(_("Korean name"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    description_ko = models.TextField(_("Korean description"), blank=True)
    mode = models.CharField(_("mode"), max_length=12, choices=Mode.choices, default=Mode.VIRTUAL)
    timezone = models.CharField(_("event time zone"), max_length=64, default="Asia/Seoul")
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    meeting_minutes = models.PositiveIntegerField(_("meeting length (minutes)"), default=30)
    day_start = models.TimeField(_("sessions start (event time)"), default="09:00")
    day_end = models.TimeField(_("sessions end (event time)"), default="18:00")
    breaks = models.JSONField(
        _("breaks"),
        default=list,
        blank=True,
        help_text=_('Local [start, end] pairs, e.g. ["12:00", "13:00"]'),
    )
    tables = models.PositiveIntegerField(_("tables"), null=True, blank=True)
    request_deadline = models.DateTimeField(_("request deadline"), null=True, blank=True)
    max_pending_requests = models.PositiveIntegerField(
        _("pending requests per participant"), default=20
    )
    video_url_template = models.CharField(
        _("video link template"),
        max_length=500,
        blank=True,
        validators=[validate_video_template],
        help_text=_(
            "An http(s) address where {room} (an unguessable name per meeting), {event} and "
            "{uid} are replaced, e.g. https://meet.jit.si/dari-{room}"
        ),
    )
    auto_schedule = models.BooleanField(_("schedule when requests are accepted"), default=True)
    registration_approval = models.BooleanField(
        _("registrations need the organiser's approval"), default=False
    )
    schedule_published = models.BooleanField(_("schedule published"), default=False)
    organizer = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("organiser"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    synthetic = models.BooleanField(_("synthetic demo data"), default=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-start_date", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(mode__in=Mode.values), name="event_mode_valid"),
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="event_dates_ordered"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def in_person(self) -> bool:
        return self.mode in (Mode.IN_PERSON, Mode.HYBRID) and self.tables is not None


class Slot(models.Model):
    """A meeting slot of an event: a UTC start and a length."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="slots"
    )
    start = models.DateTimeField(_("start (UTC)"))
    minutes = models.PositiveIntegerField(_("minutes"))

    class Meta:
        verbose_name = _("slot")
        verbose_name_plural = _("slots")
        ordering = ["start"]
        constraints = [models.UniqueConstraint(fields=["event", "start"], name="slot_unique_start")]

    def __str__(self) -> str:
        return f"{self.event_id}:{self.start:%Y-%m-%d %H:%M}Z"


class Participant(models.Model):
    """A person registered for an event, with their zone, working hours and blocked slots."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="participants"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="participations",
    )
    organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="participations",
    )
    timezone = models.CharField(_("time zone"), max_length=64)
    work_start = models.TimeField(_("working hours from (local)"), default="09:00")
    work_end = models.TimeField(_("working hours to (local)"), default="18:00")
    attending_days = models.JSONField(_("days attending"), default=list, blank=True)
    blocked_slots = models.ManyToManyField(
        Slot, verbose_name=_("blocked slots"), blank=True, related_name="+"
    )
    calendar_token = models.CharField(max_length=64, default=_token, unique=True, editable=False)
    role = models.CharField(
        _("role"), max_length=10, choices=ParticipantRole.choices, default=ParticipantRole.OTHER
    )
    approved = models.BooleanField(_("approved by the organiser"), default=True)
    created = models.DateTimeField(_("registered"), auto_now_add=True)
    # False once the person registered again for another organisation they moved to: this
    # registration stays with its organisation and its meetings, and is never theirs again.
    current = models.BooleanField(_("current registration of the person"), default=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["event", "user__last_name", "user__first_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=Q(current=True),
                name="participant_once_per_event",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.event_id}"

    @property
    def name(self) -> str:
        return self.user.get_full_name() or self.user.username


class MeetingRequest(Answered):
    """A request for a one-to-one meeting, to a participant or to an organisation."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="requests"
    )
    requester = models.ForeignKey(
        Participant,
        verbose_name=_("requester"),
        on_delete=models.CASCADE,
        related_name="requests_made",
    )
    target = models.ForeignKey(
        Participant,
        verbose_name=_("requested participant"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="requests_received",
    )
    target_organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("requested organisation"),
        on_delete=models.CASCADE,
        related_name="meeting_requests",
    )
    message = models.TextField(_("message"), blank=True)
    asset = models.ForeignKey(
        "directory.Asset",
        verbose_name=_("asset"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    priority = models.PositiveSmallIntegerField(_("priority"), default=2)
    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    decline_reason = models.TextField(_("reason for declining"), blank=True)

    class Meta:
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        ordering = ["created", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=RequestStatus.values), name="request_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(priority__gte=1, priority__lte=3), name="request_priority_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.requester} → {self.target or self.target_organization_id} ({self.status})"


class Meeting(models.Model):
    """An accepted meeting and, once scheduled, its slot (and table in person)."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="meetings"
    )
    request = models.OneToOneField(
        MeetingRequest, verbose_name=_("request"), on_delete=models.CASCADE, related_name="meeting"
    )
    participants = models.ManyToManyField(
        Participant, verbose_name=_("participants"), through="Seat", related_name="meetings"
    )
    slot = models.ForeignKey(
        Slot,
        verbose_name=_("slot"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    table = models.PositiveIntegerField(_("table"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=MeetingStatus.choices, default=MeetingStatus.UNSCHEDULED
    )
    confirmed = models.BooleanField(_("confirmed (never moved again)"), default=False)
    uid = models.UUIDField(_("calendar UID"), default=uuid.uuid4, unique=True, editable=False)
    room = models.CharField(
        _("video room"), max_length=64, default=room_token, unique=True, editable=False
    )
    sequence = models.PositiveIntegerField(_("calendar sequence"), default=0)
    # The optimiser's reason, structured ({"code": ..., parameters}; dari.scheduling.explain),
    # rendered in the reader's language and time zone (dari.events.domain.reasons).
    unscheduled_reason = models.JSONField(_("why not scheduled"), default=dict, blank=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["slot__start", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["slot", "table"],
                condition=Q(table__isnull=False),
                name="meeting_one_per_table",
            ),
            models.CheckConstraint(
                condition=Q(status=MeetingStatus.SCHEDULED, slot__isnull=False)
                | ~Q(status=MeetingStatus.SCHEDULED),
                name="meeting_scheduled_has_slot",
            ),
        ]

    def __str__(self) -> str:
        return f"meeting {self.pk} ({self.status})"


class Seat(models.Model):
    """A participant's place in a meeting; copies the slot so that the database itself refuses
    two meetings of one participant in one slot (no double booking, even under concurrency)."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="seats"
    )
    participant = models.ForeignKey(
        Participant, verbose_name=_("participant"), on_delete=models.CASCADE, related_name="seats"
    )
    slot = models.ForeignKey(
        Slot,
        verbose_name=_("slot"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("seat")
        verbose_name_plural = _("seats")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "participant"], name="seat_once_per_meeting"
            ),
            models.UniqueConstraint(
                fields=["participant", "slot"],
                condition=Q(slot__isnull=False),
                name="seat_no_double_booking",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant_id} in meeting {self.meeting_id}"


class ScheduleRun(models.Model):
    """One run of the optimiser on an event, with its statistics and proved bound."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="runs"
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    trigger = models.CharField(_("trigger"), max_length=20, default="manual")
    status = models.CharField(
        _("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    # A code ("building", "optimising", "done", "requeued", "lost") and its parameters, shown
    # in the reader's language (dari.events.domain.reasons.run_progress).
    progress = models.CharField(_("progress"), max_length=200, blank=True)
    progress_params = models.JSONField(_("progress details"), default=dict, blank=True)
    stats = models.JSONField(_("statistics"), default=dict, blank=True)
    scheduled = models.PositiveIntegerField(_("meetings scheduled"), default=0)
    unscheduled = models.PositiveIntegerField(_("meetings not scheduled"), default=0)
    moved = models.PositiveIntegerField(_("meetings moved"), default=0)
    error = models.TextField(_("error"), blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    finished = models.DateTimeField(_("finished"), null=True, blank=True)
    started = models.DateTimeField(_("started"), null=True, blank=True)
    # The background job that runs it (empty for a run made in the foreground).
    task_id = models.CharField(_("job"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("schedule run")
        verbose_name_plural = _("schedule runs")
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return f"run {self.pk} of event {self.event_id} ({self.status})"


class FollowUp(models.Model):
    """What came of a meeting, reported by either side (meeting → CDA → term sheet → deal)."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="followups"
    )
    reported_by = models.ForeignKey(
        Participant, verbose_name=_("reported by"), on_delete=models.CASCADE, related_name="+"
    )
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices)
    deal = models.ForeignKey(
        "directory.Deal",
        verbose_name=_("deal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings",
    )
    note = models.TextField(_("note"), blank=True)
    created = models.DateTimeField(_("reported"), auto_now_add=True)

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["-created"]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome__in=Outcome.values), name="followup_outcome_valid"
            ),
            # Reporting the same outcome again updates the report (`report_outcome`).
            models.UniqueConstraint(
                fields=["meeting", "reported_by", "outcome"], name="followup_once_per_outcome"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.outcome} after meeting {self.meeting_id}"


class CoOrganizer(CoOrganizerBase):
    """An organisation (its organisers) or a person the owning organiser lets manage an event."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="co_organizers"
    )

    class Meta:
        verbose_name = _("co-organiser")
        verbose_name_plural = _("co-organisers")
        ordering = ["created", "id"]
        constraints = [
            models.CheckConstraint(
                condition=CoOrganizerBase.ONE_KIND, name="event_coorganizer_one_kind"
            ),
            models.UniqueConstraint(
                fields=["event", "organization"], name="event_coorganizer_org_once"
            ),
            models.UniqueConstraint(fields=["event", "user"], name="event_coorganizer_user_once"),
        ]

    def __str__(self) -> str:
        return f"{self.organization_id or self.user_id} co-organises {self.event_id}"


class PeriodicTick(models.Model):
    """One tick of a periodic job, claimed once across all workers (the unique key is the lock)."""

    job = models.CharField(_("job"), max_length=100)
    tick = models.BigIntegerField(_("tick"))
    claimed = models.DateTimeField(_("claimed"), auto_now_add=True)

    class Meta:
        verbose_name = _("periodic tick")
        verbose_name_plural = _("periodic ticks")
        ordering = ["-claimed"]
        constraints = [
            models.UniqueConstraint(fields=["job", "tick"], name="periodic_tick_once"),
        ]

    def __str__(self) -> str:
        return f"{self.job} #{self.tick}"


# Organiser controls and requests to move a meeting live in their own modules (models.py stays
# under the module size limit); imported here so that Django registers them with the app.
from dari.events.controls import MeetingRule, RequestQuota  # noqa: E402, F401
from dari.events.moves import MoveRequest  # noqa: E402, F401


class Invitation(models.Model):
    """An organisation the event's organisers invite (a trial site found by the site finder,
    a company): its confirmed members' registrations need no approval."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="invitations"
    )
    organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="event_invitations",
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created = models.DateTimeField(_("invited"), auto_now_add=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["created", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "organization"], name="event_invite_once")
        ]

    def __str__(self) -> str:
        return f"{self.organization_id} invited to {self.event_id}"
