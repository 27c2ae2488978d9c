"""A model backend beside the rules (issue 14): where a site configures a local model, it
reads the text and the rules' candidate and suggests the deal's parties with their roles, its
amounts and its date. The rules stay the extractor; the model only fills or corrects a field
where what it says passes the checks below, and nothing it says is taken on trust:

- a party must be named in the text as the model writes it (its span is found in the text),
  take a role the candidate's kind allows, and be no public asset nor a word the rules know
  names no company (`notnames`); a name the graph knows becomes that organisation;
- an amount must be quoted from the text as written: the quote is found in the text and read
  with dari's own money parser (`money.amounts`), so "1조 2,000억원" is ours to convert, not
  the model's arithmetic; it must be in the candidate's currency;
- a date is quoted too and read with `text.dates`.

A field the model filled or changed is listed in `Candidate.suggested` (the review page says
"suggested by the local model") with a lower confidence and its own evidence. A model that
fails (unreachable, too slow, an HTTP error, an answer that is no JSON) leaves the rules'
candidates as they are; the failure is logged, never shown to the curator as an error.

Plain Python: no Django, no network here (`chat.py` is the one client that speaks HTTP).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any, Protocol

from dari.extraction import notnames
from dari.extraction.gazetteer import Gazetteer
from dari.extraction.model import Candidate, Mention
from dari.extraction.money import amounts
from dari.extraction.pipeline import extract
from dari.extraction.text import dates, language

log = logging.getLogger(__name__)

ROLES = {
    "deal": ("licensor", "licensee", "acquirer", "target", "partner"),
    "investment": ("investee", "investor"),
}
AMOUNT_FIELDS = ("upfront", "milestones", "total")
CONFIDENCE = 0.4  # below every rule's: a curator reads the model's word as a suggestion
MAX_PARTIES = 12
MAX_QUOTE = 200  # characters of one quoted name, amount or date


class ModelError(Exception):
    """The model gave no usable answer (unreachable, too slow, an HTTP error, not JSON)."""


@dataclass(frozen=True)
class SuggestedParty:
    name: str  # as the text writes it
    role: str


@dataclass
class Suggestion:
    """What a model says of a text: each value quoted from the text as written."""

    parties: list[SuggestedParty] = field(default_factory=list)
    amounts: dict[str, str] = field(default_factory=dict)  # upfront/milestones/total: quote
    currency: str = ""  # ISO code, a cross-check of the quoted amounts only
    date: str = ""


class ExtractionModel(Protocol):
    """A model that reads a text beside the rules. `suggest` raises ModelError when it
    cannot answer; it never changes `candidates`."""

    def suggest(self, text: str, lang: str, candidates: list[Candidate]) -> Suggestion: ...


def _quote(value: Any) -> str:
    return value.strip()[:MAX_QUOTE] if isinstance(value, str) else ""


def suggestion_from_json(data: Any) -> Suggestion:
    """A model's answer in the shape `chat.SCHEMA` asks for, read leniently: a malformed
    item is skipped (the checks in `apply` judge the rest), a malformed whole is a
    ModelError."""
    if not isinstance(data, dict):
        raise ModelError("the answer is not a JSON object")
    parties = []
    for item in data.get("parties") or []:
        if isinstance(item, dict) and _quote(item.get("name")) and _quote(item.get("role")):
            parties.append(SuggestedParty(_quote(item["name"]), _quote(item["role"]).lower()))
    return Suggestion(
        parties=parties[:MAX_PARTIES],
        amounts={k: _quote(data.get(k)) for k in AMOUNT_FIELDS if _quote(data.get(k))},
        currency=_quote(data.get("currency")).upper()[:3],
        date=_quote(data.get("date")),
    )


def _places(text: str, quote: str) -> list[tuple[int, int]]:
    """Where the text says `quote` (as written, but for case and runs of spaces), not inside
    a longer Latin word."""
    words = quote.split()
    if not words:
        return []
    rx = re.compile(
        r"(?<![A-Za-z0-9])" * bool(re.match(r"[A-Za-z0-9]", words[0]))
        + r"\s+".join(re.escape(w) for w in words)
        + r"(?![A-Za-z0-9])" * bool(re.search(r"[A-Za-z0-9]$", words[-1])),
        re.I,
    )
    return [match.span() for match in rx.finditer(text)]


def _locate(text: str, quote: str) -> tuple[int, int] | None:
    places = _places(text, quote)
    return places[0] if places else None


def _within(found: list[Mention], span: tuple[int, int]) -> list[Mention]:
    """The mentions that lie inside `span` (a money mention may carry a leading space)."""
    start, end = span
    return [m for m in found if start <= m.end - len(m.text.lstrip()) and m.end <= end]


def _party(text: str, quote: str, known: list[Mention]) -> Mention | None:
    """The company `quote` names where the text says it: the graph's organisation whose
    mention holds the quote ("Globalpharma" in "Globalpharma Inc."), else a new one named as
    written; None if the text does not say it, or says it only as (part of) a public asset."""
    new: Mention | None = None
    for start, end in _places(text, quote) if len(quote) >= 2 else []:
        near = [m for m in known if m.start < end and start < m.end]
        if any(m.value[0] != "organization" for m in near):
            continue  # a public asset is no party
        hit = next((m for m in near if m.start <= start and end <= m.end), None)
        if hit is not None:
            return Mention(hit.start, hit.end, hit.text, hit.value, CONFIDENCE)
        if new is None:
            new = Mention(start, end, text[start:end], ("organization", None), CONFIDENCE)
    if new is not None and (notnames.not_a_name(text, new) or new.text.isdigit()):
        return None  # a country, a product, a word of the sentence
    return new


def _ruled(cand: Candidate) -> dict[str, Mention]:
    """The rules' parties by their words as written: the model naming one of them the same way
    gets the rules' reading of it (a transliteration matched to the graph, or a name the rules
    chose to leave unmatched)."""
    parties = cand.fields.get("parties") or []
    spans = cand.spans.get("parties") or []
    out: dict[str, Mention] = {}
    for p, (start, end) in zip(parties, spans, strict=False):
        words = str(p.get("mentioned_as") or "")
        key = ("organization", p.get("organization"))
        out.setdefault(words.lower(), Mention(start, end, words, key, CONFIDENCE))
    return out


def _parties(
    text: str, cand: Candidate, said: list[SuggestedParty], gazetteer: Gazetteer
) -> list[tuple[Mention, str]]:
    """The model's parties that pass the checks, each once, with the mention it rests on."""
    known = gazetteer.find(text)
    ruled = _ruled(cand)
    out: list[tuple[Mention, str]] = []
    keys: set[Any] = set()
    for party in said:
        if party.role not in ROLES[cand.kind]:
            continue  # a role this kind of record has not
        mention = ruled.get(party.name.lower()) or _party(text, party.name, known)
        if mention is None:
            continue  # a name the text does not give
        key = mention.value if mention.value[1] else mention.text.lower()
        if key not in keys:
            keys.add(key)
            out.append((mention, party.role))
    return out


