"""Where an English text names a company: the slots a name stands in ("Rznomics will
receive", "a license agreement with Kaigene", "licensed ... to Eurofarma", "Russian
pharmaceutical company Pharmasyntez"), for names the graph lacks and that carry no corporate
ending. `Gazetteer.propose_more` proposes what they capture (group 1)."""

from __future__ import annotations

import re

# A capitalised name standing where a party stands ("Rznomics will receive", "tapping
# Rznomics", "Rznomics’ platform"), for names without a corporate ending.
EN_NAME = (
    r"((?:[A-Z][A-Za-z0-9&-]* (?:& )?){0,2}"
    r"(?:[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)?|[A-Z]{2,}[a-z][A-Za-z]*|"
    r"\b[a-z][A-Z][a-z][A-Za-z0-9]*))"
)
EN_SLOT_AFTER = re.compile(
    r"(" + EN_NAME + r"|\b[A-Z]{3,6})"
    r"(?=(?:\s?\([^()]{1,30}\))?,?\s+(?:which\s+|that\s+)?"
    r"(?:(?:will (?:receive|pay|get|make|provide)|gets|is eligible|is entitled|attracted|"
    r"raised|has raised|secured|has secured|agreed to pay|pays|paid|has paid|receives|received|"
    r"has received|earns)\b|"
    # "Norvexa will spend $110 million to acquire a 10% stake"
    r"(?:will|agreed to|plans to) (?:spend|invest) (?:[$₩€£]|US\$|\d|about|around|nearly|up to)))"
)
EN_SLOT_POSSESSIVE = re.compile(EN_NAME + r"(?=['’]s?\s)")
# "would grant BioGenetics exclusive rights", "handing Hanmi the rights"
EN_SLOT_GRANTEE = re.compile(
    r"\b(?:grant(?:s|ed)?|give[sn]?|hand(?:s|ed|ing)?)\s+" + EN_NAME + r"(?=\s+(?:the\s+)?"
    r"(?:exclusive\s+)?(?:global\s+|worldwide\s+)?(?:rights|licen[cs]e))"
)
# English: the name standing where the other side of a deal stands ("a license agreement
# with Kaigene", "licensed out ... to Eurofarma", "in-licensed ... from Kanaph",
# "Korean biotech Ubix"), for names without a corporate ending.
# what may stand between "with"/"to" and the name: "the U.K.’s", "Japan's", "Princeton,
# N.J.-based", "U.S. pharmaceutical venture firm", "Chinese firm", a quote mark
_COUNTRY_OF = r"(?:(?:[A-Z][\w.]*\s)?[A-Z][\w.]*['’]s\s+)?"
_BASED = r"(?:(?:[A-Z][\w.]*,\s)?[A-Z][\w.]*-based\s+)?"
_DESCRIBED = r"(?:(?:[a-z][\w.-]*|U\.S\.|U\.K\.|US|UK|[A-Z][a-z]+(?:an|ese|ish|ian|i))\s+){0,5}?"
_LEAD = r"(?:the\s+)?" + _COUNTRY_OF + _BASED + _DESCRIBED + r"[\"“‘']?"
EN_SLOT_WITH = re.compile(
    r"\b(?:agreements?|deals?|contracts?|partnerships?|collaborations?|pacts?|alliances?|"
    r"term sheets?|licen[cs]e|partner(?:ed|s|ing)?|teamed up|tie[ds]? up|tying up)\s+with\s+"
    + _LEAD
    + EN_NAME
)
EN_KIND_OF = (
    r"(?:[A-Z][a-z]+\s+(?:company|firm|biotech|drugmaker|pharma|pharmaceutical company)\s+)"
)
# "licensing its antibody to X", not "a licensing agreement with X to work on BsAbs"
_NOT_NOUN = (
    r"(?!,?\s(?:and\s[\w-]+\s)?(?:agreements?|deals?|pacts?|contracts?|partnerships?|"
    r"collaborations?|fees?|revenues?|income|payments?|terms|transactions?|opportunit\w+|"
    r"negotiations?|talks|discussions|arrangements?|model|business|activities|strategy)\b)"
)
PLACE_AFTER = re.compile(r",?\s?(?:[A-Z][A-Za-z]*\.?\s?){0,3}-based\b|-based\b")
EN_SLOT_TO = re.compile(
    r"\b(?:licen[cs](?:e[ds]?|ing"
    + _NOT_NOUN
    + r")(?: out)?|out-licen[cs](?:e[ds]?|ing"
    + _NOT_NOUN
    + r")|transferr?(?:ed|s)?|export(?:ed|s)?|sold|"
    r"granted|divest\w*|sell(?:s|ing)?)\b"
    r"[^.]{0,140}?\bto\s+(?:the\s+)?(?:(?:[A-Z][a-z]+\s)?[A-Z][a-z]+['’]s\s+)?(?:[A-Z][\w.]*-based\s+|"
    + EN_KIND_OF
    + r"|(?:[a-z.-]+\s+){0,3}?)"
    + EN_NAME
)
# the company bought: "has acquired Tindall", "completed its acquisition of Tindall"
EN_SLOT_BOUGHT = re.compile(
    r"\b(?:acquired|acquires|to acquire|will acquire|bought|buys|to buy|acquisition of|"
    r"takeover of|purchase of)\s+(?:[A-Z][\w.]*-based\s+|" + EN_KIND_OF + r")?" + EN_NAME
)
EN_SLOT_FROM = re.compile(
    r"\b(?:licen[cs]ed(?: in)?|licen[cs]e in|in-licen[cs]ed?|acquir(?:e|ed|es|ing)|buy|bought|"
    r"purchas\w*|obtained|secured|"
    r"receive[sd]?(?=[^.]{0,80}?(?:payment|upfront|milestone|royalt|fee)))\b"
    r"[^.]{0,140}?\bfrom\s+(?:the\s+)?(?:[A-Z][a-z]+(?:ese|ian|ish|an)\s+)?(?:[a-z.-]+\s+){0,3}?"
    + EN_NAME
)
# a sentence opened by the company that tells it: "Kaigene said it ...", "Ubix announced"
EN_SLOT_SAID = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=\n))"
    r"(?:(?:On|Under|In|As part of|Through|With|Meanwhile|Also|Last \w+)\b[^,.\n]{0,50},\s)?"
    r"(?:(?:The\s|the\s)?(?:[A-Z][\w.]*\s)?[A-Z][\w.]*['’]s\s+)?"
    + EN_NAME
    + r"(?=(?:\s?\([^()]{1,30}\))?(?:,\sof\s[A-Z][\w\s,.]{0,40}?,)?,?\s+"
    r"(?:said|announced|signed|inked|entered|exported|exports|transferred|transfers|"
    r"has (?:obtained|exported|transferred|gained|secured)|"
    r"has (?:signed|entered|inked|acquired|bought|agreed|announced|licensed)|have (?:signed|"
    r"entered|agreed)|agreed|struck|reached|licensed|out-licensed|"
    r"acquired|acquires|bought|buys|will acquire|completed|is paying|will pay|pays|paid|"
    r"hands? (?:off|over)|handed|is handing|is offloading|offloads|will gain|will obtain|"
    r"is acquiring|is buying|is licensing|will license|is betting|bets)\b)"
)
# "Russian pharmaceutical company Pharmasyntez", "Hospira, a small-molecule injectable
# generics ... company": a name the text says is a company
EN_SLOT_COMPANY = re.compile(
    r"\b(?:company|firm|drugmaker|biotech|biopharma|developer|maker|group|CMO|CDMO|CRO),?\s+"
    r"[\"“]?" + EN_NAME + r"(?![\w-])"
)
# "Hospira, a ... company", "Norvexa, its U.S. affiliate", "Norvexa, a subsidiary of",
# "Norvexa, which will pay"
EN_SLOT_APPOSITIVE = re.compile(
    EN_NAME + r"(?=,\s(?:(?:a|an|the|its)\s(?:U\.S\.|U\.K\.|[^.,;()]){0,80}?\b"
    r"(?:company|firm|drugmaker|biotech|biopharma|pharmaceutical company|maker|developer|"
    r"affiliate|subsidiary|unit|partner)\b|"
    r"which (?:will|is|has)\b))"
)
# the one paid: "agreeing to pay Daonsel up to $700 million", "an upfront payment ... to X"
EN_SLOT_PAID = re.compile(
    r"\b(?:pay|pays|paid|paying)\s+"
    + EN_NAME
    + r"(?=\s+(?:an?\s|up to|\$|US\$|€|£|the\s|as much as))"
)
EN_SLOT_PAID_TO = re.compile(r"\bpayments?\b[^.]{0,60}?\bto\s+" + _LEAD + EN_NAME)
# a name with a place before it: "China-based Norvexa", "Princeton, N.J.-based Norvexa"
EN_SLOT_BASED = re.compile(
    r"\b(?:[A-Z][\w.]*,\s)?[A-Z][\w.]*-based\s+(?:[a-z][\w-]*\s+){0,4}?" + EN_NAME
)
EN_SLOT_KIND = re.compile(
    r"\b(?:biotech(?:nology)?|drugmaker|pharma(?:ceutical)?|developer|startup|company|firm)\s+"
    + EN_NAME
    + r"(?=\s+(?:has|have|had|will|said|signed|inked|entered|struck|reached|announced|"
    r"agreed|licensed|is|was)\b)"
)
# the maker of the product a deal is about: "a toxin developed by South Korean
# pharmaceutical firm ATGC", "a drug discovered by Norvexa"
EN_SLOT_MADE_BY = re.compile(
    r"\b(?:developed|discovered|invented|originated|owned)\s+by\s+(?:the\s+)?(?:(?:[\w.-]+\s+){0,4}?"
    r"(?:biotech(?:nology)?|drugmaker|pharma(?:ceutical)?|developer|startup|company|firm)\s+)?"
    r"(" + EN_NAME + r"|\b[A-Z]{3,6})(?=[.,;]|\s+(?:and|in|of|for|to)\b)"
)

# a listed company named with its ticker: "GC Pharma (006280.KS)", "Celltrion (KRX:068270)"
EN_SLOT_TICKER = re.compile(
    EN_NAME + r"(?=\s?\((?:(?:KRX|KOSDAQ|KOSPI|NASDAQ|Nasdaq|NYSE|HKEX|SEHK|TSE|LON|SZSE|SSE)"
    r":\s?[A-Z0-9]{1,8}(?:\.[A-Z]{1,3})?|\d{6}\.K[SQ])\))"
)
# "Brazilian", "Chinese", "Swedish", "European": a people, not a company
DEMONYM = re.compile(
    r"^(?:[A-Z][a-z]+(?:ian|ese|ish|ean)|American|Mexican|German|Dutch|French|Israeli|Thai)$"
)
