"""Learned per-mention decisions: the role of every company a text names, and the slot of
every amount of money it states.

Two multinomial logistic regressions over sparse features (words on both sides of the
mention, Korean particles and stems, the sentence's words, position, headline, counts, the
rules' own verdict ...) give, for each company, P(none / licensor / licensee / acquirer /
target / investor / investee / partner), and for each money mention P(none / upfront /
milestones / total). A small decoder turns them into one record (one role family per deal,
at least one party on each side). The weights (`tagger_weights.json`) are written by
`bench/ingest_tagger.py` from the labelled texts; its leave-one-split-out cross-validation
says where they beat the rules. Plain Python, no numpy at run time, no Django.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from dari.extraction import learned, roles
from dari.extraction.model import Candidate, Mention

WEIGHTS = Path(__file__).with_name("tagger_weights.json")
ROLES = ("none", "licensor", "licensee", "acquirer", "target", "investor", "investee", "partner")
SLOTS = ("none", "upfront", "milestones", "total")
FAMILIES = {
    "licence": ("licensor", "licensee"),
    "acquisition": ("target", "acquirer"),
    "partner": ("partner",),
    "investment": ("investee", "investor"),
}

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|[가-힣]+|\d+(?:[.,]\d+)*|[$₩€£¥%()\"“”]")
_HANGUL = re.compile(r"[가-힣]")
_YEAR = re.compile(r"(?:19|20)\d\d")
_UP_TO = re.compile(r"up to|as much as|potentially|최대|총|모두", re.I)

_model: dict[str, Any] | None = None
_loaded = False
# Which decisions the model takes, and how sure it must be (None: the rules'); the weights
# file carries the settings its cross-validation adopted. parties: "full" (the model's own
# decoding) or a probability above which it overrules the rules' role of a company; family:
# the probability above which it renames the rules' roles; amounts: "full" or (veto, sure).
USE: dict[str, Any] = {"parties": None, "family": None, "amounts": None}
RECORD: dict[str, Any] | None = None  # set to a dict to collect features (training)


def _load() -> dict[str, Any] | None:
    global _model, _loaded
    if not _loaded:
        _loaded, _model = True, learned.read_weights(WEIGHTS)
        if _model is not None:
            USE.update(_model.get("use", {}))
    return _model


@contextmanager
def using(model: dict[str, Any] | None, use: dict[str, bool] | None = None) -> Iterator[None]:
    """Extract with `model` (None: the rules alone), e.g. one fold's weights."""
    global _model, _loaded
    saved = (_model, _loaded, dict(USE))
    _model, _loaded = model, True
    USE.update({"parties": None, "family": None, "amounts": None, **(use or {})})
    try:
        yield
    finally:
        _model, _loaded = saved[0], saved[1]
        USE.update(saved[2])


def _words(s: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(s)]


def _forms(word: str) -> list[str]:
    """A word and, for a Korean one, its first two and last two syllables (stem, ending)."""
    if _HANGUL.match(word) and len(word) > 2:
        return [word, word[:2] + "~", "~" + word[-2:]]
    if word[:1].isdigit():
        return ["<num>"]
    return [word]


def _sentence(text: str, at: int) -> tuple[int, int]:
    start = max(text.rfind(". ", 0, at), text.rfind("\n", 0, at), text.rfind("다.", 0, at)) + 1
    stops = [e for e in (text.find(". ", at), text.find("\n", at)) if e >= 0]
    return start, (min(stops) if stops else len(text))


def _window(text: str, start: int, end: int, feats: dict[str, float], tag: str, n: int) -> None:
    """Words on both sides of text[start:end]: by position (1-3) and as bags (n words)."""
    left = _words(text[max(0, start - 120) : start])[-n:]
    right_text = text[end : end + 120]
    right = _words(right_text)[:n]
    for i, w in enumerate(reversed(left)):
        for f in _forms(w):
            if i < 3:
                feats[f"{tag}L{i + 1}={f}"] = 1.0
            feats[f"{tag}l={f}"] = 1.0
    for i, w in enumerate(right):
        for f in _forms(w):
            if i < 3:
                feats[f"{tag}R{i + 1}={f}"] = 1.0
            feats[f"{tag}r={f}"] = 1.0
    glued = re.match(r"[)）]?\s?([가-힣]{1,4})", right_text)  # the particle: 은/는/와/로부터 ...
    if glued and right_text[:1] != " ":
        feats[f"{tag}P={glued.group(1)[:1]}"] = 1.0
        feats[f"{tag}P={glued.group(1)}"] = 1.0
    if right_text[:1] in ",.)(":
        feats[f"{tag}R0={right_text[:1]}"] = 1.0


