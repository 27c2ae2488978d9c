"""What a third review of the pages (Korean and English, a laptop and a phone) found, kept from
coming back: a deal's and an investment's page giving a bare "20" under "Upfront (USD m)" where
every list says "2,000만 달러"; an asset without a stage or modality an empty cell beside the
"–" of the cells around it; the asset, deals and investments tables cut off on a phone, their
last columns out of sight; a cluster without organisations saying "No organisations." in a
card's width, indented beside the boxed empty lists under it; a search that found nothing
saying "자산이 없습니다." as if the directory were empty; the API token box on "내 계정" in
machine Korean ("내 이름으로 API를 씁니다", "토큰은 내가 보는 것만 정확히 봅니다"); two
sources of one newspaper listed as "koreabiomed.com" twice, alike. SYNTHETIC
records only."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import dari.web
from dari.directory.models import Deal, Investment
from tests.factories import AssetFactory, ClusterFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db

CSS = Path(dari.web.__file__).parent / "static" / "dari" / "dari.css"


def _page(client, path: str, language: str) -> str:
    client.cookies["django_language"] = language
    return client.get(path).content.decode()


def _fact(html: str, label: str) -> str:
    """The text of the fact under `label` in a page's <dl class="facts">, tags stripped."""
    match = re.search(rf"<dt>{re.escape(label)}</dt><dd>(.*?)</dd>", html, re.S)
    assert match, label
    return " ".join(re.sub(r"<[^>]+>", "", match.group(1)).split())


@pytest.fixture
def deal(db):
    licensor = OrganizationFactory(id="org-lic", name="Licensor Bio", name_ko="라이선서바이오")
    licensee = OrganizationFactory(id="org-pharma", name="Big Pharma", country="US")
    return Deal.objects.create(
        id="dl-review",
        date="2025-06",
        licensor=licensor,
        licensee=licensee,
        deal_type="license",
        upfront_usd_m=20,
        total_value_usd_m=1040,
        currency="KRW",
        total_value_local=1.4e12,
    )


@pytest.fixture
def investment(db):
    recipient = OrganizationFactory(id="org-rec", name="Recipient Bio", name_ko="리시피언트")
    return Investment.objects.create(
        id="inv-review",
        date="2025-04",
        recipient=recipient,
        kind="series_b",
        amount_usd_m=484,
        amount_local=7.1e11,
        currency="KRW",
    )


@pytest.mark.parametrize(
    ("language", "labels", "figures"),
    [
        ("en", ("Upfront", "Total value"), ("USD 20m", "USD 1,040m (as stated: KRW 1,400bn)")),
        (
            "ko",
            ("계약금", "총 규모"),
            ("2,000만 달러", "10억 4,000만 달러 (원문 기준: 1조 4,000억 원)"),
        ),
    ],
)
def test_a_deal_page_writes_its_amounts_as_the_lists_do(client, deal, language, labels, figures):
    html = _page(client, "/deals/dl-review/", language)
    assert (_fact(html, labels[0]), _fact(html, labels[1])) == figures


@pytest.mark.parametrize(
    ("language", "label", "figure"),
    [
        ("en", "Amount", "USD 484m (as stated: KRW 710bn)"),
        ("ko", "금액", "4억 8,400만 달러 (원문 기준: 7,100억 원)"),
    ],
)
def test_an_investment_page_writes_its_amount_as_the_list_does(
    client, investment, language, label, figure
):
    assert _fact(_page(client, "/investments/inv-review/", language), label) == figure


def test_an_amount_known_only_as_stated_is_written_in_its_own_currency_not_a_dash(client, deal):
    Deal.objects.filter(pk=deal.pk).update(total_value_usd_m=None)
    html = _page(client, "/deals/dl-review/", "ko")
    assert _fact(html, "총 규모") == "1조 4,000억 원"


def test_an_asset_without_stage_or_modality_shows_a_dash_as_its_other_empty_cells_do(client):
    org = OrganizationFactory(id="org-nostage", name="No Stage Bio")
    AssetFactory(organization=org, name="Quiet Asset", stage="", modality="")
    html = _page(client, "/organizations/org-nostage/", "en")
    row = re.search(r"<tr>\s*<td class=\"name\">.*?</tr>", html, re.S).group(0)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    # name, modality, area, stage, seeking: none of them empty
    assert [c.strip() == "" for c in cells] == [False] * 5
    assert row.count('<span class="muted" title="Not stated">–</span>') == 3


