"""Which way a licence runs, from where its money and its rights flow (English texts).

A deal release says who gives and who takes in many small ways, and any one of them may be
missing or misread; together they seldom disagree. Each party named (the text rewritten with
⟦i⟧, see `roles._placeholders`) gathers evidence of being the GIVER (+) or the TAKER (-):

- money: who receives it is the licensor ("X will receive an upfront payment", "X is eligible
  for milestones", "payments to X", "$50 million from Y" makes Y the payer), who pays it the
  licensee ("Y will pay", "Y agreed to make an upfront payment", "pay X $10 million");
- rights: who grants, licenses out or transfers them gives ("X grants Y an exclusive licence",
  "licensed ... to Y"), who obtains, acquires, gains, in-licenses or has access to them takes
  ("Y obtains exclusive rights to", "Y has been granted", "... rights from X": X gives);
- the asset's owner gives ("X's ABC-123", "X's proprietary platform", "developed by X").

Evidence is summed per party over the deal's sentences (a sentence about an earlier deal
counts half; per sentence each kind of evidence counts once for a party). `direction` turns the
rules' pair where the flows say the other way by a clear margin; `flowless` says no money and
no rights flow one way at all (a collaboration of partners, bench convention). Pure Python.
"""

from __future__ import annotations

import re

from dari.extraction.model import Mention

P = r"⟦(\d+)⟧"
_CLAUSE = r"[^⟦.;]{0,90}?"  # within the clause, no other party in between
_MONEY = (
    r"(?:[$€£¥₩]|\b(?:US\$|USD|EUR|KRW|upfront|up-front|down payment|payments?|milestones?|"
    r"royalt\w*|fees?|million|billion|trillion|won|cash|proceeds|consideration)\b|"
    r"\b(?:USD|EUR|KRW|GBP|JPY|CNY|RMB)\s?\d|\d\s?(?:m|mn|bn)\b)"  # "USD15m"
)
_RIGHTS = (
    r"(?:\b(?:rights?|licen[cs]es?|sublicen[cs]es?|option|access|exclusivity|technology|"
    r"platform|candidates?|drugs?|assets?|compounds?|molecules?|products?|programs?|antibod\w+|"
    r"therap\w+|biosimilars?|vaccines?|pipeline)\b)"
)
_MODAL = r"(?:(?:will|would|shall|could|may|is to|are to|is set to|stands? to|is expected to|later|"
_MODAL += r"agreed to|has agreed to|have agreed to|is eligible to|are eligible to|to|also|further|"
_MODAL += r"then|in turn|potentially|additionally|thus)\s+)*"

