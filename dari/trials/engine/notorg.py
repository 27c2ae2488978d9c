"""Names a registry puts where an organisation belongs but that name none: a person (an
investigator registered as sponsor, collaborator or site: "Duk Lyul Na", "MinYoung Kim, M.D.")
or a place ("Andover, MA", "Goyang-si", "Seoul"). Plain Python; nothing of Django or dari.

`not_an_organisation(name)` says which, or None. The importer makes no organisation of such a
name: the trial keeps the registry's text (its sponsor as registered, the site's facility) and
no directory link. Never guess an institution for a person: a registry that names one says so.
"""

from __future__ import annotations

import re

PERSON = "person"
PLACE = "place"

# A title or degree marks a person: "Dr. Kim", "Prof. Lee", "MinYoung Kim, M.D.", "X, PhD".
_TITLE = re.compile(r"^(?:dr|prof|professor)\b\.?\s+\S", re.IGNORECASE)
_DEGREE = re.compile(
    r"(?:,|\s)\s*(?:m\.\s?d\.?|md|ph\.\s?d\.?|phd|mph|pharmd|dds|msc|rn)\s*(?:,.*)?$",
    re.IGNORECASE,
)
# Korean family names as the registries romanise them; a name of two or three capitalised
# words with one of them first or last, and no word an organisation's name would hold, is a
# person ("Hae-Sim Park", "Hong Joonpio", "Yoonseok Heo").
_SURNAMES = frozenset(
    """kim lee yi park pak choi choe jung jeong chung kang cho jo yoon yun jang chang lim im
    han oh seo suh shin kwon hwang ahn an song yoo yu ryu jeon chun ko go moon mun yang son
    bae baek paik heo huh nam noh roh ha kwak sung seong cha joo ju woo koo ku min na ra rhee
    ryoo hur hong yeo won""".split()
)
_NAME_WORD = re.compile(r"^[A-Z][a-z]+(?:-?[A-Za-z][a-z]+)?$")
# Words that belong to organisations (and to places), never to a person's name.
_ORG_WORDS = frozenset(
    """university univ hospital medical medicine center centre clinic institute foundation
    college school company corporation corp inc ltd llc co group pharma pharm pharmaceutical
    pharmaceuticals bio biotech science sciences therapeutics health national research
    association society network trust labs laboratory laboratories holdings partners
    korea korean seoul""".split()
)
# Places: "City, ST" (a US state code), a Korean district or city with its suffix
# ("Goyang-si", "Hwasun-gun", "Gangnam-gu", "Gyeonggi-do"), a city or country alone.
_CITY_STATE = re.compile(r"^[A-Z][A-Za-z .'-]+,\s*([A-Z]{2})$")
_STATES = frozenset(
    """AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV
    NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR""".split()
)
_KOREAN_DIVISION = re.compile(r"^[A-Z][a-z]+(?:[ -][a-z]+)?-(?:si|gun|gu|do|dong|eup|myeon)$")
_PLACES = frozenset(
    """seoul busan incheon daegu daejeon gwangju ulsan sejong suwon seongnam goyang yongin
    bucheon ansan anyang cheongju cheonan jeonju changwon pohang gimhae hwasun jeju chuncheon
    wonju gangneung iksan yangsan uijeongbu gyeonggi gyeonggido korea southkorea
    republicofkorea korearepublicof unitedstates usa japan china singapore australia""".split()
)
_WORD = re.compile(r"[\W_]+")


def _key(text: str) -> str:
    return _WORD.sub("", text.casefold())


def _has_org_word(words: list[str]) -> bool:
    return any(part in _ORG_WORDS for w in words for part in re.split(r"[-'.]", w.casefold()))


def _looks_like_person(name: str) -> bool:
    # "Dr. Reddy's Laboratories" is a company: a title counts before a person's name only.
    if (_TITLE.match(name) or _DEGREE.search(name)) and not _has_org_word(name.split()):
        return True
    # "Min-gul Kim, Jeonju": a person followed by their city.
    first = name.split(",")[0].strip()
    words = first.split()
    if not 2 <= len(words) <= 3 or not all(_NAME_WORD.match(w) for w in words):
        return False
    if _has_org_word(words):
        return False
    lowered = [w.casefold() for w in words]
    # "MinYoung Kim", "NaRi Kim": the surname is a word of its own.
    return lowered[0] in _SURNAMES or lowered[-1] in _SURNAMES


def _looks_like_place(name: str) -> bool:
    city_state = _CITY_STATE.match(name)
    if (city_state and city_state[1] in _STATES) or _KOREAN_DIVISION.match(name):
        return True
    return _key(name) in _PLACES


def not_an_organisation(name: str) -> str | None:
    """PERSON or PLACE when `name` names a person or a place rather than an organisation,
    else None."""
    name = name.strip().strip('"\u201c\u201d').strip()
    if not name:
        return None
    if _looks_like_place(name):
        return PLACE
    if _looks_like_person(name):
        return PERSON
    return None