# The roles one record may have together: both sides of a licence or a purchase, partners,
# or an investee with its investors.
_SIDES = ({"licensor", "licensee"}, {"acquirer", "target"}, {"partner"}, {"investee", "investor"})


def _sides_make_sense(roled: list[tuple[Mention, str]]) -> bool:
    """Two parties at least, both sides of one kind of deal (partners are one side); one
    investee to a round."""
    roles = [r for _, r in roled]
    return len(roles) >= 2 and set(roles) in _SIDES and roles.count("investee") <= 1


def _party_json(gazetteer: Gazetteer, m: Mention, role: str) -> dict[str, Any]:
    return {
        "name": gazetteer.name(m.value) or m.text,
        "mentioned_as": m.text,
        "role": role,
        "organization": m.value[1],
    }


def _put(cand: Candidate, name: str, value: Any, *mentions: Mention) -> None:
    cand.put(name, value, *mentions, confidence=CONFIDENCE)
    if name not in cand.suggested:
        cand.suggested.append(name)


def _merge_parties(
    text: str, cand: Candidate, said: list[SuggestedParty], gazetteer: Gazetteer
) -> None:
    roled = _parties(text, cand, said, gazetteer)
    if not _sides_make_sense(roled):
        return
    mine = [_party_json(gazetteer, m, r) for m, r in roled]
    named = {str(p.get("mentioned_as")): p.get("name") for p in cand.fields.get("parties") or []}
    for p in mine:  # as the rules call a party they found ("San Diego-based X" is "X")
        if not p["organization"] and named.get(p["mentioned_as"]):
            p["name"] = named[p["mentioned_as"]]

    def same(parties: list[dict[str, Any]]) -> set[tuple[str, str]]:
        return {(p["organization"] or p["mentioned_as"].lower(), p["role"]) for p in parties}

    if same(mine) != same(cand.fields.get("parties") or []):
        _put(cand, "parties", mine, *[m for m, _ in roled])