def test_on_a_phone_the_asset_table_keeps_name_and_stage_and_reads_the_rest_under_the_name(
    client,
):
    org = OrganizationFactory(id="org-phone", name="Phone Bio", name_ko="폰바이오")
    AssetFactory(organization=org, name="Pocket Asset")
    html = _page(client, "/assets/", "ko")
    heads = re.findall(r"<th( class=\"[^\"]*\")?>([^<]+)</th>", html)
    assert [name for cls, name in heads if "wide-only" not in cls] == ["자산", "개발 단계"]
    organisation = '<a href="/organizations/org-phone/">폰바이오</a>'
    assert f'<div class="small phone-only">{organisation}</div>' in html
    assert '<div class="small muted phone-only">항체 · 종양학(항암)</div>' in html


def test_on_a_phone_the_deals_table_reads_asset_type_and_total_under_the_licensee(client, deal):
    html = _page(client, "/deals/", "ko")
    heads = re.findall(r"<th( class=\"[^\"]*\")?>([^<]+)</th>", html)
    assert [name for cls, name in heads if "wide-only" not in cls] == [
        "날짜",
        "기술 제공사",
        "기술 도입사",
    ]
    assert '<div class="small phone-only">총 규모 10억 4,000만 달러</div>' in html


def test_on_a_phone_the_investments_table_reads_kind_investors_and_amount_under_the_recipient(
    client, investment
):
    investor = OrganizationFactory(id="org-vc", name="Venture Fund", name_ko="벤처펀드")
    investment.investors.set([investor])
    html = _page(client, "/investments/", "ko")
    heads = re.findall(r"<th( class=\"[^\"]*\")?>([^<]+)</th>", html)
    assert [name for cls, name in heads if "wide-only" not in cls] == ["날짜", "투자 유치 기관"]
    assert (
        '<div class="small muted phone-only">시리즈 B · '
        '<a href="/organizations/org-vc/">벤처펀드</a></div>'
    ) in html
    assert '<div class="small phone-only">4억 8,400만 달러</div>' in html


def test_a_cluster_without_organisations_says_so_across_the_row(client):
    ClusterFactory(id="cl-empty", name="Empty Cluster", name_ko="빈 클러스터")
    korean = _page(client, "/clusters/cl-empty/", "ko")
    english = _page(client, "/clusters/cl-empty/", "en")
    assert '<li class="empty">다리에 등록된 이 클러스터 소속 기관이 아직 없습니다.</li>' in korean
    assert (
        '<li class="empty">Dari has no organisation on record in this cluster yet.</li>' in english
    )
    assert re.search(r"\.cards > \.empty \{ grid-column: 1 / -1;", CSS.read_text())


@pytest.mark.parametrize(
    ("path", "korean", "english"),
    [
        (
            "/assets/?q=zzqq",
            "조건에 맞는 자산이 없습니다. 다른 검색어를 쓰거나 필터를 줄여 보세요.",
            "No assets match. Try another term or fewer filters.",
        ),
        ("/deals/?year=1990", "조건에 맞는 거래가 없습니다.", "No deals match these filters."),
        (
            "/investments/?year=1990",
            "조건에 맞는 투자가 없습니다.",
            "No investments match these filters.",
        ),
    ],
)
def test_a_search_that_finds_nothing_says_nothing_matches_not_that_there_is_nothing(
    client, path, korean, english
):
    AssetFactory(name="Some Asset")
    found = (_page(client, path, "ko"), _page(client, path, "en"))
    assert [
        f'class="empty">{korean}</td>' in found[0],
        f'class="empty">{english}</td>' in found[1],
    ] == [
        True,
        True,
    ]


def test_the_api_token_box_on_my_account_reads_as_korean(client):
    client.force_login(UserFactory())
    html = _page(client, "/me/", "ko")
    assert [
        "다른 도구(CRM, BI 도구)가 내 계정으로 API를 사용할 수 있습니다." in html,
        "토큰으로는 내가 볼 수 있는 것만 볼 수 있습니다." in html,
        "선택하지 않으면 읽기 전용 토큰이 됩니다." in html,
        "어디에 쓰는 토큰인지 적으세요. 예: “CRM 동기화”." in html,
        "API를 씁니다" in html or "정확히 봅니다" in html,
    ] == [True, True, True, True, False]


def test_two_sources_from_one_host_read_apart_and_show_their_address_on_hover(client, deal):
    Deal.objects.filter(pk=deal.pk).update(
        sources=[
            "https://www.koreabiomed.com/news/articleView.html?idxno=27723",
            "http://www.koreabiomed.com/news/articleView.html?idxno=22328",
            "https://www.sanofi.com/en/media-room",
        ]
    )
    html = _page(client, "/deals/dl-review/", "en")
    section = re.search(r'<section class="sources">(.*?)</section>', html, re.S).group(1)
    assert re.findall(r">([^<]+)</a>", section) == [
        "koreabiomed.com › articleView.html?idxno=27723",
        "koreabiomed.com › articleView.html?idxno=22328",
        "sanofi.com",
    ]
    assert 'title="https://www.sanofi.com/en/media-room"' in section
