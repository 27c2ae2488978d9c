"""Who is who in a deal or a funding round, from the verbs around the parties' names.

The text is rewritten with each distinct party as a placeholder ⟦i⟧; ordered patterns then
vote for (first, second, role pair, confidence): "⟦0⟧ licensed … to ⟦1⟧", "⟦0⟧ … from ⟦1⟧",
"⟦0⟧가 ⟦1⟧에 기술이전", "⟦0⟧는 ⟦1⟧로부터 도입", "⟦0⟧ to acquire ⟦1⟧" ... When no pattern
speaks, a Korean party facing a foreign one in an out-licensing text is the licensor; else the
first named (with a low confidence).
"""

from __future__ import annotations

import re
from typing import Any

from dari.extraction import home_ko, sides
from dari.extraction.flows import BACKGROUND_EN, YEAR_CLOSING, sentence_spans
from dari.extraction.gazetteer import _SUFFIXES
from dari.extraction.model import Mention

P = r"⟦(\d+)⟧"
# within the sentence (never across a blank line: a headline is a sentence of its own)
GAP = r"(?:[^.⟦\n]|\n(?!\s*\n)){0,110}?"  # no other party in between
WIDE = r"(?:[^.\n]|\n(?!\s*\n)){0,140}?"
# money spoken of: "$22 million", "a down payment", "upfront", "milestones"
MONEY = (
    r"(?:[$€£¥]|\b(?:US\$|USD\b|EUR\b|million|billion|payment|upfront|up-front|fee|milestone|"
    r"royalt))"
)

