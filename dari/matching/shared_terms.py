"""The terms the "shared key terms" reason shows: the concrete overlaps of an asset's text and
an organisation's, as a reader names them (issue 15 part 3).

BM25 scores single tokens, so the tokens two texts share are words, not the things a
reader knows. Shown as they were, a disease named in several words came out in pieces
("atopic, dermatitis"; for a Korean reader, English words the glossary could name in
Korean), a company both texts name came out as syllables ("chong, kun" of Chong Kun Dang),
and a term could repeat what another reason of the pair says ("biosimilar" beside the
business reason). Here the ranked tokens become terms:

- a token inside a glossary concept named in the asset's text (dari.matching.glossary) is
  that concept, once, when the organisation's text names the concept too (or, failing that,
  a broader concept it names: "HER2-positive gastric cancer" against "gastric cancer" is
  gastric cancer); it goes through `reasons.term`, so a Korean reader sees the Korean name;
- a token inside an organisation's name written in the asset's text (every organisation of
  the index is known) is that name when the organisation's text names it whole, and nothing
  otherwise; never a party's own name; it goes through `reasons.org_name`, so a Korean reader
  sees the organisation's Korean name (`OrgProfile.name_ko`) when it has one and every
  organisation so written has the same ("Dong-A" of Dong-A ST and Dong-A University stays);
- a concept or word that another reason of the pair names (the area and modality reasons,
  the indication reason, the business-line reason) is left out;
- each term once, whatever its spelling or number.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from . import features as ft
from .corpus import Corpus
from .documents import asset_text
from .glossary import Entry, glossary
from .keyterms import is_key_term
from .reasons import english_label, org_name, term
from .registry import Pair
from .text import tokenize

MAX_TERMS = 4

_NAME_SPLIT = re.compile(r"[();,/]")
_NAME_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'.&-]*")
_QUOTE = re.compile("\u201c[^\u201d]*\u201d")  # a quoted statement says nothing of its own
_LEGAL = frozenset(
    "inc corp corporation co ltd limited llc plc ag sa gmbh kgaa bv nv kk spa ab as oy".split()
)


@dataclass(frozen=True)
class OrgName:
    """One way an organisation is written: its words as written, the words that set it apart
    (no "Pharmaceutical", "Inc."), their tokens, and the organisation's Korean name ("" when
    it has none), which a Korean reader sees instead."""

    written: str
    core: tuple[str, ...]
    tokens: tuple[str, ...]
    name_ko: str = ""


def name_variants(name: str, name_ko: str = "") -> list[OrgName]:
    """The ways `name` may be written in a text: "MSD (Merck & Co.)" is "MSD" or "Merck & Co.";
    each with its core words (at least one)."""
    out: list[OrgName] = []
    for part in _NAME_SPLIT.split(name):
        words = _NAME_WORD.findall(part)
        core = tuple(
            w
            for w in words
            if w.lower().strip(".") not in _LEGAL and any(is_key_term(t) for t in tokenize(w))
        )
        tokens = tuple(tokenize(" ".join(core)))
        if core and tokens:
            out.append(OrgName(" ".join(words), core, tokens, name_ko))
    return out


NameIndex = dict[str, list[OrgName]]
_NAMES: weakref.WeakKeyDictionary[Corpus, tuple[int, NameIndex]] = weakref.WeakKeyDictionary()


def org_names(corpus: Corpus) -> NameIndex:
    """Token -> the names of the index's organisations with that token (cached until an
    organisation changes)."""
    cached = _NAMES.get(corpus)
    if cached is not None and cached[0] == corpus.org_version:
        return cached[1]
    index: NameIndex = {}
    for org in corpus.orgs.profiles.values():
        for name in name_variants(org.name, org.name_ko):
            for token in set(name.tokens):
                index.setdefault(token, []).append(name)
    _NAMES[corpus] = (corpus.org_version, index)
    return index


def _pattern(words: Iterable[str]) -> str:
    """Words in a row (spaces, hyphens or "&" between them), as whole words."""
    joined = r"[\s&-]+".join(re.escape(w) for w in words)
    return r"(?<![A-Za-z0-9])" + joined + r"(?![A-Za-z0-9])"


def names_in(text: str, names: Iterable[OrgName]) -> dict[OrgName, str]:
    """The names written in `text` (case as written), each with its core as the text writes
    it ("Johnson & Johnson", "Eli Lilly"): the whole name, or its core when the core has two
    words or more. A one-word core ("Yuhan" of Yuhan Corporation) counts alone when the text
    never writes it in lower case and it is no glossary word: "Fusion" of Fusion
    Pharmaceuticals is also the fusion of "fusion protein"."""
    tokens = set(tokenize(text))
    found: dict[OrgName, str] = {}
    for name in names:
        if not set(name.tokens) <= tokens:
            continue
        core = re.search(_pattern(name.core), text)
        if core is None:
            continue
        if (
            len(name.core) > 1
            or re.search(_pattern(name.written.split()), text)
            or (
                not re.search(_pattern([name.core[0].lower()]), text)
                and glossary().korean(name.core[0]) is None
            )
        ):
            found[name] = core.group(0)
    return found


def _surface(text: str) -> str:
    """A glossary name as written in a text, lower-cased unless it has capitals inside
    (HER2, GLP-1)."""
    return text if any(ch.isupper() for ch in text[1:]) else text.lower()


def _already_named(p: Pair) -> tuple[set[str], set[Entry]]:
    """Tokens and glossary concepts other reasons of the pair name (when they fire)."""
    tokens: set[str] = set()
    entries: set[Entry] = set()
    g = glossary()
    for feature, value in (("area", p.asset.therapeutic_area), ("modality", p.asset.modality)):
        if (
            value
            and p.weights.of(feature)
            and p.value(feature) > 0
            and p.value(feature) != ft.NEUTRAL
        ):
            tokens.update(tokenize(english_label(value)))
            entries.update(g.concepts(english_label(value)))
    if p.weights.indication and p.value("indication") >= ft.INDICATION_FIRE and p.asset.indications:
        best = max(p.asset.indications, key=p.indication_hits)
        tokens.update(tokenize(best))
        entries.update(g.concepts(best))
    if p.weights.business and p.value("business") == 1.0:
        for line, words in ft.BUSINESS_LINES.items():
            tokens.update(words)
            entries.update(g.concepts(line))
    # every English name of those concepts: "conjugate" beside "ADC: a modality they seek"
    tokens.update(t for entry in entries for name in entry.english_names for t in tokenize(name))
    return tokens, entries


def _concept(
    entry: Entry,
    span: tuple[str, ...],
    written: str,
    text: str,
    names: Callable[[tuple[str, ...]], bool],
) -> tuple[Entry, str] | None:
    """The concept the organisation's text names, and how to write it: this one as `written`
    in the asset's text (its words `span`), else by another English name of it that the
    organisation names, else the nearest broader concept of which it names a name."""
    if names(span):
        return entry, written
    for concept in glossary().with_broader([entry]):
        for english in concept.english_names:
            key = tuple(tokenize(english))
            if key and names(key):
                # as the asset's text writes it, when it does ("GLP-1", not "glp-1")
                found = re.search(_pattern(english.split()), text, re.IGNORECASE)
                return concept, _surface(found.group(0)) if found else english
    return None


def shared_terms(p: Pair, ranked: list[str], parties: set[str]) -> list[str]:
    """The terms to show for the shared tokens `ranked` (best first), at most MAX_TERMS."""
    text = asset_text(p.asset)
    named_tokens, named_entries = _already_named(p)
    # tokens inside a glossary concept of the asset's text: (entry, its tokens, as written)
    concepts: dict[str, list[tuple[Entry, tuple[str, ...], str]]] = {}
    for match in glossary().find(text):
        written = text[match.start : match.end]
        span = tuple(tokenize(written))
        for token in span:
            concepts.setdefault(token, []).append((match.entry, span, _surface(written)))
    # tokens inside an organisation's name written in the asset's text
    name_of: dict[str, list[tuple[OrgName, str]]] = {}
    candidates = {v for t in ranked for v in org_names(p.corpus).get(t, ())}
    for name, written in names_in(text, candidates).items():
        for token in name.tokens:
            name_of.setdefault(token, []).append((name, written))
    shown: dict[str, str] = {}
    covered: set[str] = set()  # the words of the concepts shown
    for token in ranked:
        if token in named_tokens:
            continue
        if token in name_of:
            names: dict[str, tuple[str, set[str]]] = {}
            for name, written in name_of[token]:
                if not set(name.tokens) <= parties and p.names_target(name.tokens):
                    names.setdefault(" ".join(name.tokens), (written, set()))[1].add(name.name_ko)
            for key, (written, korean) in names.items():
                # in Korean when every company of that name has the same Korean name ("Dong-A"
                # is Dong-A ST or Dong-A University: as written)
                shown.setdefault(key, org_name(written, korean.pop() if len(korean) == 1 else ""))
            continue
        if token in concepts:
            # a word of a concept of the asset's text: the concept, or nothing (a fragment)
            for entry, span, written in concepts[token]:
                found = _concept(entry, span, written, text, p.names_target)
                if found is not None and found[0] not in named_entries:
                    # by the concept's name ("umbilical cord blood-derived" is 탯줄 in Korean)
                    concept, written_as = found
                    named = term(concept.en)
                    shown.setdefault(concept.key, written_as if named == concept.en else named)
                    covered.update(t for n in concept.english_names for t in tokenize(n))
            continue
        word = term(p.surfaces.get(token, token))
        shown.setdefault(" ".join(tokenize(word)) or word, word)
    # once each as the reader reads it (a Korean reader: "cancer" and "tumours" are one), and
    # no word of a concept shown ("gastric" beside 위암)
    out = [
        t for key, t in shown.items() if key.startswith("zc") or key not in covered or " " in key
    ]
    named_words = {
        term(english_label(v)) for v in (p.asset.therapeutic_area, p.asset.modality) if v
    }
    said = _QUOTE.sub("", " ".join(p.said))
    return [t for t in dict.fromkeys(out) if t not in named_words and not says(said, t)][:MAX_TERMS]


def says(text: str, term_: str) -> bool:
    """Whether `text` names `term_` (a whole word in Latin script, any substring in Hangul)."""
    if not term_.isascii():
        return term_ in text
    return re.search(_pattern([term_]), text, re.IGNORECASE) is not None
