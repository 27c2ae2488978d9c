"""Sentences, dates and language of a text (English and Korean)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from dari.extraction.model import Candidate, Mention

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DATES = [
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}}),?\s+(?P<year>(?:19|20)\d\d)\b", re.I),
    re.compile(rf"\b(?P<day>\d{{1,2}})\s+{_MONTH},?\s+(?P<year>(?:19|20)\d\d)\b", re.I),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)[-./](?P<mnum>\d{1,2})[-./](?P<day>\d{1,2})\b"),
    re.compile(r"(?P<year>(?:19|20)\d\d)\s?년\s?(?P<mnum>\d{1,2})\s?월\s?(?P<day>\d{1,2})\s?일"),
    re.compile(rf"\b{_MONTH}\s+(?P<year>(?:19|20)\d\d)\b", re.I),
    re.compile(r"(?P<year>(?:19|20)\d\d)\s?년\s?(?P<mnum>\d{1,2})\s?월(?!\s?\d)"),
]
_SENTENCE = re.compile(r"[^.!?。\n]+(?:[.!?。](?!\d)|\n|$)")
# English: a full stop inside a number ("62.34%"), before a comma or a word in lower case
# ("Viral Gene Inc., a U.S.-based firm", "Co. is") or after a single capital ("U.S.") ends no
# sentence
_SENTENCE_EN = re.compile(
    r"(?:[^.!?。\n]|\.(?=\d)|\.(?=\s?[,;:)a-z])|(?<=\b[A-Z])\.)+(?:[.!?。](?!\d)|\n|$)"
)
_HANGUL = re.compile(r"[가-힣]")


def language(text: str) -> str:
    """'ko' when Hangul makes up a fifth of the letters, else 'en'."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return "en"
    return "ko" if sum(1 for c in letters if _HANGUL.match(c)) / len(letters) > 0.2 else "en"


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence; a full stop inside a number ("1.2") does not end one (nor,
    in a text without Hangul, one after "Inc" or "U.S" a comma or a lower-case word follows)."""
    for match in (_SENTENCE if _HANGUL.search(text) else _SENTENCE_EN).finditer(text):
        if match.group(0).strip():
            yield match.start(), match.end()


def dates(text: str) -> list[Mention]:
    """Dates in the text, left to right; value is 'YYYY-MM-DD' or 'YYYY-MM'."""
    found: list[Mention] = []
    for regex in _DATES:
        for match in regex.finditer(text):
            if any(m.start <= match.start() < m.end for m in found):
                continue
            groups = match.groupdict()
            month = _MONTHS[groups["month"].lower()] if groups.get("month") else int(groups["mnum"])
            if not 1 <= month <= 12:
                continue
            value = f"{groups['year']}-{month:02d}"
            if groups.get("day"):
                day = int(groups["day"])
                if not 1 <= day <= 31:
                    continue
                value += f"-{day:02d}"
            found.append(Mention(match.start(), match.end(), match.group(0), value, 0.8))
    return sorted(found, key=lambda m: m.start)


# a line broken inside a sentence (a wrapped paragraph of an older release or a filing): "has
# concluded an agreement\nwith Acme under which Acme shall\nbe granted"
_WRAPPED = re.compile(r"(?<=[\w,)])\n(?=[a-z(])")


# curly quotes read in the wrong code page ("South Korea¡¯s Norvexa", "¡°the deal¡±"): two
# characters for one, so the quote is written with a space beside it (offsets unchanged)
_MOJIBAKE = re.compile(r"¡([®°¯±])")
_QUOTES = {"®": " ‘", "°": " “", "¯": "’ ", "±": "” "}


def unwrapped(text: str) -> str:
    """`text` with each line break inside a sentence made a space, and curly quotes read in
    the wrong code page mended (offsets unchanged)."""
    text = _WRAPPED.sub(" ", text)
    if "¡" not in text:
        return text
    text = re.sub(r"¡¯s(?=[\s,.;:)]|$)", "’s ", text)  # "Korea’s" with the space after the "s"
    return _MOJIBAKE.sub(lambda m: _QUOTES[m.group(1)], text)


def _letter(ch: str) -> bool:
    return "a" <= ch <= "z" or "A" <= ch <= "Z"


def whole_words(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """`candidates` with each evidence span that starts or ends inside an English word ("licens"
    of "license", "royalt" of "royalties": the rules match stems) widened to the whole word, so
    that a curator sees words highlighted; an evidence text made of its spans follows them."""
    for cand in candidates:
        for name, spans in cand.spans.items():
            said = " … ".join(text[s:e] for s, e in spans)
            wide = []
            for s, e in spans:
                while 0 < s < e and _letter(text[s - 1]) and _letter(text[s]):
                    s -= 1
                while s < e < len(text) and _letter(text[e - 1]) and _letter(text[e]):
                    e += 1
                wide.append((s, e))
            cand.spans[name] = wide
            if cand.evidence.get(name) == said:
                cand.evidence[name] = " … ".join(text[s:e] for s, e in wide)
    return candidates