# (pattern, sign for group 1, weight, kind); a second group, when there is one, takes -sign
_SUBJECT: list[tuple[re.Pattern[str], int, float, str]] = [
    # money in: "X will receive an upfront payment", "X is eligible for milestones"
    (
        re.compile(
            rf"{P}{_CLAUSE}\b(?:{_MODAL}(?:receive|get|earn|collect|bag|pocket|net|"
            rf"be eligible (?:to receive|for)|be entitled to|be paid)|receiv(?:es|ed|ing)|gets|got|"
            rf"earn(?:s|ed|ing)|collect(?:s|ed|ing)|bag(?:s|ged)|pocket(?:s|ed)|nett?(?:s|ed)|"
            rf"{_MODAL}(?:is|are|was|were|will be|would be|becomes?) (?:also )?(?:eligible|"
            rf"entitled|in line) (?:to receive |for |to )?|(?:is|are|was|were|will be|would be) "
            rf"paid)\b(?:(?!{_RIGHTS})[^⟦.;]){{0,70}}?{_MONEY}",
            re.I,
        ),
        1,
        1.0,
        "money",
    ),
    # money out: "Y will pay", "Y agreed to make an upfront payment", "Y paid"
    (
        re.compile(
            rf"{P}{_CLAUSE}\b{_MODAL}(?:pay|pays|paid|paying|"
            rf"agree\w* to (?:an?|the) (?:\w+ )?payment|"
            rf"make\w*\s+(?:an?\s+|the\s+)?"
            rf"(?:\w+\s+){{0,2}}?payments?|shell\w* out|fork\w* out|"
            rf"hand\w* over\s+(?:[^⟦.;]{{0,30}}?){_MONEY}|"
            rf"provid\w*(?:\s+or\s+agreed\s+to\s+provide)?\s+(?:the\s+)?(?:following\s+)?"
            rf"(?:consideration|payments?))\b(?!\s+(?:off|back)\b)",
            re.I,
        ),
        -1,
        1.0,
        "pay",
    ),
    # rights in: "Y obtains exclusive rights", "Y will gain access", "Y has been granted"
    (
        re.compile(
            rf"{P}{_CLAUSE}\b{_MODAL}(?:obtain\w*|acquir\w*|gain\w*|receiv\w*|get|gets|got|"
            rf"buy|buys|bought|buying|purchas\w*|"
            rf"secur\w*|win|wins|won|take|takes|took|taking|in-?licen[cs]\w*|"
            rf"(?:will |would )?(?:have|has|hold|holds)|(?:is|are|was|were|be|has been|have been|"
            rf"will be|would be)\s+granted)\s+(?:\(\w\)\s+)?"
            rf"(?:(?!{_MONEY}|\w+ed\b|to\b)[\w’'-]+,?\s+){{0,6}}?"
            rf"(?:rights?|licen[cs]e|sublicen[cs]e|option|access)\b"
            rf"(?!\s+(?:exercise\s+)?(?:fees?|payments?))",
            re.I,
        ),
        -1,
        1.0,
        "rights",
    ),
    # "Y acquired the technology for a drug candidate"
    (
        re.compile(
            rf"{P}{_CLAUSE}\b{_MODAL}(?:acquir\w*|obtain\w*|secur\w*|introduc\w*|bring\w* in|"
            rf"brought in)\s+(?:the\s+|a\s+)?(?:[\w-]+\s+){{0,2}}?(?:technology|know-how)\b",
            re.I,
        ),
        -1,
        1.0,
        "rights",
    ),
    (
        re.compile(rf"{P}{_CLAUSE}\b(?:in-licen[cs]\w*|licen[cs](?:ed|es|ing) in)\b", re.I),
        -1,
        1.0,
        "rights",
    ),
    # rights out: "X grants", "X will transfer", "X licenses its ..."
    (
        re.compile(
            rf"{P}{_CLAUSE}\b{_MODAL}(?<!been )(?<!be )(?<!is )(?<!was )(?<!are )(?<!were )"
            rf"(?:grant|grants|granted|granting|transfer\w*|"
            rf"(?:sold|sells|sell|selling)\s+(?:the\s+)?(?:[\w-]+\s+){{0,3}}?rights?|"
            rf"hand\w* (?:over|off) (?:the |its )?(?:\w+\s+){{0,3}}?rights|"
            rf"licen[cs]e[sd]?\s+(?:out\s+)?(?:its|their)\b)\b"
            rf"(?!\s+(?:agreement|deal|contract|pact|partner))",
            re.I,
        ),
        1,
        1.0,
        "rights",
    ),
    # "X licensed ABC-101 to Y" (X gives), "Y licensed ABC-101 from X" (Y takes): see below
    # the subject's own word for the deal: "X signed a license-out deal", "X will export
    # its technology", "X out-licensed" (the giver); "an in-licensing deal" (the taker)
    (
        re.compile(
            rf"{P}{_CLAUSE}\b(?:out-?licen[cs]\w*|licen[cs](?:e|es|ed|ing)[- ]out|"
            rf"licensing[- ]out|export\w*)\b",
            re.I,
        ),
        1,
        1.0,
        "rights",
    ),
    # "X signed a deal with Y for exclusive rights to": the subject takes them
    (
        re.compile(
            rf"{P}{_CLAUSE}\b(?:deal|agreement|contract|pact)\s+with\s+(?:[\w’'.,-]+\s+){{0,4}}?"
            rf"⟦\d+⟧[^⟦.;]{{0,40}}?\b(?:for|to (?:obtain|acquire|gain|secure|get))\s+(?:the\s+)?"
            rf"(?:[\w-]+\s+){{0,3}}?(?:rights?|licen[cs]e|access)\b",
            re.I,
        ),
        -1,
        1.0,
        "rights",
    ),
    # the same told rights first: "X announced an agreement on exclusive domestic sales rights
    # for the drug with Y"
    (
        re.compile(
            rf"{P}{_CLAUSE}\b(?:deal|agreement|contract|pact)\s+(?:on|for|over)\s+(?:the\s+)?"
            rf"(?:[\w-]+\s+){{0,4}}?(?:rights?|licen[cs]e)\b[^⟦.;]{{0,80}}?\bwith\s+"
            rf"(?:[\w’'.,-]+\s+){{0,4}}?⟦\d+⟧",
            re.I,
        ),
        -1,
        1.0,
        "rights",
    ),
    # who will sell the product takes the rights (weak: partners sell too)
    (
        re.compile(
            rf"{P}{_CLAUSE}\b(?:(?:will|to|would|shall)\s+(?:also\s+)?(?:exclusively\s+)?"
            rf"(?:sell|market|distribute|commerciali[sz]e)|(?:will be|is|are) responsible for "
            rf"(?:the\s+|all\s+)?(?:[\w-]+\s+and\s+)?(?:commerciali|marketing|sales|selling|"
            rf"distribut|obtaining marketing))",
            re.I,
        ),
        -1,
        0.5,
        "role",
    ),
    # who brings the product in takes it ("Y will import and launch it in Korea"); who
    # makes and supplies it gives it (a supply and distribution deal)
    (
        re.compile(
            rf"{P}{_CLAUSE}\b(?:will|to|would|plans to|is to)\s+(?:also\s+)?(?:import|introduce|"
            rf"launch|bring in)\b",
            re.I,
        ),
        -1,
        0.5,
        "role",
    ),
    (
        re.compile(
            rf"{P}{_CLAUSE}\b(?:will|to|would|shall)\s+(?:also\s+)?(?:manufacture and )?"
            rf"suppl(?:y|ies)\b(?![^⟦.;]{{0,40}}\bto\s+(?:the\s+)?(?:market|patients|hospitals))",
            re.I,
        ),
        1,
        0.5,
        "role",
    ),
    (
        re.compile(
            rf"{P}{_CLAUSE}\blicen[cs](?:ed|es|ing)\b(?!\s+(?:in|out)\b)[^⟦.;]{{0,80}}?\bto\s+"
            rf"(?:[\w’'.-]+\s+){{0,4}}?⟦\d+⟧(?!['’])",
            re.I,
        ),
        1,
        1.0,
        "rights",
    ),
    (
        re.compile(
            rf"{P}{_CLAUSE}\blicen[cs](?:ed|es|ing)\b[^⟦.;]{{0,80}}?\bfrom\s+"
            rf"(?:[\w’'.-]+\s+){{0,4}}?⟦\d+⟧",
            re.I,
        ),
        -1,
        1.0,
        "rights",
    ),
    # the licensor keeps what it does not give: "X retains rights in Japan"
    (
        re.compile(
            rf"{P}{_CLAUSE}\b{_MODAL}(?:retain\w*|keep\w*)\s+(?:\w+\s+){{0,3}}?rights?\b", re.I
        ),
        1,
        0.5,
        "rights",
    ),
]
# a purchase: the buyer takes, the company or asset bought gives
_BOUGHT = r"(?!(?:[\w-]+\s+){0,3}?(?:rights?\b|licen|technolog|option|access))"
_SUBJECT += [
    (
        re.compile(
            rf"{P}{_CLAUSE}\b{_MODAL}(?:acquir(?:e|es|ed|ing)|buy|buys|bought|buying|purchas\w*|"
            rf"take over|takes over|took over|taking over)\s+(?:out\s+)?{_BOUGHT}",
            re.I,
        ),
        -1,
        1.0,
        "buy",
    ),
    (
        re.compile(
            rf"{P}{_CLAUSE}\b(?:will be|would be|was|were|is|are|is being|has been|agreed to be|"
            rf"to be)\s+"
            rf"(?:acquired|bought|purchased|taken over)\b",
            re.I,
        ),
        1,
        1.0,
        "buy",
    ),
]
# the object of a verb or a preposition
_OBJECT: list[tuple[re.Pattern[str], int, float, str]] = [
    (
        re.compile(
            rf"\b(?:acquir(?:e|es|ed|ing)|buy|buys|bought|buying|purchas\w*|take over|takes over|"
            rf"took over|taking over|takeover of|acquisition of|purchase of|stake in|shares? in|"
            rf"merger with)\s+(?:the\s+|a\s+|an\s+)?(?:(?!by\b|from\b|to\b|with\b|for\b)"
            rf"[\w’'.,%-]+\s+){{0,4}}?{P}(?!['’])",
            re.I,
        ),
        1,
        1.0,
        "buy",
    ),
    (
        re.compile(
            rf"\b(?:acquired|bought|purchased|taken over|acquisition|takeover|purchase)\s+by\s+"
            rf"(?:[\w-]+\s+){{0,2}}?{P}",
            re.I,
        ),
        -1,
        1.0,
        "buy",
    ),
    # "pay X $10 million", "paying X"
    (re.compile(rf"\b(?:pay|pays|paid|paying)\s+{P}(?!['’])", re.I), 1, 1.0, "money"),
    # "grants Y an exclusive licence", "gives Y the rights", "granting Y"
    (
        re.compile(
            rf"\b(?:grant\w*|giv(?:e|es|en|ing)|gave|hand\w*|offer\w*|award\w*)\s+{P}\s+"
            rf"(?:(?!{_MONEY})[\w’'-]+,?\s+){{0,5}}?(?:rights?|licen[cs]e|sublicen[cs]e|option|access)\b",
            re.I,
        ),
        -1,
        1.0,
        "rights",
    ),
    # "provides Y with its technology", "the agreement provides Y with exclusive rights"
    (
        re.compile(
            rf"\b(?:provid\w*|suppl\w*|furnish\w*)\s+{P}\s+with\s+(?:(?!{_MONEY})[\w’'-]+,?\s+)"
            rf"{{0,5}}?(?:rights?|licen[cs]e|technology|access|know-how)\b",
            re.I,
        ),
        -1,
        1.0,
        "rights",
    ),
    # "granted exclusive rights by X": X gives
    (
        re.compile(
            rf"\b(?:granted|licen[cs]ed|transferred|sold)\s+(?:[\w-]+\s+){{0,4}}?by\s+"
            rf"(?:[\w-]+\s+){{0,2}}?{P}",
            re.I,
        ),
        1,
        1.0,
        "rights",
    ),
    # the one appointed to sell takes the rights: "has appointed Y as the exclusive distributor"
    (
        re.compile(
            rf"\bappoint\w*\s+{P}\s+(?:as\s+)?(?:its\s+|the\s+|an?\s+)?(?:[\w-]+\s+){{0,3}}?"
            rf"(?:distributor|licensee|sales agent|marketing partner)\b",
            re.I,
        ),
        -1,
        1.0,
        "rights",
    ),
    # the owner: "developed by X", "discovered by X", "developed by Professor Z at X"
    (
        re.compile(
            rf"\b(?:developed|discovered|invented)\s+by\s+(?:[A-Z][\w.-]*\s+){{1,4}}(?:at|of)\s+"
            rf"(?:the\s+)?{P}",
        ),
        1,
        0.6,
        "owner",
    ),
    (
        re.compile(
            rf"\b(?:developed|discovered|invented|originated|owned|created|engineered|"
            rf"under development)\s+by\s+"
            rf"(?:[\w-]+\s+){{0,2}}?{P}",
            re.I,
        ),
        1,
        0.6,
        "owner",
    ),
    # "X's ABC-123", "X's proprietary platform", "X's drug candidate"
    (
        re.compile(
            rf"{P}['’]s?\s+(?:[\w-]+\s+){{0,3}}?(?:drug|candidate|asset|compound|molecule|antibod\w+|"
            rf"platform|technology|program|programme|pipeline|biosimilar|vaccine|therapy|"
            rf"therapeutic|treatment|product|ADC|(?-i:[A-Z]{{2,6}}-?\d{{2,6}})|"
            rf"[a-z]+(?:mab|nib|tide|cept|stat|vir|parin|zole|prazan|sartan|pril|olol|gene|cel))s?\b",
            re.I,
        ),
        1,
        0.6,
        "owner",
    ),
]
# "... from X" / "... to X": the nearer of money and rights before the preposition says which
# way X stands (money from X: X pays; rights from X: X gives; money to X: X is paid; rights
# to X: X takes)
_PREPOSITION = re.compile(
    rf"\b(from|to)\s+(?:the\s+)?(?:(?!(?:be|been|being|in|of|for|with|and|by|on|at|as|from|to)\b)"
    rf"[\w-]+\s+){{0,4}}?{P}(?!['’])",
    re.I,
)
# a party named after a preposition or as an object is not the subject of what follows
_NOT_SUBJECT = re.compile(
    r"\b(?:from|with|to|by|of|for|between|than|at|in|into|on|like|"
    r"including|against|versus|vs)\s+(?:(?!that\b|which\b|who\b|said\b|says\b|announced\b|"
    r"when\b|while\b|as\b|where\b|and\b)[\w’'.-]+\s+){0,4}?$|\bif\s+$|"
    r"\b(?:pay|pays|paid|paying|grant\w*|gives?|gave|provid\w*)\s+$|"
    r"\b(?:from|with|to|by|between|of|for)\s+⟦\d+⟧\s+(?:and|or)\s+$",
    re.I,
)
# "... to Y, which will pay": the party is the subject of its relative clause
_WHICH = re.compile(r",?\s+(?:which|who)\b", re.I)
# a licensee's own later licensing: "if Y further licenses out the drug to a third party"
_ONWARD = re.compile(r"\bfurther\b|\bsub-?licen|third[- ]part|\banother\b|\bother compan", re.I)
_NOT_A_FLOW = re.compile(
    r"(?:according|due|similar|compared|related|next|up|close|relation|addition|"
    r"prior|belong\w*|refer\w*|owing|thanks|switch\w*|move\w*|shift\w*|report\w*|"
    r"(?:deliver|suppl|sell|sold|sales)\w*(?:\s+\w+){0,3})\s+$",
    re.I,
)
_LAST_MONEY = re.compile(rf"{_MONEY}(?!.*{_MONEY})", re.I | re.S)
_LAST_RIGHTS = re.compile(
    rf"(?:{_RIGHTS}|\b(?:licen[cs]\w*|in-licen[cs]\w*|acquir\w*|obtain\w*|transferr?\w*|"
    rf"grant\w*))(?!.*(?:{_RIGHTS}|\b(?:licen[cs]\w*|acquir\w*|obtain\w*|transferr?\w*|grant\w*)))",
    re.I | re.S,
)
# A sentence about another, earlier deal (English; roles.BACKGROUND adds the Korean forms).
BACKGROUND_EN = re.compile(
    r"^\W*(?:(?:in|since|back in)\s+(?:(?:early|late|mid-?)\s*)?(?:[A-Z][a-z]+\.?\s+)?"
    r"(?:19|20)\d\d\b|previously|earlier|formerly|prior to)",
    re.I,
)
# "... for rights to the molecule outside of Korea in 2018.": a year closing a sentence that
# tells no news may be an earlier deal's; the parties' votes (`roles.BACKGROUND`) take it as
# one, the flows do not (a release's "B in-licensed ABC-101 from A in 2021." is its own deal);
# "has agreed to buy ..., the two companies announced Monday, in the culmination of an
# agreement signed back in 2004" is the deal's own
YEAR_CLOSING = (
    r"^(?!.*\b(?:will|agreed|agrees|announced|announces|today)\b).*\bin\s(?:19|20)\d\d\W{0,3}$"
)


