"""Korean names the text itself marks as a company's, wherever they stand: a listed company's
exchange code after its name ("바이오플러스(099430)는"), 사 after a name the dictionary lacks
("이스라엘 토피메드사, ..."), an unknown word right after the kind of company it is
("단백질의약품개발 업체 유비프로텐 지분"), a university, a hospital or an institute by its
own name ("서울아산병원이", not "종합병원"). Spans for `proposers_ko.propose_ko`; the rules and
the tagger decide whether each is a party.
"""

from __future__ import annotations

import re

from dari.extraction import nouns_ko

# "바이오플러스(099430)", "셀트리온(068270)은", "HLB(KRX:028300)", "큐라티스[348080]": six
# digits, a Korean code
_TICKER = re.compile(
    r"(?<![가-힣A-Za-z0-9&])([가-힣][가-힣A-Za-z0-9&]{1,15}|[A-Z][A-Za-z0-9&]{0,5}[가-힣]{1,12})"
    r"\s?[(\[](?:KRX|KOSDAQ|KOSPI|코스닥|코스피|유가증권)?\s?:?\s?[0-9]{6}(?:\.K[QS])?[)\]]"
)
# a university, a hospital or a public institute named as one side: "서울아산병원이", "국민대학교와"
_INSTITUTION = re.compile(
    r"(?<![가-힣A-Za-z0-9])([가-힣]{2,14}(?:대학교|병원|의료원|진흥원|교육청))"
    r"(?=\s?(?:\([^()]{2,40}\))?(?:이|가|은|는|와|과|으로부터|로부터|에게|에|의|을|를)\s)"
)
# "토피메드사,", "토피메드사 측은": 사 after a name, before a comma or a space
_WITH_SA = re.compile(r"(?<![가-힣A-Za-z0-9])([가-힣]{2,12})사(?=,|\s측)")
# "업체 유비프로텐 지분", "기업 바이오씨앤디 인수": an unknown word after the kind of company
_KIND_THEN_WORD = re.compile(
    r"(?:업체|기업|회사|제약사|바이오텍|바이오기업|개발사|제조사|스타트업|계열사|자회사)(?:인)?\s"
    r"([가-힣]{1,11}[가-힣](?<![의은는이가을를와과에도]))(?=\s)"
)


def spans(text: str) -> list[tuple[int, int]]:
    """The spans of names `text` marks as companies' names."""
    out = [m.span(1) for m in _TICKER.finditer(text)]
    out += [m.span(1) for m in _INSTITUTION.finditer(text) if nouns_ko.proper_part(m.group(1))]
    for match in _WITH_SA.finditer(text):
        name = match.group(1)
        if nouns_ko.unknown_word(name) and nouns_ko.with_company_sa(name + "사"):
            out.append(match.span(1))
    for match in _KIND_THEN_WORD.finditer(text):
        if nouns_ko.unknown_word(match.group(1)):
            out.append(match.span(1))
    return out
