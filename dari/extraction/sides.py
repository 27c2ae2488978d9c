"""More of who is who: patterns `roles.py` adds to its own, for stakes bought from a seller,
acquisitions and licences told from one side, options, owners of the asset, groups of
licensors and the investor of a strategic investment.

Each pattern reads the text rewritten with each party as ⟦i⟧ (see `roles._placeholders`).
"""

from __future__ import annotations

import re

P = r"⟦(\d+)⟧"
GAP = r"[^.⟦]{0,110}?"  # within the sentence, no other party in between
WIDE = r"[^.]{0,140}?"  # within the sentence
_WIDE_LINES = r"(?:[^.\n]|\n(?!\s*\n)){0,140}?"  # within the sentence, across a line break
_BRACKET = r"(?:\s?\([^()]{0,40}\))?"  # "(대표 곽달원)", "(KRX:068270)"
_SELLER = r"(?:⟦\d+⟧['’]s?\s+|⟦\d+⟧(?:이|가)\s?보유(?:한|하고 있는|하던|중인)\s)?"

# (pattern, roles of group 1 and group 2, confidence)
PAIRS: list[tuple[re.Pattern[str], tuple[str, str], float]] = [
    # a stake bought from its holder: "agreed to buy out Biogen Inc.’s stake in the joint
    # venture Samsung Bioepis", "바이오젠이 보유한 삼성바이오에피스 지분을 모두 사들인다"
    (
        re.compile(
            rf"{P}{WIDE}\b(?:purchas\w*|acquir\w*|buy\w*|bought|tak(?:e|es|ing)|took)\s+"
            rf"(?:out\s+)?(?:all\s+(?:of\s+)?)?{_SELLER}[^.⟦]{{0,40}}?"
            rf"\b(?:stake|shares?|interest|holding)s?\s+in\s+(?:[\w’'-]+\s+){{0,3}}?{P}",
            re.I,
        ),
        ("acquirer", "target"),
        0.9,
    ),
    (
        re.compile(
            rf"{P}{_BRACKET}(?:은|는|이|가){WIDE}{_SELLER}{P}{_BRACKET}\s?(?:의\s)?(?:경영권\s)?"
            r"(?:지분|주식|구주)[^.⟦]{0,40}?(?:인수|매입|사들|취득|양수)"
        ),
        ("acquirer", "target"),
        0.9,
    ),
    # "A signed an asset acquisition agreement for 'Alimta' ... with B"
    (
        re.compile(
            rf"{P}{GAP}\b(?:signed|entered(?: into)?|inked|concluded|reached)\b[^.⟦]{{0,30}}?"
            rf"\b(?:asset\s+)?(?:acquisition|purchase|(?<!technology )transfer)\s+agreement\b"
            rf"[^.⟦]{{0,120}}?"
            rf"\bwith\s+(?:[\w-]+\s+){{0,3}}?{P}",
            re.I,
        ),
        ("acquirer", "target"),
        0.9,
    ),
    # "A has signed a deal with B in Japan to license out its ...": A gives the rights
    (
        re.compile(
            rf"{P}{GAP}\b(?:signed|entered|concluded|inked|struck|reached)\b{GAP}\bwith\s+{P}"
            r"[^.]{0,80}?\bto (?:out-?licen[cs]e|licen[cs]e out|grant|transfer|sell)\b",
            re.I,
        ),
        ("licensor", "licensee"),
        0.9,
    ),
    # "A는 B가 개발하는 … 판매권 도입계약": A takes the rights to what B develops
    (
        re.compile(
            rf"{P}(?:은|는|이|가)\s(?:[^.⟦]{{0,40}}?\s)?{P}(?:이|가)\s(?:개발|보유|발굴)"
            r"(?:하는|한|중인|해\s?온|하고\s?있는)\s[^.⟦]{0,200}?"
            r"(?:도입|판매권|판권|실시권|권리를\s?(?:확보|획득|취득))"
        ),
        ("licensee", "licensor"),
        0.85,
    ),
    # "A는 일본 B와 X의 국내 독점판매 계약": the Korean seller takes the rights
    (
        re.compile(
            rf"{P}(?:은|는|이|가){_WIDE_LINES}{P}\)?(?:\([^()]{{2,40}}\))?\s?(?:와|과|사와|측과)\s"
            r"[^.⟦]{0,80}?(?:국내|한국)\s?(?:내\s)?독점\s?(?:판매|판권|유통|공급|라이[선센]스)"
        ),
        ("licensee", "licensor"),
        0.85,
    ),
]