def _merge(into: dict[str, float], feats: dict[str, float]) -> None:
    for k, v in feats.items():
        into[k] = max(into.get(k, 0.0), v)


def party_features(
    text: str,
    orgs: list[Mention],
    roled: list[tuple[Mention, str, float]],
    context: dict[str, Any],
    gazetteer: Any,
    found_money: list[Mention],
) -> tuple[list[Mention], list[dict[str, float]]]:
    """The distinct companies `orgs` names (first mentions) and a feature dict for each."""
    _, parties = roles._placeholders(text, orgs)
    placed = {roles._key(m): (r, c) for m, r, c in roled}
    head_end = next((m.end() for m in re.finditer(r"\n|[.!?](?=\s)", text) if m.end() > 30), 150)
    kind = context.get("family", "")
    out = []
    for i, party in enumerate(parties):
        key = roles._key(party)
        mine = [m for m in orgs if roles._key(m) == key]
        role, conf = placed.get(key, ("none", 0.0))
        feats: dict[str, float] = {
            "bias": 1.0,
            f"rule={role}": 1.0,
            f"rule={role}|{kind}": 1.0,
            "rule_conf": conf,
            f"kind={kind}": 1.0,
            f"bought={context.get('bought')}": 1.0,
            f"lang={context.get('lang')}": 1.0,
            "mentions": min(len(mine), 6) / 6,
            f"mentions={min(len(mine), 4)}": 1.0,
            "first_pos": mine[0].start / max(1, len(text)),
            f"order={min(i, 4)}": 1.0,
            f"n_cands={min(len(parties), 5)}": 1.0,
            "in_head": float(mine[0].start < head_end),
            "known": float(party.value[1] is not None),
            f"country={gazetteer.country(party.value) or '?'}"[:14]: 1.0,
        }
        name = gazetteer.name(party.value) or party.text
        for word in _words(name)[-2:]:
            feats[f"name_end={word}"] = 1.0
        feats[f"name_ko={bool(_HANGUL.search(party.text))}"] = 1.0
        for m in mine:
            w: dict[str, float] = {}
            _window(text, m.start, m.end, w, "", 6)
            start, end = _sentence(text, m.start)
            for word in _words(text[start:end]):
                for f in _forms(word):
                    w[f"s={f}"] = 0.5
            if any(start <= x.start < end for x in found_money):
                w["near_money"] = 1.0
            if _YEAR.search(text, start, end):
                w["sent_year"] = 1.0
            if roles.BACKGROUND.search(text[start:end].strip()):
                w["background"] = 1.0
            others = {roles._key(o) for o in orgs if start <= o.start < end} - {key}
            w[f"others_in_sent={min(len(others), 2)}"] = 1.0
            _merge(feats, w)
        out.append(feats)
    return parties, out


def money_features(
    text: str, found: list[Mention], cand: Candidate, parties: list[Mention], lang: str
) -> list[dict[str, float]]:
    """A feature dict for each money mention of `found`."""
    out = []
    by_cur: dict[str, list[float]] = {}
    for m in found:
        by_cur.setdefault(m.value[1], []).append(m.value[0])
    head_end = next((m.end() for m in re.finditer(r"\n|[.!?](?=\s)", text) if m.end() > 30), 150)
    spans = {(s, e): name for name, ss in cand.spans.items() for s, e in ss}
    for i, m in enumerate(found):
        value, cur = m.value
        same = sorted(by_cur[cur], reverse=True)
        usd = value / {"KRW": 1300.0, "JPY": 140.0, "CNY": 7.0}.get(cur, 1.0)
        feats: dict[str, float] = {
            "bias": 1.0,
            f"cur={cur}": 1.0,
            f"mag={max(0, min(11, int(math.log10(max(usd, 1.0)))))}": 1.0,
            f"rank={min(same.index(value), 3)}": 1.0,
            "largest": float(value == same[0]),
            f"n_money={min(len(found), 6)}": 1.0,
            f"order={min(i, 5)}": 1.0,
            "pos": m.start / max(1, len(text)),
            "in_head": float(m.start < head_end),
            f"lang={lang}": 1.0,
            f"main_cur={cur == cand.fields.get('currency')}": 1.0,
        }
        for slot in ("upfront", "milestones", "total", "amount", "equity", "near_term"):
            v = cand.fields.get(slot)
            if isinstance(v, (int, float)) and abs(v - value) <= 0.005 * max(abs(v), 1):
                feats[f"rule={slot}"] = 1.0
        if (m.start, m.end) in spans:
            feats[f"rule_span={spans[(m.start, m.end)]}"] = 1.0
        _window(text, m.start, m.end, feats, "", 8)
        start, end = _sentence(text, m.start)
        for word in _words(text[start:end]):
            for f in _forms(word):
                feats[f"s={f}"] = 0.5
        if _UP_TO.search(text[max(0, m.start - 30) : m.start]):
            feats["up_to"] = 1.0
        if _YEAR.search(text, start, end):
            feats["sent_year"] = 1.0
        if roles.BACKGROUND.search(text[start:end].strip()):
            feats["background"] = 1.0
        feats["party_in_sent"] = float(any(start <= p.start < end for p in parties))
        feats["bracketed"] = float(text[max(0, m.start - 1) : m.start] in ("(", "（"))
        out.append(feats)
    return out


