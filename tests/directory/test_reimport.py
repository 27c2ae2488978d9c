"""A re-import of bundled or curated data never lowers a visibility, never overwrites what an
organisation edited on its pages, and never touches partner and CDA lists (docs/data.md)."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from dari.accounts.models import LinkKind, OrganizationLink, Role
from dari.directory.bundled import load_bundled_data
from dari.directory.models import Asset, Organization
from dari.directory.vocab import Visibility
from tests.factories import UserFactory, link

pytestmark = pytest.mark.django_db


def curated(**asset_changes) -> dict:
    asset = {
        "id": "as-one",
        "organization": "org-one",
        "name": "ONE-101",
        "description": "As the curators wrote it",
        "stage": "phase1",
        "visibility": "public",
        "sources": ["https://example.org/one"],
    }
    asset.update(asset_changes)
    return {
        "format": "dari-directory/1",
        "organizations": [
            {
                "id": "org-one",
                "name": "One Bio",
                "kind": "biotech",
                "website": "https://one.example.org",
                "description": "Curated profile",
            },
            {"id": "org-two", "name": "Two Pharma", "kind": "pharma"},
        ],
        "assets": [asset],
    }


def run_import(tmp_path, document) -> None:
    path = tmp_path / "curated.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    call_command("import", str(path), "--no-progress", stdout=io.StringIO())


def asset_form(asset, **changes):
    data = {
        "name": asset.name,
        "description": asset.description,
        "modality": asset.modality,
        "therapeutic_area": asset.therapeutic_area,
        "stage": asset.stage,
        "targets": "\n".join(asset.targets),
        "indications": "\n".join(asset.indications),
        "seeking": asset.seeking,
        "territories": "",
        "available": "unknown" if asset.available is None else str(asset.available).lower(),
        "visibility": asset.visibility,
        "sources": "\n".join(asset.sources),
    }
    data.update(changes)
    return data


def edit_asset(client, asset_id, **changes):
    asset = Asset.objects.get(pk=asset_id)
    admin = UserFactory(organization=asset.organization, role=Role.ORG_ADMIN)
    client.force_login(admin)
    response = client.post(f"/assets/{asset_id}/edit", asset_form(asset, **changes))
    assert response.status_code == 302, response.content.decode()


@pytest.mark.slow
def test_reimporting_the_bundled_assets_keeps_what_the_owner_set(client):
    load_bundled_data()
    edit_asset(client, "as-abl-bio-grabody-b", visibility="cda", description="Ours now")
    call_command("import", "dari/data/assets.json", "--no-progress", stdout=io.StringIO())
    asset = Asset.objects.get(pk="as-abl-bio-grabody-b")
    assert (asset.visibility, asset.description, asset.stage) == ("cda", "Ours now", "platform")
    assert asset.edited_fields == ["description", "visibility"]


def test_an_import_never_lowers_a_visibility_it_did_not_set(tmp_path):
    run_import(tmp_path, curated(visibility="partners"))
    run_import(tmp_path, curated(visibility="public"))
    assert Asset.objects.get(pk="as-one").visibility == "partners"
    # A stricter one is taken.
    run_import(tmp_path, curated(visibility="cda"))
    assert Asset.objects.get(pk="as-one").visibility == "cda"


@pytest.mark.parametrize("visibility", [v for v in Visibility.values if v != "public"])
def test_an_owner_visibility_survives_a_reimport(client, tmp_path, visibility):
    run_import(tmp_path, curated())
    edit_asset(client, "as-one", visibility=visibility)
    run_import(tmp_path, curated())
    assert Asset.objects.get(pk="as-one").visibility == visibility


def test_fields_the_owner_did_not_edit_still_follow_the_curated_data(client, tmp_path):
    run_import(tmp_path, curated())
    edit_asset(client, "as-one", description="Owner's words")
    run_import(tmp_path, curated(stage="phase2", description="Curators' new words"))
    asset = Asset.objects.get(pk="as-one")
    assert (asset.description, asset.stage) == ("Owner's words", "phase2")
    # The search document is built from what is stored, the owner's words.
    assert "owner" in asset.search_document.body.split()


def test_an_edited_organisation_profile_survives_a_reimport(client, tmp_path):
    run_import(tmp_path, curated())
    org = Organization.objects.get(pk="org-one")
    client.force_login(UserFactory(organization=org, role=Role.ORG_ADMIN))
    response = client.post(
        "/organizations/org-one/edit",
        {
            "name": "One Bio",
            "kind": "biotech",
            "website": "https://one.example.org/en",
            "description": "Curated profile",
            "sources": "",
        },
    )
    assert response.status_code == 302, response.content.decode()
    run_import(tmp_path, curated())
    org.refresh_from_db()
    assert (org.website, org.description) == ("https://one.example.org/en", "Curated profile")
    assert org.edited_fields == ["website"]


def test_partner_and_cda_lists_are_untouched_by_a_reimport(tmp_path):
    run_import(tmp_path, curated())
    one, two = Organization.objects.get(pk="org-one"), Organization.objects.get(pk="org-two")
    link(one, two, LinkKind.PARTNER)
    link(one, two, LinkKind.CDA)
    run_import(tmp_path, curated())
    assert sorted(OrganizationLink.objects.values_list("owner", "other", "kind")) == [
        ("org-one", "org-two", "cda"),
        ("org-one", "org-two", "partner"),
    ]
