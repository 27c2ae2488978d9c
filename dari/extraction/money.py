"""Amounts of money in English and Korean text, in units of their currency.

"$1.2 billion" is (1200000000, USD); "1,200억원" is (120000000000, KRW); "1조 2,000억원" is
(1200000000000, KRW); "3억 달러" is (300000000, USD); "€20m", "JPY 3 billion", "CHF 20
million", "RMB 500 million" and "500 million yuan" are read too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from dari.extraction.model import Mention

_SCALES = {
    "trillion": 10**12,
    "tn": 10**12,
    "billion": 10**9,
    "bn": 10**9,
    "b": 10**9,
    "million": 10**6,
    "mn": 10**6,
    "mln": 10**6,
    "m": 10**6,
    "mm": 10**6,
    "thousand": 10**3,
    "k": 10**3,
}
_PREFIX = {
    "us$": "USD",
    "usd": "USD",
    "$": "USD",
    "€": "EUR",
    "eur": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "¥": "JPY",
    "jpy": "JPY",
    "cny": "CNY",
    "rmb": "CNY",
    "chf": "CHF",
    "krw": "KRW",
    "₩": "KRW",
}
_SUFFIX = {
    "dollars": "USD",
    "dollar": "USD",
    "usd": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "eur": "EUR",
    "yen": "JPY",
    "jpy": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "rmb": "CNY",
    "cny": "CNY",
    "swiss francs": "CHF",
    "francs": "CHF",
    "chf": "CHF",
    "won": "KRW",
    "korean won": "KRW",
    "south korean won": "KRW",
    "krw": "KRW",
    "pounds": "GBP",
}
_KO_CURRENCY = {
    "원": "KRW",
    "달러": "USD",
    "불": "USD",
    "유로": "EUR",
    "엔": "JPY",
    "위안": "CNY",
    "프랑": "CHF",
    "파운드": "GBP",
}
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"trillion|billion|million|thousand|bn|tn|mln|mn|mm|[bmk]"
_PREFIX_RE = re.compile(
    rf"(?P<cur>US\$|USD|EUR|GBP|JPY|CNY|RMB|CHF|KRW|[$€£¥₩])\s?(?P<num>{_NUMBER})"
    rf"(?:(?:\s?|-)(?P<scale>{_SCALE})\b)?",
    re.IGNORECASE,
)
# the won as English-language Korean papers write it: "W380b", "W27.5 billion" (a scale needed)
_WON_RE = re.compile(
    rf"(?<![\w$])W(?P<num>{_NUMBER})\s?(?P<scale>trillion|billion|million|bn|tn|[bm])\b"
)
# the euro sign lost to an "E" in copied releases: "E10 million", "E20m" (a scale needed)
_EURO_RE = re.compile(rf"(?<![\w$])E(?P<num>{_NUMBER})\s?(?P<scale>billion|million|bn|mn|[bm])\b")
_SUFFIX_RE = re.compile(
    rf"(?<![\w$€£¥₩])(?P<num>{_NUMBER})\s?(?P<scale>{_SCALE})?\s?"
    r"(?P<cur>U\.?S\.? dollars|dollars|dollar|USD|euros?|EUR|yen|JPY|yuan|renminbi|RMB|CNY|"
    r"Swiss francs|francs|CHF|(?:South\s)?Korean won|won|KRW|pounds)\b",
    re.IGNORECASE,
)
# Korean: 1조 2,000억 원, 1,200억원, 3억 달러, 6000만 달러, 4조1000억원, 5천370억원, 9억4천만 달러
# (천, 백 and 십 inside a group: "4천500만" is 4500만, "1천1백만" 1100만, "2천 2백6십만" 2260만)
_KO_GROUP = rf"(?:{_NUMBER})?\s?(?:천\s?)?(?:\d\s?백\s?)?(?:\d\s?십\s?)?(?:{_NUMBER})?"
_KO_RE = re.compile(
    rf"(?<![\d.,])(?:(?P<jo>{_KO_GROUP})\s?조\s?)?(?:(?P<eok>{_KO_GROUP})\s?억\s?)?"
    rf"(?:(?P<man>{_KO_GROUP})\s?만\s?)?(?P<plain>{_NUMBER})?\s?"
    r"(?:(?P<cur>원|달러|불|유로|엔|위안|프랑|파운드)|(?=(?:을|를)\s?(?:유치|조달))|"
    r"(?P<bare>(?<=[억조])(?=\s?(?:규모|대\b|…|\.\.\.|\.(?!\d)|·|,|\s?[)’'\"]|에\s|을\s|를\s|의\s|$|"
    r"\s(?!주|명|건|개|회|정|병|톤|배|년|원|달러|불|유로|엔|위안)[가-힣A-Za-z]))))"
)
_KO_GROUP_RE = re.compile(
    rf"^(?:(?P<thousands>{_NUMBER})?\s?천)?\s?(?:(?P<hundreds>\d)\s?백)?\s?(?:(?P<tens>\d)\s?십)?"
    rf"\s?(?P<rest>{_NUMBER})?$"
)


def _ko_group(text: str | None) -> float | None:
    """'4천500' is 4500, '6천' 6000, '1천1백' 1100, '2천 2백6십' 2260, '1,200' 1200; None for
    an empty group."""
    text = (text or "").strip()
    if not text:
        return None
    match = _KO_GROUP_RE.match(text)
    if not match:
        return None
    thousands, hundreds, tens, rest = match.group("thousands", "hundreds", "tens", "rest")
    value = _num(rest) if rest else 0.0
    if "천" in text:
        value += (_num(thousands) if thousands else 1.0) * 1000
    value += (int(hundreds) * 100 if hundreds else 0) + (int(tens) * 10 if tens else 0)
    return value if (rest or "천" in text or hundreds or tens) else None


def _num(text: str) -> float:
    return float(text.replace(",", ""))


def _clean(value: float) -> int | float:
    return int(round(value)) if abs(value - round(value)) < 1e-6 else value


def amounts(text: str) -> Iterator[Mention]:
    """Every amount of money in `text`, left to right, each a Mention whose value is
    (amount in units of the currency, ISO currency code)."""
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    for match in _KO_RE.finditer(text):
        groups = [_ko_group(match.group(g)) for g in ("jo", "eok", "man")]
        plain = match.group("plain")
        if not any(g is not None for g in groups):
            continue  # "500원" alone: too often a price, not a deal term
        if match.group("cur") is None and groups[0] is None and groups[1] is None:
            continue  # no currency: only "60억을 유치" (won by default) is read
        if match.group("bare") is not None and (plain or groups[2] is not None):
            continue  # a headline's bare "1천200억" or "1조200억 규모" only (won by default)
        value = sum(
            g * unit for g, unit in zip(groups, (10**12, 10**8, 10**4), strict=True) if g
        ) + (_num(plain) if plain else 0)
        end = match.end()
        while end > match.start() and text[end - 1].isspace():
            end -= 1
        found.append(
            Mention(
                match.start(),
                end,
                text[match.start() : end],
                (_clean(value), _KO_CURRENCY[match.group("cur") or "원"]),
            )
        )
        taken.append((match.start(), end))
    for regex, table in ((_PREFIX_RE, _PREFIX), (_SUFFIX_RE, _SUFFIX)):
        for match in regex.finditer(text):
            if not free(*match.span()):
                continue
            currency = table.get(match.group("cur").lower().replace(".", "").replace("us ", ""))
            if currency is None:
                currency = "USD" if "dollar" in match.group("cur").lower() else None
            if currency is None:
                continue
            scale = _SCALES.get((match.group("scale") or "").lower(), 1)
            value = _num(match.group("num")) * scale
            found.append(
                Mention(match.start(), match.end(), match.group(0), (_clean(value), currency))
            )
            taken.append(match.span())
    for regex, code in ((_WON_RE, "KRW"), (_EURO_RE, "EUR")):
        for match in regex.finditer(text):
            if free(*match.span()):
                value = _num(match.group("num")) * _SCALES[match.group("scale").lower()]
                found.append(
                    Mention(match.start(), match.end(), match.group(0), (_clean(value), code))
                )
                taken.append(match.span())
    if re.search(r"China|Chinese|yuan|RMB|중국", text) and not re.search(
        r"Japan|yen|일본|엔화", text
    ):
        found = [  # "¥596 million" in a Chinese deal is the yuan
            Mention(m.start, m.end, m.text, (m.value[0], "CNY")) if m.text.startswith("¥") else m
            for m in found
        ]
    yield from sorted(found, key=lambda m: m.start)