def probs(part: dict[str, Any], feats: dict[str, float]) -> list[float]:
    """The classes' probabilities under one regression (`part`: weights by feature)."""
    w = part["w"]
    z = list(part["b"])
    for k, v in feats.items():
        row = w.get(k)
        if row is not None:
            for c, x in enumerate(row):
                z[c] += x * v
    top = max(z)
    e = [math.exp(x - top) for x in z]
    s = sum(e)
    return [x / s for x in e]


def decode_parties(
    p: list[list[float]], family: str | None, allowed: tuple[str, ...]
) -> list[tuple[int, str]]:
    """(index, role) per party chosen: one family (the one given, or the likeliest of those
    allowed), each company its likeliest role of it or none, at least one on each side."""
    if not p:
        return []
    if family is None:
        family = max(
            allowed, key=lambda f: sum(sum(row[ROLES.index(r)] for r in FAMILIES[f]) for row in p)
        )
    sides = FAMILIES[family]
    chosen: dict[int, str] = {}
    for i, row in enumerate(p):
        best = max(("none", *sides), key=lambda r: row[ROLES.index(r)])
        if best != "none":
            chosen[i] = best
    if family == "investment":  # one investee
        investee = max(range(len(p)), key=lambda i: p[i][ROLES.index("investee")])
        chosen = {i: r for i, r in chosen.items() if r != "investee"}
        chosen[investee] = "investee"
    need = sides if family != "partner" else ("partner", "partner")
    for n, side in enumerate(need):
        have = sum(1 for r in chosen.values() if r == side)
        if have >= (2 if family == "partner" else 1) or (n and need[0] == side and have >= 2):
            continue
        free = [i for i in range(len(p)) if i not in chosen]
        if free:
            i = max(free, key=lambda i: p[i][ROLES.index(side)])
            chosen[i] = side
    return sorted(chosen.items())


def hybrid_parties(
    p: list[list[float]], rule: dict[int, str], sure: float
) -> list[tuple[int, str]]:
    """The rules' parties, changed only where the model is sure: a party it is sure is none
    dropped, a role it is sure of (of the rules' family) taken, a company the rules left out
    that it is sure of added."""
    family = next(
        (f for f, sides in FAMILIES.items() if set(rule.values()) <= set(sides) and rule),
        None,
    )
    sides = FAMILIES[family] if family else ()
    chosen = dict(rule)
    for i, row in enumerate(p):
        best = max(("none", *sides), key=lambda r: row[ROLES.index(r)])
        if row[ROLES.index(best)] < sure:
            continue
        if best == "none":
            chosen.pop(i, None)
        else:
            chosen[i] = best
    if family and family != "partner":
        for side in sides:  # a side left empty: the rules' choice stands
            if side not in chosen.values():
                for i, r in rule.items():
                    if r == side:
                        chosen[i] = r
        for side in sides:  # still empty (both on one side): the likeliest of it moves over
            if side not in chosen.values() and len(chosen) >= 2:
                i = max(chosen, key=lambda i: p[i][ROLES.index(side)])
                chosen[i] = side
    return sorted(chosen.items())


