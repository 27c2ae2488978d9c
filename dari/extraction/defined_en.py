"""The short name an agreement defines for a party after its description: "ACME THERAPEUTICS,
INC., a California corporation, having an address of 1 Main Street, San Diego (“Acme”)". The
bracket comes after the party's corporate description, not right after its name, so the
reading of bracketed short names (`pipeline._aliases`) misses it and the short name, which is
what the rest of the agreement calls the party ("WHEREAS, Acme desires to obtain ..."), stays
unknown. The short name must be the name's own (its first word, its first letters or its
initials). Plain Python.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from dari.extraction.model import Mention

# ", a California corporation, having an address of ... (“Acme”)", ", a company organized under
# the laws of Korea, with its principal office at ... (hereinafter “Korea Drug”)"
_DESCRIBED = re.compile(
    r",?\s(?:a|an)\s[^()“”\"]{0,220}?\b(?:corporation|company|organized|organised|"
    r"incorporated|existing|having|address|office|place of business)\b[^()“”\"]{0,220}?"
    r"\s?\((?:the\s|hereinafter\s|hereafter\s|herein\s)?(?:referred to as\s)?(?:the\s)?"
    r"[“\"]([^()“”\"]{2,30})[”\"]\s?\)",
    re.I,
)


def _own(short: str, name: str) -> bool:
    """The short name is the long one's: its start ("Rx3" for "RX3 PHARMACEUTICALS, INC.") or
    its initials ("KDC" for "Korea Drug Co.")."""
    s = re.sub(r"[^a-z0-9]", "", short.lower())
    n = re.sub(r"[^a-z0-9]", "", name.lower())
    initials = "".join(w[0] for w in re.findall(r"[A-Za-z0-9]+", name)).lower()
    return len(s) >= 2 and (n.startswith(s[: max(3, len(s) // 2)]) or initials.startswith(s))


def mentions(text: str, orgs: list[Mention]) -> Iterator[Mention]:
    """Each place the agreement calls a party by the short name it defined after the party's
    description, as a mention of that party."""
    taken = [(m.start, m.end) for m in orgs]
    for m in sorted(orgs, key=lambda o: o.start):
        match = _DESCRIBED.match(text, m.end)
        if match is None:
            continue
        short = match.group(1).strip()
        if short.lower() == m.text.lower() or not _own(short, m.text):
            continue
        for hit in re.finditer(r"(?<![\w-])" + re.escape(short) + r"(?![\w-])", text):
            if not any(a <= hit.start() < b or hit.start() <= a < hit.end() for a, b in taken):
                taken.append((hit.start(), hit.end()))
                yield Mention(hit.start(), hit.end(), m.text, m.value, 0.6)
