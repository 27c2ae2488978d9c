"""A deal or investment stated in won, euros, yen, yuan or Swiss francs is approved with its
amounts as stated, in their own currency; a figure in US dollars is stored only where it is
the deal's own currency or the curator gives one the source states (never converted here).
An amount the curator types may use Korean units ("1조 2,000억"); one that is not an amount is
refused on its field with a message that names the field, in the reader's language."""

from __future__ import annotations

import pytest
from django.utils import translation

from dari.curation.domain.errors import CurationError
from dari.curation.domain.ingest import ingest_text
from dari.curation.domain.queries import initial
from dari.curation.domain.review import approve
from dari.curation.models import Candidate
from dari.directory.interchange import SECTION_BY_KEY, to_record
from dari.directory.models import Deal, Investment
from tests.curation.conftest import EN_DEAL, KO_DEAL, KO_ROUND, SOURCE

# SYNTHETIC texts in the shape of press releases (test organisations, no real deal).
KO_DEAL_WITH_DOLLARS = (
    "테스트바이오는 2025년 3월 4일 글로벌파마에 TB-101을 기술이전했다고 밝혔다. 계약금 "
    "500억원(약 3,400만 달러)을 포함해 총 계약 규모는 최대 1조 2,000억원(약 8억 2,000만 "
    "달러)이다."
)
FOREIGN = [
    ("EUR", "€30 million", "€500 million", 30e6, 500e6),
    ("JPY", "2 billion yen", "30 billion yen", 2e9, 30e9),
    ("CNY", "RMB 200 million", "RMB 3 billion", 200e6, 3e9),
    ("CHF", "CHF 25 million", "CHF 400 million", 25e6, 400e6),
]


def _deal(cand: Candidate) -> Deal:
    return Deal.objects.get(pk=Candidate.objects.get(pk=cand.pk).record_id)


def test_a_korean_disclosure_is_approved_in_won_as_stated(graph, curator):
    (cand,) = ingest_text(KO_DEAL, SOURCE).candidates.all()
    proposed = initial(cand)
    assert (proposed["currency"], proposed["upfront_local"], proposed["total_value_local"]) == (
        "KRW",
        50_000_000_000,
        1_200_000_000_000,
    )
    assert (proposed["upfront_usd_m"], proposed["total_value_usd_m"]) == (None, None)
    approve(cand.pk, curator, {**proposed, "licensor": "testbio", "licensee": "globalpharma"})
    deal = _deal(cand)
    assert (deal.currency, deal.upfront_local, deal.total_value_local) == ("KRW", 5e10, 1.2e12)
    # No rate is stated: no dollar figure is made up.
    assert (deal.upfront_usd_m, deal.total_value_usd_m) == (None, None)


@pytest.mark.parametrize(("currency", "upfront", "total", "up", "whole"), FOREIGN)
def test_a_deal_in_another_currency_keeps_it(graph, curator, currency, upfront, total, up, whole):
    text = (
        "SEOUL, March 4, 2025 - Testbio Co., Ltd. announced that it has licensed its ADC "
        f"TB-101 to Globalpharma Inc. Testbio will receive {upfront} upfront and is eligible "
        f"for up to {total} in total."
    )
    (cand,) = ingest_text(text, SOURCE).candidates.all()
    fields = {**initial(cand), "licensor": "testbio", "licensee": "globalpharma"}
    approve(cand.pk, curator, fields)
    deal = _deal(cand)
    assert (deal.currency, deal.upfront_local, deal.total_value_local) == (currency, up, whole)
    assert (deal.upfront_usd_m, deal.total_value_usd_m) == (None, None)
    record = to_record(SECTION_BY_KEY["deals"], deal)
    assert (record["currency"], record["upfront_local"], record["total_value_local"]) == (
        currency,
        up,
        whole,
    )


def test_a_dollar_figure_the_source_states_is_kept_beside_the_won(graph, curator):
    (cand,) = ingest_text(KO_DEAL_WITH_DOLLARS, SOURCE).candidates.all()
    fields = {
        **initial(cand),
        "licensor": "testbio",
        "licensee": "globalpharma",
        "upfront_usd_m": "34",
        "total_value_usd_m": "820",
    }
    approve(cand.pk, curator, fields)
    deal = _deal(cand)
    assert (deal.currency, deal.upfront_local, deal.upfront_usd_m) == ("KRW", 5e10, 34.0)
    assert (deal.total_value_local, deal.total_value_usd_m) == (1.2e12, 820.0)


def test_the_dollar_figures_the_source_states_are_proposed(graph, curator):
    """What the text itself gives beside the won ("500억원(약 3,400만 달러)") is proposed as
    the record's dollar figures, shown on the page as stated; still nothing is converted."""
    (cand,) = ingest_text(KO_DEAL_WITH_DOLLARS, SOURCE).candidates.all()
    assert (cand.extracted["upfront_usd"], cand.extracted["total_usd"]) == (34e6, 820e6)
    proposed = initial(cand)
    assert (proposed["upfront_usd_m"], proposed["total_value_usd_m"]) == (34.0, 820.0)
    assert (proposed["upfront_local"], proposed["total_value_local"]) == (5e10, 1.2e12)


