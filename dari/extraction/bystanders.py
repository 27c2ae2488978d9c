"""Companies a deal text names that are no party to it, from where they stand: an analyst's
firm, a body quoted for a figure, a parent named to place its subsidiary, a regulator, a
former name, the founders of a joint venture, a larger shareholder, the fund that reports
the deal. Also the (parent, unit) pairs where a unit takes rights on its parent's side.
Plain Python over the mentions `pipeline.extract` found.
"""

from __future__ import annotations

import re

from dari.extraction import passing_en
from dari.extraction.model import Mention, as_written

# Not a party where it stands: an analyst's firm ("현대증권 연구원은"), the parent named
# to place its subsidiary ("존슨앤존슨의 제약부문 회사인 얀센", "a subsidiary of Takeda",
# "Janssen Biotech, a Johnson & Johnson company"); the body a figure is quoted from
# ("According to the Korea Health Industry Development Institute (KHIDI)", "KHIDI에 따르면").
_SOURCE_BEFORE = re.compile(r"\baccording to\s+(?:the\s+|a\s+)?(?:[\w-]+\s+){0,2}$", re.I)
_SOURCE_AFTER_KO = re.compile(
    r"^(?:\s?[(（][^()（）]{0,30}[)）])?\s?(?:에\s?따르면|자료에\s?따르면)"
)
_SOURCE_AFTER = re.compile(r"^\s?(?:연구원|수석연구원|애널리스트|analysts?\b)", re.I)
# a broker's research desk quoted on the deal: "Shinhan Investment Corp stated, ...",
# "Harlan Securities commented on the 28th" (a broker by its name, then a verb of comment)
_BROKER = re.compile(r"\b(?:Securities|Investment|Research)$")
_COMMENTS_AFTER = re.compile(
    r"^(?:\s(?:Corp|Corporation|Co|Inc|Ltd)\.?)?,?\s(?:also\s)?(?:stated|commented|"
    r"noted|estimated|analy[sz]ed|forecast|predicted|projected|speculated|wrote)\b"
)
# a body that publishes figures (not a company quoted on its own deal: "According to Orum
# Therapeutics, the company raised ...")
_PUBLISHER = re.compile(
    r"Institute|Agency|Association|Ministry|Administration|Service|Office|Council|Foundation|"
    r"Research|Data|Analytics|Intelligence|Exchange|Commission|Federation|Bureau|Statistics|"
    r"연구원|진흥원|협회|정보원|거래소|공단|위원회|재단|통계|조사"
)
_PARENT_AFTER = re.compile(
    r"^(?:그룹|\s?Group)?(?:\s?[(（][^()（）]{0,60}[)）])?\)?(?:의|['’]s)\s?(?:[^\s.⟦]+\s?){0,5}?"
    r"(?:자회사|계열사|법인|회사인|부문|subsidiary)"
)
_PARENT_BEFORE = re.compile(
    r"(?:subsidiary|unit|division|arm|part|member) of\s+(?:the\s+)?(?:[\w’'.-]+\s+)?$|\ban?\s+$",
    re.I,
)


_REGULATOR = re.compile(
    r"Food and Drug|Drug Administration|Medical Products Administration|Medicines Agency|"
    r"Ministry of|Health Canada|식품의약품안전|식약처|보건복지부",
    re.I,
)
_PARENT_WORD = re.compile(r"모회사(?:인|는)?\s?$|\b(?:its|the) parent(?: company)?,?\s$", re.I)
_FORMER_NAME = re.compile(r"[(（]\s?(?:then|formerly|former|previously|now|구|옛|현)\s?$", re.I)
_REPORTS_AFFILIATE = re.compile(r"^(?:은|는|이|가)\s(?:\S+\s)?(?:관계사|관계회사)\s")
_UNIT_AFTER = re.compile(
    r"^(?:\s(?:Holdings?|Group|AG|Inc\.?|Ltd\.?|plc|Co\.?))*(?:['’]s|,?\s(?:said|says|announced)"
    r"(?:\sthat)?\sits)?\s(?:wholly[- ]owned\s)?(?:unit|subsidiary|affiliate|arm|division)\s",
    re.I,
)


