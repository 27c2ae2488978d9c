"""Webhook endpoints (an organisation's, registered by its admins, or an event's, registered by
its organisers) and the log of deliveries to them."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class HookKind(models.TextChoices):
    REQUEST_CREATED = "request.created", _("Meeting request sent")
    REQUEST_ACCEPTED = "request.accepted", _("Meeting request accepted")
    REQUEST_DECLINED = "request.declined", _("Meeting request declined")
    MEETING_SCHEDULED = "meeting.scheduled", _("Meeting scheduled")
    MEETING_MOVED = "meeting.moved", _("Meeting moved")
    MEETING_CANCELLED = "meeting.cancelled", _("Meeting cancelled")
    FOLLOWUP_UPDATED = "followup.updated", _("Follow-up reported")
    DEAL_RECORDED = "deal.recorded", _("Deal recorded")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    DELIVERED = "delivered", _("Delivered")
    RETRYING = "retrying", _("Will retry")
    FAILED = "failed", _("Failed")


def new_secret() -> str:
    return "whsec_" + secrets.token_urlsafe(32)


class Endpoint(models.Model):
    """An HTTPS address that receives signed notices of what happens: for one organisation's
    participants (any event) or for one event."""

    url = models.URLField(_("address"), max_length=500)
    description = models.CharField(_("description"), max_length=200, blank=True)
    kinds = models.JSONField(_("what to send"), default=list)
    secret = models.CharField(_("signing secret"), max_length=80, default=new_secret)
    organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="webhook_endpoints",
    )
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="webhook_endpoints",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.CASCADE,
        related_name="webhook_endpoints",
    )
    active = models.BooleanField(_("active"), default=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")
        ordering = ["-created", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(organization__isnull=True, event__isnull=False)
                | Q(organization__isnull=False, event__isnull=True),
                name="webhook_endpoint_one_scope",
            )
        ]

    def __str__(self) -> str:
        return self.url


class Delivery(models.Model):
    """One notice to one endpoint: the exact body sent, and how its attempts went."""

    endpoint = models.ForeignKey(
        Endpoint, verbose_name=_("endpoint"), on_delete=models.CASCADE, related_name="deliveries"
    )
    kind = models.CharField(_("what happened"), max_length=30, choices=HookKind.choices)
    body = models.TextField(_("body"))
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    response_code = models.PositiveIntegerField(_("response code"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=300, blank=True)
    next_try = models.DateTimeField(_("next try"), null=True, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    delivered = models.DateTimeField(_("delivered"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=DeliveryStatus.values), name="webhook_delivery_status"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.endpoint_id} ({self.status})"
