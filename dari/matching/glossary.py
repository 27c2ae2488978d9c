"""The Korean-English biomedical glossary: therapeutic areas, modalities, indications,
targets and other technical terms (a mechanism, a part of a drug, a tissue: "payload",
"inhibitor", "blood-brain barrier"), each with its English and Korean names, aliases, a
broader concept and a source (data/glossary_ko_en.tsv; its header lists the sources).

    g = glossary()                       # the bundled file, loaded once per process
    g.find("HER2 양성 위암 치료제")       # -> [Match(entry=her2-positive gastric cancer, ...)]
    g.concepts("gastric cancer")         # -> [Entry(en="gastric cancer", ko="위암", ...)]
    g.korean("gastric cancer")           # -> "위암"; g.english("비소세포폐암") -> "non-small ..."
    g.gist("HER2-low metastatic breast cancer (second line)")  # -> [Entry(en="breast cancer")]

Matching is by whole words in English (the tokens of `dari.matching.text`, with British and
American spellings made equal: tumour/tumor, oedema/edema, leukaemia/leukemia; a letter
standing alone counts: "hepatitis B" is not "hepatitis C", "factor X" not "factor B") and by
substring in Korean, spaces ignored ("비소세포 폐암" = "비소세포폐암"); a two-syllable Korean
name must start a word, so "시간 암" never reads as 간암. The longest name wins where names
overlap ("비소세포폐암" before "폐암"). Plain Python: the search index, the query parser and
the recommendation reasons all read it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .text import _latin_tokens, has_hangul

DEFAULT_PATH = Path(__file__).with_name("data") / "glossary_ko_en.tsv"
KINDS = ("area", "modality", "indication", "target", "term")
GIST_KINDS = ("indication", "target", "modality", "term")
COLUMNS = ("kind", "en", "ko", "en_aliases", "ko_aliases", "parent", "source")

_WORD = re.compile(r"[a-z0-9]+(?:[-./+][a-z0-9]+)*")
_NOT_KOREAN_KEY = re.compile(r"[^0-9a-z\uac00-\ud7a3]")
_SPELLING = (("ae", "e"), ("oe", "e"))
# A one-letter prefix is part of the name: c-Met, K-Ras, B-Raf (else "met" alone would match).
_LETTER_PREFIX = re.compile(r"^([a-z])-(?=[a-z0-9])")
# A letter standing alone names a concept's variant in a name ("hepatitis B" is not "hepatitis
# C", "factor X" is not "factor B", "haemophilia A" is not "haemophilia B"); but "s" ends a
# possessive, and "a" is an article unless it follows a word ("haemophilia A", not "a drug").
_POSSESSIVE = "s"
_ARTICLE = "a"


@dataclass(frozen=True)
class Entry:
    """One concept: its names in both languages, a broader concept and where the names come
    from."""

    kind: str
    en: str
    ko: str
    en_aliases: tuple[str, ...]
    ko_aliases: tuple[str, ...]
    parent: str
    source: str

    @property
    def key(self) -> str:
        """A stable one-word token naming the concept (letters and digits only): the search
        index stores it beside a record that names the concept in either language."""
        return "zc" + re.sub(r"[^a-z0-9]", "", self.en.lower())

    @property
    def english_names(self) -> tuple[str, ...]:
        return (self.en, *self.en_aliases)

    @property
    def korean_names(self) -> tuple[str, ...]:
        return (self.ko, *self.ko_aliases)

    @property
    def names(self) -> tuple[str, ...]:
        return self.english_names + self.korean_names


@dataclass(frozen=True)
class Match:
    """Where an entry is named in a text: [start, end) in the text as given."""

    entry: Entry
    start: int
    end: int


def _canon(token: str) -> str:
    """British and American spellings alike (applied to text and names, so only equality
    matters): tumour -> tumor, oedema -> edema, haemophilia -> hemophilia."""
    if not token.isalpha():
        return token
    for old, new in _SPELLING:
        token = token.replace(old, new)
    if token.endswith("our"):
        token = token[:-3] + "or"
    return token.replace("isation", "ization")


def english_tokens(text: str, letters: bool = False) -> list[tuple[str, int, int]]:
    """(token, start, end) of the Latin-script words of `text`; a word's tokens share its
    span. Tokens are those of `dari.matching.text` (lower case, plurals and stop words
    dropped, codes such as PD-L1 joined), spelled one way; with `letters`, a one-letter word
    is kept too (an "a" only right after a word, never a possessive's "s"): the glossary's
    names differ by one ("hepatitis B", "hepatitis C")."""
    out: list[tuple[str, int, int]] = []
    lowered = text.lower()
    for match in _WORD.finditer(lowered):
        word = _LETTER_PREFIX.sub(r"\1", match.group(0))
        tokens = _latin_tokens(word)
        if letters and not tokens and len(word) == 1 and word.isalpha() and word != _POSSESSIVE:
            after_word = bool(out) and not lowered[out[-1][2] : match.start()].strip()
            tokens = [word] if word != _ARTICLE or after_word else []
        for token in tokens:
            out.append((_canon(token), match.start(), match.end()))
    return out


def korean_key(text: str) -> tuple[str, list[int], list[bool]]:
    """`text` lower-cased without spaces or punctuation, the index in `text` of each kept
    character, and whether it starts a word."""
    text = unicodedata.normalize("NFC", text).lower()
    chars: list[str] = []
    where: list[int] = []
    starts: list[bool] = []
    previous_kept = -2
    for i, ch in enumerate(text):
        if _NOT_KOREAN_KEY.match(ch):
            continue
        chars.append(ch)
        where.append(i)
        starts.append(previous_kept != i - 1 or i == 0)
        previous_kept = i
    return "".join(chars), where, starts


@dataclass
class Glossary:
    """The entries, indexed by their names in both languages."""

    entries: list[Entry]
    by_en: dict[str, Entry] = field(init=False)
    _english: dict[tuple[str, ...], Entry] = field(init=False)
    _korean: dict[str, Entry] = field(init=False)
    _korean_lengths: list[int] = field(init=False)
    _longest_english: int = field(init=False)

    def __post_init__(self) -> None:
        self.by_en = {e.en.lower(): e for e in self.entries}
        self._english = {}
        self._korean = {}
        for entry in self.entries:
            for name in entry.names:
                if has_hangul(name):
                    key = korean_key(name)[0]
                    if len(key) >= 2:
                        self._korean.setdefault(key, entry)
                    continue
                tokens = tuple(t for t, _, _ in english_tokens(name, letters=True))
                if tokens:
                    self._english.setdefault(tokens, entry)
        self._korean_lengths = sorted({len(k) for k in self._korean}, reverse=True)
        self._longest_english = max((len(k) for k in self._english), default=0)

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def get(self, en: str) -> Entry | None:
        return self.by_en.get(en.lower())

    def find(self, text: str) -> list[Match]:
        """Every entry named in `text`, longest names first, without overlaps, in order."""
        matches = self._find_korean(text) if has_hangul(text) else []
        taken = [(m.start, m.end) for m in matches]
        tokens = [
            t
            for t in english_tokens(text, letters=True)
            if not any(s <= t[1] < e for s, e in taken)
        ]
        i = 0
        while i < len(tokens):
            for n in range(min(self._longest_english, len(tokens) - i), 0, -1):
                entry = self._english.get(tuple(t for t, _, _ in tokens[i : i + n]))
                if entry is not None:
                    matches.append(Match(entry, tokens[i][1], tokens[i + n - 1][2]))
                    i += n
                    break
            else:
                i += 1
        return sorted(matches, key=lambda m: m.start)

    def _find_korean(self, text: str) -> list[Match]:
        key, where, starts = korean_key(text)
        matches: list[Match] = []
        i = 0
        while i < len(key):
            for n in self._korean_lengths:
                if i + n > len(key):
                    continue
                entry = self._korean.get(key[i : i + n])
                if entry is None or (n == 2 and not starts[i]):
                    continue
                matches.append(Match(entry, where[i], where[i + n - 1] + 1))
                i += n
                break
            else:
                i += 1
        return matches

    def concepts(self, text: str) -> list[Entry]:
        """The entries named in `text`, each once, in order of first mention."""
        return list(dict.fromkeys(m.entry for m in self.find(text)))

    def gist(self, text: str) -> list[Entry]:
        """What a longer phrase is about, for a reader who cannot read it: the concepts it
        names of the first kind of GIST_KINDS it names any of, without those broader than
        another ("HER2-positive metastatic breast cancer (second line)" -> [breast cancer];
        "stroke prevention in atrial fibrillation" -> [stroke, atrial fibrillation]). Areas
        never: "cancer" alone says less than the phrase."""
        found = self.concepts(text)
        for kind in GIST_KINDS:
            of_kind = [e for e in found if e.kind == kind]
            if of_kind:
                broader = {b for e in of_kind for b in self.with_broader([e])[1:]}
                return [e for e in of_kind if e not in broader]
        return []

    def with_broader(self, entries: Iterable[Entry]) -> list[Entry]:
        """The entries and every broader concept of each (parent, its parent, ...), once."""
        out: dict[Entry, None] = {}
        for entry in entries:
            current: Entry | None = entry
            while current is not None and current not in out:
                out[current] = None
                current = self.get(current.parent) if current.parent else None
        return list(out)

    def korean(self, english: str) -> str | None:
        """The Korean name of the concept an English name (or alias) names, if known."""
        entry = self._named(english)
        return entry.ko if entry is not None else None

    def english(self, korean: str) -> str | None:
        """The English name of the concept a Korean name (or alias) names, if known."""
        entry = self._named(korean)
        return entry.en if entry is not None else None

    def _named(self, name: str) -> Entry | None:
        if has_hangul(name):
            return self._korean.get(korean_key(name)[0])
        return self._english.get(tuple(t for t, _, _ in english_tokens(name, letters=True)))


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split("|") if v.strip())


def read_entries(path: Path = DEFAULT_PATH) -> list[Entry]:
    """The entries of a glossary file (tab-separated, `#` comments, one header row)."""
    entries: list[Entry] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]
    if not rows or tuple(rows[0]) != COLUMNS:
        raise ValueError(f"{path}: the first row must name the columns {', '.join(COLUMNS)}")
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != len(COLUMNS):
            raise ValueError(f"{path}: row {number} has {len(row)} columns, not {len(COLUMNS)}")
        kind, en, ko, en_aliases, ko_aliases, parent, source = (v.strip() for v in row)
        entries.append(Entry(kind, en, ko, _split(en_aliases), _split(ko_aliases), parent, source))
    return entries


@lru_cache(maxsize=1)
def glossary() -> Glossary:
    """The bundled glossary, loaded once per process."""
    return Glossary(read_entries())
