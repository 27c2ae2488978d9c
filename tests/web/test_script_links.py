"""Only http(s) addresses are accepted as websites and sources, and pages never render another
scheme as a link, so a stored `javascript:` value cannot become a script link."""

from __future__ import annotations

import pytest

from dari.directory.models import Asset, Cluster, Organization
from tests.web.html import text
from tests.web.test_editing import asset_form, org_form

SCRIPT = "javascript:alert(document.domain)"
REFUSED = f"Only web addresses starting with http:// or https:// are accepted: {SCRIPT}"
REFUSED_KO = f"http:// 또는 https://로 시작하는 웹 주소만 받습니다: {SCRIPT}"


@pytest.mark.parametrize(
    "address", [SCRIPT, "JavaScript:alert(1)", "//example.org", "data:text/html,x"]
)
def test_the_profile_form_refuses_a_website_that_is_not_http(client, directory, address):
    client.force_login(directory["admin"])
    response = client.post("/organizations/org-hanbit/edit", org_form(website=address))
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "website": [
            "Only web addresses starting with http:// or https:// are accepted: " + address.strip()
        ]
    }
    assert Organization.objects.get(pk="org-hanbit").website == ""


def test_the_refusal_is_translated(client, directory):
    client.force_login(directory["admin"])
    response = client.post(
        "/organizations/org-hanbit/edit", org_form(website=SCRIPT), HTTP_ACCEPT_LANGUAGE="ko"
    )
    assert response.context["form"].errors == {"website": [REFUSED_KO]}


def test_a_source_line_that_is_not_http_is_named(client, directory):
    client.force_login(directory["admin"])
    response = client.post(
        "/assets/as-gastric/edit",
        asset_form(sources=f"https://example.org/ok\n{SCRIPT}"),
    )
    assert response.context["form"].errors == {"sources": [REFUSED]}
    assert Asset.objects.get(pk="as-gastric").sources == []


def test_a_web_address_is_still_accepted(client, directory):
    client.force_login(directory["admin"])
    response = client.post(
        "/organizations/org-hanbit/edit", org_form(website="https://hanbit.example.org/en")
    )
    assert response.status_code == 302
    assert Organization.objects.get(pk="org-hanbit").website == "https://hanbit.example.org/en"


def test_stored_script_addresses_are_never_rendered_as_links(client, directory):
    # Data stored before the rule (or written around the forms) stays text.
    Organization.objects.filter(pk="org-hanbit").update(website=SCRIPT, sources=[SCRIPT])
    Cluster.objects.filter(pk="cl-osong").update(website=SCRIPT)
    Asset.objects.filter(pk="as-gastric").update(sources=["https://example.org/ok", SCRIPT])
    for url in ("/organizations/org-hanbit/", "/clusters/cl-osong/", "/assets/as-gastric/"):
        page = text(client.get(url))
        assert page.count("javascript:") == page.count(f">{SCRIPT}<"), url
        assert page.count(f">{SCRIPT}<") >= 1, url
    assert 'href="https://example.org/ok"' in text(client.get("/assets/as-gastric/"))
