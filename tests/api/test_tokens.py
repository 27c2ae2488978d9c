"""Personal access tokens: stored hashed, shown once, `Authorization: Bearer` on every
endpoint through the user's access funnel, 401 for unknown or revoked tokens, read-only
unless created with write scope, last use recorded at most once a minute. (The leak tests
of tests/api/test_access.py run once with sessions and once with tokens.)"""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.utils import timezone

from dari.accounts.domain.membership import remove_member
from dari.accounts.domain.tokens import create_token, revoke_token
from dari.accounts.models import PersonalAccessToken, TokenScope, User
from tests.api.conftest import ids
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

OWNER_SEES = ["as-cda", "as-members", "as-partners", "as-public"]


def bearer(secret: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def test_command_prints_the_token_once_and_stores_only_its_digest(leak_world):
    out, err = io.StringIO(), io.StringIO()
    call_command("token", "create", "--user", "owner", "--name", "CRM", stdout=out, stderr=err)
    secret = out.getvalue().strip()
    assert secret.startswith("dari_pat_")
    assert len(secret) >= 40
    token = PersonalAccessToken.objects.get()
    assert (token.name, token.scope, token.user.username) == ("CRM", TokenScope.READ, "owner")
    assert secret not in {token.digest, token.prefix}
    assert secret.startswith(token.prefix)
    assert ids(bearer(secret).get("/api/assets")) == OWNER_SEES
    listed = io.StringIO()
    call_command("token", "list", "--user", "owner", stdout=listed)
    assert secret not in listed.getvalue()
    assert listed.getvalue().count("\n") == 1


def test_command_write_scope_and_unknown_user(leak_world):
    call_command("token", "create", "--user", "owner", "--write", stdout=io.StringIO(),
                 stderr=io.StringIO())  # fmt: skip
    assert PersonalAccessToken.objects.get().scope == TokenScope.WRITE
    with pytest.raises(CommandError, match="no user named 'nobody'"):
        call_command("token", "create", "--user", "nobody")


@pytest.mark.parametrize(
    "header",
    ["Bearer dari_pat_unknown", "Bearer ", "Bearer nonsense", "Basic b3duZXI6cHc=", "Token x"],
)
def test_unknown_or_malformed_credentials_are_401_json(leak_world, header):
    response = Client(HTTP_AUTHORIZATION=header).get("/api/assets")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["WWW-Authenticate"] == "Bearer"
    assert (set(response.json()), response.json()["errors"]) == ({"detail", "errors"}, [])


def test_revoked_token_is_401_at_once(leak_world):
    owner = leak_world["users"]["owner"]
    token, secret = create_token(owner, "BI")
    assert bearer(secret).get("/api/assets/as-cda").status_code == 200
    revoke_token(owner, token.pk)
    response = bearer(secret).get("/api/assets/as-cda")
    assert (response.status_code, response.json()) == (
        401,
        {"detail": "Unknown or revoked token.", "errors": []},
    )


def test_token_of_an_inactive_user_is_401(leak_world):
    owner = leak_world["users"]["owner"]
    _token, secret = create_token(owner, "BI")
    User.objects.filter(pk=owner.pk).update(is_active=False)
    assert bearer(secret).get("/api/assets").status_code == 401


def test_token_of_a_removed_member_sees_what_the_user_now_sees(leak_world):
    owner_org = leak_world["orgs"][0]
    admin = UserFactory(organization=owner_org, role="org_admin")
    member = UserFactory(organization=owner_org)
    _token, secret = create_token(member, "CRM")
    assert ids(bearer(secret).get("/api/assets")) == OWNER_SEES
    remove_member(owner_org, member.pk, admin)
    assert ids(bearer(secret).get("/api/assets")) == ["as-public"]
    assert bearer(secret).get("/api/assets/as-members").status_code == 404


def test_a_token_wins_over_a_session(leak_world):
    client = Client()
    client.force_login(leak_world["users"]["owner"])
    _token, secret = create_token(leak_world["users"]["loner"], "x")
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {secret}"
    assert ids(client.get("/api/assets")) == ["as-public"]


def test_read_only_token_may_not_change_anything(leak_world):
    owner = leak_world["users"]["owner"]
    _token, secret = create_token(owner, "BI")
    response = bearer(secret).patch(
        "/api/me", {"timezone": "Europe/Paris"}, content_type="application/json"
    )
    assert response.status_code == 403
    assert response.json() == {
        "detail": "This token is read-only; create one with write scope.",
        "errors": [],
    }
    assert User.objects.get(pk=owner.pk).timezone == "Asia/Seoul"


def test_write_token_may_change_and_is_validated(leak_world):
    owner = leak_world["users"]["owner"]
    _token, secret = create_token(owner, "CRM", write=True)
    client = bearer(secret)
    response = client.patch(
        "/api/me", {"timezone": "Europe/Paris"}, content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json() == {
        "username": "owner",
        "organization": "org-owner",
        "membership": "confirmed",
        "vetted": True,
        "timezone": "Europe/Paris",
        "token_scope": "write",
    }
    assert User.objects.get(pk=owner.pk).timezone == "Europe/Paris"
    bad = client.patch("/api/me", {"timezone": "Mars/Olympus"}, content_type="application/json")
    assert bad.status_code == 400
    assert "Mars/Olympus" in bad.json()["detail"]
    assert [(e["field"], e["message"]) for e in bad.json()["errors"]] == [
        ("timezone", bad.json()["detail"].removeprefix("timezone: "))
    ]
    assert User.objects.get(pk=owner.pk).timezone == "Europe/Paris"


def test_me_for_each_membership_state(leak_world):
    expected = {
        "unverified": ("org-owner", "confirmed", False),
        "pending": (None, "requested", False),
        "removed": (None, "removed", False),
        "loner": (None, None, False),
        "owner": ("org-owner", "confirmed", True),
    }
    for name, (org, state, vetted) in expected.items():
        _token, secret = create_token(leak_world["users"][name], "me")
        body = bearer(secret).get("/api/me").json()
        assert (body["organization"], body["membership"], body["vetted"]) == (org, state, vetted)
    assert Client().get("/api/me").json()["username"] is None


def test_last_use_is_recorded_at_most_once_a_minute(leak_world):
    owner = leak_world["users"]["owner"]
    token, secret = create_token(owner, "BI")
    assert token.last_used is None
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        bearer(secret).get("/api/assets")
        token.refresh_from_db()
        assert token.last_used == start
    with time_machine.travel(start + dt.timedelta(seconds=30), tick=False):
        bearer(secret).get("/api/assets")
        token.refresh_from_db()
        assert token.last_used == start
    later = start + dt.timedelta(seconds=61)
    with time_machine.travel(later, tick=False):
        bearer(secret).get("/api/assets")
        token.refresh_from_db()
        assert token.last_used == later


def test_a_session_needs_the_csrf_token_to_change_anything(leak_world):
    owner = leak_world["users"]["owner"]
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    response = client.patch(
        "/api/me", {"timezone": "Europe/Paris"}, content_type="application/json"
    )
    assert response.status_code == 403
    assert User.objects.get(pk=owner.pk).timezone == "Asia/Seoul"
    anonymous = Client().patch(
        "/api/me", {"timezone": "Europe/Paris"}, content_type="application/json"
    )
    assert anonymous.status_code == 401
