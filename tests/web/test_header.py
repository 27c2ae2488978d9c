"""The site header: on a laptop the organisation's name after the person's gives way (CSS,
below 1400px) so the links keep one row; it stays readable as the account link's tooltip."""

from __future__ import annotations

import pytest

from tests.factories import OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_account_link_names_the_organisation_in_its_tooltip(client):
    org = OrganizationFactory(id="abl", name="ABL Bio", name_ko="에이비엘바이오")
    client.force_login(UserFactory(username="minseo", organization=org))
    english = client.get("/").content.decode()
    korean = client.get("/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert 'class="me" href="/me/" title="ABL Bio"' in english
    assert 'class="me" href="/me/" title="에이비엘바이오"' in korean


def test_no_tooltip_without_an_organisation(client):
    client.force_login(UserFactory(username="solo", organization=None))
    assert 'class="me" href="/me/">' in client.get("/").content.decode()
