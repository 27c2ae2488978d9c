"""More Korean names the graph lacks, from their form and where they stand (issue 14, extraction
round 3b).

A Latin head on a Korean word is one name, not the graph's company plus a word
("HLB이노베이션" is not HLB); a company's local entity named as one ("셀트리온 미국법인은");
a company named beside a known one in a contract ("삼일제약과 갈메드는 ... 라이센스 계약을
체결했다"). Each is only a candidate: the rules and the tagger decide whether it is a party.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from dari.extraction import marked_ko, subjects_ko
from dari.extraction.model import Mention
from dari.extraction.owners import COUNTRY_KO
from dari.extraction.stopwords import KO_SUBJECT_STOP

_TRAILING = re.compile(
    r"(?:으로부터|로부터|에게|측은|측과|측의|에서|으로|로|은|는|이|가|와|과|를|을|에|의|도)$"
)
# "HLB이노베이션이", "SK팜테코를", "GC셀은" (a group is its parent's name: "HLB그룹")
_LATIN_HEAD = re.compile(r"(?<![A-Za-z0-9가-힣&])([A-Z][A-Z0-9&]{1,5}[가-힣]{2,10})(?![A-Za-z0-9])")
_NOT_TAIL = re.compile(
    r"^(?:그룹|측|사|계열|컨소시엄|주가|주식|지분)|"
    # a product, a technology or a column, not a company: "DNA백신", "ADC기술", "ET특징주"
    r"(?:백신|치료제|신약|기술|플랫폼|필러|제제|항체|주사제?|제형|물질|후보|임상|공장|사업|부문|"
    r"특징주|종목|뉴스)$"
)
# "셀트리온 미국법인은", "에이비엘바이오 미국 법인이"
_LOCAL_ENTITY = re.compile(
    r"\s?(?:미국|중국|일본|유럽|독일|영국|홍콩|싱가포르|캐나다|호주|인도|베트남|현지)\s?법인"
    r"(?=\s?(?:은|는|이|가|을|를|과|와)\s)"
)
# "삼일제약과 갈메드는", "갈메드와 삼일제약은": two companies side by side ...
_BESIDE_AFTER = re.compile(r"^(?:와|과)\s([가-힣]{2,10})(?:은|는|이|가)\s")
_BESIDE_BEFORE = re.compile(r"(?<![가-힣A-Za-z0-9])([가-힣]{2,10})(?:와|과)\s$")
# ... in a contract of their own
_CONTRACT = re.compile(
    r"계약|협약|제휴|기술\s?이전|기술\s?수출|라이선스|라이센스|파트너십|공동\s?개발|합작|"
    r"연구\s?협력|협력\S{0,2}\s?체결|양해\s?각서|\bMOU\b"
)

# a name after the kind of company it is: "미국 바이오기업 카덴트는", "항체 전문기업 아비맙과",
# "위탁개발생산 업체 바이오센트릭을"
_AFTER_KIND = re.compile(
    r"(?:바이오\s?기업|제약\s?기업|제약\s?회사|바이오\s?회사|전문\s?기업|전문\s?회사|전문\s?업체|"
    r"(?:글로벌|다국적)\s?제약사|빅\s?파마|"
    r"(?:종속|계열|관계)\s?회사|"
    r"신약\s?개발사|스타트업|업체|기업)(?:인|이자)?\s['‘\"“]?"
    r"([가-힣A-Za-z][가-힣A-Za-z0-9&]{1,14})['’\"”]?(?=(?:\(주\)|㈜)?(?:\([^()]{2,40}\))?"
    r"(?:으로부터|로부터|에게|와|과|을|를|은|는|이|가|에|의|측)[\s,])"
)
# a name after the country it is from, where the text says what it did in the deal: "일본
# 스미토모다이닛폰이 개발한", "美온코러스와 ... 연구 협력", "미국 해로우와 ... 파트너십 계약"
_AFTER_COUNTRY = re.compile(
    rf"(?<![가-힣])(?:{COUNTRY_KO}|홍콩|美|日|中|英|獨|佛)\s?"
    r"([가-힣][가-힣A-Za-z0-9&]{1,14})(?=(?:\([^()]{2,40}\))?(?:이|가|와|과|사와|사가|측과)\s)"
)
_NOT_NAMES = {
    *("투자", "투자현황", "다수", "인수", "입장", "일부", "대상", "관계자", "측"),
    *("지분", "주식", "경영권", "매각", "상장"),
}
_NOT_NAME_END = re.compile(r"(?:기업|업체|회사|최초|최대|가운데|중|현황|입장)$")
# "GC셀은 GC(녹십자홀딩스)와 함께 ... 인수한다": a company acting with another
_TOGETHER = re.compile(
    r"(?<![A-Za-z0-9가-힣])([A-Z][A-Za-z0-9]{1,8}|[가-힣]{1,8}(?:제약|바이오|파마|홀딩스|약품))\s?"
    r"(?:\((?:[^()]|\([^()]*\))*\))?(?:와|과)\s함께\s"
)
# a second subject in the sentence of a known one: "LG생명과학은 완제품을 생산·공급하고
# 스텐달은 중남미에서 독점 판매를 담당한다"
_SECOND_SUBJECT = re.compile(
    r"(?:하고|하며|했고|했으며|되고|이고),?\s([가-힣][가-힣A-Za-z]{1,9})(?:은|는|이|가)\s"
)

# what a side of a contract does: "독점 개발 및 판매를 담당한다", "판권을 갖는다", "미국 내
# 마케팅 및 영업 활동을 맡을 예정이다"
_CONTRACT_PART = re.compile(
    r"담당|판권|판매권|권리|독점|공급|생산|유통|상업화|마케팅|영업\s?활동|맡"
)


def _sentence_end(text: str, at: int) -> int:
    ends = [i for i in (text.find(". ", at), text.find("다.", at), text.find("\n", at)) if i > 0]
    return min(ends, default=len(text))


def _ok(name: str) -> bool:
    return len(name) >= 2 and name not in KO_SUBJECT_STOP


def propose_ko(gazetteer: Any, text: str, known: list[Mention]) -> Iterator[Mention]:
    """Korean candidates the other proposers miss; value ("organization", id or None)."""
    taken = list(known)
    spans: list[tuple[int, int]] = []
    for match in _LATIN_HEAD.finditer(text):
        name = _TRAILING.sub("", match.group(1))
        if text.startswith(".", match.end()):  # "계약 상대방은 중국의 IMEIK테크놀로지다."
            name = re.sub(r"(?:이)?다$", "", name)
        tail = re.sub(r"^[A-Z0-9&]+", "", name)
        if len(tail) >= 2 and not _NOT_TAIL.match(tail) and not gazetteer.forms.get(name.lower()):
            # the graph's company found inside the longer name stands aside for it
            inside = [m for m in taken if match.start() <= m.start < match.start() + len(name)]
            taken = [m for m in taken if m not in inside]
            spans.append((match.start(), match.start() + len(name)))
    for m in known:
        if m.value[0] != "organization":
            continue
        local = _LOCAL_ENTITY.match(text, m.end) if m.value[1] else None
        if local:
            taken = [o for o in taken if o is not m]
            spans.append((m.start, local.end()))
            continue
        if not _CONTRACT.search(text, m.end, _sentence_end(text, m.end)):
            continue
        after = _BESIDE_AFTER.match(text[m.end : m.end + 20])
        if after and _ok(after.group(1)):
            spans.append((m.end + after.start(1), m.end + after.end(1)))
        before = _BESIDE_BEFORE.search(text[max(0, m.start - 14) : m.start])
        said = text[m.end : m.end + 4]
        if before and _ok(before.group(1)) and re.match(r"(?:은|는|이|가)\s", said):
            at = max(0, m.start - 14)
            spans.append((at + before.start(1), at + before.end(1)))
    marked: set[tuple[int, int]] = set()
    for match in _AFTER_KIND.finditer(text):
        name = _TRAILING.sub("", match.group(1))
        if _ok(name) and name not in _NOT_NAMES and not _NOT_NAME_END.search(name):
            spans.append((match.start(1), match.start(1) + len(name)))
            marked.add(spans[-1])
    for match in _AFTER_COUNTRY.finditer(text):
        name = match.group(1)
        if (
            _ok(name)
            and name not in _NOT_NAMES
            and not _NOT_NAME_END.search(name)
            and _CONTRACT.search(text, match.end(), _sentence_end(text, match.end()) + 200)
        ):
            spans.append(match.span(1))
    for match in _TOGETHER.finditer(text):
        name = match.group(1)
        overlap = any(m.start < match.end(1) and match.start(1) < m.end for m in taken)
        if _ok(name) and not overlap:
            # the name as written ("GC" beside "GC셀" is another company, not its short form)
            key = gazetteer.forms.get(name.lower()) or ("organization", None)
            mention = Mention(match.start(1), match.end(1), name, key, 0.55)
            taken.append(mention)
            yield mention
    for match in _SECOND_SUBJECT.finditer(text):
        start = max(text.rfind(". ", 0, match.start()), text.rfind("\n", 0, match.start())) + 1
        subject = any(
            start <= m.start < match.start()
            and m.value[0] == "organization"
            and re.match(r"(?:은|는|이|가)\s", text[m.end : m.end + 2])
            for m in known
        )
        if (
            subject
            and _ok(match.group(1))
            and _CONTRACT_PART.search(text, match.end(), _sentence_end(text, match.end()))
        ):
            spans.append(match.span(1))
    spans += marked_ko.spans(text)
    spans += subjects_ko.spans(text)
    for span in sorted(set(spans)):
        mention = gazetteer._new(text, span, taken, span in marked)
        if mention is not None:
            taken.append(mention)
            yield mention
