"""What a reader sees, in their language: amounts in Korean units, Korean names wherever an
organisation or a cluster is named, labels instead of stored codes (an audit entry's values, a
country), a Korean agenda day in Korean order, and a phone table that keeps whole words.
SYNTHETIC records from the web fixtures."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.utils import timezone

from dari.accounts.models import AuditAction, AuditEntry
from dari.directory.models import Investment
from tests.web.html import text

pytestmark = pytest.mark.django_db

CSS = Path(__file__).resolve().parents[2] / "dari" / "web" / "static" / "dari" / "dari.css"


def test_investments_in_korean_units_and_names(client, directory):
    Investment.objects.create(
        id="inv-hanbit-ipo",
        recipient=directory["biotech"],
        kind="ipo",
        date="2018-12-19",
        amount_local=90_000_000_000,
        currency="KRW",
    )
    korean = text(client.get("/investments/", HTTP_ACCEPT_LANGUAGE="ko"))
    english = text(client.get("/investments/"))
    assert ["900억 원" in korean, "2,000만 달러" in korean, "백만 달러" in korean] == [
        True,
        True,
        False,
    ]
    assert ["KRW 90bn" in english, "USD 20m" in english] == [True, True]
    assert ">한빛바이오</a>" in korean


def test_home_feed_names_recipients_in_korean(client, directory):
    korean = text(client.get("/", HTTP_ACCEPT_LANGUAGE="ko"))
    assert [">한빛바이오</a>" in korean, "5억 달러" in korean] == [True, True]


def test_audit_values_are_labels_not_codes(client, directory):
    admin = directory["admin"]
    AuditEntry.objects.create(
        at=timezone.now(),
        organization=directory["biotech"],
        actor=admin,
        action=AuditAction.MEMBERSHIP_CONFIRMED,
        object_type="user",
        object_id=admin.username,
        after={"state": "confirmed", "source": "platform_admin"},
    )
    client.force_login(admin)
    page = text(client.get("/organizations/org-hanbit/members", HTTP_ACCEPT_LANGUAGE="ko"))
    assert ["확인됨, 플랫폼 관리자가 확인" in page, "platform_admin" in page] == [True, False]


def test_profile_form_names_countries_and_clusters(client, directory):
    client.force_login(directory["admin"])
    page = text(client.get("/organizations/org-hanbit/edit", HTTP_ACCEPT_LANGUAGE="ko"))
    assert re.search(r'<option value="KR"[^>]*>대한민국</option>', page)
    assert re.search(r'<option value="cl-osong"[^>]*>오송 바이오클러스터</option>', page)


def test_cluster_table_keeps_the_region_on_a_phone(client, directory):
    directory["cluster"].region = "North Chungcheong (Osong)"
    directory["cluster"].save()
    page = text(client.get("/clusters/"))
    korean = text(client.get("/clusters/", HTTP_ACCEPT_LANGUAGE="ko"))
    assert ["충북(오송)" in korean, "North Chungcheong" in korean] == [True, False]
    assert ['class="wide-only"' in page, 'class="small muted phone-only"' in page] == [True, True]


def test_table_cells_never_break_inside_a_word():
    css = CSS.read_text()
    assert "table.data th, table.data td { overflow-wrap: break-word; }" in css
    assert re.search(r"\.num \{[^}]*white-space: nowrap", css)
    # a hidden label inside a cell (the availability grid) scrolls with its table
    assert re.search(r"\.table-wrap \{ position: relative;", css)


def test_a_restricted_asset_is_tagged_by_its_label_not_its_code(client, directory):
    asset = directory["assets"]["lung"]
    asset.visibility = "members"
    asset.save()
    client.force_login(directory["member"])
    english = text(client.get("/organizations/org-hanbit/"))
    korean = text(client.get("/organizations/org-hanbit/", HTTP_ACCEPT_LANGUAGE="ko"))
    tag = re.compile(r'class="tag vis-members"[^>]*>([^<]*)<')
    assert (tag.findall(english), tag.findall(korean)) == (["Members"], ["회원"])


def test_an_asset_seeking_nothing_says_so(client, directory):
    asset = directory["assets"]["neuro"]
    asset.seeking = []
    asset.save()
    page = text(client.get("/assets/", HTTP_ACCEPT_LANGUAGE="ko"))
    row = page.split(">GP-7<")[1].split("</tr>")[0]
    assert row.rstrip().endswith('<span class="muted" title="명시되지 않음">–</span></td>')
