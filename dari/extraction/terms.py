"""A deal's financial terms: which amount of money is the upfront, the milestones, the total.

Each amount stated in the text is read with the conversions bracketed after it ("$15 million
(약 207억원)", "4098억원(3억6350만 달러)"): one term, its value in two currencies. A term's
role comes from the words right after it ("$40 million upfront", "in milestones") or else
from the keyword closest before it ("계약금 500만 달러", "up to $1.2 billion in ...").
Amounts that are not terms are left out: a company's sales or equity ("매출액 137억원을
넘는"), comparisons ("1000억원이 넘는"), sums per programme ("$310 million per target").
The currency is the one in which the text gives the most terms (the first stated on a tie);
a dollar figure stated beside an upfront or total in won (etc.): `upfront_usd`, `total_usd`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from dari.extraction import notterms, termwords
from dari.extraction.model import Candidate, Mention

# The words just before an amount (the closest keyword wins).
_BEFORE: list[tuple[str, re.Pattern[str]]] = [
    (
        "near_term",
        re.compile(r"near[- ]term|short[- ]term|단기\s?(?:마일스톤|기술료|성과금)", re.I),
    ),
    (
        "upfront",
        re.compile(
            r"up[- ]?front|(?:upon|on|at) signing|signing (?:fee|payment|bonus)|initial payment|"
            r"one[- ](?:time|off) (?:cash )?payment|lump[- ]sum|"
            r"non-?refundable (?:and non-?creditable )?(?:cash )?(?:payment|fee|deposit)|"
            r"down[- ]payment|contract (?:payment|fee)|fronting|"
            # "반환의무가 없는 선급기술료 8억 원": a fee paid first is the upfront
            r"선급\s?(?:기술료|기술이전료|로열티)|선(?:지)?급금|"
            # "로열티 700만 달러를 받고 ... 독점 판매권을 제공": a fixed sum called royalty, the
            # licence fee paid for the rights (not a rate on sales)
            r"(?<!경상)(?<!경상\s)로열티(?=\s*$)|선수금|선\(先\)\s?계약금|선금|업프론트|\binitial(?=\s*$)|(?<!총\s)(?<!총)계약금(?!액)|반환\s?의무|"
            r"우선(?!\s?협상)",
            re.I,
        ),
    ),
    (
        "milestones",
        re.compile(
            r"milestone|마일스톤|마이스톤|마일드스톤|단계별|성과\s?기술료|(?<!경상\s)(?<!경상)(?<!선급)(?<!선급\s)기술료|"
            r"contingent (?:payment|consideration)|(?:success|performance|event)[- ]based|"
            # "depend on the success of each development stage and could be as high as"
            r"(?:success|completion) of (?:each|every) (?:\w+\s)?stage|"
            r"단계(?:를\s?(?:밟을|거칠|통과할)\s?때마다|마다|에\s?따라)|"
            r"개발\W{0,3}(?:\w+\W{0,3}){0,3}상업화에 따라",
            re.I,
        ),
    ),
    (
        "option",
        re.compile(
            r"option (?:exercise )?(?:fee|payment)s?|옵션\s?(?:행사)?\s?(?:비|료|대금)|"
            r"option,?\s(?:which is |that is )?(?:valued|worth)(?: at)?",
            re.I,
        ),
    ),
    ("equity", re.compile(r"equity|invest(?:s|ed|ing|ment)?\b|지분|투자", re.I)),
    (
        "total",
        re.compile(
            r"total|worth|valued|aggregate|deal value|biobucks|amounts? to|amounting to|"
            r"총|규모|전체|계약\s?금액|달하",
            re.I,
        ),
    ),
]
# The words right after an amount ("$40 million upfront", "in milestones").
_AFTER: list[tuple[str, re.Pattern[str]]] = [
    (
        "upfront",
        re.compile(
            r"\s*(?:(?:is|was|are|were|will be)\s+)?(?:(?:paid|payable|due)\s+)?"
            r"(?:as\s+(?:an?\s+)?(?:non-refundable\s+)?)?(?:in\s+|of\s+)?"
            r"(?:an?\s+|the\s+)?(?:cash\s+)?"
            r"(?:up[- ]?front|down[- ]payment|signing|initial|non-?refundable|contract fee)|"
            r"\s*(?:의|은|는|을|를|이|가)?\s?(?:계약금|선급금|선수금|업프론트)|\s*(?:을|를)\s?(?:먼저|우선)\s?(?:받|수령)|"
            # paid when the contract is signed or closed: "6500만달러를 계약완료 시점으로부터
            # 일주일 이내에", "$50 million at closing", "within 30 days of signing"
            r"\s*(?:을|를)?\s?계약\s?(?:체결|완료|종료)?\s?(?:시점|즉시|직후|과\s?동시에|시\b)|"
            r"\s*(?:upon|on|at) (?:the\s+)?signing\b|"
            r"\s*within \w+ (?:business\s+)?days (?:of|after) (?:the\s+)?signing",
            re.I,
        ),
    ),
    ("near_term", re.compile(r"\s*(?:in\s+)?(?:near|short)[- ]term", re.I)),
    # "up to $1.7 billion on net sales, including milestones for development": the whole
    (
        "total",
        re.compile(
            r"\s*(?:(?:on|in|of)\s+[\w\s-]{0,30}?)?,?\s*including\s+(?:the\s+|all\s+)?"
            r"(?:[\w-]+\s+){0,3}?milestones?\b",
            re.I,
        ),
    ),
    # paid on an event after signing: "$20 million upon completion of the technology
    # transfer", "$5 million on approval"
    (
        "milestones",
        re.compile(
            r"\s*(?:payable\s+)?(?:upon|after|on)\s+(?:the\s+)?(?:successful\s+)?(?:completion|"
            r"achievement|approval|launch|first commercial sale|filing|submission)\b",
            re.I,
        ),
    ),
    (
        "milestones",
        re.compile(
            r"\s*(?:dollars?\s+|won\s+)?(?:more\s+|additional\s+|further\s+)?"
            r"(?:in|of|as|if|upon|on|for|from|tied to|linked to|based on|contingent on|pending|"
            r"dependent on|payable (?:up)?on|subject to)\s+"
            r"(?:(?!total\b)[\w,&/'’-]+\s+){0,14}?\(?(?:milestone|technology fee)|"
            r"\s*in\s+(?:\w+\s+)?biobucks\b|"  # ("a $1B biobucks deal": the whole)
            r"[^.]{0,60}?\bcontingent (?:up)?on\s+(?:[\w-]+\s+){0,5}?achiev|"
            # "나머지 12억2500만 달러는 ‘개발이 잘 돼야 받는’ 마일스톤": a quoted gloss between
            r"\s*(?:의|은|는|을|를|이|가)?\s?(?:[‘'\"“][^’'\"”]{0,20}[’'\"”]\s?)?(?:마일스톤|단계별)|"
            # "1천700만 달러 이상 연구진행단계별 기술료": at least that much in milestones
            r"\s*이상\s?[^\s.]{0,8}?(?:마일스톤|단계별)",
            re.I,
        ),
    ),
    ("total", re.compile(r"\s*(?:in total|in all|total)", re.I)),
    # "$1.42 billion each time certain drug development objectives are attained"
    (
        "milestones",
        re.compile(
            r"\s*(?:each time|whenever|as|once|when|if)\s+(?:[\w-]+\s+){0,5}?"
            r"(?:objectives|goals|targets|stages)\s+(?:are|is|have been)\s+"
            r"(?:attained|achieved|met|reached|completed)",
            re.I,
        ),
    ),
    ("equity", notterms.EQUITY_AFTER),
]
# "upfront and milestone payments", "down payment, development and sales milestone payments"
_AND_MILESTONES = re.compile(
    r"\s*(?:payments?\s*)?(?:,\s*|\s?(?:and|&)\s+)(?:[\w-]+,?\s+){0,4}?milestone", re.I
)
_INCLUDES = re.compile(r"\W{0,3}(?:\s?등)?(?:을|를|까지)?\s?포함(?:해|하여|한|하면|\s|$)", re.I)
_UP_TO = re.compile(r"up to|as much as|최대", re.I)
_ETC = re.compile(r"[^\s.]{0,6}\s?(?:[(（][^)）]{0,20}[)）]\s?)?등(?:을|이|으로|의)?(?=\s|$)")
_ROUGH_AFTER = re.compile(r"\s?(?:단위|가량|안팎|대의?\s)")  # "2조 단위 규모의 계약"
_ROUGH = re.compile(r"(?:약|about|around|approximately|roughly|some)\s*$", re.I)
_UPFRONT_WORD = re.compile(
    r"up[- ]?front|down[- ]payment|initial payment|선급금|선수금|선금|계약금", re.I
)
_UPFRONTS = re.compile(r"up[- ]?front (?:fees|payments)\s+(?:of\s+)?(?:totall?ing\s+)?$", re.I)
_NEARING_BEFORE = re.compile(r"(?:nearing|close to|almost|nearly|approaching)\s*$", re.I)
_NEARING_AFTER = re.compile(r"\s*(?:에|으로|로)?\s?(?:육박|가까운|근접)")
_RECEIVES = re.compile(r"\b(?:will )?(?:receive[sd]?|get|gets|be paid)\s*$", re.I)
_NEAR_WORD = re.compile(r"near[- ]term|short[- ]term|단기", re.I)
# more money tied to the drug's progress: "get an additional US$85 million for clinical
# development and commercialization"
_MORE_BEFORE = re.compile(r"(?:additional|further|another)\s*$", re.I)
_MORE_AFTER = re.compile(r"\s*(?:more|additional|further)\b", re.I)
# between a role word and "total": "upfront payment totalling", "milestone payments that could
# total", "선급금은 총"
_SAME_SUM = re.compile(
    r"(?:\s*,?\s*(?:payments?|fees?|that|which|could|may|might|would|will|can|potentially|of)\b)*\s*|"
    # "각 단계를 밟을 때마다 받는 금액은 총": the stages' money
    r"\s*(?:(?:을|를)\s?(?:밟을|거칠|통과할)\s?때마다|마다)?\s*(?:받는|받을|받게 되는|수령하는|"
    r"수령할|지급받는|지급하는)?\s*(?:금액|돈)?(?:은|는|이|가|으로|로)?\s*",
    re.I,
)
_PROGRESS_AFTER = re.compile(
    r"\s*(?:for|upon|on|based on|tied to|depending on)\s+(?:the\s+)?(?:successful\s+)?"
    r"(?:clinical\s+)?(?:development|regulatory|approvals?|commerciali[sz]ation|launch)",
    re.I,
)
_CONVERSION = re.compile(
    r"\s*[(（]\s*(?:한화|원화|약|about|approx\.?|approximately|around|roughly|nearly|US|KRW|"
    r"\s)*\s*"
)


@dataclass
class Term:
    """One stated amount and its bracketed conversions: currency -> value."""

    mention: Mention
    values: dict[str, int | float] = field(default_factory=dict)
    mentions: dict[str, Mention] = field(default_factory=dict)
    end: int = 0
    role: str | None = None
    said_after: int = 0  # where the words naming it after the amount end ("upfront")
    joint: bool = False  # an upfront stated together with near-term milestones


def _terms(text: str, found: list[Mention]) -> list[Term]:
    terms: list[Term] = []
    for m in found:
        last = terms[-1] if terms else None
        if (
            last is not None
            and m.value[1] not in last.values
            and _CONVERSION.fullmatch(text[last.end : m.start])
        ):
            last.values[m.value[1]] = m.value[0]
            last.mentions[m.value[1]] = m
            last.end = m.end
            continue
        terms.append(Term(m, {m.value[1]: m.value[0]}, {m.value[1]: m}, m.end))
    return terms


def _before(text: str, start: int, floor: int, width: int = 90) -> str:
    """The words just before an amount: within its sentence, after the previous amount."""
    before = text[max(floor, start - width) : start]
    cuts = [before.rfind(". "), before.rfind("\n\n")]
    cuts += [m.start() for m in re.finditer(r"(?<=[.!?:。])\s*\n", before)]
    cut = max(cuts)
    return before[cut + 1 :] if cut >= 0 else before


def _after(text: str, end: int, ceiling: int) -> str:
    """The words right after an amount, a bracketed conversion or aside skipped."""
    after = text[(end := termwords.past_aside(text, end)) : min(ceiling, end + 130)]
    after = re.sub(r"^\s*[(（][^)）]{0,40}[)）]|^\s*[)）]", "", after)
    return re.split(r"(?<!\d)[.;](?!\d)", after, maxsplit=1)[0]


def _role(text: str, term: Term, floor: int, ceiling: int) -> tuple[str | None, str | None]:
    """(the role, the runner-up role before it) of one term; ("skip", None) for no term.
    `floor` is past the words that named the amount before it ("$17m upfront and up to
    $385m in milestones": "upfront" is the first amount's)."""
    after = _after(text, term.end, ceiling)
    before = _before(text, term.mention.start, floor)
    if notterms.not_term(after, before):
        return "skip", None
    wide = _before(text, term.mention.start, floor, 240)
    if notterms.MARKET_GROWTH.search(wide) or notterms.UNDISCLOSED_GUESS.search(wide):
        return "skip", None
    # ("an additional 48.1 billion yen as a milestone payment after ... approval" is the rest)
    if (
        not _UP_TO.search(before[-20:])
        and not _MORE_BEFORE.search(before)
        and (notterms.ONE_PAYMENT_BEFORE.search(before) or notterms.ONE_PAYMENT_AFTER.match(after))
    ):
        return "skip", None
    # "시장 규모는 ... 2조원이다. 2017년에는 3조5000억원으로 늘어날 것으로": a market's forecast
    if notterms.GROWS_TO.match(after) and re.search(
        r"시장|market", text[max(0, term.mention.start - 160) : term.mention.start], re.I
    ):
        return "skip", None
    # "선급금 20억원을 포함해 ... 최대 300억원": the whole that holds the amount before it
    if floor and term.mention.start - floor < 90 and _INCLUDES.match(text, floor):
        return "total", None
    if _MORE_BEFORE.search(before) and _PROGRESS_AFTER.match(after):
        return "milestones", None
    more = _MORE_AFTER.match(after)  # "as much as $92 million more tied to development goals"
    if more and _PROGRESS_AFTER.match(after[more.end() :]):
        return "milestones", None
    ends: list[tuple[int, int, str]] = []
    for name, rx in _BEFORE:
        ends += [(match.start(), match.end(), name) for match in rx.finditer(before)]
    ends.sort(key=lambda e: (e[1], e[1] - e[0]))  # the closest; on a tie, the longest
    matched = next(((r, m) for r, rx in _AFTER if (m := rx.match(after))), None)
    if matched is not None:
        role, match = matched
        # a keyword right before the amount outweighs one reached after many words
        # ("an option exercise payment of $200 million as well as ... milestone payments")
        close = ends and len(before) - ends[-1][1] <= 15 and ends[-1][2] != "total"
        if not (close and match.end() > 30):
            term.said_after = term.end + len(after) - len(after.lstrip()) + match.end()
            said = match.group(0)
            # "for upfront fees and near-term milestones": the upfront, as one sum
            if role == "milestones" and _UPFRONT_WORD.search(said) and _NEAR_WORD.search(said):
                role, term.joint = "upfront", True
            elif role == "milestones" and _UPFRONT_WORD.search(said):
                role = "total"  # "up to $340M in upfront and milestone payments": the whole
            elif role == "upfront" and (listed := _AND_MILESTONES.match(after[match.end() :])):
                # "$175 million in upfront payments, near-term milestone payments": the upfront;
                # "$10 million upfront and milestone payments of up to $250 million": the
                # milestones are the next amount's
                rest = text[term.end : ceiling]
                own = ceiling - term.end > 120 or re.search(r"[.!?。](?!\d)|\n", rest)
                role = "upfront" if _NEAR_WORD.search(listed.group(0)) or not own else "total"
            return role, None
    ends, renamed = termwords.reread(before, after, ends, wide)
    if renamed is not None:
        return renamed, None
    if not ends:
        return None, None
    # "an upfront fee, development and commercial milestone payments that could reach $511
    # million": the kinds listed together before one amount name its whole
    if ends[-1][2] == "milestones" and termwords.listed(before[: ends[-1][0]]):
        return "total", "milestones"
    # "선급금(비공개), ... 판매에 따른 마일스톤 등 최대 7억달러": the upfront and the
    # milestones listed, then "등" (and the rest): their whole
    if (
        ends[-1][2] == "milestones"
        and _ETC.match(before[ends[-1][1] :])
        and any(e[2] == "upfront" for e in ends[:-1])
    ):
        return "total", "milestones"
    # "계약 규모는 기술료를 포함해 약 X": a word the amount includes is not its role; an
    # amount that includes the milestones is the whole ("단계별 마일스톤을 포함해 최대 17억
    # 달러")
    if _INCLUDES.match(before[ends[-1][1] :]):
        if ends[-1][2] in ("milestones", "near_term"):
            return "total", None
        ends = ends[:-1]
        if not ends:
            return None, None
    role = ends[-1][2]
    runner = next((e[2] for e in reversed(ends[:-1]) if e[2] != role), None)
    # "선급금은 총 950만 달러", "upfront payment totalling": the role word, not "total"
    gap = before[ends[-2][1] : ends[-1][0]] if len(ends) > 1 else ""
    if role == "total" and len(ends) > 1 and (len(gap) <= 6 or _SAME_SUM.fullmatch(gap)):
        if _INCLUDES.match(gap):  # "마일스톤과 기술료 포함 총 3800억원": the whole
            return role, None
        # "upfront and potential milestone payments worth up to": the kinds listed, the whole
        if ends[-2][2] == "milestones" and termwords.listed(before[: ends[-2][0]]):
            return role, None
        # ... unless two kinds joined precede it: "계약금과 마일스톤이 총 5000만 유로",
        # "계약금과 마일스톤 기술료 총액은"
        joined = [ends[-2]]
        while len(joined) < len(ends) - 1 and joined[-1][0] - ends[-len(joined) - 2][1] <= 4:
            joined.append(ends[-len(joined) - 2])
        if len({e[2] for e in joined}) > 1:
            return role, None
        return ends[-2][2], role
    # words side by side name one sum: "upfront and near-term payments of", "short-term
    # milestones", "선급금과 단기 성과금(마일스톤)으로": the upfront, else the near-term
    chain = [ends[-1]]
    while len(chain) < len(ends) and chain[-1][0] - ends[-len(chain) - 1][1] <= 6:
        chain.append(ends[-len(chain) - 1])
    kinds = {e[2] for e in chain}
    if role in ("near_term", "milestones") and len(chain) > 1:
        if "upfront" in kinds and "near_term" in kinds:
            term.joint = True
            return "upfront", role
        if "near_term" in kinds:
            return "near_term", role
    return role, runner


def _choose_total(terms: list[Term], currency: str) -> Term:
    """The largest total; a rounded restatement of it (a headline's "$48 mn" for "$47.5
    million") gives way to the precise figure."""
    big = max(terms, key=lambda t: t.values[currency])
    near = [t for t in terms if t.values[currency] >= 0.97 * big.values[currency]]
    return max(near, key=lambda t: (termwords.digits(t.values[currency]), t.values[currency]))


# A milestone's kind named just before it: "development milestones of up to", "개발
# 마일스톤은 ... 최대", "상업화에 따른 마일스톤은", "sales milestones of".
_KIND = re.compile(
    r"(?:develop\w*|regulator\w*|approval|clinical|sales|commercial\w*|launch|"
    r"개발|임상|허가|승인|상업화|판매|매출)[^.\d]{0,30}$",
    re.I,
)


# "$50 million in development milestones", "$200 million in sales milestones"
_KIND_AFTER = re.compile(
    r"\s*(?:in|of|upon|on)\s+(?:the\s+)?(?:(?:achiev|meet|reach)\w*\s+)?(?:of\s+)?"
    r"(?:certain\s+|various\s+|specified\s+)?(?:potential\s+)?(?:develop\w*|regulator\w*|approval|clinical|sales|"
    r"commercial\w*|launch)(?:[\w\s,-]{0,20}?)\s+milestones?",
    re.I,
)
_JOINED = re.compile(r"\s*(?:와|과|및|,|and|or)\s*", re.I)
_EACH = re.compile(r"각각|respectively", re.I)


def _sum_milestones(
    text: str, labelled: dict[str, Term], stated: list[Term], currency: str, totals: int = 1
) -> None:
    """Milestones stated by kind ("$48 million in development milestones and $60 million in
    sales milestones", "개발 마일스톤은 최대 180억원이다. 상업화 마일스톤은 1800억원")
    are their sum: in one sentence when upfront and sum make the total; across sentences
    when each names its kind and the sum makes the total (or no total is stated)."""
    if len(stated) < 2:
        return
    both = sum(t.values[currency] for t in stated)
    one_sentence = not re.search(
        r"[.!?。](?!\d)|\n", text[stated[0].end : stated[-1].mention.start]
    )
    if "total" not in labelled:
        kinds = all(
            _KIND.search(text[max(0, t.mention.start - 45) : t.mention.start])
            or _KIND_AFTER.match(text[t.end : t.end + 70])
            for t in stated
        )
        each = one_sentence and _EACH.search(
            text[max(0, stated[0].mention.start - 60) : stated[-1].end + 20]
        )
        if (kinds or each) and len(stated) <= 3:
            first = stated[0]
            labelled["milestones"] = Term(first.mention, {currency: both}, first.mentions)
        return
    whole = labelled["total"].values[currency]
    up = labelled["upfront"].values[currency] if "upfront" in labelled else 0
    near = labelled["near_term"].values[currency] if "near_term" in labelled else 0
    # each named by its kind after it ("$525M upon achieving regulatory milestones and
    # $862.5M in commercial milestones"): parts of the total, summed
    if (
        len(stated) <= 3
        and up + near + both <= whole * 1.005
        and all(_KIND_AFTER.match(text[t.end : t.end + 70]) for t in stated)
    ):
        first = stated[0]
        labelled["milestones"] = Term(first.mention, {currency: both}, first.mentions)
        return
    # the parts adding up to the only total stated is reason enough, in one sentence or
    # across; beside a sub-total ("for a total of $200 million") they must name their kinds
    adds_up = abs(up + near + both - whole) <= 0.005 * whole
    if not (one_sentence or totals <= 1) and not all(
        _KIND.search(text[max(0, t.mention.start - 45) : t.mention.start]) for t in stated
    ):
        return
    if adds_up:
        first = stated[0]
        labelled["milestones"] = Term(first.mention, {currency: both}, first.mentions)


def money(text: str, cand: Candidate, found: list[Mention]) -> None:
    """Put currency, upfront, near_term, milestones, total and equity on `cand`."""
    terms = _terms(text, found)
    if not terms:
        return
    for i, term in enumerate(terms):
        floor = max(terms[i - 1].end, terms[i - 1].said_after) if i else 0
        ceiling = termwords.ceiling(text, term.end, [t.mention.start for t in terms[i + 1 :]])
        role, runner = _role(text, term, floor, ceiling)
        if role == "upfront" and runner == "milestones" and not term.joint:
            if any(t.role == "upfront" for t in terms[:i]):
                role = "milestones"  # "마일스톤) 계약금 920억원" after the upfront
        # "각각 최대 1억1650만달러와 1억8050만달러", "$48 million and $60 million": an amount
        # joined to the one before it, with no word of its own, shares its role
        if role is None and i and _JOINED.fullmatch(text[terms[i - 1].end : term.mention.start]):
            role = terms[i - 1].role if terms[i - 1].role != "skip" else None
            # "upfront fees of $50,000 and $10.0 million": upfront payments in parts, summed
            prev = terms[i - 1]
            said = text[max(0, prev.mention.start - 30) : prev.mention.start]
            if (
                role == "upfront"
                and _UPFRONTS.search(said)
                and set(term.values) == set(prev.values)
            ):
                for c in prev.values:
                    prev.values[c] += term.values[c]
                role = "skip"
        term.role = role
    # no deal term is this small: a share's price, a fee per dose ("7,560 won", "$6.80")
    for t in terms:
        value, cur = t.mention.value
        if value < (10**6 if cur in ("KRW", "JPY") else 10**4):
            t.role = "skip"
    terms = [t for t in terms if t.role != "skip"]
    if not terms:
        return  # every amount was a company's own figure or a comparison
    # the currency in which the text gives the most of its terms (the first stated on a tie)
    order: list[str] = []
    for t in terms:
        order += [c for c in t.values if c not in order]
    roled = [t for t in terms if t.role in ("upfront", "milestones", "total", "near_term")]

    # on a tie, the first stated currency; a headline's rounded restatement ("약 2조원에
    # 수출" before "13억5000만 달러(약 2조원)") is a conversion, not the text's own currency
    own = [
        t
        for t in terms
        if len(t.values) > 1
        or not (
            _ROUGH.search(text[max(0, t.mention.start - 12) : t.mention.start])
            or _ROUGH_AFTER.match(text, t.end)
        )
    ]
    first = [c for t in own or terms for c in t.values]

    def coverage(c: str) -> tuple[int, int]:
        return sum(1 for t in roled if c in t.values), -(first + order).index(c)

    currency = max(order, key=coverage) if order else terms[0].mention.value[1]
    mine = [t for t in terms if currency in t.values]
    labelled: dict[str, Term] = {}
    plain: list[Term] = []
    for t in mine:
        if t.role is None:
            plain.append(t)
        elif t.role == "total":
            continue
        elif (
            t.role not in labelled
            or (t.role == "milestones" and t.values[currency] > labelled[t.role].values[currency])
            or (t.role == "upfront" and labelled[t.role].joint and not t.joint)
        ):
            labelled[t.role] = t  # the first upfront (alone before joint); the largest milestones
    # "will receive $2 million and a 5 percent stake, with milestones of up to $178 million":
    # money received with no name of its own, before the milestones of its sentence, and
    # smaller than them, is paid on signing
    if "upfront" not in labelled and "milestones" in labelled:
        named = labelled["milestones"]
        for t in plain:
            between = text[t.end : named.mention.start]
            if (
                t.mention.start < named.mention.start
                and t.values[currency] < named.values[currency]
                and _RECEIVES.search(text[max(0, t.mention.start - 25) : t.mention.start])
                and not re.search(r"[.!?。](?!\d)|\n", between)
            ):
                labelled["upfront"] = t
                plain.remove(t)
                break
    # a "total" below the upfront and milestones it would hold is a part's sum ("$180
    # million upfront ... and $20 million ..., for a total of $200 million")
    parts_sum = sum(
        t.values[currency] for r, t in labelled.items() if r in ("upfront", "milestones")
    )
    totals = [
        t
        for t in mine
        if t.role == "total"
        and t.values[currency] >= 0.8 * parts_sum
        and not notterms.own_figure(text, t.mention.start, t.end)
    ]
    if totals:
        labelled["total"] = _choose_total(totals, currency)
    elif plain := [
        t for t in plain if not notterms.own_figure(text, t.mention.start, t.end, plain=True)
    ]:
        biggest = _choose_total(plain, currency)
        others = [t.values[currency] for r, t in labelled.items() if r != "option"]
        if not others or biggest.values[currency] > max(others):
            labelled["total"] = biggest
    # the upfront and milestones add up to an amount stated before the total chosen: that
    # amount is this deal's total, and the larger sum after it another's (a year's deals, a
    # rival's deal); a larger total stated first holds more ("$3.24 billion, including $18
    # million in technical fees comprising ...")
    if "upfront" in labelled and "milestones" in labelled:
        whole = sum(
            labelled[r].values[currency]
            for r in ("upfront", "near_term", "milestones")
            if r in labelled
        )
        same = [
            t
            for t in mine
            if t.role in ("total", None)
            and abs(t.values[currency] - whole) <= 0.005 * whole
            and ("total" not in labelled or t.mention.start < labelled["total"].mention.start)
        ]
        if same:
            labelled["total"] = _choose_total(same, currency)
    # "nearing 1 trillion won", "4조원에 육박": a round figure the deal approaches gives way
    # to the precise one stated a little below it ("approximately 911.7 billion won")
    chosen = labelled.get("total")
    if chosen is not None and (
        _NEARING_BEFORE.search(text[max(0, chosen.mention.start - 25) : chosen.mention.start])
        or _NEARING_AFTER.match(text, chosen.end)
    ):
        whole = chosen.values[currency]
        below = [
            t
            for t in mine
            if t.role in ("total", None) and 0.85 * whole <= t.values[currency] < whole
        ]
        if below:
            labelled["total"] = max(
                below, key=lambda t: (termwords.digits(t.values[currency]), t.values[currency])
            )
    distinct = {round(t.values[currency]) for t in mine if t.role == "total"}
    if "total" in labelled:
        distinct.add(round(labelled["total"].values[currency]))
    _sum_milestones(
        text, labelled, [t for t in mine if t.role == "milestones"], currency, len(distinct)
    )
    main = labelled.get("total") or labelled.get("upfront") or next(iter(labelled.values()), None)
    if main is None:
        return
    parts = [labelled.get(r) for r in ("upfront", "near_term", "milestones", "total")]
    if all(parts):
        up, near, later, whole = (t.values[currency] for t in parts if t)
        if abs(up + near + later - whole) <= 0.001 * whole:
            stated = labelled["milestones"]
            labelled["milestones"] = Term(
                stated.mention, {currency: near + later}, {currency: stated.mentions[currency]}
            )
    cand.put("currency", currency, main.mentions[currency], confidence=0.9)
    for role in ("upfront", "near_term", "milestones", "total", "equity"):
        chosen = labelled.get(role)
        if chosen is not None:
            conf = 0.85 if role != "total" else 0.8
            cand.put(role, chosen.values[currency], chosen.mentions[currency], confidence=conf)
            usd = chosen.mentions.get("USD") if role in ("upfront", "total") else None
            if usd is not None and currency != "USD":
                cand.put(f"{role}_usd", chosen.values["USD"], usd, confidence=0.7)
    converted = [m for t in terms for c, m in t.mentions.items() if c != currency]
    if converted:
        cand.put("original_amounts", [list(m.value) for m in converted], *converted, confidence=0.7)
    total = labelled.get("total")
    if total is not None:
        start = total.mention.start
        if _UP_TO.search(text[max(0, start - 30) : start]):
            cand.fields.setdefault("flags", []).append("up_to")
