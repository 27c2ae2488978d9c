"""Korean-first search, the pure part: what a query asks for, what a record is found by, and
how two rankings are fused. The database index (SQLite FTS5, PostgreSQL tsvector) and the
access funnel are the directory's (dari/directory/search.py).

    parse_query("위암 치료제")      # -> Query(terms=(Term(("zcgastriccancer",), ("위암",)),))
    document(AssetText(...))       # -> {"name": ..., "terms": ..., "body": ..., "org": ...}
    fuse([lexical_ids, semantic_ids])   # reciprocal rank fusion

A query is a conjunction of terms; a term is satisfied by any of its alternatives, and an
alternative is a conjunction of index tokens. A glossary concept named in the query (in either
language) becomes one term: the concept's key (stored beside every record naming it in either
language, or a narrower concept) or the words as typed. Words the glossary does not know are
terms of their own; generic words ("치료제", "drug") are dropped unless nothing else is left.

Index tokens are letters and digits only (English: the glossary's spelling of
`dari.matching.text` tokens; Korean: kiwi morphemes), so a token is safe in an FTS5 or tsquery
expression as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .glossary import Entry, Glossary, english_tokens, glossary, korean_key
from .text import _korean_tokens, has_hangul, tokenize_korean_many

COLUMNS = ("name", "terms", "body", "org")
"""The columns of a search document, from the strongest evidence to the weakest."""

GENERIC_WORDS = frozenset(
    """치료제 치료 신약 약 약물 후보 후보물질 물질 개발 임상 파이프라인 제제 의약품 환자 질환
    기술 표적 타깃 적응증 drug therapy therapeutic treatment candidate medicine pipeline asset
    agent program""".split()
)
"""Words that say "a medicine" in any query; they narrow nothing in a directory of them."""

_SAFE = re.compile(r"^[0-9a-z\uac00-\ud7a3]+$")


@dataclass(frozen=True)
class Term:
    """One thing the query asks for: any of `alternatives` (each a conjunction of tokens)."""

    alternatives: tuple[tuple[str, ...], ...]
    concept: Entry | None = None


@dataclass(frozen=True)
class Query:
    """A parsed query: its terms and its text (for the semantic channel)."""

    text: str
    terms: tuple[Term, ...]

    @property
    def concepts(self) -> list[Entry]:
        return [t.concept for t in self.terms if t.concept is not None]


def index_tokens(text: str, korean: Sequence[str] | None = None) -> list[str]:
    """The index tokens of a text in either language, in order (English first); `korean`:
    its Korean morphemes if already known (see `korean_morphemes`)."""
    if not text:
        return []
    out = [token for token, _, _ in english_tokens(text)]
    if korean is None and has_hangul(text):
        korean = _korean_tokens(text)
    out.extend(token.lower() for token in korean or ())
    return [token for token in out if _SAFE.match(token)]


def korean_morphemes(texts: Sequence[str]) -> dict[str, list[str]]:
    """The Korean morphemes of each text holding Hangul, analysed in one batch (the analyser
    is much faster on a list than text by text)."""
    korean = list(dict.fromkeys(t for t in texts if t and has_hangul(t)))
    if not korean:
        return {}
    return dict(zip(korean, tokenize_korean_many(korean), strict=True))


def parse_query(text: str, terms_of: Glossary | None = None) -> Query:
    """What `text` asks for (see the module docstring)."""
    g = terms_of if terms_of is not None else glossary()
    text = text.strip()
    found = g.find(text)
    terms: list[Term] = []
    seen: set[str] = set()
    for match in found:
        entry = match.entry
        if entry.key in seen:
            continue
        seen.add(entry.key)
        typed = tuple(dict.fromkeys(index_tokens(text[match.start : match.end])))
        alternatives: tuple[tuple[str, ...], ...] = ((entry.key,),)
        if typed and typed != (entry.key,):
            alternatives += (typed,)
        terms.append(Term(alternatives, entry))
    rest = list(text)
    for match in found:
        rest[match.start : match.end] = " " * (match.end - match.start)
    words = list(dict.fromkeys(index_tokens("".join(rest))))
    specific = [w for w in words if w not in GENERIC_WORDS]
    for word in specific if (specific or terms) else words:
        terms.append(Term(((word,),)))
    return Query(text, tuple(terms))


@dataclass(frozen=True)
class RecordText:
    """What a record is found by, as plain text (labels in English)."""

    name: str
    description: str = ""
    labels: Sequence[str] = ()
    """Structured values: indications, targets, therapeutic area, modality; the first is the
    record's main one (its concepts count twice)."""
    owner: Sequence[str] = ()
    """The owner's names (English and Korean)."""


def _concept_tokens(entries: Iterable[Entry], terms_of: Glossary) -> list[str]:
    out: list[str] = []
    for entry in terms_of.with_broader(entries):
        out.append(entry.key)
        korean = korean_key(entry.ko)[0]
        if _SAFE.match(korean):
            out.append(korean)
    return out


def document(
    record: RecordText,
    terms_of: Glossary | None = None,
    korean: dict[str, list[str]] | None = None,
) -> dict[str, str]:
    """The search document of a record: space-separated index tokens per column of COLUMNS.
    `terms` holds the record's structured values and the glossary concepts its name and
    values name (with their broader concepts and Korean names); `body` the description and
    its concepts. `korean`: Korean morphemes of the record's texts (`korean_morphemes`), when
    a batch of records was analysed at once."""
    g = terms_of if terms_of is not None else glossary()
    labels = " ; ".join(record.labels)
    owner = " ".join(record.owner)
    known = korean if korean is not None else korean_morphemes(record_texts(record))
    named = g.concepts(record.name) + g.concepts(labels)
    described = [e for e in g.concepts(record.description) if e not in named]
    main = [e.key for e in g.concepts(record.labels[0])] if record.labels else []
    columns = {
        "name": index_tokens(record.name, known.get(record.name, ())),
        "terms": index_tokens(labels, known.get(labels, ())) + _concept_tokens(named, g) + main,
        "body": index_tokens(record.description, known.get(record.description, ()))
        + _concept_tokens(described, g),
        "org": index_tokens(owner, known.get(owner, ())),
    }
    return {column: " ".join(tokens) for column, tokens in columns.items()}


def record_texts(record: RecordText) -> list[str]:
    """The texts of a record that `document` analyses (for `korean_morphemes`)."""
    return [record.name, " ; ".join(record.labels), record.description, " ".join(record.owner)]


def semantic_text(record: RecordText) -> str:
    """The short text the sentence embedder reads for a record (name, values, the opening
    of its description): short, since embedding costs about its length."""
    parts = [record.name, *record.labels[:4], record.description[:120]]
    return ". ".join(p for p in parts if p)


RRF_K = 60
"""The usual constant of reciprocal rank fusion (Cormack et al., 2009)."""


def fuse(rankings: Sequence[Sequence[str]], k: int = RRF_K) -> list[str]:
    """Reciprocal rank fusion: ids by the sum of 1 / (k + rank) over the rankings that hold
    them (rank from 1); ties keep the order of the first ranking."""
    scores: dict[str, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
    first = {item: i for i, item in enumerate(rankings[0])} if rankings else {}
    return sorted(scores, key=lambda item: (-scores[item], first.get(item, len(first))))
