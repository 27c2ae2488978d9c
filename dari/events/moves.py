"""Requests to move a confirmed meeting (table): one side asks, with an optional reason and
preferred slots; the other side accepts or declines; on acceptance the meeting gets a new slot
(`dari.events.domain.moves`)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dari.events.answered import Answered
from dari.events.rules import MoveStatus


class MoveRequest(Answered):
    """One side of a meeting asks to move it to another time."""

    meeting = models.ForeignKey(
        "events.Meeting",
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="move_requests",
    )
    asked_by = models.ForeignKey(
        "events.Participant",
        verbose_name=_("asked by"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    reason = models.TextField(_("reason"), blank=True)
    preferred_slots = models.ManyToManyField(
        "events.Slot", verbose_name=_("preferred times"), blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=MoveStatus.choices, default=MoveStatus.PENDING
    )
    to_slot = models.ForeignKey(
        "events.Slot",
        verbose_name=_("new time"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    from_slot = models.ForeignKey(
        "events.Slot",
        verbose_name=_("previous time"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("request to move a meeting")
        verbose_name_plural = _("requests to move a meeting")
        ordering = ["-created", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=MoveStatus.values), name="move_request_status_valid"
            ),
            models.UniqueConstraint(
                fields=["meeting"],
                condition=Q(status=MoveStatus.PENDING),
                name="move_request_one_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"move meeting {self.meeting_id} ({self.status})"
