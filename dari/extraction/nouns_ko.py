"""Korean words the dictionary knows as common nouns: a proposed name that is one of them
("배양액", "합작사", "복제약", "제조사", "입찰", "효과") is a word of the sentence, not a company.

A company the graph lacks is a name the dictionary lacks too ("지엘라파", "카켄제약",
"바이오플러스": kiwi reads them as unknown words) or one it knows as a proper noun ("듀폰",
"이튼"). So a Korean name that is one dictionary common noun names no company, wherever the
proposer found it ... unless the text marks that word as a name: in quotes ("'아이콘'을
인수"), with 사 or 社 after it ("알레그로사에"), after the kind of company it is ("벤처기업인
알레그로", "자회사인 지준"): a loanword or a short word can be a company's name too. A name
of several dictionary words ("보건의료교육청", "브레인자산운용", "바이오오케스트라") is often a
real name, and is left alone.

Kiwi (kiwipiepy, hundreds of MB, seconds to load) is read lazily, once per process; a host
that holds one (`dari.matching.text.korean_analyser`, see `dari.curation.apps`)
hands it over with `use_analyser` so that the process keeps one. Answers are memoised per word.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from functools import lru_cache
from typing import Any

_HANGUL_WORD = re.compile(r"^[가-힣]{2,}$")
_lock = threading.Lock()
_analyser: Any = None
_provider: Callable[[], Any] | None = None


def use_analyser(provider: Callable[[], Any]) -> None:
    """Take the analyser (a kiwipiepy.Kiwi) from `provider` when one is first needed, instead
    of loading one (the provider may load it lazily too)."""
    global _provider
    _provider = provider


def _kiwi() -> Any:
    global _analyser
    if _analyser is None:
        if _provider is not None:
            _analyser = _provider()
        else:
            from kiwipiepy import Kiwi

            _analyser = Kiwi()
    return _analyser


@lru_cache(maxsize=50_000)
def _tokens(name: str) -> tuple[Any, ...]:
    """Kiwi's tokens of one word, memoised (the same names come back text after text)."""
    with _lock:  # Kiwi is not documented as thread-safe.
        return tuple(_kiwi().tokenize(name))


def unknown_word(name: str) -> bool:
    """`name` (one Hangul word) is one word the dictionary lacks, as most new companies' names
    are ("유비프로텐", "토피메드"); not a place or a word it knows ("미국", "제약회")."""
    name = name.strip()
    if not _HANGUL_WORD.match(name):
        return False
    tokens = _tokens(name)
    return len(tokens) == 1 and tokens[0].form == name and tokens[0].oov


def name_word(name: str) -> bool:
    """`name` (one Hangul word) is one word the dictionary lacks or knows as a proper noun
    ("듀폰", "이신"; a place too: the caller has judged the name already)."""
    name = name.strip()
    if not _HANGUL_WORD.match(name):
        return False
    tokens = _tokens(name)
    return len(tokens) == 1 and tokens[0].form == name and (tokens[0].oov or tokens[0].tag == "NNP")


def proper_part(name: str) -> bool:
    """Some part of `name` is a proper noun or a word the dictionary lacks ("서울아산병원",
    "경기도경제과학진흥원"), not only common nouns ("종합병원", "대학병원")."""
    return any(t.tag in ("NNP", "SL") or t.oov for t in _tokens(name.strip()))


# what ends a word of the sentence, not a name: a verb's stem (도입하, 수령하, 허가받), a place
# or time word with its particle (이번에, 국내에서), a suffix word (연구팀, 기술평)
_SENTENCE_WORD_END = re.compile(r"(?:하|받|되|에|에서|들|팀|평|측|원|청|부|처|쪽|단|국)$")
_PREDICATE_TAGS = ("XSV", "XSA", "ETN", "JKB", "EF", "EP", "VCP")


def name_shaped(name: str) -> bool:
    """`name` (one Hangul word) may be a company's name the dictionary cannot read: a word it
    lacks or with a proper part, or one it can only cut into odd pieces ("한독": 한 + 독,
    "오름": 오르 + ㅁ), not one word it knows ("규모", "제약사"), not common words run
    together ("계약기간", "대화제약"), nor a verb's stem or a word with its particle."""
    name = name.strip()
    if not _HANGUL_WORD.match(name) or common_noun(name):
        return False
    if unknown_word(name) or proper_part(name):
        return True
    tokens = _tokens(name)
    if len(tokens) < 2 or _SENTENCE_WORD_END.search(name) or tokens[-1].tag in _PREDICATE_TAGS:
        return False
    return not all(t.tag == "NNG" and len(t.form) >= 2 for t in tokens)


def with_company_sa(word: str) -> bool:
    """`word` ends in 사 said of a company ("토피메드사"), not in a word that ends so ("회사",
    "검사": "제약회사", "약제내성검사")."""
    if not word.endswith("사") or common_noun(word[-2:]):
        return False
    tokens = _tokens(word)
    return bool(tokens) and (
        (tokens[-1].form == "사" and tokens[-1].end == len(word))
        or (len(tokens) == 1 and tokens[0].oov)
    )


def common_noun(name: str) -> bool:
    """`name` (one Hangul word) is one dictionary common noun (NNG)."""
    name = name.strip()
    if not _HANGUL_WORD.match(name):
        return False
    tokens = _tokens(name)
    return (
        len(tokens) == 1 and tokens[0].tag == "NNG" and not tokens[0].oov and tokens[0].form == name
    )


# where the text marks a word as a name: quoted, 사/社 after it, the kind of company it is
# before it (not an English word after it: a gloss, "입찰(Tender)", is as much a word's as a name's)
_QUOTE_BEFORE = re.compile(r"[‘'\"“「『]$")
_QUOTE_AFTER = re.compile(r"^[’'\"”」』]")
_COMPANY_AFTER = re.compile(r"^(?:사|社)(?:[^가-힣]|$|[은는이가을를와과의에도로])")
_KIND_BEFORE = re.compile(
    r"(?:사|社|기업|업체|회사|법인|벤처|그룹|스타트업|바이오텍|제약|계열사|자회사)(?:인|이자)\s$"
)


def marked_as_name(text: str, name: str) -> bool:
    """Somewhere in `text`, `name` is set apart as a company's name."""
    for match in re.finditer(re.escape(name), text):
        before = text[max(0, match.start() - 12) : match.start()]
        after = text[match.end() : match.end() + 4]
        if (_QUOTE_BEFORE.search(before) and _QUOTE_AFTER.match(after)) or (
            _COMPANY_AFTER.match(after) or _KIND_BEFORE.search(before)
        ):
            return True
    return False


def not_a_company(text: str, name: str) -> bool:
    """The proposed Korean name is a dictionary common noun the text does not mark as a name."""
    return common_noun(name) and not marked_as_name(text, name)