def sentence_spans(marked: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in re.finditer(r"(?<=[.!?])\s+(?![a-z])|\n+", marked):  # "?AIDA? with"
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(marked)))
    return spans


# "it", "the company": the subject of the sentence, or of the last sentence that had one
# (not a filing's defined "the Company", the filer itself: "Acme will make royalty payments to
# the Company")
_PRONOUN = re.compile(
    r"\b(?!(?-i:[Tt]he Company)\b)(?:it|(?:the|this) (?:[\w-]+ )?(?:company|firm|biotech|"
    r"drugmaker|drug maker|developer|"
    r"startup|start-up|pharma|group))(?=\s+(?:will|would|is|was|has|had|also|agreed|receiv|"
    r"earn|gets?|got|pays?|paid|obtain|acquir|gain|grant|in-licen|licen|retain|could|may|stands|"
    r"becomes?)\b)",
    re.I,
)


# "for its CKD-510 candidate", "the technology of its new drug": "its" is the subject's
_ITS_ASSET = re.compile(
    r"\b(?:deal|agreement|contract|licen\w*|rights|transfer|export\w*)\b[^.;]{0,80}?"
    r"\b(?:for|of|on|involving|covering|to)\s+its\s+(?:(?!affiliate|subsidiar|parent|partner|unit)"
    r"[\w-]+\s+){0,4}?(?:drug|candidate|asset|compound|molecule|antibod\w+|platform|technology|"
    r"program|programme|pipeline|biosimilar|vaccine|therapy|therapeutic|treatment|product|ADC)s?\b",
    re.I,
)


