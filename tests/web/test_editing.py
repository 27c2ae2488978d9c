"""Editing by organisation admins: profile, assets (with visibility), partner and CDA lists,
and one's own time zone. Others get a 404, as if the page did not exist."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress

from dari.accounts.models import OrganizationLink, Role, User
from dari.directory.models import Asset, Organization
from tests.factories import OrganizationFactory, UserFactory
from tests.web.html import asset_ids, text

EDIT_URLS = [
    "/organizations/org-hanbit/edit",
    "/organizations/org-hanbit/links",
    "/organizations/org-hanbit/assets/new",
    "/assets/as-gastric/edit",
]


def org_form(**changes):
    data = {
        "name": "Hanbit Bio",
        "name_ko": "한빛바이오",
        "kind": "biotech",
        "country": "kr",
        "description": "Antibodies against gastric cancer",
        "interest_description": "",
        "therapeutic_areas": ["oncology"],
        "interest_deal_types": ["license", "co_development"],
        "sources": "https://example.org/a\nhttps://example.org/b",
    }
    data.update(changes)
    return data


def asset_form(**changes):
    data = {
        "name": "HB-303",
        "description": "췌장암 이중항체",
        "modality": "bispecific_antibody",
        "therapeutic_area": "oncology",
        "stage": "discovery",
        "targets": "MSLN\nCD3",
        "indications": "pancreatic cancer",
        "seeking": ["license"],
        "available": "true",
        "visibility": "public",
        "sources": "",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("url", EDIT_URLS)
def test_member_of_the_organisation_cannot_edit(client, directory, url):
    client.force_login(directory["member"])
    assert client.get(url).status_code == 404
    assert client.post(url, {}).status_code == 404


@pytest.mark.parametrize("url", EDIT_URLS)
def test_admin_of_another_organisation_gets_404(client, directory, url):
    other = UserFactory(organization=directory["pharma"], role=Role.ORG_ADMIN)
    client.force_login(other)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("url", EDIT_URLS)
def test_anonymous_is_sent_to_sign_in(client, directory, url):
    response = client.get(url)
    assert (response.status_code, response["Location"]) == (302, f"/accounts/login/?next={url}")


@pytest.mark.parametrize("url", EDIT_URLS)
def test_org_admin_can_open_every_edit_page(client, directory, url):
    client.force_login(directory["admin"])
    assert client.get(url).status_code == 200


def test_edit_links_show_only_to_admins(client, directory):
    client.force_login(directory["member"])
    assert client.get("/organizations/org-hanbit/").context["can_edit"] is False
    client.force_login(directory["admin"])
    response = client.get("/organizations/org-hanbit/")
    assert response.context["can_edit"] is True
    assert 'href="/organizations/org-hanbit/edit"' in text(response)


def test_admin_updates_the_profile_and_its_search_text(client, directory):
    client.force_login(directory["admin"])
    response = client.post("/organizations/org-hanbit/edit", org_form())
    assert (response.status_code, response["Location"]) == (302, "/organizations/org-hanbit/")
    org = Organization.objects.get(pk="org-hanbit")
    assert (org.country, org.therapeutic_areas, org.interest_deal_types, org.sources) == (
        "KR",
        ["oncology"],
        ["license", "co_development"],
        ["https://example.org/a", "https://example.org/b"],
    )
    found = client.get("/organizations/?q=gastric").context["page"]
    assert [o.pk for o in found] == ["org-hanbit"]


def test_invalid_profile_is_shown_again_with_errors(client, directory):
    client.force_login(directory["admin"])
    response = client.post(
        "/organizations/org-hanbit/edit", org_form(kind="alien", sources="ftp://x")
    )
    assert response.status_code == 200
    assert sorted(response.context["form"].errors) == ["kind", "sources"]
    assert Organization.objects.get(pk="org-hanbit").kind == "biotech"


def test_admin_creates_an_asset_found_by_korean_search(client, directory):
    client.force_login(directory["admin"])
    response = client.post("/organizations/org-hanbit/assets/new", asset_form())
    asset = Asset.objects.get(name="HB-303")
    assert (response.status_code, response["Location"]) == (302, f"/assets/{asset.pk}/")
    assert (asset.pk, asset.organization_id, asset.targets, asset.available) == (
        "as-org-hanbit-hb-303",
        "org-hanbit",
        ["MSLN", "CD3"],
        True,
    )
    client.logout()
    assert asset_ids(client.get("/assets/?q=췌장암")) == ["as-org-hanbit-hb-303"]


def test_a_new_asset_waits_for_its_visibility_to_be_chosen(client, directory):
    """No radio is checked on a new asset: left unchosen, the form says so, keeps what was
    typed, and nothing is published."""
    client.force_login(directory["admin"])
    page = client.get("/organizations/org-hanbit/assets/new").content.decode()
    assert not re.search(r'<input[^>]*name="visibility"[^>]*checked', page)
    data = asset_form()
    del data["visibility"]
    response = client.post("/organizations/org-hanbit/assets/new", data)
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["visibility"]
    assert "HB-303" in response.content.decode()
    assert not Asset.objects.filter(name="HB-303").exists()


def test_admin_makes_an_asset_confidential(client, directory):
    client.force_login(directory["admin"])
    response = client.post(
        "/assets/as-gastric/edit",
        asset_form(name="HB-101", description="Antibody", visibility="cda"),
    )
    assert (response.status_code, response["Location"]) == (302, "/assets/as-gastric/")
    asset = Asset.objects.get(pk="as-gastric")
    assert (asset.visibility, asset.search_document.name.split()) == ("cda", ["hb101"])
    client.logout()
    assert client.get("/assets/as-gastric/").status_code == 404
    assert asset_ids(client.get("/assets/?q=hb-101")) == []


def test_partner_and_cda_lists_open_assets(client, directory):
    owner = directory["biotech"]
    Asset.objects.filter(pk="as-lung").update(visibility="partners")
    Asset.objects.filter(pk="as-gastric").update(visibility="cda")
    scout = UserFactory(username="scout", organization=directory["pharma"])
    admin = client
    admin.force_login(directory["admin"])
    response = admin.post(
        "/organizations/org-hanbit/links", {"other": "org-global", "kind": "partner"}
    )
    assert (response.status_code, response["Location"]) == (302, "/organizations/org-hanbit/links")
    assert list(OrganizationLink.objects.values_list("owner_id", "other_id", "kind")) == [
        ("org-hanbit", "org-global", "partner")
    ]
    duplicate = admin.post(
        "/organizations/org-hanbit/links", {"other": "org-global", "kind": "partner"}
    )
    assert duplicate.context["form"].errors == {
        "__all__": ["This organisation is already on that list."]
    }
    self_link = admin.post(
        "/organizations/org-hanbit/links", {"other": "org-hanbit", "kind": "cda"}
    )
    assert sorted(self_link.context["form"].errors) == ["other"]

    admin.force_login(scout)
    assert asset_ids(admin.get("/organizations/org-hanbit/")) == ["as-lung"]

    admin.force_login(directory["admin"])
    admin.post("/organizations/org-hanbit/links", {"other": "org-global", "kind": "cda"})
    admin.force_login(scout)
    assert asset_ids(admin.get("/organizations/org-hanbit/")) == ["as-gastric", "as-lung"]

    admin.force_login(directory["admin"])
    for link in OrganizationLink.objects.filter(owner=owner):
        admin.post("/organizations/org-hanbit/links", {"remove": str(link.pk)})
    assert OrganizationLink.objects.count() == 0
    admin.force_login(scout)
    assert asset_ids(admin.get("/organizations/org-hanbit/")) == []


def test_admin_cannot_remove_another_organisations_link(client, directory):
    other = OrganizationFactory()
    link = OrganizationLink.objects.create(owner=other, other=directory["pharma"], kind="cda")
    client.force_login(directory["admin"])
    client.post("/organizations/org-hanbit/links", {"remove": str(link.pk)})
    assert OrganizationLink.objects.filter(pk=link.pk).exists() is True


def test_me_shows_organisation_and_role_and_sets_time_zone(client, directory):
    client.force_login(directory["admin"])
    page = text(client.get("/me/"))
    assert "Hanbit Bio" in page and "Organisation admin" in page
    response = client.post("/me/", {"timezone": "Europe/Berlin"})
    assert (response.status_code, response["Location"]) == (302, "/me/")
    assert User.objects.get(pk=directory["admin"].pk).timezone == "Europe/Berlin"
    response = client.post("/me/", {"timezone": "Mars/Olympus"})
    assert (response.status_code, sorted(response.context["form"].errors)) == (200, ["timezone"])
    assert User.objects.get(pk=directory["admin"].pk).timezone == "Europe/Berlin"


def test_sign_up_verify_and_sign_in(client, db, mailoutbox):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "new@example.org",
            "username": "newbie",
            "password1": "a-Long-pass-2026",
            "password2": "a-Long-pass-2026",
        },
    )
    # Verification is mandatory: no session before the address is confirmed.
    assert (response.status_code, response["Location"]) == (302, "/accounts/confirm-email/")
    response = client.post("/accounts/login/", {"login": "newbie", "password": "a-Long-pass-2026"})
    assert (response.status_code, response["Location"]) == (302, "/accounts/confirm-email/")
    assert client.get("/me/").status_code == 302
    [mail] = mailoutbox
    key = re.search(r"/accounts/confirm-email/([^/\s]+)/", mail.body).group(1)
    assert client.get(f"/accounts/confirm-email/{key}/").status_code == 200  # GET only shows
    assert EmailAddress.objects.get(email="new@example.org").verified is False
    client.post(f"/accounts/confirm-email/{key}/")
    assert EmailAddress.objects.get(email="new@example.org").verified is True
    response = client.post("/accounts/login/", {"login": "newbie", "password": "a-Long-pass-2026"})
    assert (response.status_code, response["Location"]) == (302, "/")
    assert text(client.get("/me/")).count("newbie") >= 1


def test_password_reset_sends_a_mail(client, directory, mailoutbox):
    response = client.post("/accounts/password/reset/", {"email": "hanbit-admin@example.org"})
    assert (response.status_code, response["Location"]) == (302, "/accounts/password/reset/done/")
    assert [m.to for m in mailoutbox] == [["hanbit-admin@example.org"]]


def test_asset_territories_must_name_known_places(client, directory):
    client.force_login(directory["admin"])
    bad = client.post(
        "/assets/as-gastric/edit", asset_form(territories="Greater China\nNarnia\nTürkiye")
    )
    assert bad.status_code == 200
    assert "unknown territory &#x27;Narnia&#x27; (use a country" in text(bad)
    assert Asset.objects.get(pk="as-gastric").territories != ["Greater China", "Narnia", "Türkiye"]
    good = client.post(
        "/assets/as-gastric/edit", asset_form(territories="global ex-Korea\nmainland China")
    )
    assert good.status_code == 302
    assert Asset.objects.get(pk="as-gastric").territories == ["global ex-Korea", "mainland China"]
