"""What every request one participant answers keeps: who answered, when it was made and when
it was answered (meeting requests and requests to move a meeting)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Answered(models.Model):
    answered_by = models.ForeignKey(
        "events.Participant",
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    answered = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        abstract = True