# One party's role from its own words.
SINGLE: list[tuple[re.Pattern[str], str, float]] = [
    # the asset's owner: "Developed by GC Pharma, Hunterase is ..."
    (
        re.compile(
            rf"\b(?:developed|discovered|invented|originated)\s+by\s+(?:[\w-]+\s+){{0,2}}?{P}",
            re.I,
        ),
        "licensor",
        0.65,
    ),
    # "Celltrion will have an option for the exclusive worldwide license"
    (
        re.compile(
            rf"{P}\s+(?:will (?:also )?have|has|have|holds?|gets?|retains?|will retain)\s+"
            rf"(?:an?|the)\s+(?:exclusive\s+)?option\b",
            re.I,
        ),
        "licensee",
        0.75,
    ),
    # the buyer told from its side: "X가 ... Y를 인수한다", "Boryung has acquired"
    (
        re.compile(
            rf"{P}{_BRACKET}(?:은|는|이|가)\s[^.]{{0,140}}?(?:을|를)\s?(?:\S+\s){{0,3}}?"
            r"인수(?:한다|했|하기로|해|하며|하고|할|키로|하는)"
        ),
        "acquirer",
        0.75,
    ),
    (
        re.compile(
            rf"{P}\s+(?:has acquired|acquired|acquires|will acquire|is to acquire|"
            rf"is acquiring|has agreed to acquire|agreed to acquire|buys|bought|is buying)\b"
            r"(?!\s+back)",
            re.I,
        ),
        "acquirer",
        0.7,
    ),
    # "Y가 ... 상업화 권리를 가진다"
    (
        re.compile(
            rf"{P}{_BRACKET}(?:은|는|이|가)\s[^.⟦]{{0,80}}?(?:권리|권한|판권|판매권|독점권)[^.⟦]{{0,10}}?"
            r"(?:가진다|가지며|가지게|갖는다|갖게|갖고)"
        ),
        "licensee",
        0.75,
    ),
]

SINGLE += [
    # "Boryung Pharma has exclusive rights to develop and sell Zepsyre in Korea"
    (
        re.compile(
            rf"{P}\s+(?:has|have|will have|holds?|will hold|now holds?)\s+(?:the\s+)?"
            r"(?:exclusive\s+)?(?:global\s+|worldwide\s+|domestic\s+|regional\s+)?"
            r"(?:[\w-]+\s+){0,2}?rights?\s+to\s+(?:develop|commerciali|sell|market|import|distribut)",
            re.I,
        ),
        "licensee",
        0.75,
    ),
    # a Korean disclosure's counterparty ("계약 상대방은 중국의 IMEIK테크놀로지다") takes the rights
    (
        re.compile(
            rf"^(?:(?!도입|라이선스\s?인)[\s\S])*?계약\s?상대(?:방|자)(?:은|는|이)\s(?:\S+\s){{0,2}}?{P}"
        ),
        "licensee",
        0.55,
    ),
    # ... the giver when the discloser brings the rights in ("라이선스 도입 계약")
    (
        re.compile(
            rf"(?:도입|라이선스\s?인)[\s\S]{{0,400}}?계약\s?상대(?:방|자)(?:은|는|이)\s(?:\S+\s){{0,2}}?{P}"
        ),
        "licensor",
        0.9,
    ),
    # "휴온스는 기술 이전료로 총 6억원을 아이진에 지불": the payer takes the technology
    (
        re.compile(rf"{P}(?:은|는|이|가)[^.⟦]{{0,80}}?(?:지불|지급)(?:하게|한다|했|하기로|하고)"),
        "licensee",
        0.7,
    ),
]
PAIRS += [
    (
        re.compile(
            rf"{P}(?:은|는|이|가)[^.⟦]{{0,60}}?(?:기술\s?이전료|기술료|계약금|로열티|대가)[^.⟦]{{0,40}}?"
            rf"{P}(?:에|에게)\s?(?:\S+\s)?(?:지불|지급)"
        ),
        ("licensee", "licensor"),
        0.9,
    ),
    # "A has signed a deal to license its biosimilar of Soliris to B", "A would export a
    # technology ... to B": the infinitive, the giver first
    (
        re.compile(
            rf"{P}{GAP}\bto (?:licen[cs]e|out-?licen[cs]e|export|transfer|sell)\s+(?:out\s+)?"
            rf"(?:its|their|the)\b[^.⟦]{{0,140}}?\bto\s+(?:[\w’'.-]+\s+){{0,3}}?{P}",
            re.I,
        ),
        ("licensor", "licensee"),
        0.85,
    ),
    # "A has clinched a deal with B to license out its technology": the one the deal is with
    # takes it
    (
        re.compile(
            rf"{P}{GAP}\bwith\s+(?:[\w.-]+\s+){{0,2}}?{P}[^.⟦]{{0,40}}?\bto\s+(?:out-?licen[cs]e|"
            rf"licen[cs]e out|export|transfer)\b",
            re.I,
        ),
        ("licensor", "licensee"),
        0.85,
    ),
]

