"""Pages, filters, facets and exports show a country's name in the reader's language
("Switzerland", "스위스"), never its code."""

from __future__ import annotations

import pytest

from dari.directory.models import Organization
from tests.web.html import text

pytestmark = pytest.mark.django_db


@pytest.fixture
def swiss(directory):
    Organization.objects.filter(pk="org-global").update(country="CH")
    return directory


@pytest.mark.parametrize("url", ["/organizations/org-global/", "/organizations/", "/deals/"])
def test_pages_name_the_country_in_each_language(client, swiss, url):
    english = text(client.get(url))
    korean = text(client.get(url, HTTP_ACCEPT_LANGUAGE="ko"))
    assert ("Switzerland" in english, "스위스" in korean) == (True, True)
    assert (">CH<" in english, ">CH<" in korean) == (False, False)


def test_the_country_filters_offer_names(client, swiss):
    korean = text(client.get("/deals/", HTTP_ACCEPT_LANGUAGE="ko"))
    assert '<option value="CH">스위스</option>' in korean
    korean = text(client.get("/assets/", HTTP_ACCEPT_LANGUAGE="ko"))
    assert '<option value="CH">스위스 (1)</option>' in korean
    english = text(client.get("/assets/"))
    assert '<option value="CH">Switzerland (1)</option>' in english


def test_the_organisation_export_names_the_country(client, swiss):
    csv = client.get("/organizations/", {"format": "csv"}, HTTP_ACCEPT_LANGUAGE="ko")
    assert "스위스" in csv.content.decode("utf-8-sig")
    csv = client.get("/organizations/", {"format": "csv"})
    assert "Switzerland" in csv.content.decode("utf-8-sig")