# (pattern, roles of group 1 and group 2, confidence)
_PAIRS: list[tuple[re.Pattern[str], tuple[str, str], float]] = [
    (
        re.compile(
            rf"{P}{WIDE}\b(?:agree(?:s|d|ing)? to pay|will pay|pays|paid|paying)\s+{P}", re.I
        ),
        ("licensee", "licensor"),
        0.9,
    ),
    # the money's direction: the payer takes the rights ("A agreed to hand over as much as
    # $730 million to B", "A will acquire a down payment of $22 million from B")
    (
        re.compile(
            rf"{P}{WIDE}\b(?:pay|hand(?:s|ed|ing)? over|hand(?:s|ed|ing)? out)\w*\s+"
            rf"[^.⟦]{{0,60}}?{MONEY}[^.⟦]{{0,40}}?\bto\s+(?:[\w-]+\s+){{0,3}}?{P}",
            re.I,
        ),
        ("licensee", "licensor"),
        0.9,
    ),
    (
        re.compile(
            rf"{P}{WIDE}\b(?:acquir|obtain|secur|collect|earn|get|net)\w*\s+[^.⟦]{{0,60}}?"
            rf"{MONEY}[^.⟦]{{0,40}}?\bfrom\s+(?:\w+\s+){{0,2}}?{P}",
            re.I,
        ),
        ("licensor", "licensee"),
        0.9,
    ),
    # rights handed on: "A is handing B the rights to", "A hands off rights to X to B",
    # "A is offloading X to B"
    (
        re.compile(
            rf"{P}{WIDE}\bhand(?:s|ed|ing)?\s+{P}\s+(?:the\s+)?(?:[\w-]+\s+){{0,3}}?rights", re.I
        ),
        ("licensor", "licensee"),
        0.9,
    ),
    (
        re.compile(
            rf"{P}{WIDE}\b(?:hand(?:s|ed|ing)? (?:off|over)|offload\w*|pass(?:es|ed|ing)? on)\b"
            rf"(?:(?!{MONEY})[^.⟦]){{0,120}}?\bto\s+(?:[\w-]+\s+){{0,3}}?{P}",
            re.I,
        ),
        ("licensor", "licensee"),
        0.85,
    ),
    # "A signed a term sheet with B ... to acquire global rights": A takes the rights
    (
        re.compile(
            rf"{P}{GAP}\b(?:signed|entered|concluded|inked|struck|reached)\b{GAP}\bwith\s+{P}"
            rf"[^.]{{0,80}}?\bto (?:acquire|obtain|in-?licen[cs]e|gain|secure|buy|purchase)\b",
            re.I,
        ),
        ("licensee", "licensor"),
        0.9,
    ),
    (
        re.compile(
            rf"{P}{WIDE}\breceiv\w*{GAP}(?:payment|upfront|milestone|royalt|fee)\w*{GAP}"
            rf"\bfrom\s+(?:\w+\s+){{0,2}}?{P}",
            re.I,
        ),
        ("licensor", "licensee"),
        0.9,
    ),
    (
        re.compile(
            rf"{P}{WIDE}\binvest(?:s|ed|ing)?\s+(?:\w+\s+){{0,6}}?in\s+(?:\w+\s+){{0,3}}?{P}",
            re.I,
        ),
        ("investor", "investee"),
        0.85,
    ),
    (
        re.compile(
            rf"{P}{WIDE}\b(?:to acquire|acquires|acquired|will acquire|agreed to acquire|"
            rf"(?:completed|announced|closed|finali[sz]ed) (?:the|its) (?:successful )?"
            rf"acquisition of|buys|bought|take over|takes over|took over|"
            rf"taking over)\s+"
            rf"(?:(?!rights?\b|licen|{MONEY})[^.⟦]){{0,90}}?{P}",
            re.I,
        ),
        ("acquirer", "target"),
        0.85,
    ),
    (
        re.compile(
            rf"{P}{WIDE}\b(?:purchas\w*|acquir\w*|buy\w*|bought|tak(?:e|es|ing)|took)\s+"
            rf"[^.⟦]{{0,60}}?\b(?:stake|shares?|interest|holding)s?\s+in\s+"
            rf"(?:[\w’'-]+\s+){{0,2}}?{P}",
            re.I,
        ),
        ("acquirer", "target"),
        0.9,
    ),
    (re.compile(rf"acquisition of {P}{GAP}\bby {P}", re.I), ("target", "acquirer"), 0.85),
    (
        re.compile(rf"{P}{WIDE}\bdivest\w*{WIDE}\bto\s+(?:\w+\s+){{0,3}}?{P}", re.I),
        ("target", "acquirer"),
        0.85,
    ),
    (
        re.compile(
            rf"{P}(?:은|는|이|가)?{WIDE}{P}\s?(?:로부터|으로부터)[^.]{{0,40}}?"
            r"(?:계약금|선급금|마일스톤|기술료|로열티|대금)"
        ),
        ("licensor", "licensee"),
        0.9,
    ),
    (
        re.compile(
            rf"{P}{WIDE}\b(?:in-?licen[cs]\w*|licen[cs](?:ed|es|ing)|licen[cs]e in|acquir\w*|"
            rf"obtain\w*|gain\w*|secur\w*|"
            rf"receiv\w*|buy\w*|bought|purchas\w*|access\w*|in-licen[cs]\w*)\b"
            rf"(?:(?!{MONEY})[^.]){{0,140}}?\bfrom\s+(?:\w+\s+){{0,2}}?{P}",
            re.I,
        ),
        ("licensee", "licensor"),
        0.85,
    ),
    (
        re.compile(
            rf"{P}{WIDE}\b(?:out-?licen[cs]\w*|licen[cs](?:ed|es)|grant(?:ed|s|ing)?|"
            rf"transferr?(?:ed|s|ing)?|export(?:ed|s|ing)?|sold|sells|"
            rf"partner(?:ed|s) (?:its|the))\b{WIDE}"
            rf"\b(?:to|with)\s+(?:[\w’'.-]+\s+){{0,4}}?{P}",
            re.I,
        ),
        ("licensor", "licensee"),
        0.8,
    ),
    (re.compile(rf"{P}{GAP}\bgrant(?:ed|s|ing)?\s+{P}", re.I), ("licensor", "licensee"), 0.85),
    (  # "Crestview will distribute Hanbit's biosimilar in the U.S.": the seller takes rights
        re.compile(rf"{P}{GAP}\b(?:distribut|market|sell|commerciali[sz])\w*\s+{P}['’]s\s", re.I),
        ("licensee", "licensor"),
        0.85,
    ),
    (
        re.compile(
            rf"{P}(?:은|는|이|가)?{WIDE}{P}\s?(?:로부터|으로부터|에서){WIDE}"
            r"(?:도입|인수|사들|이전\s?받|라이선스\s?인|확보)"
        ),
        ("licensee", "licensor"),
        0.85,
    ),
    # in-licen[cs]ing told with 와: "A는 B와 … 도입 계약", "A가 B와 … 라이선스 인 계약"
    (
        re.compile(
            rf"{P}(?:은|는|이|가){WIDE}{P}\)?(?:\([^()]{{2,40}}\))?\s?(?:와|과|사와|측과)\s"
            r"[^.⟦]{0,80}?(?:기술\s?도입|도입\s?계약|도입하는|도입한다|도입했|라이선스\s?인|"
            r"라이센스\s?인|인-?라이선스)"
        ),
        ("licensee", "licensor"),
        0.85,
    ),
    (
        re.compile(rf"{P}(?:은|는|이|가)?{WIDE}{P}[^.⟦]{{0,40}}?(?:을|를)\s?(?:\S+\s){{0,3}}?인수"),
        ("acquirer", "target"),
        0.85,
    ),
    # "A가 B의 … 전용실시권 계약", "A는 B의 … 기술도입": A takes B's rights
    (
        re.compile(
            rf"{P}(?:은|는|이|가)\s?(?:[가-힣]{{1,6}}\s)?{P}의\s[^.⟦]{{0,200}}?(?:전용\s?실시권|기술\s?도입|도입|"
            r"(?:권리|권한|판권)[^.⟦]{0,10}?(?:확보|획득|취득|갖))"
        ),
        ("licensee", "licensor"),
        0.85,
    ),
    # "천랩 인수로 CJ제일제당은": the one bought, then the buyer
    (
        re.compile(
            rf"{P}\s?(?:의\s?)?인수(?:로|를 통해|에 따라|와 함께|를 계기로),?\s"
            rf"(?:\S+\s){{0,3}}?{P}(?:은|는|이|가)"
        ),
        ("target", "acquirer"),
        0.85,
    ),
    (
        re.compile(
            rf"{P}(?:은|는|이|가)?{WIDE}{P}[^.⟦]{{0,45}}?(?:에|에게|와|과|측에|측과|사와|사에)"
            rf"(?:\s[^.⟦]{{0,120}}?)?"
            r"(?:기술\s?이전|기술\s?수출|라이선스\s?아웃|라이센스\s?아웃|이전(?:했|한다|하는|키로|하기로)|"
            r"수출|라이선스[^.⟦]{0,15}?계약|판권 계약|넘기|넘겼|양도|부여)"
        ),
        ("licensor", "licensee"),
        0.75,
    ),
]
# One party's role from its own verb.
_SINGLE: list[tuple[re.Pattern[str], str, float]] = [
    (
        re.compile(
            rf"{P}{GAP}\b(?:(?:will|is eligible to|is in line to|to) (?:also )?"
            rf"(?:receive|be eligible to receive|get|earn)|(?:has|have|had) (?:also )?received|"
            rf"(?:will (?:also )?be|is|are) (?:also )?eligible for|gets|receives|earns)\b"
            rf"(?=[^.]{{0,60}}(?:payment|upfront|milestone|royalt|fee|up to|\$|€|£))",
            re.I,
        ),
        "licensor",
        0.7,
    ),
    (re.compile(rf"{P}{GAP}\b(?:will pay|pays|agreed to pay|is paying)\b", re.I), "licensee", 0.7),
    # "The deal gives Crestview exclusive rights to": the rights' taker
    (
        re.compile(
            rf"\b(?:gives?|giving|grants?|granting|hands?|handing)\s+{P}\s+(?:the\s+)?"
            rf"(?:[\w-]+\s+){{0,3}}?rights?\b",
            re.I,
        ),
        "licensee",
        0.7,
    ),
    (
        re.compile(
            rf"{P}['’]s\s+(?:[\w-]+\s+){{0,4}}?(?:platform|technology|candidate|asset|drug|"
            rf"antibody|ADC|program|compound|molecule|product|biosimilar|vaccine|therapy|treatment)",
            re.I,
        ),
        "licensor",
        0.6,
    ),
    (re.compile(rf"{P}{GAP}\bwill have access to\b", re.I), "licensee", 0.6),
    (
        re.compile(
            rf"{P}[^.⟦\n]{{0,80}}?\b(?:out-?licen[cs]\w*|licen[cs](?:e|es|ed|ing) out)\b", re.I
        ),
        "licensor",
        0.75,
    ),
    (
        re.compile(
            rf"{P}{GAP}\b(?:gain(?:s|ed)?|obtain(?:s|ed)?|receive[sd]?|acquire[sd]?|secure[sd]?|"
            rf"w[io]n|get|got|take[sn]?|took) (?:the |an? )?"
            rf"(?:(?!rights?\b|licen[cs]e)[\w-]+,?\s+){{0,5}}?"
            rf"(?:rights?|licen[cs]e)\b",
            re.I,
        ),
        "licensee",
        0.7,
    ),
    (
        re.compile(rf"{P}(?:은|는|이|가){WIDE}(?:계약금|선급금|마일스톤){WIDE}(?:받|수령)"),
        "licensor",
        0.7,
    ),
    (re.compile(rf"{P}(?:은|는|이|가){WIDE}(?:지급|제공하고|투입)"), "licensee", 0.6),
    (
        re.compile(
            rf"{P}(?:은|는|이|가){WIDE}(?:권리|권한|판권|판매권|독점권|실시권|사용권|개발권)[^.⟦]{{0,20}}?"
            r"(?:확보|획득|취득|갖게|갖는다|보유하게)"
        ),
        "licensee",
        0.75,
    ),
    # the counterpart a Korean text names: "X와 … 기술수출 계약", "X에 기술이전"
    (
        re.compile(
            rf"{P}\)?(?:\([^()]{{2,40}}\))?\s?(?:와|과|사와|측과|에|에게)\s(?:\S+\s){{0,8}}?\S*"
            r"(?:기술\s?이전|기술\s?수출|라이선스|라이센스)"
        ),
        "licensee",
        0.6,
    ),
]
_PAIRS += sides.PAIRS
_SINGLE += sides.SINGLE
_OUT = re.compile(
    r"out-?licen[cs]|licen[cs]ed? out|tech(?:nology)? transfer|"
    r"기술\s?수출|기술\s?이전|라이선스\s?아웃",
    re.I,
)
# Two parties on one side: "GC Lab Cell and its U.S affiliate Artiva ... have entered",
# "A와 B는 … 계약을 체결했다".
_SAME_SIDE = [
    re.compile(
        rf"{P},?\s+and\s+(?:its\s+[^⟦.]{{0,30}}?)?{P}[^⟦.]{{0,12}}?\s(?:have|"
        rf"jointly (?!operat|run|manag)|together|each)\b",
        re.I,
    ),
    re.compile(rf"{P}\s?(?:와|과|및)\s?{P}\s?(?:은|는|이|가|양사)"),
    *sides.SAME_SIDE,
]
_INVESTEE = [
    re.compile(
        rf"{P}{WIDE}\b(?:raised|raises|has raised|secured|closed|completed|attracted|"
        rf"announced (?:the )?(?:closing|completion))\b",
        re.I,
    ),
    re.compile(
        rf"{P}(?:은|는|이|가){WIDE}(?:투자\s?유치|투자를 유치|자금을 조달|펀딩|유치했|조달했)"
    ),
]
_INVESTORS = [
    re.compile(
        rf"(?:led by|co-led by|participation (?:from|of)|joined by|investors include\w*|"
        rf"along with|backed by)\s+((?:{P}|[^.⟦])*)",
        re.I,
    ),
    re.compile(rf"((?:{P}[^.⟦]{{0,12}})+)(?:등이|등)?\s?(?:이|가)?\s?(?:참여|주도|투자했|투자한)"),
]


