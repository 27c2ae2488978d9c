"""Shared fixtures: the same suite runs on SQLite (default) and PostgreSQL (DATABASE_URL)."""

from __future__ import annotations

import pytest

from dari.accounts.models import LinkKind
from dari.directory.vocab import Visibility
from tests.factories import (
    AssetFactory,
    OrganizationFactory,
    UserFactory,
    link,
    pending_user,
    removed_user,
)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked slow start first, then the browser tests (tens of seconds each).
    pytest-django then sorts stably by database use (plain, transactional, none), so within
    each of its groups the long tests run early and the short ones fill the end, where
    pytest-xdist's two workers (work stealing: see the Makefile) would otherwise wait for one
    another (the Korean-pages and GET-writes walks came last of the transactional group).
    Only the order changes; every test still runs."""
    first = ("slow", "browser")
    items.sort(
        key=lambda item: next(
            (n for n, mark in enumerate(first) if item.get_closest_marker(mark)), len(first)
        )
    )


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    """PBKDF2's deliberate slowness buys nothing in tests; WhiteNoise warns (an error here) when
    STATIC_ROOT does not exist, as on a fresh clone before collectstatic."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STATIC_ROOT.mkdir()


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """The API's rate counters live in the process (the "limits" cache) and count per minute,
    per user id or address: without a fresh start, the requests of earlier tests (the same
    127.0.0.1, the same reused user ids) would be counted against a later test, which a fast
    machine would answer 429."""
    from django.core.cache import caches

    caches["limits"].clear()


@pytest.fixture(autouse=True)
def _english_after_each_test():
    """A request in Korean activates Korean in the test's thread; the next test starts in the
    default language again, whatever the one before asked for."""
    from django.utils import translation

    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def _fake_embedder():
    """Recommendations in Django tests use the deterministic embedder (the real multilingual
    model is exercised by tests/matching); each test starts from a fresh index."""
    from dari.directory.domain.recommend import use_embedder
    from dari.matching import FakeEmbedder

    use_embedder(FakeEmbedder())
    yield
    use_embedder(None)


@pytest.fixture
def leak_world(db):
    """Beside every query that must not return them: one asset of each visibility, an owner,
    a partner organisation, a CDA organisation and an unrelated one, each with a member; and
    the accounts that are no vetted members (verified without organisation, unverified, join
    pending, removed)."""
    owner = OrganizationFactory(id="org-owner", name="Owner Bio")
    partner = OrganizationFactory(id="org-partner", name="Partner Pharma", kind="pharma")
    cda = OrganizationFactory(id="org-cda", name="CDA Pharma", kind="pharma")
    stranger = OrganizationFactory(id="org-stranger", name="Stranger Pharma", kind="pharma")
    link(owner, partner, LinkKind.PARTNER)
    link(owner, cda, LinkKind.CDA)
    assets = {
        v: AssetFactory(
            id=f"as-{v}",
            organization=owner,
            name=f"Secretmab {v}",
            visibility=v,
        )
        for v in Visibility.values
    }
    users = {
        "owner": UserFactory(username="owner", organization=owner),
        "partner": UserFactory(username="partner", organization=partner),
        "cda": UserFactory(username="cda", organization=cda),
        "stranger": UserFactory(username="stranger", organization=stranger),
        "loner": UserFactory(username="loner", organization=None),
        # The membership states that must see what an anonymous visitor sees, each as close
        # to the owner as it can be: a confirmed member with an unverified address, a
        # pending join request, a removed member.
        "unverified": UserFactory(username="unverified", organization=owner, verified=False),
        "pending": pending_user(owner, username="pending"),
        "removed": removed_user(owner, username="removed"),
    }
    return {"assets": assets, "users": users, "orgs": [owner, partner, cda, stranger]}
