"""What a Korean text opens on (issue 14, extraction round 5): a stake in a company bought
("바이오노트, 씨티씨바이오 지분 확보", "OCI, 지분 27% 취득해 한미사이언스 2대 주주"), or a
partnership whose shares bought come later ("SK케미칼이 J2H바이오텍과 전략적 파트너십 ...
합의서를 체결했다 ... 프리-IPO 라운드에도 참여").

The bench's convention makes such a purchase an acquisition (its buyer the acquirer, the
company whose shares are bought the target) even when the text never says 인수; an investment
of money in new shares ("지분 투자", "전략적 투자", a round) stays an investment, which
`pipeline._acquisition` checks beside this. Pure Python.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from dari.extraction import roles
from dari.extraction.model import Mention

# "지분 확보", "지분 27%를 취득", "보통주 약 143만 주를 취득", "주식을 장내 매수"
_STAKE_BOUGHT = re.compile(
    r"(?:지분|주식|보통주|구주)\S{0,2}\s?(?:[^\s.]+\s){0,4}?(?:확보|취득|매입|매수)"
    r"(?!\s?(?:옵션|권|결정\s?(?:검토|추진)))"
)


def bought(text: str) -> bool:
    """The text's opening tells of shares in a company bought."""
    return bool(_STAKE_BOUGHT.search(text.strip()[:300]))


def bought_outright(text: str, invested: bool) -> bool:
    """Shares bought, told in the opening, make an acquisition unless money is put in: new
    shares subscribed later in the text ("유상증자에 참여해 신주 ... 취득") are part of the
    purchase when the opening, up to the shares bought, names no investment ("주식 122만주를
    ... 취득하기로 결정했다"); an opening that names one ("투자", "증자") stays an investment."""
    if allied_stake(text):
        return True
    if not bought(text):
        return False
    return not invested or not _INVESTED.search(_stake_sentence(text))


_INVESTED = re.compile(r"투자|유치|시리즈|라운드|IPO|증자|펀딩", re.I)
_ALLIED = re.compile(r"(?:제휴|파트너십)\S{0,3}\s(?:\S+\s){0,2}?(?:체결|맺)")
_ROUND = re.compile(r"유치|시리즈|라운드|IPO|펀딩|유상\s?증자", re.I)
_RIGHTS = re.compile(r"라이[선센]스|기술\s?(?:이전|수출|도입)|판권|판매권|옵션")


def allied_stake(text: str) -> bool:
    """An alliance signed whose terms, told in the opening, include a stake taken ("GSK와
    대규모 지분투자 등을 내용으로 한 전략적 사업 제휴를 체결"): the bench's convention makes
    the stake's buyer the acquirer and the company whose shares it takes the target, unless
    rights are licensed (then the licence decides) or the opening tells of a funding round."""
    lead = text.strip()[:300]
    return bool(
        _ALLIED.search(lead)
        and "지분" in lead
        and not _ROUND.search(lead)
        and not _RIGHTS.search(text)
    )


def _stake_sentence(text: str) -> str:
    """The opening up to the shares bought."""
    lead = text.strip()[:300]
    found = _STAKE_BOUGHT.search(lead)
    return lead[: found.end()] if found else lead


# two companies working together: a partnership, joint research or development, an agreement
_TOGETHER = re.compile(
    r"파트너십|공동\s?(?:연구|개발|임상)|협력\s?(?:계약|협약|합의)|합의서|업무\s?협약|MOU|제휴"
)
_MONEY_IN = re.compile(r"투자|유치|시리즈|라운드|IPO|지분|증자|펀딩", re.I)


def partners_first(text: str) -> bool:
    """The text's first two sentences tell of companies working together and of no money put
    in: an investment it tells later is beside the deal (the bench's convention: partners)."""
    body = text.strip()
    # headline lines first (short, no sentence ending: "X·Y와 공동 개발") belong to the opening
    heads = re.match(r"(?:[^\n]{0,60}(?<!다\.)\n+)*", body)
    skip = heads.end() if heads else 0
    ends = [m.end() for m in re.finditer(r"다\.(?:\s|$)|\n", body[skip:])]
    lead = body[: skip + ends[1] if len(ends) > 1 else None]
    return bool(_TOGETHER.search(lead)) and not _MONEY_IN.search(lead)


def allied_roles(
    text: str, orgs: list[Mention], lang: str, gazetteer: Any, deal_roles: Callable[..., Any]
) -> list[tuple[Mention, str, float]]:
    """The sides of an alliance's stake (`allied_stake`), read as an investment's ("GSK는 ...
    를 투자해 동아제약 지분의 9.9%를 보유"): the investor buys, the investee is bought; any
    other text's sides are `deal_roles`'."""
    if lang != "ko" or not allied_stake(text):
        return list(deal_roles(text, orgs, lang, gazetteer))
    bought_as = {"investor": "acquirer", "investee": "target"}
    return [(m, bought_as[r], 0.6) for m, r in roles.investment_roles(text, orgs, lang)]
