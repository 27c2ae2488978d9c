"""An investment's own page (/investments/<id>/): investee, investors, round, amount as stated
and in dollars, date, description (in Korean for a Korean reader) and sources, through the
investments funnel (`queries.investments`); linked from every investments table and list."""

from __future__ import annotations

import html as html_module
import json

import pytest

from dari.core.names import descriptions_ko
from dari.directory.bundled import DATA_DIR
from dari.directory.models import Investment
from tests.factories import OrganizationFactory
from tests.web.html import asset_ids, text
from tests.web.test_leaks import VISIBLE


@pytest.fixture
def investment(db):
    recipient = OrganizationFactory(id="org-prazer", name="Prazer Therapeutics", name_ko="프레이저")
    jj = OrganizationFactory(
        id="org-jj", name="Johnson & Johnson", name_ko="존슨앤드존슨", country="US"
    )
    kb = OrganizationFactory(id="org-kb", name="KB Investment", name_ko="KB인베스트먼트")
    inv = Investment.objects.create(
        id="inv-prazer-b",
        date="2025-04",
        recipient=recipient,
        kind="series_b",
        amount_usd_m=20,
        amount_local=29e9,
        currency="KRW",
        description="Series B of 29 billion won for Prazer Therapeutics.",
        sources=["https://www.biospectator.com/news/view/25007"],
        investor_order=["org-kb", "org-jj"],
    )
    inv.investors.set([jj, kb])
    return inv


def test_investment_page_shows_round_parties_amount_description_and_sources(client, investment):
    response = client.get("/investments/inv-prazer-b/")
    assert response.status_code == 200
    html = text(response)
    assert "<h1>Prazer Therapeutics</h1>" in html
    assert "Series B" in html
    assert "2025-04" in html
    # investors in the order of the source, each linked to its page
    kb, jj = (
        html.index('href="/organizations/org-kb/"'),
        html.index('href="/organizations/org-jj/"'),
    )
    assert kb < jj
    assert "USD 20m <span" in html and "as stated: KRW 29bn" in html
    assert "Series B of 29 billion won" in html
    assert 'href="https://www.biospectator.com/news/view/25007"' in html


def test_investment_page_in_korean_names_parties_in_korean(client, investment):
    client.cookies["django_language"] = "ko"
    html = text(client.get("/investments/inv-prazer-b/"))
    assert "<h1>프레이저</h1>" in html
    assert "KB인베스트먼트" in html and "존슨앤드존슨" in html
    assert "원문 기준: 290억 원" in html


def test_a_bundled_investment_s_description_is_in_korean_for_a_korean_reader(client, db):
    bundled = json.loads((DATA_DIR / "investments.json").read_text(encoding="utf-8"))
    record = next(r for r in bundled["investments"] if r["id"] in descriptions_ko()["investment"])
    recipient = OrganizationFactory(id="org-r", name="Recipient Bio")
    Investment.objects.create(
        id=record["id"], recipient=recipient, kind="ipo", description=record["description"]
    )
    korean = descriptions_ko()["investment"][record["id"]].text
    client.cookies["django_language"] = "ko"
    assert html_module.escape(korean) in text(client.get(f"/investments/{record['id']}/"))
    client.cookies["django_language"] = "en"
    english = text(client.get(f"/investments/{record['id']}/"))
    assert html_module.escape(record["description"]) in english


def test_every_investments_table_and_list_links_each_investment_to_its_page(client, investment):
    link = 'href="/investments/inv-prazer-b/"'
    for url in ("/investments/", "/", "/organizations/org-prazer/", "/organizations/org-jj/"):
        assert text(client.get(url)).count(link) == 1, url


def test_an_unknown_investment_is_the_site_s_translated_404(client, investment):
    assert client.get("/investments/inv-nothing/").status_code == 404
    client.cookies["django_language"] = "ko"
    response = client.get("/investments/inv-nothing/")
    assert response.status_code == 404 and "<h1>찾을 수 없음</h1>" in text(response)


@pytest.mark.parametrize("name", list(VISIBLE))
def test_no_account_state_sees_confidential_data_on_an_investment_page(client, leak_world, name):
    """The investee and an investor own assets of every visibility (`leak_world`): the
    investment page, public like every investment, names none of them, for every reader."""
    owner, partner = leak_world["orgs"][:2]
    inv = Investment.objects.create(
        id="inv-owner-a", date="2025-01-01", recipient=owner, kind="series_a",
        investor_order=[partner.pk],
    )  # fmt: skip
    inv.investors.set([partner])
    if name != "anonymous":
        client.force_login(leak_world["users"][name])
    page = client.get("/investments/inv-owner-a/")
    assert page.status_code == 200
    assert asset_ids(page) == []
    assert "Secretmab" not in text(page)
    # the list shows the same investment to every reader; the investee's page shows its
    # assets exactly as visibility allows, beside the investment it links
    assert [i.pk for i in client.get("/investments/").context["page"]] == ["inv-owner-a"]
    owner_page = client.get("/organizations/org-owner/")
    assert asset_ids(owner_page) == VISIBLE[name]
    assert 'href="/investments/inv-owner-a/"' in text(owner_page)


@pytest.mark.parametrize("investors", [1, 6])
def test_the_page_s_queries_do_not_grow_with_investors(
    client, db, django_assert_num_queries, investors
):
    recipient = OrganizationFactory(id="org-r", name="Recipient Bio")
    orgs = [OrganizationFactory(id=f"org-i{n}", name=f"Investor {n}") for n in range(investors)]
    inv = Investment.objects.create(
        id="inv-r", recipient=recipient, kind="series_a", investor_order=[o.pk for o in orgs]
    )
    inv.investors.set(orgs)
    # the investment with its investee, then its investors
    with django_assert_num_queries(2):
        response = client.get("/investments/inv-r/")
    assert response.status_code == 200
