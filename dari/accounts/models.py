"""Users with their organisation and role, memberships and invitations, e-mail domains, the
partner / CDA lists that open assets, the audit trail, API tokens and sign-in failures."""

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
    CURATOR = "curator", _("Curator")


class LinkKind(models.TextChoices):
    PARTNER = "partner", _("Partner")
    CDA = "cda", _("Under CDA")


class User(AbstractUser):
    """A person using Dari, a confirmed member of at most one organisation."""

    # The organisation of the user's confirmed Membership (None until confirmed, and after
    # removal); written only by the membership functions of dari.accounts.domain.
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

    @property
    def is_curator(self) -> bool:
        """Reviews what ingestion extracted before it reaches the graph (organisers too)."""
        return self.is_organiser or self.role == Role.CURATOR

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


class MembershipState(models.TextChoices):
    REQUESTED = "requested", _("Join requested")
    CONFIRMED = "confirmed", _("Confirmed")
    DECLINED = "declined", _("Declined")
    REMOVED = "removed", _("Removed")


class MembershipSource(models.TextChoices):
    REQUEST = "request", _("Join request approved")
    INVITATION = "invitation", _("Invitation accepted")
    DOMAIN = "domain", _("Verified address at a registered domain")
    PLATFORM_ADMIN = "platform_admin", _("Confirmed by a platform admin")


LIVE_MEMBERSHIP_STATES = [MembershipState.REQUESTED, MembershipState.CONFIRMED]


class Membership(models.Model):
    """A user's membership of an organisation, from join request to confirmation or removal.

    `User.organization` mirrors the one confirmed membership; only the membership functions
    of `dari.accounts.domain` write either, in the same transaction."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    state = models.CharField(_("state"), max_length=12, choices=MembershipState.choices)
    source = models.CharField(
        _("confirmed by"), max_length=20, choices=MembershipSource.choices, blank=True
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    changed = models.DateTimeField(_("changed"), auto_now=True)
    changed_by = models.ForeignKey(
        User,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            # One organisation per user: at most one request or confirmed membership at a time.
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(state__in=LIVE_MEMBERSHIP_STATES),
                name="membership_one_live_per_user",
            ),
            models.CheckConstraint(
                condition=Q(state__in=MembershipState.values), name="membership_state_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.organization_id} ({self.state})"


class InvitationState(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    REVOKED = "revoked", _("Revoked")


class Invitation(models.Model):
    """An organisation admin's invitation of an e-mail address; whoever verified that address
    may accept it, which confirms the membership."""

    organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    email = models.EmailField(_("e-mail address"))
    state = models.CharField(
        _("state"), max_length=10, choices=InvitationState.choices, default=InvitationState.PENDING
    )
    invited_by = models.ForeignKey(
        User,
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accepted_by = models.ForeignKey(
        User,
        verbose_name=_("accepted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "email"],
                condition=Q(state="pending"),
                name="invitation_one_pending",
            ),
            models.CheckConstraint(
                condition=Q(state__in=InvitationState.values), name="invitation_state_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.organization_id} ({self.state})"


class EmailDomain(models.Model):
    """An e-mail domain an organisation registered: a verified address there makes its owner a
    confirmed member."""

    organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="email_domains",
    )
    domain = models.CharField(_("domain"), max_length=253, unique=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("e-mail domain")
        verbose_name_plural = _("e-mail domains")

    def __str__(self) -> str:
        return self.domain


class AuditAction(models.TextChoices):
    VISIBILITY_CHANGED = "visibility_changed", _("Asset visibility changed")
    LINK_ADDED = "link_added", _("Added to a partner or CDA list")
    LINK_REMOVED = "link_removed", _("Removed from a partner or CDA list")
    MEMBERSHIP_REQUESTED = "membership_requested", _("Membership requested")
    MEMBERSHIP_CONFIRMED = "membership_confirmed", _("Membership confirmed")
    MEMBERSHIP_DECLINED = "membership_declined", _("Membership declined")
    MEMBERSHIP_REMOVED = "membership_removed", _("Member removed")
    MEMBER_INVITED = "member_invited", _("Member invited")
    INVITATION_REVOKED = "invitation_revoked", _("Invitation revoked")
    ROLE_CHANGED = "role_changed", _("Role changed")
    DOMAIN_ADDED = "domain_added", _("E-mail domain added")
    DOMAIN_REMOVED = "domain_removed", _("E-mail domain removed")


class AuditEntry(models.Model):
    """One recorded change of access: who, when, which object, before and after. Written in
    the transaction of the change; shown to the organisation's admins and platform admins."""

    at = models.DateTimeField(_("when"), db_index=True)
    actor = models.ForeignKey(
        User,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_name = models.CharField(_("who (name)"), max_length=150, blank=True)
    organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_entries",
    )
    action = models.CharField(_("action"), max_length=30, choices=AuditAction.choices)
    object_type = models.CharField(_("object type"), max_length=30)
    object_id = models.CharField(_("object"), max_length=200)
    object_label = models.CharField(_("object name"), max_length=300, blank=True)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.object_id}"


class TokenScope(models.TextChoices):
    READ = "read", _("Read only")
    WRITE = "write", _("Read and write")


class PersonalAccessToken(models.Model):
    """A personal access token for the API, acting as its user; only a SHA-256 digest of the
    secret is stored, the secret itself is shown once."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("starts with"), max_length=16)
    digest = models.CharField(_("SHA-256 digest"), max_length=64, unique=True)
    scope = models.CharField(
        _("scope"), max_length=5, choices=TokenScope.choices, default=TokenScope.READ
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    last_used = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("personal access token")
        verbose_name_plural = _("personal access tokens")
        constraints = [
            models.CheckConstraint(
                condition=Q(scope__in=TokenScope.values), name="token_scope_valid"
            )
        ]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name})"


class LoginFailure(models.Model):
    """One failed sign-in; counted per account and per client address in the database, so
    every web process shares the limits."""

    account = models.CharField(_("account"), max_length=200, db_index=True)
    address = models.CharField(_("client address"), max_length=64, db_index=True)
    at = models.DateTimeField(_("when"), db_index=True)

    class Meta:
        verbose_name = _("failed sign-in")
        verbose_name_plural = _("failed sign-ins")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.account} from {self.address}"


class CoOrganizerBase(models.Model):
    """An organisation (its organisers) or one person that the owning organisers let manage
    something of theirs (an event, an open-innovation call): exactly one of the two is set."""

    organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    user = models.ForeignKey(
        User,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    created = models.DateTimeField(_("added"), auto_now_add=True)

    ONE_KIND = Q(organization__isnull=True, user__isnull=False) | Q(
        organization__isnull=False, user__isnull=True
    )

    class Meta:
        abstract = True
