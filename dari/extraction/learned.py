"""A learned second opinion on a deal's parties: which companies the text names are in the
deal, and which side gives (licensor, target) and which takes (licensee, acquirer).

The rules (`roles.py`) place the parties from the verbs around their names. Where they are
unsure (a fallback role) or place a company with nothing of a party about it (named once,
late, as a source or a product's maker), two logistic regressions over features of each
company named (its rule votes, its position, the particles and words around its mentions,
whether it is Korean in an out-licensing text ...) decide instead. The weights are a small
artefact, `learned_weights.json`, written by `bench/ingest_learn.py` from the labelled texts
(bench/data/ingest/texts.jsonl); its leave-one-split-out cross-validation is printed by
`python bench/ingest.py --cv`. Plain Python: no numpy at run time.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from dari.extraction import owners, roles
from dari.extraction.model import Mention

WEIGHTS = Path(__file__).with_name("learned_weights.json")
_GIVER, _TAKER = ("licensor", "target"), ("licensee", "acquirer")
_RULE_ROLES = ("licensor", "licensee", "acquirer", "target", "partner")

_DEALISH = re.compile(
    r"licen[cs]|agreement|\bdeal\b|contract|acqui|partner|collaborat|rights|"
    r"계약|기술\s?이전|기술\s?수출|라이선스|인수|판권|제휴",
    re.I,
)
_INVESTORISH = re.compile(
    r"(?:Investments?|Partners|Capital|Ventures?|Securities|Asset Management|"
    r"인베스트먼트|파트너스|벤처투자|벤처스|캐피탈|자산운용|증권)\.?$",
    re.I,
)
_AFTER_CUES = {
    "ko_subject": re.compile(r"^\)?(?:\([^()]{0,40}\))?\s?(?:은|는|이|가)\s"),
    "ko_with": re.compile(r"^\)?(?:\([^()]{0,40}\))?\s?(?:사?와|사?과|측과)\s"),
    "ko_to": re.compile(r"^\)?(?:\([^()]{0,40}\))?\s?(?:사?에|에게|측에)\s"),
    "ko_from": re.compile(r"^\)?(?:\([^()]{0,40}\))?\s?(?:로부터|으로부터|에서)\s"),
    "possessive": re.compile(r"^(?:의\s|['’]s?\s)"),
    "en_receives": re.compile(
        r"^\s(?:will (?:also )?receive|receives|received|is eligible|gets|earns|stands to)\b"
    ),
    "en_pays": re.compile(r"^,?\s(?:which\s)?(?:will pay|pays|paid|agreed to pay|is paying)\b"),
    "en_verb": re.compile(
        r"^\s(?:has |have |will |had )?(?:signed|entered|inked|licensed|agreed|struck|"
        r"announced|said|acquired|acquires|out-licensed)\b"
    ),
}
_BEFORE_CUES = {
    "en_with": re.compile(r"\bwith\s+(?:[\w’'.-]+\s+){0,3}$", re.I),
    "en_to": re.compile(r"\bto\s+(?:[\w’'.-]+\s+){0,3}$", re.I),
    "en_from": re.compile(r"\bfrom\s+(?:[\w’'.-]+\s+){0,2}$", re.I),
    "en_by": re.compile(
        r"\b(?:developed|made|marketed|sold|owned|discovered|manufactured|founded) by\s+"
        r"(?:[\w’'.-]+\s+){0,2}$",
        re.I,
    ),
}
FEATURES = (
    "bias",
    *(f"rule_{r}" for r in (*_RULE_ROLES, "none")),
    "rule_conf",
    "vote_giver",
    "vote_taker",
    "mentions",
    "first_pos",
    "in_lead",
    "background",
    "known",
    "korean",
    "korean_out",
    "korean_in",
    "foreign_out",
    "dealish",
    "investorish",
    "first_named",
    "lang_ko",
    "candidates",
    *(f"after_{k}" for k in _AFTER_CUES),
    *(f"before_{k}" for k in _BEFORE_CUES),
    "owner",
    "korean_domestic",
    "foreign_domestic",
    "bought",
    "first_bought",
)

_model: dict[str, Any] | None = None
_loaded = False
# When the model overrules the rules: only a party the rules placed by default (set after
# the first cross-validation runs, which showed it undoing pattern-placed parties). The direction
# model is off: in the cross-validation it turned as many right directions wrong as it
# mended (`python bench/ingest.py --cv` prints it on and off).
REPLACE_BELOW, MARGIN, ADD_ABOVE = 0.5, 0.2, 0.6
FALLBACK = 0.55  # the highest confidence `roles.deal_roles` gives a default, patternless role
UNSURE_GAP, SURE_GAP = 0.1, 0.3
DIRECTION = False
RECORD: list[dict[str, Any]] | None = None  # set to a list to collect features (training)


def read_weights(path: Path) -> dict[str, Any] | None:
    """A learned model's weights file (JSON, written by a bench/ training script), or None
    when there is none: the rules then decide alone."""
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def _load() -> dict[str, Any] | None:
    global _model, _loaded
    if not _loaded:
        _loaded, _model = True, read_weights(WEIGHTS)
    return _model


@contextmanager
def using(model: dict[str, Any] | None, direction: bool = False) -> Iterator[None]:
    """Extract with `model` (None: the rules alone), e.g. one fold's weights."""
    global _model, _loaded, DIRECTION
    saved = (_model, _loaded, DIRECTION)
    _model, _loaded, DIRECTION = model, True, direction
    try:
        yield
    finally:
        _model, _loaded, DIRECTION = saved