def decode_amounts(
    p: list[list[float]], found: list[Mention], threshold: float = 0.5, currency: str | None = None
) -> dict[str, Mention]:
    """The likeliest mention of each slot, if likely enough (one mention, one slot), all in
    one currency (`currency`, else that of the surest slot: a conversion is no other term)."""
    out: dict[str, Mention] = {}
    used: set[int] = set()
    used_values: set[float] = set()
    ranked = sorted(
        ((row[s], s, i) for i, row in enumerate(p) for s in range(1, len(SLOTS))), reverse=True
    )
    if currency is None and ranked and ranked[0][0] >= threshold:
        currency = found[ranked[0][2]].value[1]
    for prob, s, i in ranked:
        value, cur = found[i].value
        if prob < threshold or SLOTS[s] in out or i in used or cur != currency:
            continue
        if value in used_values or value < (10**6 if cur in ("KRW", "JPY") else 10**4):
            continue  # one amount, one slot; no term is this small (a share's price)
        out[SLOTS[s]] = found[i]
        used.add(i)
        used_values.add(value)
    return out


_SWAP = {
    ("licence", "acquisition"): {"licensor": "target", "licensee": "acquirer"},
    ("acquisition", "licence"): {"target": "licensor", "acquirer": "licensee"},
    ("acquisition", "investment"): {"target": "investee", "acquirer": "investor"},
    ("licence", "investment"): {"licensor": "investee", "licensee": "investor"},
    ("investment", "acquisition"): {"investee": "target", "investor": "acquirer"},
}
DEAL_FAMILIES = ("licence", "acquisition", "partner", "investment")


def text_features(text: str, lang: str) -> dict[str, float]:
    """The words of the whole text (and of its headline) as a bag, for the family model."""
    feats = {"bias": 1.0, f"lang={lang}": 1.0}
    head_end = next((m.end() for m in re.finditer(r"\n|[.!?](?=\s)", text) if m.end() > 30), 150)
    for word in _words(text):
        for f in _forms(word):
            feats[f"t={f}"] = 1.0
    for word in _words(text[:head_end]):
        for f in _forms(word):
            feats[f"h={f}"] = 1.0
    return feats


def refamily(
    text: str, roled: list[tuple[Mention, str, float]], lang: str
) -> list[tuple[Mention, str, float]]:
    """The rules' roles renamed into the family the model is sure the deal is of (a licence
    told as a purchase, a symmetric co-development, a stake bought as an investment)."""
    model = _load()
    sure = USE["family"] if model is not None else None
    if RECORD is None and sure is None:
        return roled
    feats = text_features(text, lang)
    if RECORD is not None:
        RECORD.update(text_feats=feats)
    if sure is None or model is None:
        return roled
    return renamed(roled, probs(model["family"], feats), float(sure))


def renamed(
    roled: list[tuple[Mention, str, float]], p: list[float], sure: float
) -> list[tuple[Mention, str, float]]:
    best = max(range(len(p)), key=lambda i: p[i])
    new, old = DEAL_FAMILIES[best], family_of(roled)
    if p[best] < sure or new == old or not roled:
        return roled
    if new == "partner":
        return [(m, "partner", c) for m, _, c in roled] if len(roled) == 2 else roled
    swap = _SWAP.get((old, new))
    if swap is None:
        return roled
    return [(m, swap.get(r, r), c) for m, r, c in roled]


def family_of(roled: list[tuple[Mention, str, float]]) -> str:
    """The role family the rules chose."""
    kinds = {r for _, r, _ in roled}
    if "partner" in kinds:
        return "partner"
    if kinds & {"acquirer", "target"}:
        return "acquisition"
    if kinds & {"investor", "investee"}:
        return "investment"
    return "licence"


def parties(
    text: str,
    orgs: list[Mention],
    roled: list[tuple[Mention, str, float]],
    context: dict[str, Any],
    gazetteer: Any,
    found_money: list[Mention],
) -> list[tuple[Mention, str, float]]:
    """The parties with their roles: the model's where it is adopted, else the rules'."""
    model = _load()
    mode = USE["parties"] if model is not None else None
    if RECORD is None and mode is None:
        return roled
    found, feats = party_features(text, orgs, roled, context, gazetteer, found_money)
    if RECORD is not None:
        RECORD.update(parties=found, party_feats=feats, context=context, roled=roled)
    if mode is None or model is None or not found:
        return roled
    p = [probs(model["party"], f) for f in feats]
    if mode == "full":
        fixed = context["family"] if context["family"] == "investment" else None
        allowed = ("licence", "acquisition", "partner")
        return [(found[i], r, 0.5) for i, r in decode_parties(p, fixed, allowed)]
    index = {roles._key(m): i for i, m in enumerate(found)}
    rule = {index[roles._key(m)]: r for m, r, _ in roled if roles._key(m) in index}
    if len(rule) != len(roled):
        return roled  # a party the model has no row for (a unit on its parent's side)
    conf = {index[roles._key(m)]: c for m, _, c in roled}
    chosen = hybrid_parties(p, rule, float(mode))
    return [(found[i], r, conf.get(i, 0.5) if rule.get(i) == r else 0.5) for i, r in chosen]