def _put(found: dict[tuple[int, str], float], key: tuple[int, str], value: float) -> None:
    """One piece of evidence per party and kind in a sentence: the strongest, none when the
    sentence says both ways as strongly."""
    old = found.get(key)
    if old is None or abs(value) > abs(old):
        found[key] = value
    elif old * value < 0 and abs(value) == abs(old):
        found[key] = 0.0


# ", paying $50 million upfront": a participle after a comma is the subject's
_PARTICIPLE = re.compile(
    r",\s+(?=(?:paying|receiving|earning|granting|obtaining|acquiring|gaining|securing|"
    r"in-licensing|out-licensing)\b)",
    re.I,
)


def _subject(said: str) -> str | None:
    """The placeholder of the sentence's subject: its first party not after a preposition."""
    for match in re.finditer(P, said):
        if match.start() > 160:
            return None
        if not _NOT_SUBJECT.search(said, max(0, match.start() - 60), match.start()):
            return match.group(0)
    return None


LICENCE = ("money", "pay", "rights", "owner", "role")
PURCHASE = ("pay", "buy")  # money received in a purchase may be a seller's or a royalty


def evidence(marked: str, kinds: tuple[str, ...] = LICENCE) -> dict[int, float]:
    """Per party index: giver (+) against taker (-) evidence over the whole text."""
    total: dict[int, float] = {}
    last: str | None = None
    for start, end in sentence_spans(marked):
        said = marked[start:end]
        subject = _subject(said) or (None if "⟦" in said else last)
        last = subject or last
        if subject is not None:
            said = _PRONOUN.sub(subject, said)
            said = _PARTICIPLE.sub(f", {subject} ", said)
        weight = 0.5 if BACKGROUND_EN.search(said) else 1.0
        found: dict[tuple[int, str], float] = {}

        def put(
            i: int, kind: str, value: float, found: dict[tuple[int, str], float] = found
        ) -> None:
            _put(found, (i, kind), value)

        if subject is not None and _ITS_ASSET.search(said):
            put(int(subject[1:-1]), "owner", 0.6)
        for rx, sign, w, kind in _SUBJECT:
            for match in rx.finditer(said):
                relative = _WHICH.match(said, match.end(1) + 1)
                if not relative and _NOT_SUBJECT.search(
                    said, max(0, match.start() - 60), match.start()
                ):
                    continue
                onward = _ONWARD.search(said, match.start(), min(len(said), match.end() + 80))
                if kind == "rights" and sign > 0 and onward:
                    continue
                put(int(match.group(1)), kind, sign * w)
        for rx, sign, w, kind in _OBJECT:
            for match in rx.finditer(said):
                put(int(match.group(1)), kind, sign * w)
        for match in _PREPOSITION.finditer(said):
            before = said[max(0, match.start() - 90) : match.start()]
            before = before[before.rfind("⟦") + 1 :] if "⟦" in before else before
            if _NOT_A_FLOW.search(before):
                continue
            money = _LAST_MONEY.search(before)
            rights = _LAST_RIGHTS.search(before)
            if not money and not rights:
                continue
            is_money = money is not None and (rights is None or money.start() > rights.start())
            sign = (1 if match.group(1).lower() == "to" else -1) * (1 if is_money else -1)
            put(int(match.group(2)), "money" if is_money else "rights", sign * 0.8)
        for (i, kind), value in found.items():
            if kind in kinds:
                total[i] = total.get(i, 0.0) + weight * value
    return total