PAIRS += [
    # the payer named first: "B가 A에 계약금 100억원을 지급하는"
    (
        re.compile(
            rf"{P}{_BRACKET}(?:은|는|이|가)\s[^.⟦]{{0,60}}?{P}{_BRACKET}\s?(?:에|에게|측에)\s"
            r"(?!따른|따라|대한|대해|관한)(?:\S+\s){0,3}?(?:계약금|선급금|선수금|기술료|마일스톤|로열티|대가)[^.⟦]{0,40}?"
            r"(?:지급|지불)"
        ),
        ("licensee", "licensor"),
        0.9,
    ),
    # rights to what the other made: "B는 A가 개발한 항체의 중국 내 권리를 사들였다"
    (
        re.compile(
            rf"{P}{_BRACKET}(?:은|는|이|가)\s[^.⟦]{{0,60}}?{P}{_BRACKET}(?:이|가)\s?"
            r"(?:개발한|개발 중인|개발하고 있는|보유한|보유하고 있는)[^.⟦]{0,60}?"
            r"(?:권리|판권|권한|실시권)[^.⟦]{0,20}?(?:사들|매입|확보|획득|인수|도입|취득)"
        ),
        ("licensee", "licensor"),
        0.85,
    ),
]

PAIRS += [
    # "A has appointed B as the exclusive distributor for its drug": A gives the rights
    (
        re.compile(
            rf"{P}{GAP}\bappoint(?:s|ed|ing)?\s+{P}\s+as\s+(?:its\s+|the\s+|an?\s+)?"
            r"(?:exclusive\s+|sole\s+)?(?:[\w-]+\s+)?(?:distributor|licensee|marketing partner)",
            re.I,
        ),
        ("licensor", "licensee"),
        0.85,
    ),
    # "A agreed to buy B", "A will buy B": the buyer first
    (
        re.compile(
            rf"{P}{GAP}\b(?:to buy|will buy|would buy|agreed to buy|plans to buy|buying)\s+"
            rf"(?:(?!rights?\b|licen)[^.⟦]){{0,60}}?{P}",
            re.I,
        ),
        ("acquirer", "target"),
        0.85,
    ),
    # the one bought first: "A agreed to be acquired by B", "A will be bought by B"
    (
        re.compile(
            rf"{P}{GAP}\b(?:be|been|being|is|was|were)\s+(?:acquired|bought|purchased|taken over)"
            rf"\s+by\s+(?:[\w’'-]+\s+){{0,2}}?{P}",
            re.I,
        ),
        ("target", "acquirer"),
        0.9,
    ),
    # "A는 B에 매각됐다", "A가 B에 사업부를 매각했다": the seller first
    (
        re.compile(
            rf"{P}{_BRACKET}(?:은|는|이|가)\s[^.⟦]{{0,60}}?{P}{_BRACKET}\s?(?:에|에게)\s"
            r"(?:\S+\s){0,4}?\S*매각"
        ),
        ("target", "acquirer"),
        0.85,
    ),
]

