"""Users, their organisation and role, and the partner / CDA lists that open assets."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PLATFORM_ADMIN = "platform_admin", _("Platform admin")
    ORGANISER = "organiser", _("Organiser")
    ORG_ADMIN = "org_admin", _("Organisation admin")
    MEMBER = "member", _("Member")


class LinkKind(models.TextChoices):
    PARTNER = "partner", _("Partner")
    CDA = "cda", _("Under CDA")


class User(AbstractUser):
    """A person using Dari, a member of one organisation."""

    organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    timezone = models.CharField(_("time zone"), max_length=64, default="Asia/Seoul")
    synthetic = models.BooleanField(
        _("synthetic demo person"),
        default=False,
        help_text=_("Generated for the demo; not a real person."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(condition=Q(role__in=Role.values), name="user_role_valid")
        ]

    @property
    def is_platform_admin(self) -> bool:
        return self.is_superuser or self.role == Role.PLATFORM_ADMIN

    @property
    def is_organiser(self) -> bool:
        return self.is_platform_admin or self.role == Role.ORGANISER

    def administers(self, organization_id: str | None) -> bool:
        """Whether this user may edit the given organisation and its assets."""
        if self.is_platform_admin:
            return True
        return (
            organization_id is not None
            and self.organization_id == organization_id
            and self.role == Role.ORG_ADMIN
        )


class OrganizationLink(models.Model):
    """An owner organisation's partner or CDA list entry: `other` may see matching assets."""

    owner = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("owner"),
        on_delete=models.CASCADE,
        related_name="links_out",
    )
    other = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="links_in",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=LinkKind.choices)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("partner or CDA link")
        verbose_name_plural = _("partner and CDA links")
        constraints = [
            models.UniqueConstraint(fields=["owner", "other", "kind"], name="link_unique"),
            models.CheckConstraint(condition=Q(kind__in=LinkKind.values), name="link_kind_valid"),
            models.CheckConstraint(condition=~Q(owner=models.F("other")), name="link_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.owner_id} → {self.other_id} ({self.kind})"
