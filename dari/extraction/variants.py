"""Other spellings of a Korean company name that the press uses, derived from the name.

Korean texts spell a Latin acronym in letters or in Hangul ("GC셀" and "지씨셀",
"SCM생명과학" and "에스씨엠생명과학"), shorten 생명과학 to 생명 ("코오롱생명과학" is
"코오롱생명"), write 셀 as 쎌, and drop a leading "한국" ("한국유나이티드제약" is
"유나이티드제약"). `korean_variants` gives these forms; the gazetteer adds them to an
organisation only where no other organisation already answers to them.
"""

from __future__ import annotations

import re

# How Korean writes each Latin letter.
LETTERS = {
    "A": "에이",
    "B": "비",
    "C": "씨",
    "D": "디",
    "E": "이",
    "F": "에프",
    "G": "지",
    "H": "에이치",
    "I": "아이",
    "J": "제이",
    "K": "케이",
    "L": "엘",
    "M": "엠",
    "N": "엔",
    "O": "오",
    "P": "피",
    "Q": "큐",
    "R": "알",
    "S": "에스",
    "T": "티",
    "U": "유",
    "V": "브이",
    "W": "더블유",
    "X": "엑스",
    "Y": "와이",
    "Z": "지",
}
_LATIN_HEAD = re.compile(r"^([A-Z]{2,5})(?=[가-힣])")
# the acronym an English name opens with: "SCM Lifescience", "HLB Therapeutics", "STCube"
_ACRONYM = re.compile(r"^([A-Z]{2,5})(?=[\s&-]|[A-Z][a-z]|$)")
# shorter endings the press uses: (ending, short form)
# (not "삼성바이오" for 삼성바이오로직스: the press also calls 삼성바이오에피스 so)
_ENDINGS = (("생명과학", "생명"),)
# a company's ending, for the name left when "한국" is dropped
_COMPANY_END = re.compile(r"(?:제약|약품|바이오|파마|테라퓨틱스|사이언스|헬스케어|메디칼|메디컬)$")


def spelled(acronym: str) -> str:
    """A Latin acronym as Korean writes it: "GC" -> "지씨"."""
    return "".join(LETTERS[c] for c in acronym.upper())


def korean_variants(name_ko: str, name: str = "") -> set[str]:
    """Other spellings of the Korean name `name_ko` (of the organisation called `name` in
    English), not including `name_ko` itself."""
    name_ko = name_ko.strip()
    forms = {name_ko}
    head = _LATIN_HEAD.match(name_ko)
    if head:  # "GC셀" -> "지씨셀"
        forms.add(spelled(head.group(1)) + name_ko[head.end() :])
    acronym = _ACRONYM.match(name.strip())
    if acronym:  # "에스씨엠생명과학" (SCM Lifescience) -> "SCM생명과학"
        hangul = spelled(acronym.group(1))
        rest = name_ko[len(hangul) :]
        if name_ko.startswith(hangul) and re.match(r"[가-힣]{2}", rest):
            forms.add(acronym.group(1) + rest)
    for form in list(forms):
        rest = form[2:]
        if form.startswith("한국") and len(rest) >= 4 and _COMPANY_END.search(rest):
            forms.add(rest)
    for form in list(forms):
        for ending, short in _ENDINGS:
            stem = form[: -len(ending)]
            if form.endswith(ending) and len(stem) >= 2:
                forms.add(stem + short)
    for form in list(forms):
        if "셀" in form:
            forms.add(form.replace("셀", "쎌"))
    forms.discard(name_ko)
    return forms
