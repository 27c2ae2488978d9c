"""Amounts stated in a deal text that are not its terms: a comparison, a company's own
figures (sales, equity, trading value), a market's size or forecast, a share's price, a sum per
programme, the balance of a price, a running sum with earlier deals, one milestone payment
falling due later in the deal's life, goods to be shipped or income hoped for. `terms._role`
skips an amount `not_term` finds so (`NOT_TERM_AFTER` on the words after it, `NOT_TERM_BEFORE`
on the words before it, `VOLUME_AFTER` unless the terms are counted in)."""

from __future__ import annotations

import re

# One milestone payment falling due now (a later event in the deal's life), not the deal's
# milestones: "received a milestone payment of 3 million USD", "10 million USD as a
# milestone payment", "$2.5 million milestone payment", "첫 기술료는 500만달러",
# "마일스톤(기술료) 350만 달러(약 46억원)이 발생했다"
ONE_PAYMENT_BEFORE = re.compile(
    r"(?:\ba|\bthe first|\bfirst|\bits first|첫|첫\s?번째|1차)\s(?:[\w-]+\s)?"
    r"(?:milestone|마일스톤|기술료)\s?(?:payment\s)?(?:of\s|(?:은|는|로)\s?)?$",
    re.I,
)
ONE_PAYMENT_AFTER = re.compile(
    r"^\s*(?:as\s(?:a|the|its)\s(?:first\s)?milestone payment\b|milestone payment\b(?!s)|"
    r"(?:이|가)\s?발생)",
    re.I,
)
GROWS_TO = re.compile(r"\s*(?:으로|로)\s?(?:늘어|증가|성장|확대|커질)", re.I)
# what is made and shipped (English): the volume of a supply, not a deal's term
_GOODS = (
    r"(?:drugs?|products?|medicines?|vaccines?|anesthetics?|injections?|doses|goods|supplies|"
    r"tablets|capsules|APIs?|substances?|finished\s+products?)\b"
)
# Not a term of the deal: a comparison, a company's own figures, a sum per programme.
NOT_TERM_AFTER = re.compile(
    r"^\s*(?:이|을|를|가)?\s?(?:넘|웃도|상회|초과|"
    r"이상(?!\s?[^\s.]{0,12}\s?(?:기술료|마일스톤|계약금|선급금|milestone)))|"
    r"^\s*(?:per|for each|each)\s+(?:\w+\s+)?(?:program|programme|target|product|asset|indication)|"
    r"^\s*(?:씩|개당)|"
    # a company's record of past deals: "2조원에 육박하는 기술수출 성과를 거둔 X"
    r"^[^.]{0,20}?(?:기술\s?수출|기술\s?이전|라이[선센]스\s?아웃)\s?성과|"
    # a company's own spending: "1000억원의 연구개발(R&D) 비용", "$50 million in R&D", "약 500억원의
    # 비용을 투입해"
    r"^\s*(?:의|을|를)?\s?(?:연구\s?개발|R&D|연구비|개발비|비용을?\s?(?:투입|들여|부담|쓰))|"
    r"^\s*(?:in|of|on)\s+(?:R&D|research and development)\s+"
    r"(?:spending|costs?|expenses?|investments?)|"
    # a product's or a company's sales: "logged 14.2 billion won ($11.6 million) in revenue"
    r"^\s*(?:in\s+)?(?:annual\s+|yearly\s+)?(?:revenues?|sales)\b"
    r"(?![\w\s,&/-]{0,40}?(?:milestone|-based|based|threshold|target))|"
    r"^\s*(?:의\s)?(?:연\s?)?매출|"
    # a duty ended by the deal: "3000억원 규모의 단계별기술료(마일스톤) 의무도 함께 종료됐다"
    r"^[^.]{0,40}?의무(?:도|가|는|를)?\s?(?:함께\s|모두\s)?(?:종료|해소|소멸|면제)|"
    # a share's price: "4만2950원에 거래되고", "32,000 won per share", "7,560원으로 마감"
    r"^\s*(?:에|으로|로)\s?(?:거래|마감|장을)|^\s*(?:per|a) share\b|"
    # a market's size: "USD 3 billion hemophilia A market"
    r"^\s*(?:[\w-]+\s+){0,3}?market\b(?!\s+(?:access|rights|approval))|"
    # goods to be supplied, not a term: "will supply 89.3 billion won worth of its anesthetics"
    rf"^\s*worth\s+of\s+(?:(?:its|their|the|finished)\s+)?(?:[\w-]+\s+){{0,3}}?{_GOODS}",
    re.I,
)
VOLUME_AFTER = re.compile(
    # goods to be shipped or income hoped for, not the licence's price: "1억2600만달러어치를
    # 공급할 예정", "총 4억달러에 달하는 원료를 수출하게", "4000만달러 규모의 원료 수출이 예상",
    # "연간 1000만불의 수출을 목표로", "1억8000만달러의 수익이 기대된다" (not "규모의 기술수출
    # 계약", "수출 계약", "공급 및 라이선스 계약")
    r"^\s*(?:어치|가량|상당)?\s?(?:에\s?달하는|규모의|어치의|의|를|을)?\s?(?:[가-힣A-Za-z]+\s){0,2}?"
    r"(?:원료|제품|완제품|완제의약품)?\s?(?:을|를|의)?\s?(?<!기술)(?<!기술\s)(?:수출|공급)(?!\s?계약)"
    r"(?:을|를|이|가|하게|할|될|된|량|\s?(?:목표|예정|계획|전망|기대|예상))|"
    r"^\s*(?:의|가량의)\s?(?:수익|매출|수입)(?:이|을|를)?\s?(?:기대|예상|전망|목표|올릴)",
    re.I,
)
# ... unless the terms are counted in: "기술료를 포함해 3000억원 규모의 수출이 가능"
_TERMS_IN = re.compile(r"포함|계약금|선급금|기술료|로열티|마일스톤")