def _votes(marked: str) -> dict[tuple[int, str], float]:
    votes: dict[tuple[int, str], float] = {}
    for rx, (r1, r2), conf in roles._PAIRS:
        for match in rx.finditer(marked):
            a, b = int(match.group(1)), int(match.group(2))
            if a != b:
                votes[(a, r1)] = max(votes.get((a, r1), 0.0), conf)
                votes[(b, r2)] = max(votes.get((b, r2), 0.0), conf)
    for rx, role, conf in roles._SINGLE:
        for match in rx.finditer(marked):
            a = int(match.group(1))
            votes[(a, role)] = max(votes.get((a, role), 0.0), conf)
    return votes


def features(
    text: str,
    orgs: list[Mention],
    roled: list[tuple[Mention, str, float]],
    lang: str,
    gazetteer: Any,
) -> tuple[list[Mention], list[list[float]]]:
    """The distinct companies `orgs` names (their first mentions) and one row of FEATURES
    for each."""
    marked, parties = roles._placeholders(text, orgs)
    votes = _votes(marked)
    aside = roles._background_only(marked, len(parties))
    placed = {roles._key(m): (r, c) for m, r, c in roled}
    out_text = bool(roles._OUT.search(text))
    domestic = bool(owners.DOMESTIC.search(text))
    bought = float(any(r in ("acquirer", "target") for _, r, _ in roled))
    in_text = bool(roles._IN.search(text))
    lead_end = next((m.end() for m in re.finditer(r"[.!?](?=\s)|\n", text) if m.end() > 40), 200)
    rows = []
    for i, party in enumerate(parties):
        key = roles._key(party)
        mine = [m for m in orgs if roles._key(m) == key]
        role, conf = placed.get(key, ("none", 0.0))
        country = gazetteer.country(party.value)
        korean = float(country == "KR")
        cues: dict[str, float] = {}
        for name, rx in _AFTER_CUES.items():
            # sliced: an anchored pattern ("^") never matches at a `pos` other than 0
            cues["after_" + name] = float(any(rx.match(text[m.end : m.end + 60]) for m in mine))
        for name, rx in _BEFORE_CUES.items():
            cues["before_" + name] = float(
                any(rx.search(text[max(0, m.start - 60) : m.start]) for m in mine)
            )
        dealish = 0
        for m in mine:
            start = max(text.rfind(".", 0, m.start), text.rfind("\n", 0, m.start)) + 1
            stop = text.find(".", m.end)
            dealish += bool(_DEALISH.search(text, start, stop if stop > 0 else len(text)))
        owner = owners.owns(text, mine)
        foreign = float(owners.korean(text, mine, country) is False)
        name = gazetteer.name(party.value) or party.text
        row = {
            "bias": 1.0,
            **{f"rule_{r}": float(role == r) for r in (*_RULE_ROLES, "none")},
            "rule_conf": conf,
            "vote_giver": max(votes.get((i, r), 0.0) for r in _GIVER),
            "vote_taker": max(votes.get((i, r), 0.0) for r in _TAKER),
            "mentions": math.log1p(len(mine)),
            "first_pos": mine[0].start / max(1, len(text)),
            "in_lead": float(mine[0].start < lead_end),
            "background": float(i in aside),
            "known": float(party.value[1] is not None),
            "korean": korean,
            "korean_out": korean * out_text,
            "korean_in": korean * in_text,
            "foreign_out": float(bool(country) and country != "KR") * out_text,
            "dealish": dealish / len(mine),
            "investorish": float(bool(_INVESTORISH.search(name))),
            "first_named": float(i == 0),
            "lang_ko": float(lang == "ko"),
            "candidates": 1.0 / len(parties),
            **cues,
            "owner": float(owner),
            "korean_domestic": korean * domestic,
            "foreign_domestic": foreign * domestic,
            "bought": bought,
            "first_bought": float(i == 0) * bought,
        }
        rows.append([row[f] for f in FEATURES])
    return parties, rows