_ABBREVIATION = re.compile(
    r"\b(Inc|Co|Ltd|Corp|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Dr|Mr|Ms|No|vs|St|"
    r"U\.S|U\.K|S)\.",
    re.I,
)


def _key(m: Mention) -> Any:
    """One party per organisation: its graph id, else its name without a corporate ending."""
    if m.value[1]:
        return m.value
    name = _SUFFIXES.sub("", m.text.lower()).strip(" ,.")
    name = re.sub(r"\s+(?:technolog(?:y|ies)|limited)$", "", name)
    return ("name", re.sub(r"^(?:(?:[\w.]+\s)?[\w.-]+-based|the)\s+", "", name).strip())


def _placeholders(text: str, orgs: list[Mention]) -> tuple[str, list[Mention]]:
    """Replace each mention by ⟦i⟧, i the index of its party (same organisation, same i)."""
    parties: list[Mention] = []
    index: dict[Any, int] = {}
    out, cursor = [], 0
    for m in orgs:
        key = _key(m)
        if key not in index:
            index[key] = len(parties)
            parties.append(m)
        out.append(text[cursor : m.start])
        out.append(f"⟦{index[key]}⟧")
        cursor = m.end
    out.append(text[cursor:])
    marked = _ABBREVIATION.sub(lambda m: m.group(1).replace(".", ""), "".join(out))
    marked = re.sub(r"\bU\.([SK])\b(?!\.)", r"U\1", marked)  # "its U.S affiliate"
    # a stock code after a name stands between it and its particle: "네이처셀(007390)은"
    marked = re.sub(r"(⟦\d+⟧)\s?[(（](?:[A-Za-z가-힣]{2,8}\s?:?\s?)?\d{6}[)）]", r"\1", marked)
    marked = re.sub(r"(?<=\d)\.(?=\d)", "٫", marked)  # "$108.6 million" ends no sentence
    return marked, parties


