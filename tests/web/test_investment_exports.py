"""The investments list as CSV (with a byte-order mark) and XLSX, filtered like the page, the
organisations under their own and their Korean names, and safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from tests.factories import OrganizationFactory, invest

pytestmark = pytest.mark.django_db


@pytest.fixture
def invested(db):
    abl = OrganizationFactory(id="abl", name="ABL Bio", name_ko="에이비엘바이오", country="KR")
    kdb = OrganizationFactory(id="kdb", name="KDB", name_ko="산업은행")
    fund = OrganizationFactory(id="fund", name="Some Fund", name_ko="")
    invest(abl, [kdb, fund], id="inv-a", kind="series_a", date="2024-05", amount_usd_m=50.0)
    invest(abl, [fund, kdb], id="inv-ipo", kind="ipo", date="2025-01")
    return abl


def _csv(response):
    assert response["Content-Disposition"] == 'attachment; filename="investments.csv"'
    assert response.content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def _xlsx(response):
    assert response["Content-Disposition"] == 'attachment; filename="investments.xlsx"'
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    return [list(row) for row in book.active.iter_rows(values_only=True)]


def test_investments_export_keeps_the_filter_in_both_formats(client, invested):
    rows = _csv(client.get("/investments/", {"format": "csv", "kind": "series_a"}))
    header = rows[0]
    assert [(r[0], r[header.index("Amount (USD m)")]) for r in rows[1:]] == [("inv-a", "50.0")]
    rows = _xlsx(client.get("/investments/", {"format": "xlsx", "year": "2025"}))
    assert [r[0] for r in rows[1:]] == ["inv-ipo"]
    rows = _csv(client.get("/investments/", {"format": "csv"}))
    assert [r[0] for r in rows[1:]] == ["inv-ipo", "inv-a"]


def test_investments_export_names_organisations_beside_their_korean_names(client, invested):
    rows = _csv(client.get("/investments/", {"format": "csv", "kind": "series_a"}))
    header = rows[0]
    row = dict(zip(header, rows[1], strict=True))
    assert (row["Recipient"], row["Recipient (Korean name)"]) == ("ABL Bio", "에이비엘바이오")
    # In the order of the source; a missing Korean name keeps the list in step.
    assert row["Investors"] == "KDB; Some Fund"
    assert row["Investors (Korean names)"] == "산업은행; Some Fund"
    rows = _csv(client.get("/investments/", {"format": "csv"}, HTTP_ACCEPT_LANGUAGE="ko"))
    header = rows[0]
    assert header.index("투자 유치 기관(한국어 이름)") == header.index("투자 유치 기관") + 1
    assert header.index("투자자(한국어 이름)") == header.index("투자자") + 1
    assert rows[1][header.index("투자자")] == "Some Fund; KDB"


def test_investments_export_defuses_formulas(client, db):
    bad = OrganizationFactory(id="bad", name='=HYPERLINK("http://x")', name_ko="+1")
    invest(bad, [bad], id="inv-bad")
    for rows in (
        _csv(client.get("/investments/", {"format": "csv"})),
        _xlsx(client.get("/investments/", {"format": "xlsx"})),
    ):
        header = list(rows[0])
        row = rows[1]
        assert row[header.index("Recipient")] == '\'=HYPERLINK("http://x")'
        assert row[header.index("Recipient (Korean name)")] == "'+1"


def test_a_bad_filter_gives_the_page_not_a_download(client, invested):
    response = client.get("/investments/", {"format": "csv", "kind": "bogus"})
    assert response["Content-Type"].startswith("text/html")


def test_the_page_offers_both_downloads_with_its_filter(client, invested):
    html = client.get("/investments/", {"kind": "ipo"}).content.decode()
    assert "kind=ipo&amp;format=csv" in html
    assert "kind=ipo&amp;format=xlsx" in html