def _prob(part: dict[str, Any], row: list[float]) -> float:
    z = sum(
        w * (x - mu) / sd
        for w, x, mu, sd in zip(
            part["w"][1:], row[1:], part["mean"][1:], part["std"][1:], strict=True
        )
    )
    z += part["w"][0]
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def rerank(
    text: str,
    orgs: list[Mention],
    roled: list[tuple[Mention, str, float]],
    lang: str,
    gazetteer: Any,
) -> list[tuple[Mention, str, float]]:
    """The rules' parties, a weak one replaced by a company much more like a party (and, with
    DIRECTION, a clear direction taken from the model); unchanged without weights."""
    model = _load()
    if RECORD is None and model is None:
        return roled
    parties, rows = features(text, orgs, roled, lang, gazetteer)
    if RECORD is not None:
        RECORD.append({"parties": parties, "rows": rows})
    if model is None or len(parties) < 2 or not roled or len(roled) > 2:
        return roled
    kinds = {r for _, r, _ in roled}
    if not kinds <= {"licensor", "licensee"} and not kinds <= {"acquirer", "target"}:
        return roled  # partners, or a mix: the rules' call
    bought = bool(kinds & {"acquirer", "target"})
    giver, taker = ("target", "acquirer") if bought else ("licensor", "licensee")
    index = {roles._key(m): i for i, m in enumerate(parties)}
    chosen = [index[roles._key(m)] for m, _, _ in roled if roles._key(m) in index]
    if len(chosen) != len(roled):
        return roled
    p_party = [_prob(model["party"], row) for row in rows]
    p_giver = [_prob(model["giver"], row) for row in rows]
    said = {i: (r, c) for i, (_, r, c) in zip(chosen, roled, strict=True)}
    rest = sorted((i for i in range(len(parties)) if i not in chosen), key=lambda i: -p_party[i])
    changed = False
    # a company with little of a party about it gives way to one with much more
    for n, i in enumerate(list(chosen)):
        fell_back = said[i][1] <= FALLBACK  # placed by no pattern, only by the rules' default
        if (
            rest
            and fell_back
            and p_party[i] < REPLACE_BELOW
            and p_party[rest[0]] - p_party[i] >= MARGIN
        ):
            new = rest.pop(0)
            chosen[n] = new
            said[new] = (said[i][0], 0.0)
            changed = True
    if len(chosen) == 1 and rest and p_party[rest[0]] >= ADD_ABOVE:
        new = rest.pop(0)
        chosen.append(new)
        said[new] = (taker if said[chosen[0]][0] == giver else giver, 0.0)
        changed = True
    if len(chosen) == 1:
        return [(parties[chosen[0]], said[chosen[0]][0], 0.4)] if changed else roled
    first, second = chosen
    if said[first][0] == taker:
        first, second = second, first
    # the direction: the model's where it is clear and the rules are unsure or it is sure
    unsure = min(said[first][1], said[second][1]) <= FALLBACK
    gap = p_giver[second] - p_giver[first]
    if DIRECTION and gap >= (UNSURE_GAP if unsure else SURE_GAP):
        first, second = second, first
        changed = True
    if not changed:
        return roled
    return [(parties[first], giver, 0.5), (parties[second], taker, 0.5)]