# A sentence about another, earlier deal: "In 2016, Aptose licensed-in CG-806 from ...",
# "Previously, X had licensed ...", "앞서 X는 Y와 ... 계약을 체결한 바 있다".
BACKGROUND = re.compile(
    BACKGROUND_EN.pattern + "|" + YEAR_CLOSING + "|"
    r"^\W*(?:앞서|이에 앞서|과거|지난\s?(?:19|20)\d\d년)|"
    r"(?:한\s?바\s?있|체결한 바|맺은 바|체결했던|맺었던)|"
    # "지난 5월 ... 기술수출 계약을 체결한 데 이어", "지난 8월에는 ... 인수하기도 했다"
    r"(?:체결|맺|계약|인수|이전)한\s?(?:데|것에)\s?이어|하기도\s?했다|^\W*지난\s?\d{1,2}월에(?:는|도)",
    re.I,
)


# Words that say outright the sentence tells an earlier deal (not just a past year).
_EARLIER = re.compile(
    r"^\W*(?:앞서|이에 앞서|previously|earlier|formerly)|한\s?바\s?있|체결한 바|맺은 바|"
    r"체결했던|맺었던",
    re.I,
)


def party_ids(roled: list[tuple[Mention, str, float]], parties: list[Mention]) -> list[int | None]:
    """The placeholder number (`_placeholders`' ⟦i⟧) of each of `roled`'s companies; None for
    one that is not among `parties`."""
    index = {_key(m): i for i, m in enumerate(parties)}
    return [index.get(_key(m)) for m, _, _ in roled]


