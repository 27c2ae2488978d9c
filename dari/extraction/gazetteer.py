"""Names of the graph's organisations and assets, found in a text.

An organisation is known by its name, its Korean name and the short forms of its name
("Hanmi" for "Hanmi Pharmaceutical", "Janssen" for "Janssen (Johnson & Johnson Innovative
Medicine)"). Latin names match as whole words, case-insensitively; Korean names match where
they stand, since particles attach to them ("유한양행은"). A name shared by two organisations
is ambiguous and matches neither. Names the graph lacks are proposed from corporate suffixes
("Artiva Biotherapeutics, Inc."), fuzzily matched (rapidfuzz) against the graph first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from dari.extraction import nouns_ko, slots_en
from dari.extraction.aliases import ALIASES
from dari.extraction.model import Mention
from dari.extraction.owners import COUNTRY_KO
from dari.extraction.stopwords import (
    EN_STOP,
    KO_GENERIC,
    KO_NOT_PARTIES,
    KO_SUBJECT_STOP,
    NOT_NAMES,
    SURNAMES,
)
from dari.extraction.variants import korean_variants

_SUFFIXES = re.compile(
    r"(?:,?\s+(?:inc\.?|incorporated|co\.,?\s*ltd\.?|co\.|ltd\.?|limited|corporation|corp\.?|"
    r"llc|ag|gmbh|plc|s\.a\.|n\.v\.|ab|a/s|b\.v\.|k\.k\.|s\.p\.a\.|oy|holdings?|group|"
    r"pharmaceuticals?|pharma|therapeutics|"
    r"biosciences?|biotherapeutics|biopharmaceuticals?|biopharma|biologics|biotech|"
    r"life sciences?|industries|bio))+$",
    re.IGNORECASE,
)
_KO_SUFFIXES = re.compile(r"^(?:\(주\)|㈜)\s*|\s*(?:\(주\)|㈜|주식회사)$")
# "Feelux Co.": a bare "Co." ends a name that has no other ending ("Sakura Pharma Co." is
# proposed as "Sakura Pharma", as before)
_BARE_CO = (
    "".join(
        f"(?<!{w} )"
        for w in ("Pharma", "Pharm", "Pharmaceutical", "Pharmaceuticals", "Bio", "Holdings")
        + ("Investment", "Investments", "Therapeutics", "Biopharma", "Group", "Industries")
    )
    + r"Co\."
)
_PROPOSED = re.compile(
    r"(?<!\.)\b((?:(?:[A-Z][\w&'-]{0,2}\.|[A-Z][\w&'-]*)[^\S\n]){0,3}(?:[A-Z]|[a-z](?=[A-Z][a-z]))[\w&'-]*),?\s"
    r"(Inc\.|Inc\b|Corp\.|Corporation|Co\.,? Ltd\.?|"
    + _BARE_CO
    + r"|Ltd\.|LLC|AG|GmbH|plc|S\.A\.|Laboratories|"
    r"Oncology|Sciences|"
    r"Pharmaceuticals?|Therapeutics|Biosciences?|Biotherapeutics|Biopharma|Biologics|Pharma|"
    r"Investments?|Partners|Capital|Ventures|Venture Fund|Network|Securities|Asset Management|"
    r"Private Equity|"
    r"DMCC|Group|Bio|Labs?|A/S|(?:and|&) Co\.|S\.p\.A\.|SpA|K\.K\.|N\.V\.|B\.V\.|AB|SE|Oy|ASA)"
    r"(?![A-Za-z0-9])"
)
_HANGUL = re.compile(r"[가-힣]")
# "Boston Pharmaceuticals", "Korea Pharma": a place before a drugmaker's ending names a
# company, unless the words run on into a body's name ("Korea Pharmaceutical and Bio-Pharma
# Manufacturers Association")
_PLACES = {"korea", "seoul", "busan", "incheon", "daejeon", "osaka", "tokyo", "shanghai"}
_PLACES |= {"beijing", "boston"}
_DRUGMAKER_ENDING = re.compile(
    r"Pharma|Pharmaceuticals?|Therapeutics|Biosciences?|Biotherapeutics|Biopharma|Biologics|"
    r"Laboratories|Inc\.|Corp\.|Corporation|Co\.,? Ltd\.?|Ltd\."
)
_BODY_AFTER = re.compile(
    r"(?:\s(?:and|&)\s[\w-]+)?(?:\s[A-Z][\w-]*){0,3}\s(?:Association|Industry|Society|Council|"
    r"Institute|Federation|Organi[sz]ation|Agency|Foundation|Forum|Alliance)\b"
)


def _place_company(text: str, match: re.Match[str]) -> bool:
    return (
        match.group(1).strip().lower() in _PLACES
        and bool(_DRUGMAKER_ENDING.fullmatch(match.group(2)))
        and not _BODY_AFTER.match(text, match.end())
    )


_CORPORATE_AFTER = re.compile(
    r"(?:,?\s(?:Pharma(?:ceuticals?)?|Pharm|Co\.,? Ltd\.?|Co\.|Inc\.|Ltd\.|Corp\.|"
    r"Corporation))+(?![\w-])"
)
# 셀트리온 is not 셀트리온제약: a Korean name followed by another company ending is a sister
# company the graph may lack.
_NOT_LONGER_NAME = r"(?!제약|바이오|파마|홀딩스|헬스케어|인베스트먼트|생명과학|사이언스)"
# Places and generic words that stand where a licensee does ("중국에 기술수출").
_KO_LICENSEE = re.compile(
    r"(?:['‘]([^'’]{2,30})['’]|(?<![가-힣A-Za-z0-9])([가-힣A-Za-z][가-힣A-Za-z0-9]{1,14}))"
    r"(?:에게|에)\s?(?:\S+\s){0,6}?(?:기술\s?이전|기술\s?수출|이전(?:하|했|한)|라이선스|지급|넘기|넘겼|넘어갔|양도|부여)"
)
_KO_COMPANY = re.compile(
    r"(?<![가-힣A-Za-z0-9·])((?<![A-Za-z])(?!DNA|RNA|ADC|API|FDA|IPO)[A-Z]{2,3}"
    r"(?!에서|에게|으로|로부터|의|은|는|이|가|을|를|과|와)[가-힣]{2,6}?|"
    r"[A-Za-z0-9가-힣&]{1,12}(?:바이오|제약|약품|파마|테라퓨틱스|사이언스|"
    r"인베스트먼트|인베트먼트|파트너스|벤처투자|벤처스|캐피탈|자산운용|투자|증권|IBT|젠|텍|셀|랩|"
    r"헬스케어|메디칼|메디컬|바이오로직스|바이오텍|바이오사이언스|테크놀로지|유한공사)|"
    r"[가-힣]{2,8}\s(?:테라퓨틱스|파마슈티컬스?|바이오사이언스|바이오로직스|파마|바이오텍|제약|"
    r"테크놀로지스?|사이언시스|메디신스?|헬스케어))"
    r"(?=['’\"”]{0,2}사?\s?(?:은|는|이|가|와|과|에|에게|로부터|으로부터|를|을|의|,|등|\s|\(|다\.|이다))"
)
# "CS Pharmaceuticals社", "(주)티움바이오", "주식회사 티움바이오", "에볼루스사와", "알자(ALZA)사에",
# "'떼아 오픈 이노베이션(Théa Open Innovation)'으로부터"
_KO_CORPORATE = re.compile(
    r"([A-Z][\w&.-]*(?:\s[A-Z][\w&.-]*){0,3})\s?社|"
    r"(?<![가-힣])([가-힣]{2,10})\([A-Za-z][\w .&-]{1,30}\)\s?社|"
    r"(?<![가-힣])([가-힣]{3,10}|[가-힣]{2,10}(?=\([A-Za-z]))(?:\([A-Za-z][\w .&-]{1,30}\))?"
    r"(?<!제약)(?<!바이오)(?<!기업)(?<!업체)(?<!회)(?<!투자)(?<!계열)(?<!공)사(?:\(社\))?"
    r"(?=와|에|에게|로부터|는|가)|"
    r"['‘]([^'’()]{2,30}?)\s?\((?=[A-Z?][a-z?])[^()]{2,40}\)['’]|"
    r"(?:\(주\)|㈜|주식회사)\s?([가-힣A-Za-z][가-힣A-Za-z0-9]{1,14})"
)
# "B와 … 기술이전 계약", "인타스와 … 라이선스 계약을 체결": the partner a Korean text names
_KO_PARTNER = re.compile(
    r"(?:['‘]([^'’]{2,30})['’]|(?<![가-힣A-Za-z0-9])([0-9]?[A-Za-z가-힣][가-힣A-Za-z0-9]{1,14}"
    r"(?:\s(?:테라퓨틱스|파마슈티컬스?|파마|바이오사이언스|제약))?"
    r"(?:\s(?:AG|SA|S\.A\.|Inc\.?|Ltd\.?|LLC|plc|GmbH|Corp\.?|BV|NV|AB|SpA))?))(?:\([^()]{2,40}\))?"
    r"(?:와|과|사와|측과)\s(?:\S+\s){0,8}?\S*(?:기술\s?이전|기술\s?수출|라이선스|라이센스|제휴|계약)"
)
# Korean: "서지넥스는 시리즈A로 40억원 규모의 투자를 유치했다": the company that raised
_KO_RAISER = re.compile(
    r"(?<![가-힣A-Za-z0-9])([A-Za-z가-힣][가-힣A-Za-z0-9-]{1,14})(?:\([^()]{2,40}\)|\(\([^()]{2,40}\))?"
    r"(?:은|는|이|가)\s(?:[^.\s]+\s){0,10}?[^.\s]*(?:유치했|유치한|유치에|조달했|모았)"
)
# Korean: the subject that opens a sentence about the deal ("큐어버스는 지난달 ... 기술이전 계약을
# 체결했다", "이노비오가 ... 라이선스 계약을"), for names without a company ending.
_KO_SUBJECT = re.compile(
    r"(?:^|(?<=[.!?\n\]])\s*|(?<=다\.)\s)['‘\"“]?([가-힣A-Za-z][가-힣A-Za-z0-9]{1,11})['’\"”]?"
    r"(?:\([A-Za-z][^()]{1,40}\))?(?:은|는|이|가)\s(?=[^.\n]{0,160}?(?:계약|기술\s?이전|기술\s?수출|"
    r"라이선스|라이센스|판권))"
)
# the payer or grantor named mid-sentence: "앨러간은 6500만달러를 ... 메디톡스에 지급",
# "X는 ... Y에게 독점권을 부여"
_KO_PAYER = re.compile(
    r"(?<=\s)([가-힣][가-힣A-Za-z0-9]{1,9})(?:은|는|이|가)\s(?=[^.\n]{0,100}?"
    r"(?:에|에게)\s(?:\S+\s){0,3}?(?:지급|부여|넘기|넘겼|양도))"
)
# the licensor an in-licensing Korean text names: "X로부터 ... 도입", "X(Latin)로부터"
_KO_SOURCE = re.compile(
    r"(?:['‘]([^'’]{2,30})['’]|(?<![가-힣A-Za-z0-9])([A-Za-z가-힣][가-힣A-Za-z0-9]{1,14}"
    r"(?:\s(?:테라퓨틱스|파마슈티컬스?|파마|바이오사이언스|제약))?"
    r"(?:\s(?:AG|SA|S\.A\.|Inc\.?|Ltd\.?|LLC|plc|GmbH|Corp\.?|BV|NV|AB|SpA))?))(?:\([^()]{2,40}\))?"
    r"(?<!으)(?:로부터|으로부터)\s(?=[^.\n]{0,80}?(?:도입|이전\s?받|라이선스|라이센스|권리|권한|판권|"
    r"계약금|선급금|기술료|마일스톤|인수|사들|수령))"
)
# a Korean transliteration with the original name bracketed: "리듬파마슈티컬스(Rhythm
# Pharmaceuticals)", "푸싱제약그룹(Fosun Pharmaceutical Group)"
_KO_WITH_LATIN = re.compile(
    r"(?<![가-힣A-Za-z0-9])([가-힣][가-힣0-9]{1,15}(?:\s[가-힣][가-힣0-9]{1,10})?)\s?"
    r"\(([A-Z][A-Za-z0-9&.,' -]{1,50}?)\)"
)
_LATIN_COMPANY = re.compile(
    r"(?:Inc|Corp|Co|Ltd|LLC|AG|GmbH|plc|Pharma\w*|Therapeutics|Bio\w*|Sciences?|Laboratories|"
    r"Group|Holdings|Labs?|Medicines?|Oncology|Health\w*)\.?$"
)
# Korean: a name after the kind of company it is ("중국 제약사 캔브리지와", "전문기업
# 앱티스(AbTis)를", "바이오텍인 앱티스를", "미국 바이오텍 네비게이터 메디신에", "독일의 IDT
# 바이오로지카를")
_KO_PARTICLE = r"(?:에게|에|와|과|를|을|으로부터|로부터|의|은|는|이|가)"
# (a first word ending in its particle is no part of a two-word name: "기업 다온셀은 켈보라와")
_KO_KIND_NAME = re.compile(
    r"(?:기업|업체|회사|바이오텍|바이오벤처|제약사|제약회사|제약업체|개발사|스타트업|전문기업|"
    r"(?<![가-힣])(?:미국|독일|중국|일본|영국|프랑스|스위스|캐나다|호주|이탈리아|스페인|벨기에|"
    r"덴마크|스웨덴|네덜란드|이스라엘|인도|대만|홍콩|싱가포르)의)(?:인|의)?\s"
    r"((?:[A-Z]{2,5}\s)?[가-힣]{2,10}(?<![은는을를와과의])\s[가-힣]{2,8}"
    r"(?=" + _KO_PARTICLE + r"\s)|"
    r"(?:[A-Z]{2,5}\s)?[가-힣]{2,10}?(?=(?:\([A-Za-z][^()]{1,40}\))?" + _KO_PARTICLE + r"[\s(]))"
)
# a disclosure's counterparty: "계약 상대방은 홍콩에 위치한 핑안시오노기다"
_KO_COUNTERPARTY = re.compile(
    r"계약\s?상대(?:방|자)(?:은|는|이)\s(?:[^\s.]+\s){0,3}?([가-힣A-Za-z][가-힣A-Za-z0-9&]{1,20}?)"
    r"(?=이다|다[.\s]|\()"
)
_KO_QUANTITY = {"다수", "일부", "모두", "대부분", "각각", "여러", "다른", "해당"}
# the country before a foreign company named with 사 ("일본 이신사", "美 제넨텍사")
_SAID_FOREIGN = re.compile(rf"(?:{COUNTRY_KO}|美|日|中|英|獨|佛)\s?$")


_KO_GENERIC_END = re.compile(
    r"(?:치료제|신약|물질|기술|기술력|항암제|의약품|제제|후보|시장|플랫폼|사업|제품|권리|판권|지역|국가|계약|"
    r"협약|협력|제휴|수출|이전|이내|시점|권|달성|체결|진행|완료|승인|허가|출시|진입|성공|기준|조건|"
    r"단계|결과|경우|과정|이후|당시|측|관계자|업계|당국|협회|위원회|대표|대표이|사장|회장|연구원|기자|"
    r"정부|식약처|거래소|증권가|규모|금액|대금|내용|기간|지역|에서|"
    r"질환|전문|하|해|되|받|있|없|했|됐|된|한|중)$"
)


def _generic(name: str) -> bool:
    """A place, a generic word or a thing, not a company ("중국", "기술", "치료제"), or a
    phrase that starts with one ("중국 제약")."""
    return _generic_start(name) or bool(_KO_GENERIC_END.search(name))


# a name written with an owner's possessive: "Lee's Pharm", "Dr. Reddy's Laboratories"
_POSSESSOR = re.compile(r"(?:Dr\.\s)?[A-Z][\w&-]*['’]s\s$")
_OWNED_END = r"(?:Pharm|Pharma|Pharmaceuticals?|Laboratories|Labs?|Biotech|Bio|Holdings|Limited)\b"


def _possessive_name(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """`span` widened to the whole of a possessive company name it is part of: "Lee" or
    "Pharm" of "Lee's Pharm"."""
    start, end = span
    owner = _POSSESSOR.search(text, max(0, start - 24), start)
    if owner and re.fullmatch(_OWNED_END, text[start:end]):
        return owner.start(), end
    owned = re.compile(r"['’]s\s" + _OWNED_END).match(text, end)
    return (start, owned.end()) if owned else span


def _generic_start(name: str) -> bool:
    return (
        len(name) < 2
        or name in KO_NOT_PARTIES
        or name in KO_GENERIC
        or name.split()[0] in KO_NOT_PARTIES
    )


@dataclass(frozen=True)
class Entry:
    kind: str  # "organization" | "asset"
    id: str
    name: str
    country: str = ""
    names: tuple[str, ...] = ()  # more names: Korean name, aliases
    # False for a record nobody curated (an organisation a trial registry's import made): where
    # a curated record shares a name with it, the name is the curated record's.
    curated: bool = True


def _forms(entry: Entry) -> set[str]:
    forms: set[str] = set()
    for name in (entry.name, *entry.names):
        name = name.strip()
        if not name:
            continue
        forms.add(name)
        inner = re.match(r"^(.*?)\s*\((.*)\)$", name)
        if inner:
            forms.update(p.strip() for p in inner.groups() if len(p.strip()) >= 3)
        if entry.kind == "organization":
            for form in list(forms):
                short = _SUFFIXES.sub("", form).strip(" ,")
                if len(short) >= 4 and short.lower() not in NOT_NAMES:
                    forms.add(short)
                words = form.split()
                if len(words) == 2 and not _HANGUL.search(form) and words[0].isupper():
                    forms.add("".join(words))  # "ABLBio" for "ABL Bio"
                ko = _KO_SUFFIXES.sub("", form).strip()
                if ko:
                    forms.add(ko)
    return {f for f in forms if len(f) >= 2}


class Gazetteer:
    """Find the graph's organisations and assets in a text."""

    def __init__(self, entries: Iterable[Entry], aliases: dict[str, str] | None = None):
        self.entries: dict[tuple[str, str], Entry] = {}
        owners: dict[str, set[tuple[str, str]]] = {}
        by_name: dict[str, tuple[str, str]] = {}
        for entry in entries:
            key = (entry.kind, entry.id)
            self.entries[key] = entry
            if entry.curated or entry.name not in by_name:
                by_name[entry.name] = key
            for form in _forms(entry):
                owners.setdefault(form.lower(), set()).add(key)
        derived: dict[str, set[tuple[str, str]]] = {}
        for key, entry in self.entries.items():
            if entry.kind != "organization":
                continue
            short = re.sub(r"\s+Pharm\.?$", "", entry.name)  # "Sam Chun Dang Pharm"
            if short != entry.name and len(short) >= 4:
                derived.setdefault(short.lower(), set()).add(key)
            for name_ko in (n for n in entry.names if _HANGUL.search(n)):
                for form in korean_variants(_KO_SUFFIXES.sub("", name_ko).strip(), entry.name):
                    derived.setdefault(form.lower(), set()).add(key)
        for form, keys in derived.items():  # a derived spelling never takes another's name
            if form not in owners and len(form) >= 3:
                owners[form] = keys
        for alias, name in (ALIASES if aliases is None else aliases).items():
            if name in by_name:
                owners[alias.lower()] = {by_name[name]}  # an alias settles an ambiguity
        self.forms = {form: owner for form, keys in owners.items() if (owner := self._owner(keys))}
        latin = sorted((f for f in self.forms if not _HANGUL.search(f)), key=len, reverse=True)
        korean = sorted((f for f in self.forms if _HANGUL.search(f)), key=len, reverse=True)
        self._latin = (
            re.compile(
                r"(?<![A-Za-z0-9-])("
                + "|".join(re.escape(f) for f in latin)
                + r")(?![A-Za-z0-9-])",
                re.IGNORECASE,
            )
            if latin
            else None
        )
        self._korean = (
            re.compile("(" + "|".join(re.escape(f) for f in korean) + ")" + _NOT_LONGER_NAME, re.I)
            if korean
            else None
        )
        self._org_names = {
            form: key for form, key in self.forms.items() if key[0] == "organization"
        }

    def _owner(self, keys: set[tuple[str, str]]) -> tuple[str, str] | None:
        """The one record a name belongs to: the only one, else the only curated one."""
        if len(keys) == 1:
            return next(iter(keys))
        curated = [key for key in keys if self.entries[key].curated]
        return curated[0] if len(curated) == 1 else None

    def find(self, text: str) -> list[Mention]:
        """Known names in `text`, longest first where they overlap; value is (kind, id)."""
        hits: list[Mention] = []
        for regex in (self._latin, self._korean):
            if regex is None:
                continue
            for match in regex.finditer(text):
                if regex is self._korean:
                    match = self._longer_ko(text, match)
                key = self.forms.get(match.group(1).lower())
                if key:
                    rest = _CORPORATE_AFTER.match(text, match.end())
                    end = rest.end() if rest and key[0] == "organization" else match.end()
                    hits.append(Mention(match.start(), end, text[match.start() : end], key, 0.95))
        hits.sort(key=lambda m: (m.start, -(m.end - m.start)))
        kept: list[Mention] = []
        for hit in hits:
            if not kept or hit.start >= kept[-1].end:
                kept.append(hit)
        return kept

    def _longer_ko(self, text: str, match: re.Match[str]) -> re.Match[str]:
        """A longer known Korean name that starts inside a match and runs past it:
        "GC녹십자엠에스" is 녹십자엠에스, not GC녹십자."""
        assert self._korean is not None
        for at in range(match.start() + 1, match.end()):
            other = self._korean.match(text, at)
            if other and other.end() > match.end():
                return other
        return match

    def propose(self, text: str, known: list[Mention]) -> Iterator[Mention]:
        """Company names the graph may lack (a capitalised name with a corporate suffix);
        value is ("organization", id) when a graph name is close enough, else
        ("organization", None)."""
        for match in _PROPOSED.finditer(text):
            # a known name inside a full name given with its own short form ("Kalbe Genexine
            # Biologics (KG Bio)") is part of that name
            own_short = re.match(r"\s?\([^()]{2,20}\)", text[match.end() : match.end() + 24])
            if any(
                m.start <= match.start() < m.end
                or (match.start() <= m.start < match.end() and not own_short)
                or 0 <= match.start() - m.end <= 1  # a known name's rest ("... Stock Co")
                for m in known
            ):
                continue
            name = re.sub(
                r"^(?:[\w.-]+-based|The|the|US|UAE|Korean|Japanese|Chinese|"
                r"(?:South |North )?(?:Korea|Japan|China|Germany|India|Switzerland|France|Taiwan|"
                r"Israel|Italy|Spain|Britain|Sweden|Denmark|Belgium|America|Australia|Canada|"
                r"Brazil|Mexico|Russia|Singapore|Indonesia|Hong Kong|the U\.?S\.?)['’]s)\s+",
                "",
                match.group(0).strip(" ,"),
            )
            core = match.group(1).strip()
            if len(core) < 3 or (core.lower() in NOT_NAMES and not _place_company(text, match)):
                continue
            best = process.extractOne(
                core.lower(), list(self._org_names), scorer=fuzz.ratio, score_cutoff=90
            )
            if best and best[0].split()[0] != core.lower().split()[0]:
                best = None  # "Dong-A Pharmaceutical" is not "Ildong Pharmaceutical"
            key = self._org_names[best[0]] if best else ("organization", None)
            yield Mention(match.start(), match.end(), name, key, 0.8 if best else 0.6)

    def propose_korean(self, text: str, known: list[Mention]) -> Iterator[Mention]:
        """Korean company names the graph may lack: a word ending in a company-like part
        (바이오, 제약, 파마, 인베스트먼트, 파트너스, 자산운용 ...) before a particle."""
        for match in _KO_COMPANY.finditer(text):
            start, end = match.span(1)
            if match.group(1) in KO_GENERIC or _generic(match.group(1)):
                continue
            if any(m.start <= start < m.end or start <= m.start < end for m in known):
                continue
            yield Mention(start, end, match.group(1), ("organization", None), 0.6)

    def propose_licensee_ko(self, text: str, known: list[Mention]) -> Iterator[Mention]:
        """The name before 에 in "X에 기술이전" when the graph lacks it ('Tasgen'에 이전,
        룬드벡에 기술이전)."""
        for match in _KO_LICENSEE.finditer(text):
            group = 1 if match.group(1) else 2
            start, end = match.span(group)
            name = match.group(group)
            if _generic(name) or re.match(r"['’]?\s?에\s?(?:대한|대해|관한)", text[end : end + 8]):
                continue  # "‘헌터라제’에 대한 기술수출": the product, not the licensee
            if any(m.start <= start < m.end or start <= m.start < end for m in known):
                continue
            key = self.forms.get(name.lower(), ("organization", None))
            yield Mention(start, end, name, key, 0.55)

    def _new(
        self, text: str, span: tuple[int, int], known: list[Mention], marked: bool = False
    ) -> Mention | None:
        """A proposed name at `span`; `marked`: the text marks it as a company's (its kind
        before it), so that a word the dictionary lacks may end as a thing does
        ("중국제약 기업 쓰촨완허중국의약품과")."""
        start, end = span
        name = text[start:end].strip()
        if _SAID_FOREIGN.search(text, max(0, start - 6), start) and re.fullmatch(
            r"[가-힣]{2,}사", name
        ):
            end, name = end - 1, name[:-1]  # "일본 이신사로부터": the company is 이신
        if _generic_start(name) or (
            _KO_GENERIC_END.search(name) and not (marked and nouns_ko.unknown_word(name))
        ):
            return None
        if any(m.start <= start < m.end or start <= m.start < end for m in known):
            return None
        low = name.lower()
        found = self.forms.get(low)
        longer = {k for f, k in self._org_names.items() if len(low) >= 6 and f.startswith(low)}
        key: tuple[str, str | None] = found or (
            longer.pop() if len(longer) == 1 else ("organization", None)
        )
        if key[1] is None:  # the short form of a name the text gave in full ("산둥뤄신")
            before = re.compile(re.escape(name) + r"[가-힣]{0,10}\s?[(（]\s?$")
            full = {
                m.value
                for m in known
                if m.value[1]
                and (
                    m.text.lower().startswith(low)
                    or before.search(text[max(0, m.start - 30) : m.start])
                )
            }
            if len(full) == 1:
                key = full.pop()
        return Mention(start, end, name, key, 0.55)

    def propose_more(self, text: str, known: list[Mention]) -> Iterator[Mention]:
        """Names the graph may lack, from where they stand: "CS Pharmaceuticals社",
        "(주)티움바이오", "인타스와 … 라이선스 계약", "서지넥스는 … 투자를 유치했다",
        "Rznomics will receive", "Rznomics’ platform"."""
        taken = list(known)
        spans: list[tuple[int, int]] = []
        for rx in (_KO_CORPORATE, _KO_PARTNER, _KO_RAISER):
            for match in rx.finditer(text):
                group = next(g for g in range(1, (rx.groups or 0) + 1) if match.group(g))
                spans.append(match.span(group))
        for match in _KO_SUBJECT.finditer(text):
            if match.group(1) not in KO_SUBJECT_STOP:
                spans.append(match.span(1))
        for match in _KO_PAYER.finditer(text):  # a name the text repeats, not a noun ("가능성이")
            name = match.group(1)
            if name not in KO_SUBJECT_STOP and text.count(name) >= 2:
                spans.append(match.span(1))
        for match in _KO_COUNTERPARTY.finditer(text):
            spans.append(match.span(1))
        for match in _KO_KIND_NAME.finditer(text):
            last = match.group(1).split()[-1]
            if last not in KO_SUBJECT_STOP and last not in _KO_QUANTITY:
                spans.append(match.span(1))
        for match in _KO_SOURCE.finditer(text):
            group = 1 if match.group(1) else 2
            if match.group(group) not in KO_SUBJECT_STOP:
                spans.append(match.span(group))
        for match in _KO_WITH_LATIN.finditer(text):
            latin = match.group(2).strip(" ,.")
            if latin.lower() in self._org_names or _LATIN_COMPANY.search(latin):
                spans.append(match.span(1))
        for rx in (
            slots_en.EN_SLOT_AFTER,
            slots_en.EN_SLOT_WITH,
            slots_en.EN_SLOT_TO,
            slots_en.EN_SLOT_FROM,
            slots_en.EN_SLOT_KIND,
            slots_en.EN_SLOT_SAID,
            slots_en.EN_SLOT_TICKER,
            slots_en.EN_SLOT_BOUGHT,
            slots_en.EN_SLOT_COMPANY,
            slots_en.EN_SLOT_APPOSITIVE,
            slots_en.EN_SLOT_BASED,
            slots_en.EN_SLOT_PAID,
            slots_en.EN_SLOT_PAID_TO,
            slots_en.EN_SLOT_MADE_BY,
        ):
            for match in rx.finditer(text):
                name = match.group(1)
                first = name.split()[0]
                if (
                    name not in EN_STOP
                    and first not in EN_STOP
                    and first not in SURNAMES
                    and not slots_en.DEMONYM.match(first)
                    and not name.endswith("-based")  # "to Czech-based ... company SOTIO"
                    and not slots_en.PLACE_AFTER.match(
                        text, match.end(1)
                    )  # "Princeton, N.J.-based"
                ):
                    spans.append(match.span(1))
        for match in slots_en.EN_SLOT_GRANTEE.finditer(text):
            if match.group(1) not in EN_STOP:
                spans.append(match.span(1))
        for match in slots_en.EN_SLOT_POSSESSIVE.finditer(text):
            name = match.group(1)
            if (
                name not in EN_STOP
                and name.split()[0] not in EN_STOP
                and len(re.findall(rf"\b{re.escape(name)}\b", text)) >= 2
            ):
                spans.append(match.span(1))
        for span in sorted({_possessive_name(text, span) for span in spans}):
            if re.fullmatch(_OWNED_END, text[span[0] : span[1]]):
                continue  # a corporate ending alone ("... (HK) Limited, a subsidiary")
            mention = self._new(text, span, taken)
            if mention is not None:
                taken.append(mention)
                yield mention
        for match in re.finditer(r"\b[A-Z][A-Za-z0-9-]+\b", text):
            name = match.group(0)
            if any(m.text == name and m.value[1] is None for m in taken) and not any(
                m.start <= match.start() < m.end for m in taken
            ):
                mention = self._new(text, match.span(), taken)
                if mention is not None:
                    taken.append(mention)
                    yield mention  # the other mentions of a name proposed once
        # "Trius Therapeutics ... Trius has acquired": a full name's first word names it again
        for full in [m for m in taken if m.value[1] is None and not _HANGUL.search(m.text)]:
            first = full.text.split()[0]
            if len(full.text.split()) < 2 or len(first) < 4 or first in EN_STOP:
                continue
            for match in re.finditer(rf"\b{re.escape(first)}\b(?!\s+[A-Z])", text):
                if not any(m.start <= match.start() < m.end for m in taken):
                    mention = Mention(match.start(), match.end(), full.text, full.value, 0.55)
                    taken.append(mention)
                    yield mention
        for name in {m.text for m in taken if m.value[1] is None and _HANGUL.search(m.text)}:
            if len(name) < 3 and not nouns_ko.name_word(name):
                continue  # a short word, unless the dictionary knows it as a name or not at all
            for match in re.finditer(re.escape(name), text):
                if not any(m.start <= match.start() < m.end for m in taken):
                    mention = Mention(
                        match.start(), match.end(), name, ("organization", None), 0.55
                    )
                    taken.append(mention)
                    yield mention  # a Korean name proposed once, named again

    def org_names(self) -> dict[str, tuple[str, str]]:
        """Every organisation's name form (lower case) and its key."""
        return self._org_names

    def country(self, key: tuple[str, str | None]) -> str:
        entry = self.entries.get(key) if key[1] else None  # type: ignore[arg-type]
        return entry.country if entry else ""

    def name(self, key: tuple[str, str | None]) -> str:
        entry = self.entries.get(key) if key[1] else None  # type: ignore[arg-type]
        return entry.name if entry else ""
