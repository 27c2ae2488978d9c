"""National targets with their dated observations, and applications to open-innovation calls."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dari.accounts.models import CoOrganizerBase

ID_LENGTH = 128


class Direction(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better (e.g. a rank)")


class CallStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    DECLINED = "declined", _("Declined")
    INVITED = "invited", _("Invited to an event")


class NationalTarget(models.Model):
    """A national goal (e.g. pharmaceutical exports of USD 16 billion by 2027) with its baseline."""

    id = models.CharField(_("id"), max_length=ID_LENGTH, primary_key=True)
    name = models.CharField(_("name"), max_length=300)
    name_ko = models.CharField(_("Korean name"), max_length=300, blank=True)
    metric = models.CharField(_("what is measured"), max_length=500)
    metric_ko = models.CharField(_("what is measured (Korean)"), max_length=500, blank=True)
    unit = models.CharField(_("unit"), max_length=60)
    target_value = models.FloatField(_("target value"))
    target_year = models.PositiveIntegerField(_("target year"))
    baseline_value = models.FloatField(_("baseline value"))
    baseline_year = models.PositiveIntegerField(_("baseline year"))
    baseline_source = models.CharField(_("baseline source"), max_length=2000, blank=True)
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.HIGHER
    )
    plan = models.CharField(_("plan"), max_length=300, blank=True)
    plan_ko = models.CharField(_("plan (Korean)"), max_length=300, blank=True)
    note = models.TextField(_("note"), blank=True)
    note_ko = models.TextField(_("note (Korean)"), blank=True)
    sources = models.JSONField(_("sources"), default=list, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("national target")
        verbose_name_plural = _("national targets")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(direction__in=Direction.values), name="target_direction_valid"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Observation(models.Model):
    """A dated value of a target's metric as a public source states it (an annual figure is
    dated the last day of its year)."""

    target = models.ForeignKey(
        NationalTarget,
        verbose_name=_("target"),
        on_delete=models.CASCADE,
        related_name="observations",
    )
    date = models.DateField(_("date"))
    value = models.FloatField(_("value"))
    source = models.URLField(_("source"), max_length=2000)
    note = models.TextField(_("note"), blank=True)
    note_ko = models.TextField(_("note (Korean)"), blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        ordering = ["target", "date", "id"]

    def __str__(self) -> str:
        return f"{self.target_id} {self.date}: {self.value:g}"


class CallApplication(models.Model):
    """An organisation's application, with one of its assets and a pitch, to an open-innovation
    call (a directory programme of kind open_innovation_call)."""

    program = models.ForeignKey(
        "directory.Program",
        verbose_name=_("call"),
        on_delete=models.CASCADE,
        related_name="applications",
    )
    organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("applicant"),
        on_delete=models.CASCADE,
        related_name="call_applications",
    )
    asset = models.ForeignKey(
        "directory.Asset",
        verbose_name=_("asset"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="call_applications",
    )
    pitch = models.TextField(_("pitch"))
    status = models.CharField(
        _("status"), max_length=12, choices=CallStatus.choices, default=CallStatus.SUBMITTED
    )
    score = models.FloatField(_("score"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("invited to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("call application")
        verbose_name_plural = _("call applications")
        ordering = ["-created", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=CallStatus.values), name="call_application_status_valid"
            ),
            models.UniqueConstraint(
                fields=["program", "asset"], name="call_application_once_per_asset"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization_id} → {self.program_id} ({self.status})"


class CallCoOrganizer(CoOrganizerBase):
    """An organisation (its organisers) or a person the call's organiser lets review a call."""

    program = models.ForeignKey(
        "directory.Program",
        verbose_name=_("call"),
        on_delete=models.CASCADE,
        related_name="co_organizers",
    )

    class Meta:
        verbose_name = _("call co-organiser")
        verbose_name_plural = _("call co-organisers")
        ordering = ["created", "id"]
        constraints = [
            models.CheckConstraint(
                condition=CoOrganizerBase.ONE_KIND, name="call_coorganizer_one_kind"
            ),
            models.UniqueConstraint(
                fields=["program", "organization"], name="call_coorganizer_org_once"
            ),
            models.UniqueConstraint(fields=["program", "user"], name="call_coorganizer_user_once"),
        ]

    def __str__(self) -> str:
        return f"{self.organization_id or self.user_id} co-organises {self.program_id}"