def not_term(after: str, before: str) -> bool:
    """The words after or before an amount say it is no term of the deal."""
    if NOT_TERM_AFTER.match(after) or NOT_TERM_BEFORE.search(before):
        return True
    return bool(VOLUME_AFTER.match(after)) and not _TERMS_IN.search(before[-80:])


NOT_TERM_BEFORE = re.compile(
    # a supply's volume: "supplying finished Kanarb Plus worth $27.71 million"
    r"\bsuppl(?:y|ying|ies)\s+(?!(?:an?\s+|the\s+)?(?:agreement|deal|contract))"
    r"(?:[\w-]+\s+){1,5}?worth\s*(?:about\s+|around\s+|approximately\s+)?$|"
    # what a partner would pay the other one: "독자 개발할 경우 상대방에게 최대 1억달러의"
    r"상대(?:방|\s?회사)에게\s(?:최대\s*|약\s*)?$|"
    # a share price: "shares jumped 15 percent to 32,000 won", "closed at $6.40"
    r"(?:shares?|stock)\b[^.]{0,40}?\b(?:rose|jumped|fell|gained|climbed|dropped|surged|soared|"
    r"slid|closed|traded|finished|ended|opened|trading)\b[^.]{0,40}?\b(?:to|at)\s*$|"
    # (a stock's trading value, not "총 거래대금", the deal's price)
    r"(?:매출(?:액|을|를|\s?규모)?|자본총계|자기자본|시가총액|순이익|영업이익|"
    r"(?<!총)(?<!총\s)거래\s?대금(?:\s?규모)?|trading value|"
    r"revenues?(?:\s+(?:in excess of|of more than|of over|exceeding|over))?|(?<!on\s)sales of|"
    r"market (?:cap|value))"
    r"\s*(?:은|는|이|가|of)?\s*(?:약\s*)?$|"
    # a company's growing sales: "achieved a 57 percent sales growth to 29.6 billion won"
    r"\b(?:sales|revenues?)\s+(?:growth\s+)?(?:rose\s+|grew\s+|increased\s+|climbed\s+)?to\s*$|"
    # the balance of a purchase price, a part of it: "인수대금 잔금인 192억원"
    r"잔금(?:인|은|으로|으로는)?\s*(?:약\s*)?$|"
    # a running sum with earlier deals: "기존 계약을 포함해 총 1433억원"
    r"(?:기존|이전|앞선|종전)\s?(?:계약|딜|수출)\w*\s?(?:을|를)?\s?포함\w*\s*(?:총\s*)?(?:약\s*)?$|"
    r"including (?:the |its )?(?:earlier|previous|existing|prior) (?:deals?|contracts?|agreements?)"
    r"[^.]{0,30}$|"
    # a running sum of a year's or all deals: "올해에만 약 8조원의", "누적 기술수출 규모는"
    r"(?:올해에만|올해만|올\s?들어서?만|누적(?!\s?(?:마일스톤|기술료|단계별))|지금까지|현재까지|"
    r"this year alone|so far this year|"
    r"to date)\s*(?:[^\s.\d]+(?:\s|$)){0,2}(?:약\s*|about\s*|around\s*|some\s*)?$|"
    # a market's size: "세계시장이 5~6억달러", "시장 규모는 약", "annual scale of about"
    r"(?:시장|market)\s?(?:규모|size|scale)?\s?(?:은|는|이|가|is|was|of|at)?\s*"
    r"(?:약|about|around|approximately|roughly|an estimated)?\s*(?:[\d.,]+\s?~\s?)?$|"
    r"(?:annual|yearly)\s+(?:scale|size)\s+of\s+(?:about\s+|around\s+)?$|"
    # "a combined market worth around $6.5bn", "the market is estimated at about 2.2 trillion"
    r"\bmarkets?\b[^.]{0,40}?\b(?:worth|valued at|estimated at|estimated to be|sized at)\s*"
    r"(?:about|around|approximately|roughly|some|an estimated|nearly)?\s*$|"
    # what a company is worth: "a corporate value of some 656 billion won", "기업가치는 약"
    r"(?:corporate|enterprise|company|firm)\s+value\s+of\s+(?:some\s+|about\s+|around\s+|"
    r"approximately\s+)?$|valuation\s+of\s+(?:about\s+|around\s+)?$|"
    r"기업\s?가치(?:는|가|를|로|가치는)?\s*(?:약\s*)?$|"
    # what a treatment costs a patient: "연평균 투약 금액은 약 52만 달러", "약가는"
    r"(?:투약|치료|처방)\s?(?:금액|비용|비)(?:은|는|이|가)?\s*(?:약\s*)?$|약가(?:는|가)?\s*(?:약\s*)?$",
    re.I,
)
# a market growing to a size: "the global market size of ... is expected to ... reach an
# estimated KRW 2.3 trillion"
MARKET_GROWTH = re.compile(
    r"(?:market|시장)(?:[^.]|\.(?=\d)){0,180}?(?:(?:reach|grow to|expand to|hit|도달|성장)\w*|"
    # "expected to grow at an annual rate of 6.4 percent $3.59 billion by 2025"
    r"(?:grow|expand|rise)\w*\s+at\s+(?:[^.$]|\.(?=\d)){0,40}?(?:percent|%)(?:\s+to)?)\s*"
    r"(?:an estimated\s+|about\s+|around\s+|approximately\s+)?$",
    re.I,
)
# an outsider's guess at terms the parties kept to themselves: "양사는 계약의 구체적 규모를
# 밝히지 않았지만, 증권가에서는 ... 1차(10년간 5억달러)의 4배를 넘을 것이라는 전망",
# "terms were not disclosed, but analysts estimate"
UNDISCLOSED_GUESS = re.compile(
    r"(?:규모|금액|조건|terms)[^.]{0,20}?(?:밝히지 않|공개하지 않|비공개|not (?:been )?disclosed)"
    r"[^.]{0,60}?(?:증권가|업계|시장|analysts?|observers?|estimat|expect)",
    re.I,
)
# an equity investment beside a licence, named after its amount: "2000만달러를 투자해 지분을
# 획득", "40억원 규모의 지분 투자 및 기술이전 계약", "$20 million in equity"
EQUITY_AFTER = re.compile(
    r"\s*(?:in\s+)?equity|\s*(?:의\s?)?지분|"
    r"\s*(?:을|를|규모의|의)?\s?(?:지분\s?)?투자(?:해|하고|하여|했|한다|하기로|를|와|및|\s|$)",
    re.I,
)