# Named beside the deal, not in it: the fund or agency that reports it ("KDDF announced ...
# that AbClon has signed"), the founders of a joint venture ("Kalbe Farma and Genexine joint
# venture KG Bio", "a joint venture established by A and B"), a larger shareholder
# ("최대주주인 일동홀딩스에 이은 2대 주주", "following Ildong Pharmaceutical").
_REPORTER_AFTER = re.compile(
    r"^(?:\s?[(（][^()（）]{0,40}[)）])?\s+(?:announced|said|reported|noted)\b[^.]{0,40}?\bthat\s+$"
)
_FOUNDER_AFTER = re.compile(
    r"^(?:\s(?:Tbk|Inc\.?|Co\.?|Ltd\.?|plc|Group))*,?\s(?:and|&)\s[^.]{0,50}?\sjoint venture\s|"
    r"^(?:\s(?:Tbk|Inc\.?|Co\.?|Ltd\.?|plc|Group))*['’]?s?\s(?:joint venture|JV)\s|"
    r"^\s?(?:와|과)\s[^.\s]{1,20}\s?(?:의\s)?합작(?:법인|회사|사)|^\s?(?:의\s)?합작(?:법인|회사|사)",
    re.I,
)
_FOUNDER_BEFORE = re.compile(
    r"(?:joint venture|partnership|JV) (?:(?:established|formed|founded|set up|created) )?"
    r"(?:by|of|between)\s"
    r"(?:[^.]{0,80}?\s(?:and|&)\s)?(?:[A-Z][\w-]*\s+){0,2}$",
    re.I,
)
_HOLDER_BEFORE = re.compile(r"(?:최대\s?주주|대주주)(?:인|로)?\s$|\bfollowing\s+$")
_HOLDER_AFTER = re.compile(r"^\s?(?:에\s?이어|에\s?이은)")


def _beside(text: str, m: Mention, orgs: list[Mention]) -> bool:
    after = text[m.end : m.end + 80]
    reporter = _REPORTER_AFTER.match(
        after[: max(0, next((o.start - m.end for o in orgs if 0 < o.start - m.end <= 80), 0))]
    )
    if reporter:
        return True
    if _FOUNDER_AFTER.match(after) or _FOUNDER_BEFORE.search(text[max(0, m.start - 160) : m.start]):
        return True
    return bool(
        _HOLDER_BEFORE.search(text[max(0, m.start - 12) : m.start]) or _HOLDER_AFTER.match(after)
    )


# An adviser to a party: "Harlan Securities acted as exclusive financial advisor to",
# "advised by Harlan Securities", "Kirkham & Lowe LLP"
_ADVISER_AFTER = re.compile(
    r"^(?:,?\s(?:Inc|LLC|LLP|Ltd|Co|Corp|plc|L\.P|& Co)\.?)*(?:\s?\([^()]{0,40}\))?,?\s"
    r"(?:(?:is|was|will|has|have|had|were|are)\s)?(?:been\s)?(?:also\s)?"
    r"(?:(?:acting|acted|act|acts|served|serving|serve|serves)\sas\s(?:the\s|an?\s)?"
    r"(?:exclusive\s|sole\s|lead\s|joint\s|independent\s)?(?:financial|legal|M&A|strategic|"
    r"transaction|placement)?\s?(?:advis[eo]rs?|counsel|placement agents?|underwriters?|"
    r"bookrunners?)\b|(?:advised|advises|advising|represented|represents)\s[A-Z])"
)
_ADVISER_BEFORE = re.compile(
    r"\b(?:advised|represented) by\s(?:[^.;]{0,80}?(?:,|\band)\s)?(?:the\s)?$", re.I
)
_LAW_FIRM = re.compile(r"(?:\bLLP|\bL\.L\.P\.)$")


def adviser(text: str, m: Mention) -> bool:
    """The company advises a party: a bank, a law firm, a consultancy."""
    return bool(
        _ADVISER_AFTER.match(text[m.end : m.end + 120])
        or _ADVISER_BEFORE.search(text[max(0, m.start - 120) : m.start])
        or _LAW_FIRM.search(m.text)
        or re.match(r"^,?\s(?:LLP|L\.L\.P\.)", text[m.end : m.end + 8])
    )


# The closing sections of a press release: "About BigPharma", "Forward-Looking Statements",
# "Media Contact" (not "About the Agreement", which tells the deal)
_CLOSING = re.compile(
    r"\n[ \t]*(?:About\s(?!the\s(?:[Aa]greement|[Tt]ransaction|[Dd]eal|[Aa]cquisition|"
    r"[Cc]ollaboration|[Pp]artnership|[Ll]icen[cs]e|[Mm]erger|[Tt]erms)\b)[A-Z][^\n]{1,80}|"
    r"(?i:forward[- ]looking\sstatements?|safe\sharbou?r[^\n]{0,40}|cautionary\s(?:note|"
    r"statement)[^\n]{0,60}|(?:media|investor|press)\scontacts?:?|contacts?:))[ \t]*\n"
)


def in_body(text: str, orgs: list[Mention]) -> list[Mention]:
    """`orgs` without the companies named only in a press release's closing sections (the
    partners, investors and subsidiaries its "About X" paragraphs list)."""
    closing = _CLOSING.search(text)
    if closing is None:
        return orgs
    body = [m for m in orgs if m.start < closing.start()]
    keys = {m.value if m.value[1] else m.text for m in body}
    firsts = {m.text.split()[0].lower() for m in body if m.text.split()}
    return [
        m
        for m in orgs
        if m.start < closing.start()
        or (m.value if m.value[1] else m.text) in keys
        or (m.text.split() and m.text.split()[0].lower() in firsts)
    ]


