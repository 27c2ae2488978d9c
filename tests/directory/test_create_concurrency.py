"""Two administrators adding assets of the same name at the same moment (real transactions in
threads; on PostgreSQL truly concurrent): both are added, the second under the next free id."""

from __future__ import annotations

import pytest
from django.db import connection

from dari.directory.domain.editing import create_asset
from dari.directory.models import Asset
from tests.events.test_concurrency import in_threads
from tests.factories import OrganizationFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor == "sqlite", reason="SQLite serialises whole transactions"
    ),
]


def test_two_assets_of_one_name_added_at_once_both_exist():
    org = OrganizationFactory(id="org-hanbit")
    values = {"name": "HB-303", "stage": "discovery", "visibility": "members"}
    out = in_threads(lambda: create_asset(org, values), lambda: create_asset(org, values))
    assert [type(o).__name__ for o in out] == ["Asset", "Asset"], out
    assert sorted(Asset.objects.values_list("pk", flat=True)) == [
        "as-org-hanbit-hb-303",
        "as-org-hanbit-hb-303-2",
    ]