# Named on one side together: "HK이노엔(대표 ...)은 아이엠바이오로직스(대표 ...)와
# 와이바이오로직스(...) 등 3사가 공동으로 개발한", "엔도그룹의 캐나다 소재 자회사인 팔라딘 랩스"
SAME_SIDE: list[re.Pattern[str]] = [
    re.compile(
        rf"{P}{_BRACKET}\s?(?:와|과|및)\s?{P}{_BRACKET}\s?등\s?(?:\d|두|세|네)\s?(?:개\s?)?사"
    ),
    re.compile(
        rf"{P}{_BRACKET}(?:은|는|이|가)\s{P}{_BRACKET}\s?(?:와|과|및)\s?⟦\d+⟧{_BRACKET}\s?등\s?"
        r"(?:\d|세|네)\s?(?:개\s?)?사"
    ),
    # one side's two companies doing one side's part: "A and B will supply the drug", "A and B
    # will receive milestones" (not "will share": both sides share)
    re.compile(
        rf"(?:^|[.\n]\s*)(?:[\w,]+\s+){{0,4}}?{P},?\s+and\s+{P}\s+(?:will|would|shall)\s+"
        rf"(?:also\s+)?(?:jointly\s+)?"
        rf"(?:supply|manufacture|receive|be eligible|grant|retain|pay)\b",
        re.I,
    ),
]

# The investor and the company it invests in: "Dong-A ST made a strategic investment of ₩25
# billion in Seoul-based Idience", "동아에스티는 ... 아이디언스에 ... 지분투자",
# "동아에스티는 약 250억원을 투자해 아이디언스의"
INVESTS: list[re.Pattern[str]] = [
    re.compile(
        rf"{P}{WIDE}\binvest(?:ment|s|ed|ing)?\b[^.⟦]{{0,80}}?\bin\s+(?:[\w,.-]+\s+){{0,4}}?{P}",
        re.I,
    ),
    re.compile(rf"{P}(?:은|는|이|가){WIDE}{P}(?:에|에게)\s[^.⟦]{{0,60}}?투자"),
    re.compile(rf"{P}(?:은|는|이|가)[^.⟦]{{0,60}}?투자(?:해|하여|하고)\s{P}의"),
]
_INVESTING_IN = re.compile(rf"\binvest(?:ing|ed)\b[^.⟦]{{0,60}}?\bin\s+{P},?\s+{P}", re.I)
# "앱클론은 제3자 배정 유상증자에 종근당이 전략적투자자(SI)로 참여": the one raising, the one taking
ISSUER = re.compile(rf"{P}{_BRACKET}(?:은|는|이|가)\s[^.⟦]{{0,40}}?(?:유상\s?증자|제3자\s?배정)")
SUBSCRIBER = re.compile(
    rf"{P}(?:이|가)\s[^.⟦]{{0,30}}?(?:참여|투자자로|인수(?:한다|했))|"
    rf"(?:유상\s?증자|제3자\s?배정)[^.⟦]{{0,20}}?(?:대상자?는|대상자로)\s?{P}"
)


def investment_pair(marked: str) -> tuple[int | None, list[int]]:
    """(the investee, the investors) a strategic investment names, or (None, [])."""
    for rx in INVESTS:
        match = rx.search(marked)
        if match and match.group(1) != match.group(2):
            return int(match.group(2)), [int(match.group(1))]
    match = _INVESTING_IN.search(marked)
    if match and match.group(1) != match.group(2):
        return int(match.group(1)), [int(match.group(2))]
    issuer = ISSUER.search(marked)
    if issuer:
        who = int(issuer.group(1))
        takers = [
            int(m.group(1) or m.group(2))
            for m in SUBSCRIBER.finditer(marked)
            if int(m.group(1) or m.group(2)) != who
        ]
        return who, list(dict.fromkeys(takers))
    return None, []


