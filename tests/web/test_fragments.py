"""An htmx fragment opened directly (a bookmark, a link shared, a crawler) sends the browser to
the page it belongs in, at its place there, instead of an unstyled scrap; htmx still gets the
fragment."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import URLResolver, get_resolver

import dari
from tests.factories import AssetFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

FRAGMENTS = [
    ("/assets/as-x/partners", "/assets/as-x/#partners"),
    ("/assets/as-x/partners?territory=Japan", "/assets/as-x/#partners"),
    ("/organizations/org-x/recommended-assets", "/organizations/org-x/#recommended-assets"),
    ("/trials/asset-sites/as-x/", "/assets/as-x/#trial-sites"),
    ("/events/some-week/suggestions", "/events/some-week/#suggestions"),
    ("/events/some-week/manage/runs/7", "/events/some-week/manage#optimiser"),
    ("/messages/unread", "/messages/"),
]


@pytest.mark.parametrize(("url", "parent"), FRAGMENTS)
def test_a_fragment_opened_directly_redirects_to_its_place_in_its_page(client, url, parent):
    response = client.get(url)
    assert (response.status_code, response["Location"]) == (302, parent)
    assert "HX-Request" in response["Vary"]


def test_htmx_still_gets_the_fragment(client):
    asset = AssetFactory(id="as-frag", visibility="public")
    OrganizationFactory(id="org-frag")
    partners = client.get(f"/assets/{asset.pk}/partners", HTTP_HX_REQUEST="true")
    assert partners.status_code == 200
    assert "<html" not in partners.content.decode()
    assert "HX-Request" in partners["Vary"]
    assets = client.get("/organizations/org-frag/recommended-assets", HTTP_HX_REQUEST="true")
    assert assets.status_code == 200
    assert "<html" not in assets.content.decode()


def test_the_anchors_exist_on_the_parent_pages(client):
    asset = AssetFactory(id="as-anchor", visibility="public")
    asset_page = client.get(f"/assets/{asset.pk}/").content.decode()
    assert 'id="partners"' in asset_page
    org_page = client.get(f"/organizations/{asset.organization_id}/").content.decode()
    assert 'id="recommended-assets"' in org_page


TEMPLATES = Path(dari.__file__).parent / "web" / "templates"
# Full pages that also answer htmx with their results (a list's search, its pages).
PAGES = {"web:assets"}


def _views(patterns, namespace=""):
    """{"namespace:name": view} of every named URL."""
    found = {}
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            found |= _views(pattern.url_patterns, inner)
        elif pattern.name:
            found[f"{namespace}{pattern.name}"] = pattern.callback
    return found


def test_every_url_htmx_loads_into_a_page_is_a_fragment_that_redirects():
    loaded = set()
    for template in TEMPLATES.rglob("*.html"):
        loaded |= set(re.findall(r"hx-get=\"\{% url '([\w:-]+)'", template.read_text()))
    views = _views(get_resolver().url_patterns)
    fragments = sorted(loaded - PAGES)
    assert len(fragments) >= 6
    for name in fragments:
        assert (name, hasattr(views[name], "fragment_of")) == (name, True)
