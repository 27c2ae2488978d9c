"""What ingestion read and what curators decided: a `Document` (a text and its source) and
its `Candidate` records, pending until a curator approves (the record reaches the graph, with
its provenance) or rejects (with a reason). Nothing here is shown outside the review queue."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dari.directory.weblinks import validate_web_address


class CandidateKind(models.TextChoices):
    DEAL = "deal", _("Deal")
    INVESTMENT = "investment", _("Investment")
    ASSET = "asset", _("Asset")
    FACILITY = "facility", _("Facility")
    OBSERVATION = "observation", _("Observation of a national target")


class CandidateStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("review", "Pending review")
    APPROVED = "approved", pgettext_lazy("review", "Approved")
    REJECTED = "rejected", pgettext_lazy("review", "Rejected")


class Document(models.Model):
    """A press release, disclosure or article as it was ingested."""

    text = models.TextField(_("text"))
    source_url = models.CharField(_("source"), max_length=2000, validators=[validate_web_address])
    language = models.CharField(_("language"), max_length=2)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created = models.DateTimeField(_("ingested"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("ingested document")
        verbose_name_plural = _("ingested documents")
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return self.source_url


class Candidate(models.Model):
    """One extracted record: the extracted fields with their evidence and confidence, and,
    once decided, the approved fields, who decided, when and the record it became."""

    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="candidates"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=CandidateKind.choices)
    extracted = models.JSONField(_("extracted fields"), default=dict)
    evidence = models.JSONField(_("evidence"), default=dict)
    confidence = models.JSONField(_("confidence"), default=dict)
    spans = models.JSONField(default=dict)
    # The fields a local model filled or changed (dari.extraction.backend); empty when the
    # rules alone read the text.
    suggested = models.JSONField(_("suggested by the local model"), default=list, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=CandidateStatus.choices,
        default=CandidateStatus.PENDING,
        db_index=True,
    )
    approved = models.JSONField(_("approved fields"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    record_id = models.CharField(_("record"), max_length=128, blank=True)

    class Meta:
        verbose_name = _("candidate record")
        verbose_name_plural = _("candidate records")
        ordering = ["status", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=CandidateKind.values), name="candidate_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=CandidateStatus.values), name="candidate_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(reason=""),
                name="candidate_rejection_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.status})"