_TOGETHER = re.compile(
    r"co-?develop|jointly develop|joint development|development partnership|research collaboration|"
    r"공동\s?개발|공동\s?연구",
    re.I,
)
# A deal no verb directs is a partnership when it speaks of working together, no rights
# handed over: co-development, a partnership or a joint venture (not one to sell a product,
# "판매 관련 파트너십 계약", nor a purchase of shares)
TOGETHER_DEFAULT = re.compile(
    r"co-develop|jointly develop|joint development|공동\s?개발|공동\s?연구|"
    r"\A(?!.*(?:판매|판권|\bsales\b|\bsell|commerciali|marketing|distribut|"
    r"인수|취득|지분|주식|\bacquir|\bstake\b|\bshares\b))"
    r"(?:.*(?:joint[- ]venture|partnership agreement|합작|파트너십\s?(?:계약|협약)|업무\s?협약))",
    re.I | re.S,
)
_BOTH_WAYS = re.compile(r"상호|반대로|\bmutual(?:ly)?\b|vice versa|each other", re.I)
_LICENCE_WORD = re.compile(
    r"licen[cs]|technology transfer|라이선스|라이센스|기술\s?이전|기술\s?수출", re.I
)
_LATER = re.compile(r"first negotiation|right of first|\boption\b|우선\s?협상|옵션", re.I)
_MONEY = re.compile(r"[$€£¥₩]|\b(?:USD|KRW|million|billion|won)\b|억\s?원|만\s?달러|억\s?달러")


def symmetric(text: str) -> bool:
    """A collaboration with no giver and taker: both develop and either may license in what
    comes of it ("반대로 싸이런이 ... 사용할 경우 셀트리온이 기술료를 지급받게 된다"), or a
    development partnership whose only licence is a later right ("the right of first
    negotiation ... for global in-licensing") and that states no money."""
    first = text.strip()[:300]
    if not _TOGETHER.search(text):
        return False
    if _BOTH_WAYS.search(text) and not _LICENCE_WORD.search(first):
        return True
    if not _TOGETHER.search(first) or _MONEY.search(text):
        return False
    for match in _LICENCE_WORD.finditer(text):
        if not _LATER.search(text, max(0, match.start() - 100), match.start()):
            return False
    return True


# working together, in a release's lead: a collaboration (the partners' deal, when no verb
# gives one of them the rights)
_COLLABORATION = re.compile(
    r"collaborat|cooperat|co-?develop|co-?research|joint(?:ly)?\s+(?:develop|research|work|own|"
    r"discover|stud)|partnership|alliance|joint[- ]venture|both (?:companies|firms|parties)|"
    r"the two (?:companies|firms|drugmakers) will|협력|협업|공동\s?(?:개발|연구)|합자|합작|양사는",
    re.I,
)
# a licence for later or to a venture of both, not one handed over now
_NOT_NOW = re.compile(
    _LATER.pattern + r"|future|potential|later|opportunity|either|joint[- ]venture|new company|"
    r"jointly own|향후|합자|합작",
    re.I,
)


# one side sells or supplies what the other made: a flow of rights, however it is called
_TRADE = re.compile(
    r"판매|판권|공급|commerciali|distribut|suppl(?:y|ies|ying)|upfront|royalt|\bsales\b|marketing",
    re.I,
)


def collaboration(text: str) -> bool:
    """Two companies working together with no rights handed from one to the other now: the
    lead speaks of a collaboration, every licence word is about a later one (an option, a
    future licence, a venture of both), and the text states no money and no sale or supply."""
    if not _COLLABORATION.search(text.strip()[:400]) or _MONEY.search(text):
        return False
    flows = [*_LICENCE_WORD.finditer(text), *_TRADE.finditer(text)]
    return all(_NOT_NOW.search(text, max(0, m.start() - 80), m.end() + 40) for m in flows)