def test_a_dollar_deal_keeps_its_figures_in_millions(graph, curator):
    (cand,) = ingest_text(EN_DEAL, SOURCE).candidates.all()
    proposed = initial(cand)
    assert (proposed["currency"], proposed["upfront_usd_m"], proposed["upfront_local"]) == (
        "USD",
        40.0,
        None,
    )
    approve(cand.pk, curator, proposed)
    deal = _deal(cand)
    assert (deal.currency, deal.upfront_usd_m, deal.total_value_usd_m) == ("USD", 40.0, 1200.0)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("1조 2,000억", 1.2e12),
        ("1조2000억원", 1.2e12),
        ("500억", 5e10),
        ("3,400만", 3.4e7),
        ("120,000,000,000", 1.2e11),
        ("2.5억", 2.5e8),
    ],
)
def test_amounts_are_typed_as_written(graph, curator, typed, stored):
    (cand,) = ingest_text(KO_DEAL, SOURCE).candidates.all()
    fields = {**initial(cand), "licensor": "testbio", "licensee": "globalpharma"}
    approve(cand.pk, curator, {**fields, "total_value_local": typed})
    assert _deal(cand).total_value_local == stored


def test_an_investment_in_won_typed_in_korean_units(graph, curator):
    (cand,) = ingest_text(KO_ROUND, SOURCE).candidates.all()
    approve(cand.pk, curator, {**initial(cand), "amount_local": "300억"})
    investment = Investment.objects.get(pk=Candidate.objects.get(pk=cand.pk).record_id)
    assert (investment.currency, investment.amount_local, investment.amount_usd_m) == (
        "KRW",
        3e10,
        None,
    )


@pytest.mark.parametrize(
    ("changes", "field", "en", "ko"),
    [
        (
            {"total_value_local": "1,2OO억"},
            "total_value_local",
            "Total value (as stated): '1,2OO억' is not an amount",
            "총 규모(원문 통화): '1,2OO억'은(는) 금액이 아닙니다",
        ),
        (
            {"upfront_usd_m": "forty"},
            "upfront_usd_m",
            "Upfront (USD m): 'forty' is not an amount",
            "계약금(백만 달러): 'forty'은(는) 금액이 아닙니다",
        ),
        (
            {"upfront_local": "-5억"},
            "upfront_local",
            "Upfront (as stated): an amount cannot be negative",
            "계약금(원문 통화): 금액은 음수일 수 없습니다",
        ),
        (
            {"currency": ""},
            "currency",
            "Currency: give the currency the amounts are stated in",
            "통화: 금액이 적힌 통화를 입력하세요",
        ),
        (
            {"currency": "won"},
            "currency",
            "Currency: 'won' is not a three-letter currency code (KRW, USD, EUR, JPY, CNY, CHF)",
            "통화: 'won'은(는) 세 글자 통화 코드(KRW, USD, EUR, JPY, CNY, CHF)가 아닙니다",
        ),
    ],
)
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_bad_amount_is_refused_naming_its_field(graph, curator, changes, field, en, ko, lang):
    (cand,) = ingest_text(KO_DEAL, SOURCE).candidates.all()
    fields = {**initial(cand), "licensor": "testbio", "licensee": "globalpharma", **changes}
    with translation.override(lang), pytest.raises(CurationError) as exc:
        approve(cand.pk, curator, fields)
    assert (exc.value.field, exc.value.message) == (field, ko if lang == "ko" else en)
    assert not Deal.objects.exists()


def test_the_approval_form_says_what_each_amount_is_in_both_languages(graph, curator, client):
    client.force_login(curator)
    (cand,) = ingest_text(KO_DEAL, SOURCE).candidates.all()
    english = client.get(f"/curation/{cand.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Upfront (as stated)" in english
    assert 'name="upfront_local" value="50000000000"' in english
    assert 'name="currency" value="KRW"' in english
    assert "never converted here" in english
    korean = client.get(f"/curation/{cand.pk}/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert "계약금(원문 통화)" in korean
    assert "여기서 환산하지 않습니다" in korean
    response = client.post(
        f"/curation/{cand.pk}/approve",
        {
            "licensor": "testbio",
            "licensee": "globalpharma",
            "deal_type": "license",
            "currency": "KRW",
            "upfront_local": "500억",
            "total_value_local": "일조",
        },
        HTTP_ACCEPT_LANGUAGE="ko",
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "total_value_local": ["총 규모(원문 통화): '일조'은(는) 금액이 아닙니다"]
    }
    done = client.post(
        f"/curation/{cand.pk}/approve",
        {
            "licensor": "testbio",
            "licensee": "globalpharma",
            "deal_type": "license",
            "currency": "krw",
            "upfront_local": "500억",
            "total_value_local": "1조 2,000억",
        },
    )
    assert done.status_code == 302
    deal = Deal.objects.get()
    assert (deal.currency, deal.upfront_local, deal.total_value_local) == ("KRW", 5e10, 1.2e12)
    # The organisation's page shows the amounts in won where no dollar figure is stored.
    page = client.get("/organizations/testbio/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "KRW 50bn" in page and "KRW 1.2tn" not in page and "KRW 1,200bn" in page


def test_the_api_approves_in_the_stated_currency(graph, curator, client):
    client.force_login(curator)
    (cand,) = ingest_text(KO_DEAL, SOURCE).candidates.all()
    response = client.post(
        f"/api/review/{cand.pk}/approve",
        {"licensor": "testbio", "licensee": "globalpharma"},
        content_type="application/json",
    )
    assert response.status_code == 200
    deal_id = response.json()["record"]
    deal = client.get(f"/api/deals/{deal_id}").json()
    assert (deal["currency"], deal["upfront_local"], deal["total_value_local"]) == (
        "KRW",
        5e10,
        1.2e12,
    )
    assert "upfront_usd_m" not in deal
