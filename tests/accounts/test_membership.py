"""Membership you can trust: confirmed by an admin approving a join request, by an accepted
invitation, by a verified address at a registered domain, or by a platform admin; removed
members lose access at once; every change is in the audit trail, in the same transaction."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.db import transaction

from dari.accounts.access import may_administer, sees_members_assets
from dari.accounts.domain.errors import AccountError
from dari.accounts.domain.invitations import (
    accept_invitation,
    add_domain,
    invite_member,
    normalise_domain,
    remove_domain,
    revoke_invitation,
)
from dari.accounts.domain.links import add_link, remove_link
from dari.accounts.domain.membership import (
    approve_request,
    confirm_by_domain,
    confirm_membership,
    decline_request,
    remove_member,
    request_membership,
    set_role,
    withdraw_request,
)
from dari.accounts.models import (
    AuditEntry,
    Invitation,
    InvitationState,
    Membership,
    MembershipSource,
    MembershipState,
    Role,
    User,
)
from dari.directory.access import visible_assets
from dari.directory.domain.editing import update_asset
from tests.factories import AssetFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


def fresh(user: User) -> User:
    """The user as the next request loads them."""
    return User.objects.get(pk=user.pk)


def audit(org=None):
    entries = AuditEntry.objects.order_by("at", "pk")
    if org is not None:
        entries = entries.filter(organization=org)
    return [(e.actor_name, e.action, e.object_label, e.before, e.after) for e in entries]


@pytest.fixture
def org():
    return OrganizationFactory(id="org-acme", name="Acme Bio")


@pytest.fixture
def admin(org):
    return UserFactory(username="acme-admin", organization=org, role=Role.ORG_ADMIN)


def test_join_request_approved(org, admin):
    newbie = UserFactory(username="newbie", organization=None)
    AssetFactory(organization=org, visibility="members")
    membership = request_membership(newbie, org)
    assert (membership.state, fresh(newbie).organization_id) == ("requested", None)
    assert sees_members_assets(fresh(newbie)) is False
    approve_request(org, membership.pk, admin)
    membership.refresh_from_db()
    assert (membership.state, membership.source) == ("confirmed", MembershipSource.REQUEST)
    assert fresh(newbie).organization_id == "org-acme"
    assert sees_members_assets(fresh(newbie)) is True
    assert visible_assets(fresh(newbie)).count() == 1
    assert audit(org) == [
        ("newbie", "membership_requested", "newbie", None, {"state": "requested", "source": ""}),
        (
            "acme-admin",
            "membership_confirmed",
            "newbie",
            {"state": "requested"},
            {"state": "confirmed", "source": "request"},
        ),
    ]


def test_join_request_declined_and_withdrawn(org, admin):
    newbie = UserFactory(username="newbie", organization=None)
    membership = request_membership(newbie, org)
    decline_request(org, membership.pk, admin)
    assert Membership.objects.get(pk=membership.pk).state == MembershipState.DECLINED
    assert fresh(newbie).organization_id is None
    with pytest.raises(AccountError) as again:
        decline_request(org, membership.pk, admin)
    assert again.value.code == "not_pending"
    second = request_membership(newbie, org)
    withdraw_request(newbie)
    assert Membership.objects.get(pk=second.pk).state == MembershipState.DECLINED
    assert [a for _, a, *_ in audit(org)] == [
        "membership_requested",
        "membership_declined",
        "membership_requested",
        "membership_declined",
    ]


def test_one_request_at_a_time_and_admins_only_act_on_their_own(org, admin):
    newbie = UserFactory(username="newbie", organization=None)
    other = OrganizationFactory(id="org-other")
    membership = request_membership(newbie, org)
    with pytest.raises(AccountError) as twice:
        request_membership(newbie, other)
    assert (twice.value.code, twice.value.field) == ("pending", "organization")
    with pytest.raises(AccountError):
        approve_request(other, membership.pk, admin)  # not a request to `other`
    assert fresh(newbie).organization_id is None


def test_unverified_user_cannot_request(org):
    shady = UserFactory(username="shady", organization=None, verified=False)
    with pytest.raises(AccountError) as refused:
        request_membership(shady, org)
    assert (refused.value.field, refused.value.code) == ("email", "email_unverified")
    assert Membership.objects.filter(user=shady).count() == 0
    assert AuditEntry.objects.count() == 0


def test_unverified_confirmed_member_sees_nothing_more_than_anonymous(org):
    AssetFactory(organization=org, visibility="members")
    shady = UserFactory(username="shady", organization=org, verified=False)
    assert sees_members_assets(shady) is False
    assert visible_assets(fresh(shady)).count() == 0
    EmailAddress.objects.filter(user=shady).update(verified=True)
    assert visible_assets(fresh(shady)).count() == 1


def test_invitation_accepted_by_a_verified_address_only(
    org, admin, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite_member(org, " Invitee@Example.org ", admin, "http://testserver/me/")
    assert invitation.email == "invitee@example.org"
    assert [m.to for m in mailoutbox] == [["invitee@example.org"]]
    assert "http://testserver/me/" in mailoutbox[0].body
    other = UserFactory(username="other", email="other@example.org", organization=None)
    with pytest.raises(AccountError) as not_yours:
        accept_invitation(other, invitation.pk)
    assert not_yours.value.code == "not_invited"
    unverified = UserFactory(
        username="unverified", email="invitee@example.org", organization=None, verified=False
    )
    with pytest.raises(AccountError):
        accept_invitation(unverified, invitation.pk)
    invitee = UserFactory(username="invitee", email="INVITEE@example.org", organization=None)
    accept_invitation(invitee, invitation.pk)
    assert fresh(invitee).organization_id == "org-acme"
    assert Invitation.objects.get(pk=invitation.pk).state == InvitationState.ACCEPTED
    assert Membership.objects.get(user=invitee).source == MembershipSource.INVITATION
    with pytest.raises(AccountError):
        accept_invitation(invitee, invitation.pk)


def test_invitations_refused_and_revoked(
    org, admin, mailoutbox, django_capture_on_commit_callbacks
):
    with pytest.raises(AccountError) as bad:
        invite_member(org, "not an address", admin, "http://testserver/me/")
    assert (bad.value.field, bad.value.code) == ("email", "invalid_email")
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite_member(org, "x@example.org", admin, "http://testserver/me/")
    with pytest.raises(AccountError) as twice:
        invite_member(org, "X@example.org", admin, "http://testserver/me/")
    assert twice.value.code == "already_invited"
    with pytest.raises(AccountError) as member:
        invite_member(org, admin.email, admin, "http://testserver/me/")
    assert member.value.code == "already_member"
    revoke_invitation(org, invitation.pk, admin)
    x = UserFactory(username="x", email="x@example.org", organization=None)
    with pytest.raises(AccountError):
        accept_invitation(x, invitation.pk)
    assert len(mailoutbox) == 1
    assert [a for _, a, *_ in audit(org)] == ["member_invited", "invitation_revoked"]


def test_no_mail_for_an_invitation_that_rolls_back(
    org, admin, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                invite_member(org, "y@example.org", admin, "http://testserver/me/")
                raise RuntimeError("later step failed")
        except RuntimeError:
            pass
    assert (Invitation.objects.count(), len(mailoutbox), AuditEntry.objects.count()) == (0, 0, 0)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("acme.example", "acme.example"),
        ("@ACME.co.kr", "acme.co.kr"),
        ("xn--9n2bp8q.kr", "xn--9n2bp8q.kr"),
    ],
)
def test_domain_syntax_accepted(value, expected):
    assert normalise_domain(value) == expected


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("localhost", "invalid_domain"),
        ("acme..com", "invalid_domain"),
        ("-acme.com", "invalid_domain"),
        ("acme.c0m", "invalid_domain"),
        ("ac me.com", "invalid_domain"),
        ("a" * 64 + ".com", "invalid_domain"),
        ("", "invalid_domain"),
        ("x@acme.com", "invalid_domain"),
        ("gmail.com", "public_domain"),
        ("Naver.com", "public_domain"),
    ],
)
def test_domain_syntax_refused(value, code):
    with pytest.raises(AccountError) as refused:
        normalise_domain(value)
    assert (refused.value.field, refused.value.code) == ("domain", code)


def test_verified_address_at_a_registered_domain_confirms(org, admin):
    add_domain(org, "acme.example", admin)
    with pytest.raises(AccountError) as taken:
        add_domain(OrganizationFactory(), "ACME.example", admin)
    assert taken.value.code == "domain_taken"
    unverified = UserFactory(
        username="u", email="u@acme.example", organization=None, verified=False
    )
    assert confirm_by_domain(unverified) is None
    assert fresh(unverified).organization_id is None
    verified = UserFactory(username="v", email="v@acme.example", organization=None)
    confirm_by_domain(verified)
    assert fresh(verified).organization_id == "org-acme"
    assert Membership.objects.get(user=verified).source == MembershipSource.DOMAIN
    # Asking to join is answered at once for such an address.
    w = UserFactory(username="w", email="w@acme.example", organization=None)
    assert request_membership(w, org).state == MembershipState.CONFIRMED
    elsewhere = UserFactory(username="z", email="z@elsewhere.example", organization=None)
    assert confirm_by_domain(elsewhere) is None
    remove_domain(org, org.email_domains.get().pk, admin)
    assert fresh(verified).organization_id == "org-acme"  # members stay members


def test_verifying_an_address_by_allauth_confirms_by_domain(org, admin, client, mailoutbox):
    add_domain(org, "acme.example", admin)
    client.post(
        "/accounts/signup/",
        {
            "email": "new@acme.example",
            "username": "new",
            "password1": "a-Long-pass-2026",
            "password2": "a-Long-pass-2026",
        },
    )
    assert fresh(User.objects.get(username="new")).organization_id is None
    key = mailoutbox[0].body.split("/accounts/confirm-email/")[1].split("/")[0]
    client.post(f"/accounts/confirm-email/{key}/")
    assert User.objects.get(username="new").organization_id == "org-acme"


def test_removed_member_loses_access_at_once_and_the_role_goes(org, admin):
    partner_owner = OrganizationFactory(id="org-owner")
    add_link(partner_owner, org, "cda", actor=None)
    AssetFactory(organization=partner_owner, visibility="cda")
    AssetFactory(organization=org, visibility="members")
    deputy = UserFactory(username="deputy", organization=org, role=Role.ORG_ADMIN)
    assert visible_assets(fresh(deputy)).count() == 2
    assert may_administer(fresh(deputy), "org-acme") is True
    remove_member(org, deputy.pk, admin)
    gone = fresh(deputy)
    assert (gone.organization_id, gone.role) == (None, Role.MEMBER)
    assert visible_assets(gone).count() == 0
    assert may_administer(gone, "org-acme") is False
    assert Membership.objects.get(user=deputy).state == MembershipState.REMOVED
    assert [a for _, a, *_ in audit(org)][-2:] == ["membership_removed", "role_changed"]
    with pytest.raises(AccountError) as again:
        remove_member(org, deputy.pk, admin)
    assert again.value.code == "not_member"


def test_platform_admin_confirms_anyone(org):
    platform = UserFactory(username="root", organization=None, role=Role.PLATFORM_ADMIN)
    someone = UserFactory(username="someone", organization=None)
    confirm_membership(someone, org, platform)
    assert fresh(someone).organization_id == "org-acme"
    assert audit(org)[-1][:2] == ("root", "membership_confirmed")
    other = OrganizationFactory()
    with pytest.raises(AccountError) as twice:
        confirm_membership(someone, other, platform)
    assert twice.value.code == "already_member"


def test_links_visibility_and_roles_are_audited(org, admin):
    other = OrganizationFactory(id="org-b", name="B Pharma")
    link = add_link(org, other, "partner", actor=admin)
    add_link(org, other, "partner", actor=admin)  # no change, no record
    remove_link(org, link.pk, actor=admin)
    asset = AssetFactory(organization=org, name="Acmemab", visibility="public")
    update_asset(asset, {"visibility": "cda"}, actor=admin)
    update_asset(asset, {"visibility": "cda", "name": "Acmemab"}, actor=admin)  # unchanged
    set_role(fresh(admin), Role.MEMBER, admin)
    assert audit(org) == [
        (
            "acme-admin",
            "link_added",
            "B Pharma",
            None,
            {"organization": "org-b", "kind": "partner"},
        ),
        (
            "acme-admin",
            "link_removed",
            "B Pharma",
            {"organization": "org-b", "kind": "partner"},
            None,
        ),
        (
            "acme-admin",
            "visibility_changed",
            "Acmemab",
            {"visibility": "public"},
            {"visibility": "cda"},
        ),
        ("acme-admin", "role_changed", "acme-admin", {"role": "org_admin"}, {"role": "member"}),
    ]


def test_audit_is_written_in_the_transaction_of_the_change(org, admin):
    asset = AssetFactory(organization=org, visibility="public")
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            update_asset(asset, {"visibility": "cda"}, actor=admin)
            raise RuntimeError("rolled back")
    assert AuditEntry.objects.count() == 0
    asset.refresh_from_db()
    assert asset.visibility == "public"


def test_an_organisation_set_by_hand_opens_nothing(org):
    # Only the membership functions confirm: User.organization alone is not a membership.
    AssetFactory(organization=org, visibility="members")
    user = UserFactory(username="sneaky", organization=None)
    User.objects.filter(pk=user.pk).update(organization=org)
    assert sees_members_assets(fresh(user)) is False
    assert visible_assets(fresh(user)).count() == 0
    confirm_membership(fresh(user), org, UserFactory(role=Role.PLATFORM_ADMIN, organization=None))
    assert visible_assets(fresh(user)).count() == 1
