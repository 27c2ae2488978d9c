"""Amounts of money as a reader of each language writes them: "USD 1,040m" and "KRW 90bn" in
English; "10억 4,000만 달러" and "900억 원" in Korean, where millions are not a unit (a Korean
reader stumbles over "1,040백만 달러" and counts the zeros of "KRW 90,000,000,000"). The template
filters `usd_millions` and `money` (dari_web) call these."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from dari.core.names import is_korean

# Currency names a Korean reader uses after an amount ("3억 유로"); others keep their code.
KOREAN_CURRENCY = {
    "KRW": "원",
    "USD": "달러",
    "EUR": "유로",
    "GBP": "파운드",
    "JPY": "엔",
    "CNY": "위안",
    "CHF": "스위스 프랑",
}
KOREAN_UNITS = ((10**12, "조"), (10**8, "억"), (10**4, "만"))


def plain_number(value: Decimal | float, places: int = 2) -> str:
    """1,040 or 2.5: thousands separated, at most `places` decimals, no trailing zeros."""
    text = f"{value:,.{places}f}".rstrip("0").rstrip(".")
    return text or "0"


def korean_number(value: Decimal | float | int) -> str:
    """An amount in 조, 억 and 만 (10⁴ units), the two largest units that it has:
    1,040,000,000 -> "10억 4,000만"; below 10,000 it is written out ("2,500")."""
    whole = int(Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    if abs(whole) < 10**4:
        return f"{whole:,}"
    sign, rest = ("-" if whole < 0 else ""), abs(whole)
    parts = []
    for unit, name in KOREAN_UNITS:
        count, rest = divmod(rest, unit)
        if count:
            parts.append(f"{count:,}{name}")
    return sign + " ".join(parts[:2])


def english_number(value: Decimal | float | int) -> str:
    """A large amount in billions or millions ("90bn", "1.2m"), a small one written out."""
    amount = Decimal(str(value))
    for unit, suffix in ((Decimal(10**9), "bn"), (Decimal(10**6), "m")):
        if abs(amount) >= unit:
            return plain_number(amount / unit) + suffix
    return plain_number(amount)


def usd_millions(amount: Decimal | float | int | None, language: str | None = None) -> str:
    """An amount stored in millions of US dollars: "USD 1,040m"; "10억 4,000만 달러"."""
    if amount is None:
        return ""
    value = Decimal(str(amount))
    if is_korean(language):
        return f"{korean_number(value * 10**6)} {KOREAN_CURRENCY['USD']}"
    return _("USD %(amount)sm") % {"amount": plain_number(value)}


def money(amount: Decimal | float | int | None, currency: str, language: str | None = None) -> str:
    """An amount in its own currency: "KRW 90bn"; "900억 원" (a currency Korean names
    after the amount, else "EUR 3억" with its code)."""
    if amount is None:
        return ""
    value = Decimal(str(amount))
    code = (currency or "").upper()
    if is_korean(language):
        name = KOREAN_CURRENCY.get(code)
        return f"{korean_number(value)} {name}" if name else f"{code} {korean_number(value)}"
    return f"{code} {english_number(value)}".strip()


_UNIT_VALUE = {name: unit for unit, name in KOREAN_UNITS}
# A figure as a curator types it: digits with or without thousands separators, a decimal part,
# and in Korean 조, 억 and 만 from the largest down ("1조 2,000억", "2.5억원", "3,400만").
_FIGURE = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_KOREAN_PART = re.compile(rf"({_FIGURE})\s*([조억만])\s*")
_PLAIN = re.compile(rf"{_FIGURE}")


def parse_amount(text: str) -> Decimal | None:
    """The amount `text` writes, in units of its currency (never a conversion): "1조 2,000억"
    is 1,200,000,000,000; "120,000,000,000" and "1200000000000" too; a leading minus is kept
    for the caller to refuse. None when `text` is not an amount ("1,2OO억", "forty", "inf")."""
    rest = "".join(text.split())
    sign = -1 if rest.startswith("-") else 1
    rest = rest.lstrip("-").removesuffix("원")
    if not rest:
        return None
    total, last, pos = Decimal(0), None, 0
    while match := _KOREAN_PART.match(rest, pos):
        unit = _UNIT_VALUE[match.group(2)]
        if last is not None and unit >= last:
            return None  # "2억 1조": the units run from the largest down
        total, last, pos = (
            total + Decimal(match.group(1).replace(",", "")) * unit,
            unit,
            match.end(),
        )
    tail = rest[pos:]
    if tail:
        if not _PLAIN.fullmatch(tail):
            return None
        total += Decimal(tail.replace(",", ""))
    return sign * total
