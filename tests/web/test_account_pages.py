"""The account page and an organisation's members page, through HTTP: POST-only changes with
CSRF, refusals on their field, access for the organisation's admins (and platform admins)
only, both languages."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from dari.accounts.models import (
    AuditEntry,
    EmailDomain,
    Invitation,
    Membership,
    PersonalAccessToken,
    Role,
    User,
)
from tests.factories import AssetFactory, OrganizationFactory, UserFactory, pending_user
from tests.web.html import text

pytestmark = pytest.mark.django_db


@pytest.fixture
def acme():
    org = OrganizationFactory(id="org-acme", name="Acme Bio")
    AssetFactory(id="as-acme-members", organization=org, name="Membermab", visibility="members")
    admin = UserFactory(username="acme-admin", organization=org, role=Role.ORG_ADMIN)
    return org, admin


def signed_in(user, **kwargs) -> Client:
    client = Client(**kwargs)
    client.force_login(user)
    return client


def counts():
    return [
        m.objects.count()
        for m in (Membership, Invitation, EmailDomain, PersonalAccessToken, AuditEntry, User)
    ]


def test_join_request_approved_through_the_pages(acme):
    org, admin = acme
    newbie = UserFactory(username="newbie", organization=None)
    client = signed_in(newbie)
    before = counts()
    page = client.get("/me/")
    assert counts() == before  # a GET writes nothing
    assert "Not a member of an organisation" in text(page)
    assert client.get("/assets/as-acme-members/").status_code == 404
    response = client.post("/me/", {"action": "join", "organization": "org-acme"})
    assert (response.status_code, response["Location"]) == (302, "/me/")
    assert "Your request to join <strong>Acme Bio</strong> waits for its admins." in text(
        client.get("/me/")
    )
    admin_client = signed_in(admin)
    members_page = text(admin_client.get("/organizations/org-acme/members"))
    assert "newbie" in members_page
    request_id = Membership.objects.get(user=newbie).pk
    response = admin_client.post(
        "/organizations/org-acme/members", {"action": "approve", "id": request_id}
    )
    assert response.status_code == 302
    assert client.get("/assets/as-acme-members/").status_code == 200
    audit = text(admin_client.get("/organizations/org-acme/members"))
    assert audit.count("Membership confirmed") == 1
    assert audit.count("Membership requested") == 1


def test_removed_member_loses_access_with_the_next_request(acme):
    org, admin = acme
    member = UserFactory(username="member", organization=org)
    client = signed_in(member)
    assert client.get("/assets/as-acme-members/").status_code == 200
    signed_in(admin).post("/organizations/org-acme/members", {"action": "remove", "id": member.pk})
    assert client.get("/assets/as-acme-members/").status_code == 404
    assert "Removed" in text(client.get("/me/"))


def test_members_page_is_for_the_organisations_admins_and_platform_admins(acme):
    org, admin = acme
    other_admin = UserFactory(organization=OrganizationFactory(), role=Role.ORG_ADMIN)
    member = UserFactory(organization=org)
    unverified_admin = UserFactory(organization=org, role=Role.ORG_ADMIN, verified=False)
    platform = UserFactory(organization=None, role=Role.PLATFORM_ADMIN)
    url = "/organizations/org-acme/members"
    assert Client().get(url).status_code == 302  # to the sign-in
    for user in (other_admin, member, unverified_admin):
        assert signed_in(user).get(url).status_code == 404
        response = signed_in(user).post(url, {"action": "remove", "id": admin.pk})
        assert response.status_code == 404
    assert signed_in(admin).get(url).status_code == 200
    assert signed_in(platform).get(url).status_code == 200
    assert User.objects.get(pk=admin.pk).organization_id == "org-acme"


def test_changes_need_csrf_and_post(acme):
    org, admin = acme
    pending = pending_user(org, username="pending")
    client = signed_in(admin, enforce_csrf_checks=True)
    response = client.post(
        "/organizations/org-acme/members",
        {"action": "approve", "id": Membership.objects.get(user=pending).pk},
    )
    assert response.status_code == 403
    assert User.objects.get(pk=pending.pk).organization_id is None
    newbie = UserFactory(organization=None)
    response = signed_in(newbie, enforce_csrf_checks=True).post(
        "/me/", {"action": "join", "organization": "org-acme"}
    )
    assert response.status_code == 403
    assert Membership.objects.filter(user=newbie).count() == 0
    assert signed_in(admin).put("/organizations/org-acme/members").status_code == 405


def test_refusals_show_on_their_field(acme):
    org, admin = acme
    client = signed_in(admin)
    url = "/organizations/org-acme/members"
    before = counts()
    bad_domain = client.post(url, {"action": "add-domain", "domain": "not a domain"})
    assert bad_domain.status_code == 200  # the form again, the refusal on its field
    assert "“not a domain” is not a valid domain name (for example: example.com)." in text(
        bad_domain
    )
    public = client.post(url, {"action": "add-domain", "domain": "gmail.com"})
    assert "gmail.com is a public e-mail service" in text(public)
    bad_email = client.post(url, {"action": "invite", "email": "nobody"})
    assert bad_email.status_code == 200
    assert bad_email.context["invite_form"].errors == {"email": ["Enter a valid email address."]}
    assert counts() == before
    wrong_id = client.post(url, {"action": "approve", "id": "999999999"})
    assert wrong_id.status_code == 302
    assert "This join request is no longer pending." in text(client.get(url))


def test_invitation_and_domain_through_the_pages(
    acme, mailoutbox, django_capture_on_commit_callbacks
):
    org, admin = acme
    client = signed_in(admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/organizations/org-acme/members", {"action": "invite", "email": "i@x.example"})
    assert [m.to for m in mailoutbox] == [["i@x.example"]]
    assert "http://testserver/me/" in mailoutbox[0].body
    invitee = UserFactory(username="invitee", email="i@x.example", organization=None)
    me = signed_in(invitee)
    page = text(me.get("/me/"))
    assert "<strong>Acme Bio</strong> invited i@x.example." in page
    me.post("/me/", {"action": "accept", "id": Invitation.objects.get().pk})
    assert User.objects.get(pk=invitee.pk).organization_id == "org-acme"
    client.post(
        "/organizations/org-acme/members", {"action": "add-domain", "domain": "acme.example"}
    )
    assert [d.domain for d in EmailDomain.objects.all()] == ["acme.example"]
    joiner = UserFactory(username="joiner", email="j@acme.example", organization=None)
    signed_in(joiner).post("/me/", {"action": "join", "organization": "org-acme"})
    assert User.objects.get(pk=joiner.pk).organization_id == "org-acme"


def test_tokens_on_the_account_page_are_shown_once(acme):
    org, admin = acme
    client = signed_in(admin)
    response = client.post("/me/", {"action": "token-create", "name": "CRM sync"})
    assert response.status_code == 200
    secret = re.search(r"<code>(dari_pat_[^<]+)</code>", text(response)).group(1)
    assert secret not in text(client.get("/me/"))
    assert Client(HTTP_AUTHORIZATION=f"Bearer {secret}").get("/api/me").json()["username"] == (
        "acme-admin"
    )
    token = PersonalAccessToken.objects.get()
    assert (token.name, token.scope) == ("CRM sync", "read")
    client.post("/me/", {"action": "token-revoke", "id": token.pk})
    assert Client(HTTP_AUTHORIZATION=f"Bearer {secret}").get("/api/me").status_code == 401
    # Another user's token cannot be revoked from here.
    other = PersonalAccessToken.objects.create(user=UserFactory(), name="x", prefix="p", digest="d")
    client.post("/me/", {"action": "token-revoke", "id": other.pk})
    assert PersonalAccessToken.objects.get(pk=other.pk).revoked is None


def test_pages_in_korean(acme):
    org, admin = acme
    client = signed_in(admin, HTTP_ACCEPT_LANGUAGE="ko")
    me = text(client.get("/me/"))
    assert "API 토큰" in me
    members = text(client.get("/organizations/org-acme/members"))
    assert "가입 요청" in members
    assert "감사 기록" in members


SIGN_UP = {
    "email": "fresh@example.org",
    "username": "fresh",
    "password1": "a-Long-pass-2026",
    "password2": "a-Long-pass-2026",
}


def test_a_fresh_sign_up_sees_no_members_asset_until_verified_and_confirmed(client, mailoutbox):
    """The hole of issue 11: anyone who signed up at once saw every `members` asset."""
    org = OrganizationFactory(id="org-acme", name="Acme Bio")
    AssetFactory(id="as-members", organization=org, name="Membermab", visibility="members")
    AssetFactory(id="as-public", organization=org, name="Publicmab", visibility="public")
    client.post("/accounts/signup/", SIGN_UP)
    client.post("/accounts/login/", {"login": "fresh", "password": "a-Long-pass-2026"})
    assert client.get("/assets/as-members/").status_code == 404
    assert [a["id"] for a in client.get("/api/assets").json()["items"]] == ["as-public"]
    key = re.search(r"/accounts/confirm-email/([^/\s]+)/", mailoutbox[0].body).group(1)
    client.post(f"/accounts/confirm-email/{key}/")
    client.post("/accounts/login/", {"login": "fresh", "password": "a-Long-pass-2026"})
    assert client.get("/me/").status_code == 200  # signed in now, verified
    assert client.get("/assets/as-members/").status_code == 404
    assert [a["id"] for a in client.get("/api/assets").json()["items"]] == ["as-public"]
    client.post("/me/", {"action": "join", "organization": "org-acme"})
    assert client.get("/assets/as-members/").status_code == 404  # pending
    admin = UserFactory(organization=org, role=Role.ORG_ADMIN)
    request_id = Membership.objects.get(user__username="fresh").pk
    signed_in(admin).post(
        "/organizations/org-acme/members", {"action": "approve", "id": request_id}
    )
    assert client.get("/assets/as-members/").status_code == 200


def test_platform_admin_confirms_anyone_on_the_members_page(acme):
    org, admin = acme
    platform = UserFactory(username="root", organization=None, role=Role.PLATFORM_ADMIN)
    someone = UserFactory(username="someone", organization=None)
    url = "/organizations/org-acme/members"
    # An organisation admin cannot: requests and invitations are their ways.
    assert (
        signed_in(admin).post(url, {"action": "confirm-user", "username": "someone"}).status_code
        == 404
    )
    assert User.objects.get(pk=someone.pk).organization_id is None
    client = signed_in(platform, HTTP_ACCEPT_LANGUAGE="ko")
    unknown = client.post(url, {"action": "confirm-user", "username": "nobody"})
    assert unknown.context["confirm_form"].errors == {"username": ["이 이름의 사용자가 없습니다."]}
    assert client.post(url, {"action": "confirm-user", "username": "someone"}).status_code == 302
    assert User.objects.get(pk=someone.pk).organization_id == "org-acme"
    assert Membership.objects.get(user=someone).source == "platform_admin"
    assert AuditEntry.objects.filter(organization=org, actor=platform).count() == 1


def test_organisation_admins_set_roles_of_their_members_only(acme):
    org, admin = acme
    member = UserFactory(username="member", organization=org)
    organiser = UserFactory(username="organiser", organization=org, role=Role.ORGANISER)
    stranger = UserFactory(username="stranger", organization=OrganizationFactory())
    client = signed_in(admin)
    url = "/organizations/org-acme/members"
    client.post(url, {"action": "role", "id": member.pk, "role": "org_admin"})
    assert User.objects.get(pk=member.pk).role == Role.ORG_ADMIN
    assert signed_in(User.objects.get(pk=member.pk)).get(url).status_code == 200
    for target, role in [
        (member, "platform_admin"),
        (organiser, "member"),
        (stranger, "org_admin"),
    ]:
        client.post(url, {"action": "role", "id": target.pk, "role": role})
    assert [User.objects.get(pk=u.pk).role for u in (member, organiser, stranger)] == [
        Role.ORG_ADMIN,
        Role.ORGANISER,
        Role.MEMBER,
    ]
    entries = AuditEntry.objects.filter(organization=org, action="role_changed")
    assert [(e.object_label, e.before, e.after) for e in entries] == [
        ("member", {"role": "member"}, {"role": "org_admin"})
    ]
    assert "Only a platform admin can change this person&#x27;s role." in text(client.get(url))


def test_the_korean_confirmation_mail_ends_its_link_before_any_korean_word(client, mailoutbox):
    """allauth's Korean mail wrote "...confirm-email/KEY/을 클릭하세요": a mail client takes
    the "을" into the link, which then answers 404."""
    client.cookies["django_language"] = "ko"
    client.post("/accounts/signup/", SIGN_UP)
    body = mailoutbox[0].body
    link = re.search(r"http\S*/accounts/confirm-email/\S+", body).group(0)
    assert re.fullmatch(r"http://testserver/accounts/confirm-email/[^/\s]+/", link), link
    assert "확인" in body
    client.post(link.removeprefix("http://testserver"))
    client.post("/accounts/login/", {"login": "fresh", "password": "a-Long-pass-2026"})
    assert client.get("/me/").status_code == 200
