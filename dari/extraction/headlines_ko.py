"""A Korean roundup's headline lines (issue 14, extraction round 4).

A roundup opens with a title and one line per story, each headed by its company and a comma
("SK바이오팜, 중동 '히크마'와 맞손…", "대웅제약, 사우디 공략…", "시지바이오, 필러 품목허가
신청…수출계약"); the body then tells one of them. A company named only in such a headline
block (three lines or more headed "X, "), never in the body, stands beside the deal told.
"""

from __future__ import annotations

import re

from dari.extraction.model import Mention

_HEADED = re.compile(r"^\s*[^\s,]{2,20}(?:\s[^\s,]{1,12})?\s?,\s")
# a body line: a sentence told ("... 밝혔다.", "맺었다. ") or a long line
_BODY = re.compile(r"다\.(?:\s|$)|다\s?$")


def _block_end(text: str) -> int | None:
    """Where the roundup's headline block ends, or None when the text opens with none."""
    at, headed = 0, 0
    for line in text.split("\n"):
        if line.strip() and (len(line) > 100 or _BODY.search(line.strip())):
            return at if headed >= 3 else None
        headed += bool(_HEADED.match(line))
        at += len(line) + 1
    return None


def _key(m: Mention) -> object:
    return m.value[1] if isinstance(m.value, tuple) and m.value[1] else m.text


def headline_only(text: str, m: Mention, orgs: list[Mention]) -> bool:
    """`m` is named in a roundup's headline lines and nowhere in its body."""
    end = _block_end(text)
    if end is None or m.start >= end:
        return False
    return not any(o.start >= end and _key(o) == _key(m) for o in orgs)
