"""Words a proposer took for a company that name none: a product named in quotes, a country,
a defined term of the contract, a word of the sentence.

Only proposed names (no graph id) are judged; a company the graph knows is never dropped here.
Plain Python over the mentions `pipeline.extract` found.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from babel import Locale

from dari.extraction import nouns_ko, transliterate
from dari.extraction.model import Mention
from dari.extraction.stopwords import KO_NOT_PARTIES

if TYPE_CHECKING:
    from dari.extraction.gazetteer import Gazetteer

# A product, as Korean press names one: in quotes, with what it is or its ingredient in
# brackets ("'그로트로핀(성장호르몬제)'", "‘자이프렉사(성분이름 올란자핀)’"), or right after
# the kind of drug it is ("조현병 치료제 ‘자이프렉사’").
_PRODUCT_AFTER = re.compile(
    r"^[가-힣A-Za-z]{0,3}\s?[(（]\s?(?:성분|주성분|[^()（）]{0,15}?(?:제|치료제|백신|주사|정)\s?[)）])"
)
_PRODUCT_BEFORE = re.compile(
    r"(?:치료제|신약|의약품|항암제|주사제|백신|약물|제품|품목|\bdrug|\bproduct|\btreatment)\s?"
    r"[‘'\"“]$",
    re.I,
)
_QUOTE = re.compile(r"[‘'\"“]$")

# Whole names that are a place or a word of the sentence, not a company.
_EN_WORDS = {
    "agreement",
    "license",
    "licence",
    "the agreement",
    "the license",
    "company",
    "the company",
    "however",
    "meanwhile",
    "big pharma",
    "pharma",
    "biotech",
    "said",
    # a contract's defined terms for its sides
    "licensor",
    "licensee",
    "the licensor",
    "the licensee",
    "sublicensee",
    "the parties",
    "buyer",
    "seller",
    "purchaser",
}
_COUNTRIES = set(
    "iran iraq china japan india korea taiwan vietnam thailand indonesia malaysia singapore "
    "philippines russia turkey brazil mexico canada germany france italy spain britain "
    "switzerland israel egypt australia europe asia africa america".split()
) | {  # every country and region as CLDR names it, in English and in Korean
    name.lower()
    for language in ("en", "ko")
    for name in Locale(language).territories.values()
    if len(name) > 1
}
# a place or a kind of company said of a party, not its name: "Seoul-headquartered", "U.S.-based"
_SAID_OF = re.compile(r"-(?:headquartered|based|listed|registered)$", re.I)
# Korean words of the sentence: an amount of sales (매출액), the other party (계약상대방), a
# clause ending in a verb ("판매대행하던": "that it had been selling for", "않았"), a count
# ("8개국"), a kind of company ("유통사").
_KO_WORD = re.compile(
    r"(?:매출액|상대방|던|하는|되는|하고|았|었|했|겠)$|^\d+\s?(?:개국|개사|개|곳|건|명)$|"
    r"^(?:유통사|파트너사|제약사|협력사|고객사|자회사|계열사|관계사|이름|제3자|제삼자)$"
)


# Common words of deal texts: a proposed name made of nothing else is a phrase of the sentence
# ("청산절차", "투자유치", "경상기술료", "공동개발", "제약집단"), not a company.
_KO_PARTS = set(
    "청산 절차 투자 유치 경상 기술료 로열티 공동 개발 연구 임상 제약 집단 그룹 기업 회사 업체 계약 "
    "협약 체결 이전 기술 수출 도입 판매 판권 허가 상업화 생산 공급 유통 라이선스 계열 지주 "
    "최대 최고 대표 세계 글로벌 국내 해외 현지 신약 의약품 치료제 후보 물질 법인 합작 합자 "
    "상장 매출 규모 금액 선급금 계약금 마일스톤 단계 성과 본사 지사 사업 부문 전략 협력 "
    "제휴 제약사 제약회사 바이오사 업체들 기업들 회사들 다국적 대형 중견".split()
) | {name for name in _COUNTRIES if " " not in name and len(name) <= 4 and "가" <= name[0] <= "힣"}
# a company's standing or region said before a kind of company: "최대 제약", "북아프리카 제약"
_KO_STANDING = {"최대", "최고", "세계적", "유력", "대표", "주요", "선도", "대형"}
_KO_REGION = re.compile(
    r"^(?:동|서|남|북|중앙|동남|서남|북서|북동|중남)?(?:아프리카|아시아|유럽|아메리카|중동|미)$"
)


def _only_common_words(name: str) -> bool:
    """The Korean name splits wholly into common words of deal texts (see _KO_PARTS)."""
    word = name.replace(" ", "")
    if not word or not all("가" <= ch <= "힣" for ch in word):
        return False
    ends = {0}
    for i in range(1, len(word) + 1):
        if any(j in ends and word[j:i] in _KO_PARTS for j in range(max(0, i - 4), i)):
            ends.add(i)
    return len(word) in ends


# a disease named after a person, not a company: "Alzheimer's disease", "Parkinson's"
_DISEASE_AFTER = re.compile(
    r"^['’]s?\s(?:disease|syndrome|dementia)|^\s(?:disease|syndrome)\b", re.I
)


def not_a_name(text: str, m: Mention) -> bool:
    """The proposed name `m` is a product, a country or a word of the sentence."""
    if m.value[1]:
        return False
    name = m.text.strip()
    if name.lower() in _EN_WORDS or name.lower() in _COUNTRIES or _SAID_OF.search(name):
        return True
    first = name.split()[0]
    if _KO_WORD.search(name) or first in KO_NOT_PARTIES or _only_common_words(name):
        return True
    hangul = all("가" <= ch <= "힣" for ch in first)
    if (
        len(name.split()) > 1
        and hangul
        and (first in _KO_STANDING or first in _COUNTRIES or _KO_REGION.match(first))
    ):
        return True
    before = text[max(0, m.start - 12) : m.start]
    after = text[m.end : m.end + 30]
    if _DISEASE_AFTER.match(after):
        return True
    if _QUOTE.search(before) and _PRODUCT_AFTER.match(after):
        return True
    return bool(_PRODUCT_BEFORE.search(before))


def drop(text: str, orgs: list[Mention]) -> list[Mention]:
    """`orgs` without the proposed names that name no company (every mention of a name once
    one of them shows it is a product)."""
    gone = {m.text for m in orgs if not_a_name(text, m)}
    return [m for m in orgs if m.value[1] or m.text not in gone]


def resolved(gazetteer: Gazetteer, text: str, orgs: list[Mention]) -> list[Mention]:
    """`orgs` without the names `drop` finds none, the foreign companies written in Hangul
    given their graph id (`transliterate`: "스펙트럼" is Spectrum), then without the proposed
    Korean names that are still a dictionary common noun ("배양액", "합작사", "복제약":
    `nouns_ko`)."""
    orgs = transliterate.resolve(gazetteer, drop(text, orgs), text)
    gone = {m.text for m in orgs if not m.value[1] and nouns_ko.not_a_company(text, m.text)}
    return [m for m in orgs if m.value[1] or m.text not in gone]
