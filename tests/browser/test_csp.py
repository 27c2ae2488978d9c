"""The site works under its Content-Security-Policy: pages, htmx partials, SVG charts, the
admin and the API docs load in chromium without one policy violation."""

from __future__ import annotations

import pytest

from dari.accounts.models import Role
from dari.api.routes import api
from dari.insights.bundled import load_targets
from tests.factories import UserFactory
from tests.web.conftest import make_asset

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/",
    "/assets/?q=cancer",
    "/assets/as-csp/",
    "/organizations/org-csp/",
    "/organizations/org-csp/edit",
    "/insights/",
    "/api/docs",
    "/admin/",
]


def test_no_page_violates_the_content_security_policy(open_as, live_server):
    from tests.factories import OrganizationFactory

    load_targets()
    org = OrganizationFactory(id="org-csp", website="https://csp.example.org")
    make_asset(id="as-csp", organization=org, description="An antibody against cancer")
    admin = UserFactory(organization=org, role=Role.ORG_ADMIN, is_staff=True, is_superuser=True)
    page = open_as(admin)
    violations = []
    page.on(
        "console",
        lambda m: violations.append((page.url, m.text)) if "Content Security" in m.text else None,
    )
    for url in PAGES:
        page.goto(live_server.url + url)
        page.wait_for_load_state("networkidle")
    page.goto(live_server.url + "/api/docs")
    page.wait_for_selector(".opblock")
    # Swagger renders every operation of the document.
    operations = sum(len(ops) for ops in api.get_openapi_schema()["paths"].values())
    assert page.locator(".opblock").count() == operations
    assert violations == []
