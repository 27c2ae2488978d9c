"""Amounts as each reader writes them: millions of dollars in English, 만 and 억 in Korean."""

from __future__ import annotations

from decimal import Decimal

import pytest

from dari.core.money import korean_number, money, usd_millions


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (2500, "2,500"),
        (15_000_000, "1,500만"),
        (1_040_000_000, "10억 4,000만"),
        (90_000_000_000, "900억"),
        (1_268_000_000_000, "1조 2,680억"),
        (Decimal("34500000.4"), "3,450만"),
    ],
)
def test_korean_numbers_count_in_man_eok_and_jo(value, expected):
    assert korean_number(value) == expected


def test_dollar_millions_in_each_language():
    assert [usd_millions(1040, "en"), usd_millions(Decimal("34.5"), "en")] == [
        "USD 1,040m",
        "USD 34.5m",
    ]
    assert [usd_millions(1040, "ko"), usd_millions(Decimal("0.5"), "ko")] == [
        "10억 4,000만 달러",
        "50만 달러",
    ]
    assert usd_millions(None, "ko") == ""


def test_local_amounts_name_their_currency():
    assert [money(90_000_000_000, "KRW", "en"), money(300_000_000, "eur", "en")] == [
        "KRW 90bn",
        "EUR 300m",
    ]
    assert [money(90_000_000_000, "KRW", "ko"), money(300_000_000, "EUR", "ko")] == [
        "900억 원",
        "3억 유로",
    ]
    assert money(5_000_000_000, "SGD", "ko") == "SGD 50억"
