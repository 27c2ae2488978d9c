"""A Korean text that opens on a stake in a company bought (issue 14, extraction round 5):
"바이오노트, 씨티씨바이오 지분 확보", "OCI, 지분 27% 취득해 한미사이언스 2대 주주".

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
