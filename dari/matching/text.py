"""Tokenisation of mixed Korean/English text for BM25 and keyword features.

English (and any Latin-script run): lower-cased word tokens, light plural stripping (not of
a word naming a glossary term as it is: "MERS" stays "mers", never the target "MER"), a
small stop list, and hyphenated codes with a digit joined ("PD-L1" -> "pdl1",
"GLP-1" -> "glp1", "B7-H3" -> "b7h3"). Korean: content morphemes from kiwipiepy
(nouns, verb/adjective stems, roots). Kiwi takes seconds to load, so it is a lazy,
process-wide singleton, and text without Hangul never touches it.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import Any

_HANGUL = re.compile(r"[\uac00-\ud7a3\u3131-\u318e]")
# A Latin/digit word, possibly joined by hyphens, dots or slashes between alnum runs.
_WORD = re.compile(r"[a-z0-9]+(?:[-./][a-z0-9]+)*")
_KOREAN_TAGS = frozenset({"NNG", "NNP", "XR", "VV", "VA", "SH"})

STOPWORDS: frozenset[str] = frozenset(
    """a an and are as at be been being by for from has have in into is it its of on or
    our that the their them these this those to was we were which will with within without
    also both can may more most other such than then there they through up use used using
    via well who whose new novel including include includes based across all any each""".split()
)

_lock = threading.Lock()
_kiwi: Any = None


def _get_kiwi() -> Any:
    global _kiwi
    if _kiwi is None:
        with _lock:
            if _kiwi is None:
                from kiwipiepy import Kiwi

                _kiwi = Kiwi()
    return _kiwi


def korean_analyser() -> Any:
    """The process's one Korean analyser (kiwi: hundreds of MB and seconds to load; every
    user of Korean morphemes shares it; a web server loads it before forking its workers so
    that they share its memory)."""
    return _get_kiwi()


def has_hangul(text: str) -> bool:
    return _HANGUL.search(text) is not None


def _strip_plural(word: str) -> str:
    if len(word) > 3 and word.isalpha():
        if word.endswith("ies"):
            return word[:-3] + "y"
        if word.endswith("s") and not word.endswith(("ss", "us", "is", "os")):
            return word[:-1]
    return word


@lru_cache(maxsize=1)
def kept_plurals() -> frozenset[str]:
    """Words ending in "s" that name a term of the glossary as they are: a one-word English
    name (or alias) whose entry does not also list the word without its "s" (MERS, KRAS,
    AIDS, FSGS, diabetes, hives). Stripping them would make another word: "MERS" would read
    as the target "MER", "AIDS" as "aid", "KRAS" as "KRA". Real plurals that mean the same
    as their singular list it as an alias (seizures | seizure) and are stripped as usual."""
    from .glossary import read_entries  # read, not built: the glossary tokenises with this module

    kept: set[str] = set()
    for entry in read_entries():
        names = {n.lower() for n in (entry.en, *entry.en_aliases)}
        for name in names:
            stripped = _strip_plural(name)
            if stripped != name and stripped not in names:
                kept.add(name)
    return frozenset(kept)


def _normalise_word(word: str) -> str:
    """Light English normalisation: plural stripping (not of a word that names a glossary
    term as it is, see `kept_plurals`), no stemming beyond that."""
    if word in kept_plurals():
        return word
    return _strip_plural(word)


def _is_code_part(part: str) -> bool:
    return any(ch.isdigit() for ch in part) or len(part) <= 3


def _latin_pairs(text: str) -> list[tuple[str, str]]:
    """(token, surface form) pairs of the Latin-script words of `text`."""
    out: list[tuple[str, str]] = []
    lowered = text.lower()
    source = text if len(lowered) == len(text) else lowered
    for match in _WORD.finditer(lowered):
        word = match.group(0)
        surface_of = source[match.start() : match.end()]
        pieces = [(m.group(0), m.start()) for m in re.finditer(r"[a-z0-9]+", word)]
        if len(pieces) > 1 and any(ch.isdigit() for ch in word):
            # Codes such as pd-l1, glp-1, b7-h3, 18.2 become one token; long words around
            # them stay separate ("her2-targeting" -> her2, targeting).
            run: list[tuple[str, int]] = []
            for piece in [*pieces, ("", len(word))]:
                part, offset = piece
                if part and _is_code_part(part):
                    run.append(piece)
                    continue
                if run:
                    first, last = run[0], run[-1]
                    out.append(
                        (
                            "".join(p for p, _ in run),
                            surface_of[first[1] : last[1] + len(last[0])],
                        )
                    )
                    run = []
                if part and part not in STOPWORDS:
                    out.append((_normalise_word(part), surface_of[offset : offset + len(part)]))
            continue
        for part, offset in pieces:
            if part not in STOPWORDS and not (len(part) == 1 and part.isalpha()):
                out.append((_normalise_word(part), surface_of[offset : offset + len(part)]))
    return out


def _latin_tokens(text: str) -> list[str]:
    return [token for token, _ in _latin_pairs(text)]


def _korean_tokens(text: str) -> list[str]:
    kiwi = _get_kiwi()
    out: list[str] = []
    for token in kiwi.tokenize(text):
        if token.tag in _KOREAN_TAGS and not token.form.isascii():
            out.append(token.form)
    return out


def tokenize(text: str) -> list[str]:
    """Tokens of a (possibly mixed-script) text, in order of appearance per script."""
    if not text:
        return []
    tokens = _latin_tokens(text)
    if has_hangul(text):
        tokens.extend(_korean_tokens(text))
    return tokens


def surface_forms(text: str) -> dict[str, str]:
    """Token -> its first surface form in `text` (for showing matched terms to people)."""
    forms: dict[str, str] = {}
    for token, surface in _latin_pairs(text):
        # Keep capitals of acronyms (HER2, GLP-1), not of sentence starts (Oral -> oral).
        shown = surface if any(ch.isupper() for ch in surface[1:]) else surface.lower()
        forms.setdefault(token, shown)
    if has_hangul(text):
        for token in _korean_tokens(text):
            forms.setdefault(token, token)
    return forms


def tokenize_korean_many(texts: list[str]) -> list[list[str]]:
    """The Korean morphemes of each text (kiwi in one call)."""
    analysed = _get_kiwi().tokenize(texts)
    return [
        [tok.form for tok in tokens if tok.tag in _KOREAN_TAGS and not tok.form.isascii()]
        for tokens in analysed
    ]


def tokenize_many(texts: list[str]) -> list[list[str]]:
    """Tokenise a batch; Korean texts go through kiwi in one call (faster than one by one)."""
    result = [_latin_tokens(t) if t else [] for t in texts]
    korean = [i for i, t in enumerate(texts) if t and has_hangul(t)]
    if korean:
        analysed = tokenize_korean_many([texts[i] for i in korean])
        for i, tokens in zip(korean, analysed, strict=True):
            result[i].extend(tokens)
    return result
