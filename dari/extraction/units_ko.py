"""A Korean company acting through its own unit (issue 14, extraction round 5): "한빛제약은 미국
자회사 누리바이오를 통해 솔빛테라퓨틱스에 기술이전했다" — the unit signs for its parent, and
the bench's convention puts both on one side (as "SK㈜ 자회사인 SK팜테코를 통해 인수한다"). The
unit takes the side of the sentence's subject, whatever side the rules gave it. Pure Python.
"""

from __future__ import annotations

import re

from dari.extraction.model import Mention, as_written

# "... 자회사 ⟨unit⟩를 통해", "계열사인 ⟨unit⟩을 통해", "미국 법인 ⟨unit⟩을 통해"
_UNIT_BEFORE = re.compile(
    r"(?:자회사|손자회사|계열사|관계사|법인|자회사이자)(?:인|이자)?\s['‘\"“]?$"
)
_VIA = re.compile(r"['’\"”]?(?:\s?[(（][^()（）]{0,40}[)）])?\s?(?:을|를)\s?통(?:해|하여)\s")
# the parent named right before its unit: "SK㈜ 자회사인 SK팜테코를 통해" (SK㈜, not the
# sentence's subject, is the parent)
_OWNED = r"(?:의)?\s?(?:\S+\s){0,2}?(?:자회사|손자회사|계열사|관계사|법인)(?:인|이자)?\s['‘\"“]?$"
_SUBJECT_AFTER = re.compile(r"^(?:\s?[(（][^()（）]{0,40}[)）])?\s?(?:은|는|이|가)\s")


def through(
    text: str, orgs: list[Mention], roled: list[tuple[Mention, str, float]]
) -> list[tuple[Mention, str, float]]:
    """`roled` with each unit its parent acts through on its parent's side."""
    placed = {as_written(m): r for m, r, _ in roled}
    out = list(roled)
    for unit in orgs:
        if not _VIA.match(text, unit.end) or not _UNIT_BEFORE.search(
            text[max(0, unit.start - 30) : unit.start]
        ):
            continue
        start = max(text.rfind(". ", 0, unit.start), text.rfind("\n", 0, unit.start)) + 1
        window = text[max(0, unit.start - 40) : unit.start]
        named = next(
            (
                m
                for m, _, _ in roled
                if as_written(m) != as_written(unit)
                and re.search(re.escape(m.text) + _OWNED, window)
            ),
            None,
        )
        parent = named or next(
            (
                m
                for m in orgs
                if start <= m.start < unit.start
                and as_written(m) in placed
                and as_written(m) != as_written(unit)
                and _SUBJECT_AFTER.match(text[m.end : m.end + 50])
            ),
            None,
        )
        if parent is None:
            continue
        role, was = placed[as_written(parent)], placed.get(as_written(unit))
        out = [(m, r, c) for m, r, c in out if as_written(m) != as_written(unit)]
        out.append((unit, role, 0.5))
        placed[as_written(unit)] = role
        if was and was != role and all(r != was for _, r, _ in out):
            # the side the unit was given is the company it acts on: "... 통해 ⟨C⟩를 인수"
            stop = text.find(". ", unit.end)
            other = next(
                (
                    m
                    for m in orgs
                    if unit.end < m.start < (stop if stop > 0 else len(text))
                    and as_written(m) not in placed
                ),
                None,
            )
            if other is not None:
                out.append((other, was, 0.5))
                placed[as_written(other)] = was
    return out