def _merge_amounts(text: str, cand: Candidate, said: Suggestion) -> None:
    found = list(amounts(text))
    quoted: dict[str, Mention] = {}
    for name, quote in said.amounts.items():
        span = _locate(text, quote)
        inside = _within(found, span) if span else []
        if len(inside) == 1:  # else not in the text as written, or no one amount
            quoted[name] = inside[0]
    currency = cand.fields.get("currency")
    stated = {m.value for m in found}
    for name, m in quoted.items():
        if any(other != name and o.start == m.start for other, o in quoted.items()):
            continue  # one amount quoted for two terms is neither
        value, code = m.value
        if said.currency and said.currency != code:
            continue  # the model misread the currency it quotes
        target = "amount" if cand.kind == "investment" else name
        if cand.kind == "investment" and name != "total":
            continue  # a round has one amount
        if currency is None:
            currency = code
            _put(cand, "currency", code, m)
        if code != currency:
            continue  # the record's currency is the first stated; a conversion is no term
        was = cand.fields.get(target)
        if was is not None and (was, currency) not in stated:
            continue  # a term the rules worked out (a sum of tranches) is no one amount stated
        if was != value:
            _put(cand, target, value, m)


def _merge_date(text: str, cand: Candidate, quote: str) -> None:
    span = _locate(text, quote) if quote else None
    inside = _within(dates(text), span) if span else []
    if len(inside) == 1 and cand.fields.get("date") != inside[0].value:
        _put(cand, "date", inside[0].value, inside[0])


def apply(text: str, cand: Candidate, said: Suggestion, gazetteer: Gazetteer) -> Candidate:
    """`cand` with what the model said that passes the checks (a copy; `cand` is kept)."""
    out = Candidate(
        cand.kind,
        fields=dict(cand.fields),
        evidence=dict(cand.evidence),
        confidence=dict(cand.confidence),
        spans=dict(cand.spans),
        suggested=list(cand.suggested),
    )
    if out.kind not in ROLES:
        return out
    _merge_parties(text, out, said.parties, gazetteer)
    _merge_amounts(text, out, said)
    _merge_date(text, out, said.date)
    return out


def extract_with(
    text: str, gazetteer: Gazetteer, lang: str = "auto", model: ExtractionModel | None = None
) -> list[Candidate]:
    """`extract(text, gazetteer, lang)`, then, where a model is given, its suggestions for
    the first deal or investment. Without a model this is `extract` itself, call for call.
    A model that fails leaves the rules' candidates."""
    found = extract(text, gazetteer, lang)
    if model is None or not found or found[0].kind not in ROLES:
        return found
    lang = language(text) if lang == "auto" else lang
    try:
        said = model.suggest(text, lang, found)
    except ModelError as exc:
        log.warning("extraction model failed, the rules' candidates stand: %s", exc)
        return found
    except Exception:  # a backend's own fault must not cost the curator the rules' reading
        log.exception("extraction model raised, the rules' candidates stand")
        return found
    return [apply(text, found[0], said, gazetteer), *found[1:]]
