"""The asset access funnel: every branch of `visible_assets` and `access_asset`."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from dari.accounts.models import Role
from dari.directory.access import access_asset, visible_assets
from dari.directory.exporter import export_directory
from dari.directory.models import Asset
from tests.factories import DealFactory, UserFactory

EXPECTED = {
    "anonymous": ["as-public"],
    "loner": ["as-public"],
    "unverified": ["as-public"],
    "pending": ["as-public"],
    "removed": ["as-public"],
    "stranger": ["as-members", "as-public"],
    "partner": ["as-members", "as-partners", "as-public"],
    "cda": ["as-cda", "as-members", "as-partners", "as-public"],
    "owner": ["as-cda", "as-members", "as-partners", "as-public"],
}


def user_of(world, who):
    return AnonymousUser() if who == "anonymous" else world["users"][who]


@pytest.mark.parametrize("who", list(EXPECTED))
def test_visible_assets_follow_the_visibility_rules(leak_world, who):
    user = user_of(leak_world, who)
    assert sorted(visible_assets(user).values_list("pk", flat=True)) == EXPECTED[who]


@pytest.mark.parametrize("who", list(EXPECTED))
def test_a_refused_asset_raises_exactly_like_a_missing_one(leak_world, who):
    user = user_of(leak_world, who)
    for asset_id in ["as-public", "as-members", "as-partners", "as-cda"]:
        if asset_id in EXPECTED[who]:
            assert access_asset(user, asset_id).pk == asset_id
            continue
        with pytest.raises(Asset.DoesNotExist) as refused:
            access_asset(user, asset_id)
        with pytest.raises(Asset.DoesNotExist) as missing:
            access_asset(user, asset_id + "-missing")
        assert type(refused.value) is type(missing.value)


def test_none_is_anonymous(leak_world):
    assert list(visible_assets(None).values_list("pk", flat=True)) == ["as-public"]


def test_inactive_user_sees_public_only(leak_world):
    owner = leak_world["users"]["owner"]
    owner.is_active = False
    assert list(visible_assets(owner).values_list("pk", flat=True)) == ["as-public"]


def test_platform_admin_sees_everything(leak_world):
    admin = UserFactory(role=Role.PLATFORM_ADMIN, organization=None)
    assert visible_assets(admin).count() == 4


def test_edit_needs_the_org_admin_role_of_the_owner(leak_world):
    member = leak_world["users"]["owner"]
    with pytest.raises(Asset.DoesNotExist):
        access_asset(member, "as-cda", "edit")
    member.role = Role.ORG_ADMIN
    assert access_asset(member, "as-cda", "edit").pk == "as-cda"
    partner_admin = leak_world["users"]["partner"]
    partner_admin.role = Role.ORG_ADMIN
    with pytest.raises(Asset.DoesNotExist):
        access_asset(partner_admin, "as-partners", "edit")


def test_an_export_made_for_a_user_holds_only_their_assets_and_hides_deal_asset_ids(leak_world):
    owner, _partner, _cda, stranger = leak_world["orgs"]
    DealFactory(
        id="dl-secret", licensor=owner, licensee=stranger, asset=leak_world["assets"]["cda"]
    )
    doc = export_directory(visible_assets(leak_world["users"]["stranger"]))
    assert [a["id"] for a in doc["assets"]] == ["as-members", "as-public"]
    assert [d.get("asset") for d in doc["deals"]] == [None]
    assert "as-cda" not in str(doc)


@pytest.mark.parametrize("user", [None, AnonymousUser()])
def test_an_anonymous_caller_may_not_edit_even_a_public_asset(leak_world, user):
    with pytest.raises(Asset.DoesNotExist):
        access_asset(user, "as-public", "edit")


@pytest.mark.django_db
def test_one_rule_says_who_may_administer_an_organisation():
    from dari.accounts.access import may_administer
    from tests.factories import OrganizationFactory

    org, other = OrganizationFactory(id="org-own"), OrganizationFactory(id="org-other")
    admin = UserFactory(username="own-admin", organization=org, role=Role.ORG_ADMIN)
    member = UserFactory(username="own-member", organization=org, role=Role.MEMBER)
    gone = UserFactory(
        username="gone-admin", organization=org, role=Role.ORG_ADMIN, is_active=False
    )
    assert may_administer(admin, org.pk) and not may_administer(admin, other.pk)
    assert not may_administer(member, org.pk)
    assert not may_administer(gone, org.pk)
    assert not may_administer(AnonymousUser(), org.pk)
