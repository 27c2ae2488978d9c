"""A side made of two companies named together in the deal's own sentence: "A and B signed
... with C", "an agreement with A (“A”) (000000.KQ) and B (“B”)", "A and B grant C rights",
"A and its unit B paid C". The rules place one company per side; when one company of such a
pair holds a side, the company named with it in a sentence that also names the other side and
tells the deal (a licence, an agreement, a payment, a purchase) shares that side. Plain Python
over the mentions `pipeline.extract` found and the roles the rules placed.
"""

from __future__ import annotations

import re

from dari.extraction.model import Mention, as_written

# what may stand between the two companies of a pair: their short forms and tickers in
# brackets and a seat ("of Munich"), then "and" ("&"), a unit's word ("and its Hong Kong
# unit") or a word or two of description ("and Mexico's", "and South Korea-based")
_PAIR = re.compile(
    r"^[”\"’]?\)?(?:,?\s?\([^()]{0,40}\))*(?:,\s(?:of|in|based in)\s(?:[A-Z][\w-]+\s?){1,3})?"
    r",?\s(?:and|&|along with|together with|jointly with|alongside)\s(?:the\s)?"
    r"(?:its\s(?:[\w-]+\s){0,2}?(?:unit|subsidiary|affiliate|arm)\s?,?\s)?"
    r"(?:[\w.'’-]+\s){0,2}?$"
)
# a sentence that tells the deal itself
_DEAL = re.compile(
    r"licen[cs]|agreement|\bcontract|\bdeal\b|transaction|\brights?\b|\bgrant|\bacqui|"
    r"\bupfront|\bup-front|milestone|royalt",
    re.I,
)
# the deal's own phrase before the pair: "a licensing partnership with French pharma giant A and
# Mexico's B"
_DEAL_WITH = re.compile(
    r"\b(?:agreements?|deals?|partnerships?|collaborations?|contracts?|pacts?|alliances?)\s"
    r"(?:with|involving)\s(?:[\w’'.,-]+\s){0,5}$",
    re.I,
)
# words that make the pair something else than one side: "between A and B" names both sides
_NOT_ONE_SIDE = re.compile(r"\bbetween\s+(?:[\w.'’-]+\s+){0,3}?$", re.I)

# the first company of the pair is in another's description: "A, a subsidiary of P, and B",
# "Procter & Gamble"
_INSIDE = re.compile(r"&\s$|,\s(?:a|an|the)\s[^,]{0,45}$", re.I)


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence around [start, end): a full stop after "Inc", "Co", "Ltd" or
    an initial does not end one."""
    bounds = [
        m
        for m in re.finditer(r"[.!?](?=\s+[A-Z“\"(])|\n", text)
        if not re.search(r"\b(?:Inc|Ltd|Co|Corp|[A-Z])$", text[max(0, m.start() - 5) : m.start()])
    ]
    left = max((m.end() for m in bounds if m.end() <= start), default=0)
    right = min((m.start() for m in bounds if m.start() >= end), default=len(text))
    return left, right


def _folded(name: str) -> str:
    return " ".join(w.rstrip("s") for w in re.findall(r"[a-z0-9]+", name.lower()))


def coordinated(
    text: str, orgs: list[Mention], roled: list[tuple[Mention, str, float]]
) -> list[tuple[Mention, str, float]]:
    """`roled` with the company named beside a placed party ("A and B") on that party's side,
    when the sentence also names a party of the other side and tells the deal."""
    role = {as_written(m): r for m, r, _ in roled}
    if len(role) < 2:
        return roled
    more: list[tuple[Mention, str, float]] = []
    ordered = sorted(orgs, key=lambda m: m.start)
    for i, (a, b) in enumerate(zip(ordered, ordered[1:], strict=False)):
        between = text[a.end : b.start]
        if as_written(a) == as_written(b) or not _PAIR.match(between) or between == " & ":
            continue  # "Procter & Gamble", "Import & Export Co.": one name
        if re.match(r"['’]s?\s", text[b.end : b.end + 3]):
            continue  # "A and B's drug": B's, not a side
        before = text[max(0, a.start - 50) : a.start]
        if _NOT_ONE_SIDE.search(before) or _INSIDE.search(before):
            continue
        # a list of three or more ("A, B and C"): past partners, not one side
        if i > 0 and re.fullmatch(r",\s", text[ordered[i - 1].end : a.start]):
            continue
        if i + 2 < len(ordered) and re.fullmatch(
            r",?\s(?:and|&)\s", text[b.end : ordered[i + 2].start]
        ):
            continue
        placed = [o for o in (a, b) if as_written(o) in role]
        if len(placed) != 1:
            continue
        side, other = role[as_written(placed[0])], b if placed[0] is a else a
        if _folded(other.text) in {_folded(m.text) for m, _, _ in roled}:
            continue  # "Mirae Assets Group" beside "Mirae Asset Group": one company
        left, right = _sentence(text, a.start, b.end)
        counter = [
            o
            for o in ordered
            if left <= o.start < right
            and as_written(o) in role
            and as_written(o) != as_written(placed[0])
        ]
        with_ = _DEAL_WITH.search(text[max(left, a.start - 80) : a.start])
        if not with_ and not (counter and _DEAL.search(text[left:right])):
            continue
        role[as_written(other)] = side
        more.append((other, side, 0.45))
    return roled + more