def _background_only(marked: str, count: int, rx: re.Pattern[str] = BACKGROUND) -> set[int]:
    """The parties every mention of which stands in a sentence about an earlier deal."""
    seen: dict[int, bool] = {}
    for start, end in sentence_spans(marked):
        sentence = marked[start:end]
        background = bool(rx.search(sentence.strip()))
        for num in re.findall(r"⟦(\d+)⟧", sentence):
            i = int(num)
            seen[i] = seen.get(i, True) and background
    return {i for i in range(count) if seen.get(i, False)}


def _aside_weight(marked: str, at: int) -> float:
    """Votes from a sentence about an earlier deal count less than the deal's own."""
    start = max(marked.rfind(". ", 0, at), marked.rfind("\n", 0, at)) + 1
    end_dot = marked.find(". ", at)
    end_nl = marked.find("\n", at)
    ends = [e for e in (end_dot, end_nl) if e >= 0]
    end = min(ends) if ends else len(marked)
    return 0.5 if BACKGROUND.search(marked[start:end].strip()) else 1.0


_PAID_BEFORE = re.compile(r"\b(?:paid|pays|pay|paying|owes|owed)\s+$", re.I)


def deal_roles(
    text: str, orgs: list[Mention], lang: str, gazetteer: Any
) -> list[tuple[Mention, str, float]]:
    """The licensor and licensee (or acquirer and target) with a confidence each."""
    marked, parties = _placeholders(text, orgs)
    if not parties:
        return []
    votes: dict[tuple[int, str], float] = {}
    for rx, (r1, r2), conf in _PAIRS:
        for match in rx.finditer(marked):
            a, b = int(match.group(1)), int(match.group(2))
            if a == b:
                continue
            conf_here = conf * _aside_weight(marked, match.start())
            votes[(a, r1)] = max(votes.get((a, r1), 0), conf_here)
            votes[(b, r2)] = max(votes.get((b, r2), 0), conf_here)
    for rx, role, conf in _SINGLE:
        for match in rx.finditer(marked):
            if _PAID_BEFORE.search(marked, max(0, match.start() - 12), match.start()):
                continue  # "It paid ⟦0⟧ $50 million and agreed to pay": ⟦0⟧ is paid, not payer
            a = int(match.group(1))
            conf_here = conf * _aside_weight(marked, match.start())
            votes[(a, role)] = max(votes.get((a, role), 0), conf_here)
    # a company named only in sentences about earlier deals takes no role in this one
    aside = _background_only(marked, len(parties))
    if len(parties) - len(aside) < 2:
        # the earlier deal may be the one the text tells (a termination, a payment) unless
        # the text says outright that it is another ("앞서 ... 체결한 바 있다")
        aside = _background_only(marked, len(parties), _EARLIER)
        if len(aside) == len(parties):
            aside = set()
    if aside:
        votes = {k: v for k, v in votes.items() if k[0] not in aside}
    chosen: dict[str, tuple[int, float]] = {}
    for (i, role), conf in sorted(votes.items(), key=lambda kv: -kv[1]):
        if role in chosen or any(j == i for j, _ in chosen.values()):
            continue
        chosen[role] = (i, conf)
    pair = [("acquirer", "target"), ("licensor", "licensee")]
    for first, second in pair:
        if first in chosen or second in chosen:
            out = []
            for role in (first, second):
                if role in chosen:
                    i, conf = chosen[role]
                    out.append((parties[i], role, conf))
                else:
                    taken = {j for j, _ in chosen.values()} | aside
                    rest = _counterparts(marked, len(parties), taken)
                    if rest:
                        out.append((parties[rest[0]], role, 0.45))
            out += _same_side(marked, parties, out)
            return out + _third(text, parties, out)
    if aside:
        parties = [m for i, m in enumerate(parties) if i not in aside]
    if len(parties) < 2:
        # one company named, its partner unnamed: the rights' taker when the text says it
        # brings them in, else (a licence, 판권) the giver
        home = home_ko.lone_korean(text, parties[0], lang, gazetteer)
        if _IN.search(text):
            role = "licensee"
        elif home or _OUT.search(text) or _LICENCE_WORD.search(text) or _SALES.search(text):
            role = (
                "partner"
                if _SYMMETRIC.search(text) and not _LICENCE_WORD.search(text)
                else "licensor"
            )
        else:
            role = "partner"
        return [(parties[0], role, 0.4)]
    one, two = parties[0], parties[1]
    if (_SYMMETRIC.search(text) and not _LICENCE_WORD.search(text)) or sides.collaboration(text):
        return [(one, "partner", 0.4), (two, "partner", 0.4)]
    ca, cb = gazetteer.country(one.value), gazetteer.country(two.value)
    if _OUT.search(text) and (ca == "KR") != (cb == "KR"):
        korean, foreign = (one, two) if ca == "KR" else (two, one)
        return [(korean, "licensor", 0.55), (foreign, "licensee", 0.55)]
    return [(one, "licensor", 0.4), (two, "licensee", 0.4)]