_RIGHTS = re.compile(r"권리|권한|판권|rights|licen[cs]|commerciali", re.I)


def units(text: str, orgs: list[Mention]) -> list[tuple[Mention, Mention]]:
    """(parent, unit) where a unit named after its parent takes rights ("엔도그룹의 캐나다 소재
    자회사인 팔라딘 랩스가 ... 상업화 권리를 가진다")."""
    out = []
    for m in orgs:
        parent = _PARENT_AFTER.match(text[m.end : m.end + 110])
        if not parent:
            continue
        at = m.end + parent.end()
        unit = next((o for o in orgs if 0 < o.start - at <= 25), None)
        if unit is not None:
            stop = text.find(".", unit.end)
            if _RIGHTS.search(text, unit.end, stop if stop > 0 else len(text)):
                out.append((m, unit))
    return out


def unit_sides(
    roled: list[tuple[Mention, str, float]], units: list[tuple[Mention, Mention]]
) -> list[tuple[Mention, str, float]]:
    """The unit takes its parent's side when the parent is a party and the unit is not."""

    placed = {as_written(m): r for m, r, _ in roled}
    more = []
    for parent, unit in units:
        role = placed.get(as_written(parent))
        if role and as_written(unit) not in placed:
            placed[as_written(unit)] = role
            more.append((unit, role, 0.5))
    return more


def not_a_party(text: str, m: Mention, orgs: list[Mention]) -> bool:
    if _beside(text, m, orgs) or adviser(text, m) or passing_en.passing(text, m):
        return True
    after = text[m.end : m.end + 40]
    if _SOURCE_AFTER.match(after):
        return True
    if _BROKER.search(m.text) and _COMMENTS_AFTER.match(after):
        return True
    quoted = _SOURCE_AFTER_KO.match(after) or _SOURCE_BEFORE.search(
        text[max(0, m.start - 40) : m.start]
    )
    if quoted and _PUBLISHER.search(m.text):
        return True
    if _REPORTS_AFFILIATE.match(after):  # "X는 관계사 Y가 ... 계약을 체결했다고 밝혔다"
        return any(0 < o.start - m.end <= 30 for o in orgs)
    unit = _UNIT_AFTER.match(text[m.end : m.end + 80])
    if unit:
        return any(
            0 < o.start - m.end <= 25 or 0 <= o.start - m.end - unit.end() <= 2 for o in orgs
        )
    parent = _PARENT_AFTER.match(text[m.end : m.end + 110])
    if parent:
        return any(0 < o.start - m.end - parent.end() <= 25 for o in orgs)
    before = text[max(0, m.start - 40) : m.start]
    if _REGULATOR.search(m.text):  # "approval from the Ministry of Food and Drug Safety"
        return True
    if _FORMER_NAME.search(before):  # "GC Cell (then Green Cross LabCell)": the same company
        return True
    if _PARENT_WORD.search(before):  # "A의 모회사 B는 자회사 A가 ...", "its parent company B"
        return len({o.value if o.value[1] else o.text for o in orgs}) > 2
    match = _PARENT_BEFORE.search(before)
    if match and match.group(0).strip().lower() in ("a", "an"):
        return bool(re.match(r"^\s+company\b", after))  # "a Johnson & Johnson company"
    return _parent_of_named_unit(text, m, orgs)


# "Lumetra Bio, a drug development unit of Ruritania's conglomerate Quintara Group": the
# parent of a unit the text names, there or elsewhere ("a subsidiary of Quintara Group ...
# Quintara Oncology"); not "the U.S. subsidiary of Quintara Therapeutics", where the parent
# is the only name of the party
_UNIT_OF = re.compile(
    r"\b(?:subsidiary|unit|division|arm|affiliate|part|member) of\s+(?:the\s+)?"
    r"(?:[\w’'.&-]+\s+){0,5}$",
    re.I,
)


def _parent_of_named_unit(text: str, m: Mention, orgs: list[Mention]) -> bool:
    match = _UNIT_OF.search(text[max(0, m.start - 120) : m.start])
    if match is None:
        return False
    at = max(0, m.start - 120) + match.start()
    # the unit is named elsewhere: "Takeda Oncology" of "Japan's Takeda Pharmaceutical"
    core = re.sub(r"^\S+['’]s\s+", "", m.text).split()
    if core and any(
        (hit.group(1) or "") not in core
        for hit in re.finditer(
            r"(?<![\w-])" + re.escape(core[0]) + r"(?:\s([A-Z][\w-]+))(?![\w-])", text
        )
    ):
        return True
    return any(
        o.end <= at
        and at - o.end <= 80
        and not re.search(r"[.;]", text[o.end : at])
        and re.match(r"^\s?(?:\([^()]{0,40}\))?,", text[o.end : at])
        for o in orgs
    )
