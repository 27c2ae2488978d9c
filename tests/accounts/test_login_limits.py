"""Sign-in limits per account and per client address, kept in the database so that every
process shares them: allauth's form and the Django admin's both refuse the 6th wrong
password, and the right one too while locked; after the window the right one works."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from dari.accounts.models import LoginFailure, Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LOCKED = "Too many failed sign-ins for this account or from this address."
PASSWORD = "pw-Dari-2026"


def site_login(client: Client, login: str, password: str, address: str = "10.0.0.1"):
    return client.post(
        "/accounts/login/", {"login": login, "password": password}, REMOTE_ADDR=address
    )


def admin_login(client: Client, username: str, password: str, address: str = "10.0.0.1"):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


@pytest.mark.parametrize("login", [site_login, admin_login], ids=["site", "admin"])
def test_sixth_wrong_attempt_and_right_password_refused_until_the_window_passes(login):
    UserFactory(username="alice", role=Role.PLATFORM_ADMIN, is_staff=True, is_superuser=True)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _ in range(5):
            response = login(Client(), "alice", "wrong")
            assert response.status_code == 200
            assert LOCKED not in response.content.decode()
        sixth = login(Client(), "alice", "wrong")
        assert LOCKED in sixth.content.decode()
        client = Client()
        right = login(client, "alice", PASSWORD)
        assert (right.status_code, LOCKED in right.content.decode()) == (200, True)
        assert "_auth_user_id" not in client.session
    # Being refused while locked is not counted again: the lock ends with the window.
    assert LoginFailure.objects.count() == 5
    with time_machine.travel(start + dt.timedelta(minutes=5, seconds=1), tick=False):
        client = Client()
        response = login(client, "alice", PASSWORD)
        assert response.status_code == 302
        assert client.session["_auth_user_id"] == str(
            UserFactory._meta.model.objects.get(username="alice").pk
        )


def test_the_account_is_locked_whichever_name_is_used_and_from_any_address():
    UserFactory(username="bob", email="bob@example.org")
    for i in range(5):
        site_login(Client(), "bob" if i % 2 else "BOB@example.org", "wrong", f"10.0.1.{i}")
    response = site_login(Client(), "bob", PASSWORD, "10.9.9.9")
    assert LOCKED in response.content.decode()
    response = admin_login(Client(), "bob", PASSWORD, "10.9.9.8")
    assert LOCKED in response.content.decode()


def test_an_address_is_locked_after_twenty_failures_across_accounts():
    UserFactory(username="carol")
    for i in range(20):
        site_login(Client(), f"nobody{i}", "wrong", "10.0.2.1")
    assert LOCKED in site_login(Client(), "carol", PASSWORD, "10.0.2.1").content.decode()
    client = Client()
    assert site_login(client, "carol", PASSWORD, "10.0.2.2").status_code == 302


def test_the_lock_is_in_the_database_for_every_process():
    # Another process's failures are rows in the table: five of them lock here too.
    user = UserFactory(username="dave")
    now = timezone.now()
    LoginFailure.objects.bulk_create(
        LoginFailure(account=f"user:{user.pk}", address="10.0.3.1", at=now) for _ in range(5)
    )
    assert LOCKED in site_login(Client(), "dave", PASSWORD, "10.0.3.9").content.decode()


def test_korean_message(settings):
    UserFactory(username="erin")
    for _ in range(5):
        site_login(Client(), "erin", "wrong")
    response = Client().post(
        "/accounts/login/",
        {"login": "erin", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
        HTTP_ACCEPT_LANGUAGE="ko",
    )
    assert "로그인 실패가 너무 많습니다" in response.content.decode()