# "entered a license deal with C", "C와 … 라이선스 계약": the other side of the deal
_WITH = re.compile(
    rf"\b(?:agreement|deal|contract|partnership|collaboration|pact)\s+with\s+(?:[\w-]+\s+){{0,3}}?{P}|"
    rf"{P}\)?(?:\([^()]{{2,40}}\))?\s?(?:와|과|사와|측과)\s",
    re.I,
)
_IN = re.compile(
    r"in-?licen[cs]|licen[cs](?:ed|es|ing) in\b|기술\s?도입|도입\s?계약|라이선스\s?인|"
    r"(?:로부터|으로부터)[^.]{0,60}도입",
    re.I,
)
_SALES = re.compile(r"판권|판매권|독점\s?판매|commerciali[sz]ation rights|marketing rights", re.I)
_SYMMETRIC = sides.TOGETHER_DEFAULT
_LICENCE_WORD = re.compile(r"licen[cs]|라이선스|라이센스|기술\s?이전|기술\s?수출|rights", re.I)
_ASIDE = re.compile(
    r"\b(?:also|recently|previously|earlier|in addition)\b|앞서|이전에|지난해", re.I
)
# "all three parties participated", "3사가 체결한 다자간 계약"
_THREE = re.compile(r"three parties|three-way|tripartite|trilateral|3사|삼자|다자간", re.I)


