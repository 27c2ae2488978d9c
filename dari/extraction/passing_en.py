"""English companies named in passing, no party where they stand (issue 14, English round 5):
the maker of the reference drug a biosimilar copies ("a biosimilar referencing Regeneron's
Eylea", "more commonly known as Roche's Rituxan"), the owner of a party ("Chugai, which is
majority-owned by Roche", "a company wholly owned by Johnson & Johnson", not "candidates owned
by Kaigene", the licensor of the assets), and companies a text compares with ("licensing deals
with companies such as MorphoSys"). Only the mention at that spot is dropped: a company the
text names again elsewhere stays a candidate. Plain Python.
"""

from __future__ import annotations

import re

from dari.extraction.model import Mention

_REFERENCE_BEFORE = re.compile(
    r"\b(?:biosimilars?|generics?|cop(?:y|ies)|versions?|referenc\w*|known as|originator|"
    r"counterparts?)\s(?:(?:of|to|for)\s)?(?:the\s)?(?:[\w-]+\s){0,3}$",
    re.I,
)
_PRODUCT_AFTER = re.compile(r"^['’]s?\s(?:[a-z-]+\s){0,2}[A-Z][\w-]+")
_OWNER_BEFORE = re.compile(
    r"\b(?:company|firm|subsidiary|unit|affiliate|arm|which is|that is|and is|it is)\s"
    r"(?:majority|wholly|jointly|partly|fully|\d+(?:\.\d+)?\s?%|\d+(?:\.\d+)? percent)?[- ]?"
    r"owned by\s(?:the\s)?(?:[\w’'.-]+\s){0,4}$",
    re.I,
)
_COMPARED_BEFORE = re.compile(
    r"\b(?:such as|like|unlike|similar to|compared (?:with|to)|versus|vs\.)\s(?:the\s)?"
    r"(?:(?:global|big|rival|pharma|drug|giants?|companies|peers?)\s)*$",
    re.I,
)


# a rival the deal's company takes on: "to challenge Boehringer, Takeda", "a space targeted by
# Boehringer Ingelheim and Takeda", "competing with X", "rivals such as X" (the second of a
# pair of rivals too; not "its smaller rival X", a description a target is given)
_RIVAL_BEFORE = re.compile(
    r"\b(?:challenge|challenging|compete (?:with|against)|competing (?:with|against)|"
    r"(?:competitors?|rivals?)\s(?:such as|including|like)|rival(?:l)?ing|targeted by|"
    r"pursued by|take on|taking on)\s(?:the\s)?(?:(?:global|big|pharma|drug|giants?)\s)*"
    r"(?:[A-Z][\w&.-]*(?:\s[A-Z][\w&.-]*){0,2}(?:,\s|\sand\s|\s&\s))?$"
)


_OWNER_S = r"[A-Z][\w&.-]*(?:\s[A-Z][\w&.-]*){0,3}['’]s\s(?:[a-z-]+\s){0,2}"


def _reference_drug(text: str, name: str) -> bool:
    """The text names `name` as the drug a biosimilar copies ("known as Roche's Rituxan"):
    a product wherever it stands."""
    rx = re.compile(_OWNER_S + re.escape(name) + r"(?![\w-])")
    return any(
        _REFERENCE_BEFORE.search(text[max(0, hit.start() - 80) : hit.start()])
        for hit in rx.finditer(text)
    )


def passing(text: str, m: Mention) -> bool:
    """The company is named in passing where `m` stands (or is no company: the drug a
    biosimilar copies)."""
    before = text[max(0, m.start - 80) : m.start]
    after = text[m.end : m.end + 40]
    if _REFERENCE_BEFORE.search(before) and _PRODUCT_AFTER.match(after):
        return True
    if m.value[1] is None and _reference_drug(text, m.text):
        return True
    return bool(
        _OWNER_BEFORE.search(before)
        or _COMPARED_BEFORE.search(before)
        or _RIVAL_BEFORE.search(before)
    )