def direction(
    marked: str, giver: int, taker: int, margin: float = 1.0, kinds: tuple[str, ...] = LICENCE
) -> bool | None:
    """True when the flows say the rules' giver and taker are the other way round (by at
    least `margin`), False when they agree, None when they say nothing clear."""
    return turned(evidence(marked, kinds), giver, taker, margin)


def turned(score: dict[int, float], giver: int, taker: int, margin: float) -> bool | None:
    """True when `score` (giving evidence per party) puts the taker ahead of the giver by at
    least `margin`, False when the giver leads by as much, None otherwise (either language)."""
    gap = score.get(giver, 0.0) - score.get(taker, 0.0)
    if gap <= -margin:
        return True
    if gap >= margin:
        return False
    return None


def flowless(marked: str, parties: list[int]) -> bool:
    """No money and no rights flow one way between the parties (less than half a cue each;
    who owns the asset is no flow)."""
    score = evidence(marked, ("money", "pay", "rights"))
    return all(abs(score.get(i, 0.0)) < 0.5 for i in parties)


def directed(
    text: str, orgs: list[Mention], roled: list[tuple[Mention, str, float]]
) -> list[tuple[Mention, str, float]]:
    """The rules' licensor and licensee (or buyer and bought), turned where the flows clearly
    say the other way."""
    kinds = {r for _, r, _ in roled}
    if len(roled) != 2 or kinds not in ({"licensor", "licensee"}, {"acquirer", "target"}):
        return roled
    from dari.extraction import roles  # roles reads sides, sides nothing of this module

    marked, parties = roles._placeholders(text, orgs)
    index = {roles._key(m): i for i, m in enumerate(parties)}
    give, take = ("licensor", "licensee") if "licensor" in kinds else ("target", "acquirer")
    giver, taker = roled if roled[0][1] == give else roled[::-1]
    g, t = index.get(roles._key(giver[0])), index.get(roles._key(taker[0]))
    cues = LICENCE if give == "licensor" else PURCHASE
    if g is None or t is None or g == t or direction(marked, g, t, kinds=cues) is not True:
        return roled
    return [(taker[0], give, 0.6), (giver[0], take, 0.6)]
