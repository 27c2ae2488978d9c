"""Organisations' descriptions in Korean (dari/data/labels/organization_descriptions_ko.json):
each entry renders one English text, named by its fingerprint, so that a Korean reader never
reads a rendering of a description its owner has since changed."""

from __future__ import annotations

import html
import json

import pytest

from dari.core.names import descriptions_ko, korean_description, local_description
from dari.directory.bundled import bundled_files, load_bundled_data
from dari.directory.models import Organization


def bundled_organizations() -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = {}
    for path in bundled_files():
        records = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(records, dict):
            found.update((o["id"], o) for o in records.get("organizations") or [])
    return found


def renderings() -> dict[str, str]:
    return {key: r.text for key, r in descriptions_ko()["organization"].items()}


def test_the_rendering_of_another_english_text_is_not_shown():
    english = bundled_organizations()["abl-bio"]["description"]
    org = Organization(id="abl-bio", name="ABL Bio", description=english)
    assert korean_description(org) == renderings()["abl-bio"]
    assert local_description(org, "ko") == renderings()["abl-bio"]
    assert local_description(org, "en") == english
    org.description = english + " It moved its headquarters."
    assert korean_description(org) == ""
    assert local_description(org, "ko") == org.description
    # An organisation created here has no entry.
    mine = Organization(id="ours", name="Ours", description="Our own company")
    assert local_description(mine, "ko") == "Our own company"


@pytest.fixture
def bundled(db):
    load_bundled_data()


def _page(client, url: str, language: str) -> str:
    client.cookies["django_language"] = language
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200, url
    return html.unescape(response.content.decode())


@pytest.mark.parametrize("org_id", ["abl-bio", "celltrion", "kpbma"])
def test_an_organisation_page_reads_in_the_readers_language(bundled, client, org_id):
    url = f"/organizations/{org_id}/"
    english = str(Organization.objects.get(pk=org_id).description)
    korean = renderings()[org_id]
    ko_page, en_page = _page(client, url, "ko"), _page(client, url, "en")
    assert f'<p class="description">{korean}</p>' in ko_page
    assert english not in ko_page
    assert f'<p class="description">{english}</p>' in en_page
    assert korean not in en_page


def test_after_an_edit_the_korean_page_shows_the_new_english(bundled, client):
    org = Organization.objects.get(pk="abl-bio")
    old_korean = renderings()["abl-bio"]
    org.description = "Bispecific antibody developer in Seongnam (edited by its owner)."
    org.save()
    page = _page(client, "/organizations/abl-bio/", "ko")
    assert f'<p class="description">{org.description}</p>' in page
    assert old_korean not in page


def test_the_api_keeps_english_and_adds_the_korean_rendering(bundled, client):
    record = client.get("/api/organizations/abl-bio").json()
    org = Organization.objects.get(pk="abl-bio")
    assert record["description"] == org.description
    assert record["description_ko"] == renderings()["abl-bio"]
    org.description = "Edited by its owner."
    org.save()
    record = client.get("/api/organizations/abl-bio").json()
    assert (record["description"], "description_ko" in record) == ("Edited by its owner.", False)
