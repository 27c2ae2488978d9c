"""`updated` on every directory record and `updated_since` on every list, for a CRM that syncs
what changed: a re-import that changes nothing stamps nothing; an edit or a changed record is
stamped; a bad time is a 400 naming the parameter."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from dari.directory.importer import import_files
from dari.directory.models import Asset, Organization

DOC = {
    "format": "dari-directory/1",
    "organizations": [
        {"id": "org-a", "name": "A Bio", "kind": "biotech", "sources": ["https://a.kr/"]},
        {"id": "org-b", "name": "B Pharma", "kind": "pharma", "sources": ["https://b.kr/"]},
    ],
    "assets": [
        {
            "id": "as-a1",
            "organization": "org-a",
            "name": "A-1",
            "visibility": "public",
            "sources": ["https://a.kr/a1"],
        }
    ],
}


def _import(tmp_path, doc):
    path = tmp_path / "d.json"
    path.write_text(json.dumps(doc))
    import_files([path])


def _ids(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


@pytest.mark.django_db
def test_only_what_changed_is_listed_after_the_time_given(tmp_path, client):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _import(tmp_path, DOC)
    with time_machine.travel(start + timedelta(days=1), tick=False):
        changed = json.loads(json.dumps(DOC))
        changed["organizations"][1]["city"] = "Seoul"
        _import(tmp_path, changed)  # org-a and as-a1 unchanged: their stamps stay
    since = (start + timedelta(hours=1)).isoformat()
    assert _ids(client, f"/api/organizations?updated_since={since}") == ["org-b"]
    assert _ids(client, f"/api/assets?updated_since={since}") == []
    assert _ids(client, "/api/organizations?updated_since=2000-01-01") == ["org-a", "org-b"]
    assert Organization.objects.get(pk="org-a").updated == start

    with time_machine.travel(start + timedelta(days=2), tick=False):
        asset = Asset.objects.get(pk="as-a1")
        asset.name = "A-1 (renamed)"
        asset.save(update_fields=["name"])
    assert Asset.objects.get(pk="as-a1").updated == start + timedelta(days=2)
    assert _ids(client, f"/api/assets?updated_since={since}") == ["as-a1"]


@pytest.mark.django_db
def test_a_bad_time_names_the_parameter(client):
    response = client.get("/api/deals?updated_since=yesterday")
    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert error["field"] == "updated_since"
    assert "yesterday" in error["message"]


@pytest.mark.django_db
@pytest.mark.parametrize("since", ["2000-01-01T00:00:00+23:59", "0001-01-01T00:00:00+01:00"])
def test_an_extreme_offset_is_read_in_utc_or_refused(client, since):
    response = client.get("/api/deals", {"updated_since": since})
    assert response.status_code in (200, 400)


@pytest.mark.django_db
def test_an_asset_newly_shared_by_a_partner_or_cda_link_is_listed_as_changed(leak_world, client):
    """A CRM that syncs with `updated_since` learns of an asset a new partner or CDA link lets
    its user see, though the asset's own content did not change."""
    from dari.accounts.domain.links import add_link
    from dari.accounts.models import LinkKind
    from tests.factories import DealFactory

    stranger = leak_world["users"]["stranger"]
    client.force_login(stranger)
    DealFactory(id="dl-cda", licensor_id="org-owner", licensee_id="org-partner", asset_id="as-cda")
    since = timezone.now() + timedelta(days=1)
    with time_machine.travel(since + timedelta(hours=1), tick=False):
        add_link(Organization.objects.get(pk="org-owner"), stranger.organization, LinkKind.CDA)
    url = f"/api/assets?updated_since={since.isoformat().replace('+00:00', 'Z')}"
    assert _ids(client, url) == ["as-cda", "as-partners"]
    # The deal of the newly shared asset now names it: it is listed as changed too.
    assert _ids(client, url.replace("/assets", "/deals")) == ["dl-cda"]
