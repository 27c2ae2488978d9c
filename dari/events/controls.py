"""Organiser controls of an event (tables): who-can-meet-whom rules and request quotas per
role. Registration approval is a switch of the event and a mark of each participant. The
checks themselves are in `dari.events.domain.controls`."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dari.events.rules import ParticipantRole, RuleDimension


class MeetingRule(models.Model):
    """An allowed pairing at an event: organisations of kind A may meet kind B (or
    participants of role A role B). With rules of a dimension, a pair must match one of them."""

    event = models.ForeignKey(
        "events.Event", verbose_name=_("event"), on_delete=models.CASCADE, related_name="rules"
    )
    dimension = models.CharField(_("pairs"), max_length=4, choices=RuleDimension.choices)
    side_a = models.CharField(_("one side"), max_length=40)
    side_b = models.CharField(_("other side"), max_length=40)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("meeting rule")
        verbose_name_plural = _("meeting rules")
        ordering = ["dimension", "side_a", "side_b", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(dimension__in=RuleDimension.values), name="meeting_rule_dimension"
            ),
            models.UniqueConstraint(
                fields=["event", "dimension", "side_a", "side_b"], name="meeting_rule_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dimension}: {self.side_a} ↔ {self.side_b}"


class RequestQuota(models.Model):
    """The most meeting requests one participant of a role may send at an event."""

    event = models.ForeignKey(
        "events.Event", verbose_name=_("event"), on_delete=models.CASCADE, related_name="quotas"
    )
    role = models.CharField(_("role"), max_length=10, choices=ParticipantRole.choices)
    max_requests = models.PositiveIntegerField(_("requests per participant"))

    class Meta:
        verbose_name = _("request quota")
        verbose_name_plural = _("request quotas")
        ordering = ["role"]
        constraints = [
            models.UniqueConstraint(fields=["event", "role"], name="request_quota_once"),
            models.CheckConstraint(
                condition=Q(role__in=ParticipantRole.values), name="request_quota_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.role} ≤ {self.max_requests}"