def amounts(
    text: str, cand: Candidate, found: list[Mention], named: list[Mention], lang: str
) -> None:
    """The upfront, milestones and total (an investment's amount): the model's where it is
    adopted and sure (a slot the rules filled with a sum of mentions is left to them)."""
    model = _load()
    mode = USE["amounts"] if model is not None else None
    if RECORD is None and mode is None:
        return
    feats = money_features(text, found, cand, named, lang)
    if RECORD is not None:
        RECORD.update(money=found, money_feats=feats, fields=dict(cand.fields))
    if mode is None or model is None or not found:
        return
    p = [probs(model["money"], f) for f in feats]
    if mode == "full":
        apply_amounts(cand, decode_amounts(p, found, 0.5, cand.fields.get("currency")))
    elif isinstance(mode, (int, float)):
        mixed_amounts(cand, p, found, float(mode))
    else:
        hybrid_amounts(cand, p, found, float(mode[0]), float(mode[1]))


def hybrid_amounts(
    cand: Candidate, p: list[list[float]], found: list[Mention], veto: float, sure: float
) -> None:
    """The rules' amounts, changed only where the model is sure: a slot whose amount the
    model finds unlike it (below `veto`) is emptied or given the mention it is sure of."""
    slots = ("amount",) if cand.kind == "investment" else ("upfront", "milestones", "total")
    for slot in slots:
        s = SLOTS.index("total" if slot == "amount" else slot)
        said = cand.fields.get(slot)
        best = max(range(len(found)), key=lambda i: p[i][s]) if found else None
        if said is None:
            if (
                best is not None
                and p[best][s] >= sure
                and found[best].value[1] == (cand.fields.get("currency") or found[best].value[1])
            ):
                cand.put(slot, found[best].value[0], found[best], confidence=0.6)
            continue
        mine = [i for i, m in enumerate(found) if abs(m.value[0] - said) <= 0.005 * said]
        if not mine:
            continue  # a sum the rules made
        if max(p[i][s] for i in mine) >= veto:
            continue
        if best is not None and p[best][s] >= sure and best not in mine:
            cand.put(slot, found[best].value[0], found[best], confidence=0.6)
        else:
            cand.fields.pop(slot, None)


def mixed_amounts(cand: Candidate, p: list[list[float]], found: list[Mention], keep: float) -> None:
    """The model's amounts, except where the rules' amount for a slot is one the model finds
    at least `keep` likely for it (or a sum the rules made of several mentions)."""
    chosen = decode_amounts(p, found, 0.5, cand.fields.get("currency"))
    kept: dict[str, tuple[Any, str | None, list[tuple[int, int]] | None, float | None]] = {}
    for slot in ("amount", "upfront", "milestones", "total"):
        said = cand.fields.get(slot)
        if said is None:
            continue
        s = SLOTS.index("total" if slot == "amount" else slot)
        mine = [i for i, m in enumerate(found) if abs(m.value[0] - said) <= 0.005 * said]
        if not mine or max(p[i][s] for i in mine) >= keep:
            kept[slot] = (
                said,
                cand.evidence.get(slot),
                cand.spans.get(slot),
                cand.confidence.get(slot),
            )
    apply_amounts(cand, chosen)
    for slot, (said, evidence, spans, conf) in kept.items():
        cand.fields[slot] = said
        if evidence is not None:
            cand.evidence[slot] = evidence
        if spans is not None:
            cand.spans[slot] = spans
        if conf is not None:
            cand.confidence[slot] = conf


def apply_amounts(cand: Candidate, chosen: dict[str, Mention]) -> None:
    slots = ("amount",) if cand.kind == "investment" else ("upfront", "milestones", "total")
    values = {m.value[0] for m in chosen.values()}
    for slot in slots:
        said = cand.fields.get(slot)
        if said is not None and said not in values and slot == "milestones":
            continue  # a sum the rules made of several mentions
        mention = chosen.get("total" if slot == "amount" else slot)
        if mention is None:
            cand.fields.pop(slot, None)
            continue
        cand.put(slot, mention.value[0], mention, confidence=0.6)
    main = next((chosen[s] for s in ("total", "upfront", "milestones") if s in chosen), None)
    if main is not None:
        cand.put("currency", main.value[1], main, confidence=0.6)