# a figure of a product, a company or a market, not a deal's: its sales, revenue, market size,
# supply volume, royalty income, export record ("Global sales of Eylea totaled 14 trillion won",
# "expand next year's oncology sales to about 69 billion won", "700억원 가량 팔린",
# "300억원대로 추정되는 국내 우울증 치료제 시장")
_OWN_FIGURE = re.compile(
    r"\b(?:sales|revenues?|market|income|turnover|sold|earnings|profit)\b|"
    r"매출|시장|팔린|팔려|판매액|수입|이익|공급\s?규모|수출\s?(?:실적|액)|품목으로\s?(?:성장|육성|키우)",
    re.I,
)
# the same words naming a deal's royalty base or a company's listing: not a figure of theirs
_ROYALTY_BASE = re.compile(
    r"royalt\w*\s+(?:\w+\s+){0,3}?(?:on|of|from|based on)\s+(?:\w+\s+){0,3}?(?:sales|revenues?)|"
    r"(?:sales|revenue)[- ]based|(?:net\s+)?(?:sales|revenue)[- ](?:related\s+)?"
    r"(?:royalt\w*|milestones?|thresholds?|targets?)|"
    r"market capitali[sz]ation|시가총액|"
    r"매출\s?(?:에\s?따른|연계|기반)?\s?(?:로열티|마일스톤|기술료)",
    re.I,
)


_DEAL_WORDS = re.compile(
    r"licen[cs]|agreement|\bdeal|contract|transaction|acqui|upfront|milestone|worth|"
    r"계약|기술\s?(?:이전|수출|도입)|인수|선급|마일스톤|기술료",
    re.I,
)


def _clause(text: str, start: int, end: int) -> str:
    """The words of an amount's sentence around it (150 characters before, 100 after)."""
    before = text[max(0, start - 150) : start]
    after = text[end : end + 100]
    before = re.split(r"(?<!\d)[.!?。\n](?!\d)", before)[-1]
    after = re.split(r"(?<!\d)[.!?。\n](?!\d)", after)[0]
    return _ROYALTY_BASE.sub(" ", before + " " + after)


def own_figure(text: str, start: int, end: int, plain: bool = False) -> bool:
    """The amount is a figure of a product, a company or a market: its clause speaks of sales,
    revenue or a market and (for an amount a word names as a total, `plain` false) not of a deal."""
    clause = _clause(text, start, end)
    return bool(_OWN_FIGURE.search(clause)) and (plain or not _DEAL_WORDS.search(clause))