def _counterparts(marked: str, count: int, taken: set[int]) -> list[int]:
    """The parties left to take the other role: not named on the side of one already placed,
    those named as the other side of the deal ("a deal with C") first."""
    side = set(taken)
    for rx in _SAME_SIDE:
        for match in rx.finditer(marked):
            a, b = int(match.group(1)), int(match.group(2))
            if a in side or b in side:
                side |= {a, b}
    rest = [i for i in range(count) if i not in side]
    # the deal the text opens with, not a later aside ("ABL also/recently entered ... with")
    first = next(
        (
            m
            for m in _WITH.finditer(marked)
            if not _ASIDE.search(marked, marked.rfind(".", 0, m.start()) + 1, m.end())
        ),
        None,
    )
    named = int(first.group(1) or first.group(2)) if first else None
    return sorted(rest, key=lambda i: (i != named, i))


def _third(
    text: str, parties: list[Mention], out: list[tuple[Mention, str, float]]
) -> list[tuple[Mention, str, float]]:
    """A deal the text says three parties signed: the third company named gives the rights
    with the licensor."""
    if not _THREE.search(text) or not any(r == "licensor" for _, r, _ in out):
        return []
    placed = {id(m) for m, _, _ in out}
    rest = [m for m in parties if id(m) not in placed]
    return [(rest[0], "licensor", 0.4)] if rest else []


def _same_side(
    marked: str, parties: list[Mention], out: list[tuple[Mention, str, float]]
) -> list[tuple[Mention, str, float]]:
    """Parties named together with one already placed take its role."""
    placed = {id(m): role for m, role, _ in out}
    index = {id(m): i for i, m in enumerate(parties)}
    roles = {index[k]: r for k, r in placed.items()}
    more: list[tuple[Mention, str, float]] = []
    for rx in _SAME_SIDE:
        for match in rx.finditer(marked):
            a, b = int(match.group(1)), int(match.group(2))
            for known, other in ((a, b), (b, a)):
                if known in roles and other not in roles:
                    roles[other] = roles[known]
                    more.append((parties[other], roles[known], 0.5))
    return more


def investment_roles(text: str, orgs: list[Mention], lang: str) -> list[tuple[Mention, str]]:
    """The investee, then the investors."""
    marked, parties = _placeholders(text, orgs)
    if not parties:
        return []
    investee, investors = sides.investment_pair(marked)
    for rx in _INVESTEE if investee is None else []:
        match = rx.search(marked)
        if match:
            investee = int(match.group(1))
            break
    for rx in _INVESTORS:
        for match in rx.finditer(marked):
            for num in re.findall(r"⟦(\d+)⟧", match.group(1)):
                i = int(num)
                if i != investee and i not in investors:
                    investors.append(i)
    if investee is None:
        investee = next((i for i in range(len(parties)) if i not in investors), 0)
    if not investors:
        investors = [i for i in range(len(parties)) if i != investee]
    return [(parties[investee], "investee")] + [(parties[i], "investor") for i in investors]
