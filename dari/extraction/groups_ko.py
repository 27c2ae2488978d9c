"""Companies a Korean text lists as one group taking part (issue 14, extraction round 4).

"유상증자에는 에이치엘비, 넥스트사이언스, 에이치엘비제약, 에이치엘비셀, 에이치엘비인베스트먼트
등 그룹사 6개 법인이 참여한다": the companies listed before "등 그룹사/계열사/관계사" stand on
one side, the side of the first of them a rule placed; so do the companies named as one
consortium ("에스디바이오센서와 SJL파트너스 컨소시엄은 ... 인수하는"), and so do the companies
listed as signing a three-party contract with the subject ("A, B와 함께 3자 계약").
`flows_ko.directed` asks this last.
"""

from __future__ import annotations

import re

from dari.extraction.model import Mention, as_written

_BETWEEN = re.compile(r"^\s?(?:,|、|ㆍ|·|와|과|및)\s?(?:및\s)?$")
_GROUP_AFTER = re.compile(
    r"^\s?등\s(?:그룹\s?)?(?:그룹사|계열사|관계사|자회사|관계\s?회사)|"
    r"^\s?(?:컨소시엄|연합)(?:은|는|이|가|을|를|과|와|의)?\s"  # "A와 B 컨소시엄은"
)


# a listed name read inside a longer one: "에이치엘비셀" found as "에이치엘비"
_REST = re.compile(r"[가-힣A-Za-z]{1,6}(?=\s?(?:,|、|ㆍ|·|\s등\s|\s및\s))")


def _whole(text: str, m: Mention) -> Mention:
    """`m`, or the whole listed word it was read inside, as a company of its own."""
    rest = _REST.match(text, m.end)
    if rest is None:
        return m
    return Mention(m.start, rest.end(), text[m.start : rest.end()], ("organization", None))


def _lists(text: str, orgs: list[Mention]) -> list[list[Mention]]:
    """The runs of companies listed before "등 그룹사"."""
    out: list[list[Mention]] = []
    run: list[Mention] = []
    for m in sorted((_whole(text, o) for o in orgs), key=lambda o: o.start):
        if run and _BETWEEN.match(text[run[-1].end : m.start]):
            run.append(m)
        else:
            run = [m]
        if len(run) >= 2 and _GROUP_AFTER.match(text[m.end : m.end + 20]):
            out.append(list(run))
    return out + _three_way(text, orgs)


# a three-party contract: "개발사인 A, 판권을 가진 B와 함께 3자 계약으로": the companies
# listed before "와 (함께) 3자" sign together, each with its own description between
_THREE_WAY = re.compile(r"^\s?(?:와|과)\s(?:함께\s)?(?:3자|삼자)")
_DESCRIBED = re.compile(r"^\s?,\s[^,.\n]{0,40}$")


def _three_way(text: str, orgs: list[Mention]) -> list[list[Mention]]:
    out = []
    ordered = sorted(orgs, key=lambda o: o.start)
    for i, m in enumerate(ordered):
        if not _THREE_WAY.match(text[m.end : m.end + 12]):
            continue
        run = [m]
        for o in reversed(ordered[:i]):
            gap = text[o.end : run[0].start]
            if not (_BETWEEN.match(gap) or _DESCRIBED.match(gap)):
                break
            run.insert(0, o)
        if len(run) >= 2:
            out.append(run)
    return out


def one_side(
    text: str, orgs: list[Mention], roled: list[tuple[Mention, str, float]]
) -> list[tuple[Mention, str, float]]:
    """`roled` with every company of a listed group on the side of its first placed one."""
    for members in _lists(text, orgs):
        placed = {as_written(m): r for m, r, _ in roled}
        side = next((placed[as_written(m)] for m in members if as_written(m) in placed), None)
        if side not in ("acquirer", "investor", "licensee", "licensor", "target", "partner"):
            continue
        keys = {as_written(m) for m in members}
        roled = [(m, side, c) if as_written(m) in keys else (m, r, c) for m, r, c in roled]
        seen = set(placed)
        for m in members:
            if as_written(m) not in seen:
                seen.add(as_written(m))
                roled.append((m, side, 0.5))
    return roled
