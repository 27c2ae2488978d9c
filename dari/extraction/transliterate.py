"""A foreign company named in Hangul: "포순제약" is Fosun Pharmaceutical, "뉴로보 파마슈티컬스"
NeuroBo Pharmaceuticals.

Korean texts write most foreign companies as they sound. A proposed Hangul name the graph
does not hold is romanised, both it and the graph's names of organisations with no Korean
name are reduced to a coarse sound key (f and p, l and r, soft g and j ... alike, the vowels
Korean adds between consonants left out), and the name takes the organisation whose key is
close enough, when exactly one is. Plain Python, no Django.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from dari.extraction import spacing_en
from dari.extraction.model import Mention

if TYPE_CHECKING:
    from dari.extraction.gazetteer import Gazetteer

_CHO = "g kk n d tt r m b pp s ss - j jj ch k t p h".split()
_JUNG = "a ae ya yae eo e yeo ye o wa wae oe yo u wo we wi yu eu ui i".split()
_JONG = "- k k ks n nj nh t l lk lm lb ls lt lp lh m p ps t t ng t t k t p t".split()
# the company endings on either side, left out before the names are compared
_KO_END = re.compile(
    r"\s?(?:파마슈티컬스?|파마수티컬스?|테라퓨틱스|바이오사이언스|바이오테크|바이오텍|바이오로직스|"
    r"바이오|제약|약품|파마|그룹|홀딩스|사|社)$"
)
_EN_END = re.compile(
    r"(?:\s+(?:pharmaceuticals?|pharma|therapeutics|biosciences?|biotech|biologics|bio|"
    r"group|holdings?|inc\.?|co\.?|ltd\.?|corp\.?|corporation|ag|plc|limited))+$",
    re.I,
)
_SOUNDS = (
    ("ph", "p"),
    ("f", "p"),
    ("v", "b"),
    ("ch", "j"),
    ("z", "j"),
    ("c(?=[eiy])", "s"),
    ("g(?=[eiy])", "j"),
    ("ck", "k"),
    ("c", "k"),
    ("q", "k"),
    ("x", "ks"),
    ("g", "k"),
    ("l", "r"),
    ("w", ""),
    ("th", "t"),
    ("eo", "o"),
    ("y", "i"),
    ("h", ""),
)
CUTOFF = 85
# a Korean exchange code after a name: "바이오플러스(099430)"
_LISTED = re.compile(r"\s?[(\[](?:KRX|KOSDAQ|KOSPI|코스닥|코스피)?\s?:?\s?[0-9]{6}[)\]]")


def romanise(s: str) -> str:
    """Hangul syllables in Latin letters (close to the Revised Romanisation); the vowel "eu"
    Korean puts after a lone consonant ("아스텔라스" for Astellas) is left out."""
    out = []
    for ch in s:
        code = ord(ch) - 0xAC00
        if 0 <= code < 11172:
            vowel = _JUNG[(code % 588) // 28]
            final = _JONG[code % 28].strip("-")
            out.append(_CHO[code // 588].strip("-") + ("" if vowel == "eu" else vowel) + final)
        else:
            out.append(ch.lower())
    return "".join(out)


def sound_key(s: str) -> str:
    s = re.sub(r"[^a-z]", "", s.lower())
    for a, b in _SOUNDS:
        s = re.sub(a, b, s)
    return re.sub(r"(.)\1+", r"\1", s)


def _foreign_keys(gazetteer: Gazetteer) -> dict[str, set[tuple[str, str]]]:
    cached = getattr(gazetteer, "_sound_keys", None)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    keys: dict[str, set[tuple[str, str]]] = {}
    for key, entry in gazetteer.entries.items():
        if entry.kind != "organization" or any(re.search(r"[가-힣]", n) for n in entry.names):
            continue
        core = _EN_END.sub("", re.sub(r"\s*\(.*\)$", "", entry.name)).strip()
        if len(re.sub(r"[^A-Za-z]", "", core)) >= 4:
            keys.setdefault(sound_key(core), set()).add(key)
    gazetteer._sound_keys = keys  # type: ignore[attr-defined]
    return keys


def resolve(gazetteer: Gazetteer, orgs: list[Mention], text: str = "") -> list[Mention]:
    """`orgs` with each proposed Hangul name the graph lacks given the foreign organisation it
    sounds like, where exactly one sounds close enough (not a name `text` gives its exchange
    code, "바이오플러스(099430)": a company listed in Korea)."""
    keys = _foreign_keys(gazetteer)
    listed = {m.text for m in orgs if _LISTED.match(text, m.end)}
    out = []
    for m in spacing_en.resolve(gazetteer, orgs):  # "Kwang Dong Pharmaceutical"
        core = _KO_END.sub("", m.text.strip())
        if m.value[1] is None and re.fullmatch(r"[가-힣]{2,8}", core) and m.text not in listed:
            said = sound_key(romanise(core))
            scored = sorted(
                ((fuzz.ratio(said, k), k) for k in keys if abs(len(k) - len(said)) <= 3),
                reverse=True,
            )
            best = scored[0] if scored else (0.0, "")
            runner = scored[1][0] if len(scored) > 1 else 0.0
            if (
                (best[0] >= CUTOFF or (best[0] >= 80 and len(said) >= 6))
                and runner < best[0] - 5
                and len(keys[best[1]]) == 1
            ):
                m = Mention(m.start, m.end, m.text, next(iter(keys[best[1]])), m.confidence)
        out.append(m)
    return out
