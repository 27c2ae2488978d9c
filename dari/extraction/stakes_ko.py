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

# "지분 확보", "지분 27%를 취득", "보통주 약 143만 주를 취득", "주식을 장내 매수"
_STAKE_BOUGHT = re.compile(
    r"(?:지분|주식|보통주|구주)\S{0,2}\s?(?:[^\s.]+\s){0,4}?(?:확보|취득|매입|매수)"
    r"(?!\s?(?:옵션|권|결정\s?(?:검토|추진)))"
)


def bought(text: str) -> bool:
    """The text's opening tells of shares in a company bought."""
    return bool(_STAKE_BOUGHT.search(text.strip()[:300]))


# two companies working together: a partnership, joint research or development, an agreement
_TOGETHER = re.compile(
    r"파트너십|공동\s?(?:연구|개발|임상)|협력\s?(?:계약|협약|합의)|합의서|업무\s?협약|MOU|제휴"
)
_MONEY_IN = re.compile(r"투자|유치|시리즈|라운드|IPO|지분|증자|펀딩", re.I)


def partners_first(text: str) -> bool:
    """The text's first two sentences tell of companies working together and of no money put
    in: an investment it tells later is beside the deal (the bench's convention: partners)."""
    ends = [m.end() for m in re.finditer(r"다\.(?:\s|$)|\n", text.strip())]
    lead = text.strip()[: ends[1] if len(ends) > 1 else None]
    return bool(_TOGETHER.search(lead)) and not _MONEY_IN.search(lead)
