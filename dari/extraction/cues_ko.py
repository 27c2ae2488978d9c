"""More Korean cues of which way a licence runs (issue 14, extraction round 5), read by
`flows_ko.evidence` beside its own.

- a headline's bare noun of taking: "⟦0⟧, ⟦1⟧ ADC 도입…", "⟦0⟧, 비만약 국내 판권 확보";
- verbs of taking or giving the older lists lack: 들여오다 (bring in), 공급받다 (be supplied),
  사들이다/사 가다 (buy a candidate), 팔다 (sell it), 이양하다 (hand rights over);
- the object put before its subject: "⟦0⟧의 신약 국내 판매권을 ⟦1⟧이 확보했다",
  "⟦0⟧의 표적항암제를 ⟦1⟧가 도입한다";
- a headline naming the taker, then the giver's product with no particle:
  "⟦0⟧, ⟦1⟧ ADC 도입" (⟦1⟧ gives).

Pure Python: patterns over the text with its parties as ⟦i⟧ (`flows_ko._marked`).
"""

from __future__ import annotations

import re

P = r"⟦(\d+)⟧"
_PAREN = r"\)?(?:\s?[(（][^()（）]{1,40}[)）])?['’\"”]?"
_END = r"(?=\s?(?:…|\.\.\.|[.,·]|$))"  # a headline's phrase ends: "도입…", "판권 확보."
_RIGHTS = r"(?:권리|권한|판권|판매권|독점권|실시권|사용권|개발권|상업화권)"

# either of two partners, not one of them: "두 회사 중 한 곳이 ... 독자 개발할 경우"
EITHER = (
    r"(?:두\s?회사|양사|두\s?기업)\s?중\s?(?:한\s?곳|한\s?쪽|어느\s?한\s?(?:곳|쪽)|한\s?회사|하나)|"
    r"어느\s?한\s?쪽|어느\s?쪽|일방"
)
# a licence that would run to the other partner or onward, not one made now: "상대방에게 ...
# 라이선스 비용을 지급", "제3자에게 기술이전할 때는"
EITHER_WAY = rf"상대(?:방|\s?회사)에게|제3자에게|{EITHER}"

# verbs of the subject: (pattern, sign for the subject, weight, kind), as `flows_ko._VERBS`
VERBS: list[tuple[re.Pattern[str], int, float, str]] = [
    # taking: "도입…" (a headline's noun), "들여왔다", "공급받는", "사들였다", "사간다"
    (
        re.compile(
            rf"도입{_END}|{_RIGHTS}\s?(?:을\s|를\s)?(?:확보|획득|취득){_END}|"
            r"들여(?:오|왔|온|와)|공급\s?받|(?:사들|사\s?가|사\s?갔|사\s?간)(?!\s?(?:주식|지분))"
        ),
        -1,
        1.0,
        "rights",
    ),
    # giving: "후보물질을 팔았다", "권리를 이양하는"
    (
        re.compile(
            r"(?:물질|신약|기술|권리|판권|치료제|항체|플랫폼)\S{0,2}\s(?:\S+\s)?"
            r"(?:팔았|팔아|판다|팔기로|팔고)|이양(?:했|한다|하기로|키로|하는|하고|하며)"
        ),
        1,
        1.0,
        "rights",
    ),
]

# the object before its subject: "판매권을 ⟦1⟧이 확보", "표적항암제를 ⟦1⟧가 도입한다"
_FRONTED = re.compile(
    rf"[^\s⟦]+(?:을|를)\s{P}{_PAREN}\s?(?:사|측)?(?:이|가)\s(?:[^\s⟦.]+\s){{0,2}}?"
    r"(?:도입|확보|획득|취득|사들|사\s?간|사\s?갈|들여|이전\s?받|넘겨\s?받|가져)"
)
# "⟦0⟧, ⟦1⟧ ADC 도입": the headline's taker and the giver whose product it takes
_HEAD_TAKES = re.compile(
    rf"^\W*{P}{_PAREN}\s?,\s?(?:[美中日獨英佛]|미국|중국|일본|독일|영국|프랑스|스위스)?\s?{P}{_PAREN}"
    rf"\s(?:[^\s⟦.,]+\s){{0,3}}?(?:도입|{_RIGHTS}\s?확보|들여)"
)


def oblique(said: str) -> list[tuple[int, str, float]]:
    """The evidence of one sentence that rests on word order rather than on a particle:
    (party, kind, giving + or taking -)."""
    out = [(int(m.group(1)), "rights", -1.0) for m in _FRONTED.finditer(said)]
    head = _HEAD_TAKES.match(said)
    if head:
        out += [(int(head.group(1)), "rights", -1.0), (int(head.group(2)), "rights", 1.0)]
    return out
