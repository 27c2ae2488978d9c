"""Structured features: vocab bit masks, modality families, stage adjacency, which kind
of organisation usually takes which deal, and territory coverage."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .profiles import DEAL_TYPES, MODALITIES, ORG_KINDS, STAGES, THERAPEUTIC_AREAS

NEUTRAL = 0.3
"""Score of a structured feature when one side says nothing about it: below a match,
above a stated mismatch, so a silent profile is neither rewarded nor buried."""

OPEN = 1.0
"""Score of a restriction (stages licensed, deal types sought, territories on offer) that one
side does not state: nothing is ruled out. Only a stated restriction that leaves the other
side out counts against (0.0); on the dev set, rewarding profiles that state them (NEUTRAL
for the silent ones) buried good partners who say nothing (docs/recommendations.md)."""

FOCUS_ONLY = 0.75
"""Area/modality in what the organisation works on, but not in what it says it seeks."""

RELATED_MODALITY = 0.5
"""A modality of the same family (modalities) or an area next to it (therapeutic areas)."""
ADJACENT_STAGE = 0.5
INDICATION_FIRE = 0.6
"""idf-weighted share of an indication's words that must appear to name it as a reason."""

AREA_BIT = {v: 1 << i for i, v in enumerate(THERAPEUTIC_AREAS) if v != "other"}
MODALITY_BIT = {v: 1 << i for i, v in enumerate(MODALITIES) if v != "other"}
STAGE_BIT = {v: 1 << i for i, v in enumerate(STAGES)}
DEAL_BIT = {v: 1 << i for i, v in enumerate(DEAL_TYPES)}
AREA_CODE = {v: i for i, v in enumerate(THERAPEUTIC_AREAS)}
MODALITY_CODE = {v: i for i, v in enumerate(MODALITIES)}
STAGE_CODE = {v: i for i, v in enumerate(STAGES)}
KIND_CODE = {v: i for i, v in enumerate(ORG_KINDS)}

_FAMILIES: tuple[frozenset[str], ...] = (
    frozenset({"antibody", "bispecific_antibody", "adc"}),
    frozenset({"antibody", "protein_peptide"}),
    frozenset({"adc", "radiopharmaceutical", "degrader"}),
    frozenset({"gene_therapy", "rna", "cell_therapy"}),
    frozenset({"small_molecule", "degrader"}),
    frozenset({"vaccine", "rna"}),
    frozenset({"diagnostic", "medical_device", "digital_therapeutic"}),
)


def _family_mask(modality: str) -> int:
    mask = 0
    for family in _FAMILIES:
        if modality in family:
            for other in family:
                if other != modality:
                    mask |= MODALITY_BIT[other]
    return mask


FAMILY_MASK: dict[str, int] = {m: _family_mask(m) for m in MODALITIES}


_CLINICAL_ORDER = ("discovery", "preclinical", "phase1", "phase2", "phase3", "filed", "approved")


def adjacent_stage_mask(stage: str) -> int:
    if stage not in _CLINICAL_ORDER:
        return 0
    i = _CLINICAL_ORDER.index(stage)
    mask = 0
    for j in (i - 1, i + 1):
        if 0 <= j < len(_CLINICAL_ORDER):
            mask |= STAGE_BIT[_CLINICAL_ORDER[j]]
    return mask


def mask_of(values: Iterable[str], bits: dict[str, int]) -> int:
    mask = 0
    for value in values:
        mask |= bits.get(value, 0)
    return mask


_RELATED_AREAS: tuple[tuple[str, str], ...] = (
    ("immunology", "dermatology"),
    ("immunology", "respiratory"),
    ("immunology", "gastroenterology"),
    ("immunology", "musculoskeletal"),
    ("metabolic", "cardiovascular"),
    ("metabolic", "renal"),
    ("metabolic", "gastroenterology"),
    ("cardiovascular", "renal"),
    ("neurology", "psychiatry"),
    ("oncology", "hematology"),
    ("rare_disease", "hematology"),
    ("rare_disease", "metabolic"),
    ("rare_disease", "neurology"),
)
RELATED_AREA_MASK: dict[str, int] = {
    a: mask_of(
        [y for x, y in _RELATED_AREAS if x == a] + [x for x, y in _RELATED_AREAS if y == a],
        AREA_BIT,
    )
    for a in THERAPEUTIC_AREAS
}
RELATED_AREA_BY_CODE = np.array(
    [RELATED_AREA_MASK[a] for a in THERAPEUTIC_AREAS] + [0], dtype=np.int64
)
"""RELATED_AREA_MASK by AREA_CODE; the last entry (code -1: no area) relates to nothing."""


KIND_FIT: dict[str, dict[str, float]] = {
    "license": {"pharma": 1.0, "biotech": 0.6},
    "co_development": {"pharma": 1.0, "biotech": 0.8},
    "option": {"pharma": 1.0, "biotech": 0.6, "investor": 0.3},
    "platform": {"pharma": 1.0, "biotech": 0.8},
    "acquisition": {"pharma": 1.0, "biotech": 0.6, "investor": 0.5},
    "equity_investment": {"investor": 1.0, "accelerator": 0.6, "pharma": 0.5},
    "research_collaboration": {
        "research_institute": 1.0,
        "university": 1.0,
        "hospital": 0.8,
        "pharma": 0.6,
        "biotech": 0.6,
    },
    "manufacturing": {"cdmo": 1.0, "pharma": 0.3},
    "distribution": {"pharma": 1.0, "service_provider": 0.5},
}
DEFAULT_SEEKING: tuple[str, ...] = ("license",)
"""What an asset that says nothing about partnering is assumed to seek."""


def kind_fit(kind: str, seeking: Sequence[str]) -> tuple[float, str]:
    """How usual an organisation of `kind` is as a partner for the deals sought, and the
    deal type that gives that score."""
    best, best_deal = 0.0, ""
    for deal in seeking or DEFAULT_SEEKING:
        fit = KIND_FIT.get(deal, {}).get(kind, 0.0)
        if fit > best:
            best, best_deal = fit, deal
    return best, best_deal


# ---- business lines ----------------------------------------------------------------
BUSINESS_LINES: dict[str, tuple[str, ...]] = {
    "biosimilar": ("biosimilar", "바이오시밀러"),
}
"""Lines of business an asset can belong to that only some organisations take on, and the
tokens (after text.tokenize) that name them. A biosimilar goes to a company that says it
develops or sells biosimilars (how many deals that concerns: docs/recommendations.md)."""


def business_lines(tokens: Iterable[str]) -> list[str]:
    """The business lines named among `tokens`."""
    present = set(tokens)
    return [line for line, terms in BUSINESS_LINES.items() if present & set(terms)]


# ---- territories ----------------------------------------------------------------------
_EU = frozenset(
    "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split()
)
_SOUTHEAST_ASIA = frozenset("SG MY TH VN ID PH".split())
_GREATER_CHINA = frozenset({"CN", "HK", "MO", "TW"})
_ASIA = _GREATER_CHINA | _SOUTHEAST_ASIA | frozenset({"KR", "JP", "IN"})
_OCEANIA = frozenset({"AU", "NZ"})
_MIDDLE_EAST = frozenset("AE SA IL QA KW TR EG JO LB OM BH IQ IR".split())
_NORTH_AFRICA = frozenset("EG MA DZ TN LY".split())
_SOUTH_AMERICA = frozenset("BR AR CL CO PE EC VE UY PY BO".split())
REGIONS: dict[str, frozenset[str]] = {
    "eu": _EU,
    "europe": _EU | frozenset({"GB", "CH", "NO", "IS", "UA", "RS", "TR"}),
    "eastern_europe": frozenset(
        "PL CZ SK HU RO BG RU UA BY MD RS HR SI BA ME MK AL EE LV LT".split()
    ),
    "north_america": frozenset({"US", "CA", "MX"}),
    "greater_china": _GREATER_CHINA,
    "asia": _ASIA,
    "apac": _ASIA | _OCEANIA,
    "asia_pacific": _ASIA | _OCEANIA,
    "southeast_asia": _SOUTHEAST_ASIA,
    "latin_america": _SOUTH_AMERICA | frozenset("MX CR PA GT HN SV NI DO CU".split()),
    "south_america": _SOUTH_AMERICA,
    "middle_east": _MIDDLE_EAST,
    "north_africa": _NORTH_AFRICA,
    "middle_east_and_north_africa": _MIDDLE_EAST | _NORTH_AFRICA,
    "mena": _MIDDLE_EAST | _NORTH_AFRICA,
    "africa": _NORTH_AFRICA | frozenset("ZA NG KE GH ET".split()),
    "cis": frozenset("RU KZ UZ BY AM AZ KG TJ MD".split()),
    "oceania": _OCEANIA,
}
_COUNTRY_NAMES = """
afghanistan AF; albania AL; algeria DZ; argentina AR; armenia AM; australia AU; austria AT;
azerbaijan AZ; bahrain BH; bangladesh BD; belarus BY; belgium BE; bolivia BO; bosnia BA;
brazil BR; brunei BN; bulgaria BG; cambodia KH; canada CA; chile CL; china CN; colombia CO;
costa_rica CR; croatia HR; cuba CU; cyprus CY; czechia CZ; czech_republic CZ; denmark DK;
dominican_republic DO; ecuador EC; egypt EG; el_salvador SV; estonia EE; ethiopia ET;
finland FI; france FR; georgia GE; germany DE; ghana GH; greece GR; guatemala GT;
honduras HN; hong_kong HK; hungary HU; iceland IS; india IN; indonesia ID; iran IR; iraq IQ;
ireland IE; israel IL; italy IT; jamaica JM; japan JP; jordan JO; kazakhstan KZ; kenya KE;
korea KR; south_korea KR; republic_of_korea KR; kuwait KW; kyrgyzstan KG; laos LA; latvia LV;
lebanon LB; libya LY; lithuania LT; luxembourg LU; macau MO; macao MO; malaysia MY; malta MT;
mexico MX; moldova MD; mongolia MN; montenegro ME; morocco MA; myanmar MM; nepal NP;
netherlands NL; new_zealand NZ; nicaragua NI; nigeria NG; north_macedonia MK; norway NO;
oman OM; pakistan PK; panama PA; paraguay PY; peru PE; philippines PH; poland PL;
portugal PT; puerto_rico PR; qatar QA; romania RO; russia RU; russian_federation RU;
saudi_arabia SA; serbia RS; singapore SG; slovakia SK; slovenia SI; south_africa ZA;
spain ES; sri_lanka LK; sweden SE; switzerland CH; taiwan TW; tajikistan TJ; tanzania TZ;
thailand TH; tunisia TN; turkey TR; turkiye TR; turkmenistan TM; uganda UG; ukraine UA;
united_arab_emirates AE; uae AE; united_kingdom GB; uk GB; great_britain GB;
united_states US; united_states_of_america US; usa US; us US; uruguay UY; uzbekistan UZ;
venezuela VE; vietnam VN; viet_nam VN; yemen YE; zambia ZM; zimbabwe ZW
"""
_NAMES: dict[str, str] = {
    name: code
    for item in _COUNTRY_NAMES.replace("\n", " ").split(";")
    if item.strip()
    for name, code in [item.split()]
}
"""Country names (lower case, words joined by _) -> ISO 3166-1 alpha-2 codes."""
PLACE_WORDS: frozenset[str] = (
    frozenset(word for name in (*_NAMES, *REGIONS) for word in name.split("_") if len(word) > 3)
    | frozenset(
        "chinese korean japanese european american asian african western eastern northern"
        " southern international".split()
    )
    | frozenset(
        # Cities of the clusters and of the hubs they partner with.
        "seoul incheon songdo pangyo osong daejeon daegu busan ulsan gwangju wonju seongnam"
        " boston cambridge london basel tokyo osaka kobe shanghai beijing singapore".split()
    )
)
"""Words of country and region names, and their adjectives: where an organisation is says
nothing of what it partners on (the territory reason speaks of place)."""
_GLOBAL = frozenset({"global", "worldwide", "ww", "world", "all"})


@dataclass(frozen=True)
class Territories:
    """What a list of territory strings covers: global (minus exclusions) or a set of
    ISO country codes. `known` is False when the list said nothing usable."""

    is_global: bool
    include: frozenset[str]
    exclude: frozenset[str]
    known: bool

    @property
    def restricts(self) -> bool:
        """True when the territories leave some country out (not plain 'global')."""
        return self.known and (not self.is_global or bool(self.exclude))

    def covers(self, country: str) -> bool:
        if country in self.exclude:
            return False
        return self.is_global or country in self.include


_KOREAN_PLACES: dict[str, str] = {
    "중화권": "greater_china",
    "중국": "china",
    "일본": "japan",
    "미국": "us",
    "북미": "north_america",
    "캐나다": "canada",
    "유럽": "europe",
    "동유럽": "eastern_europe",
    "한국": "korea",
    "대한민국": "korea",
    "국내": "korea",
    "아시아": "asia",
    "아시아태평양": "apac",
    "동남아": "southeast_asia",
    "동남아시아": "southeast_asia",
    "중남미": "latin_america",
    "남미": "south_america",
    "중동": "middle_east",
    "중동북아프리카": "mena",
    "아프리카": "africa",
    "독립국가연합": "cis",
    "러시아": "russia",
    "인도": "india",
    "대만": "taiwan",
    "홍콩": "hong_kong",
    "베트남": "vietnam",
    "태국": "thailand",
    "인도네시아": "indonesia",
    "필리핀": "philippines",
    "말레이시아": "malaysia",
    "싱가포르": "singapore",
    "호주": "australia",
    "브라질": "brazil",
    "멕시코": "mexico",
    "튀르키예": "turkey",
    "터키": "turkey",
    "영국": "uk",
    "독일": "germany",
    "프랑스": "france",
    "이탈리아": "italy",
    "스페인": "spain",
    "스위스": "switzerland",
}
"""Korean territory names -> the English key they stand for."""
_KOREAN_GLOBAL = ("전 세계", "전세계", "글로벌", "전지역")
_KOREAN_WORDS = re.compile(
    "|".join(
        re.escape(word)
        for word in sorted([*_KOREAN_PLACES, *_KOREAN_GLOBAL, "및"], key=len, reverse=True)
    )
)


def _places(text: str) -> frozenset[str]:
    """The countries a territory name covers ('' when unknown): a region, a country name or
    an ISO code (Korean is rewritten to English first, see `_in_english`); 'China and Japan'
    is both; 'mainland China' is China."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    key = re.sub(r"[^a-z0-9]+", "_", plain.strip().lower()).strip("_")
    key = key.removeprefix("the_").removeprefix("mainland_")
    if key in REGIONS:
        return REGIONS[key]
    if key in _NAMES:
        return frozenset({_NAMES[key]})
    if len(key) == 2 and key.isalpha():
        return frozenset({key.upper()})
    if "_and_" in key:
        parts = [_places(part) for part in key.split("_and_")]
        if all(parts):
            return frozenset().union(*parts)
    return frozenset()


def _in_english(text: str) -> str:
    """A Korean territory in the English form the parser reads: place names become their
    English keys, '및' 'and', '전 세계' 'global', and '한국 제외 전 세계' or
    '전 세계(한국 제외)' 'global ex korea'. English text passes through."""
    match = re.match(r"^(.+?)\s*\((.+?)\s*제외\)$", text)
    if match:  # 'B (A 제외)'
        text = f"{match.group(1)} ex {match.group(2)}"
    else:
        match = re.match(r"^(.+?)\s*제외\s*(.*)$", text)
        if match:  # 'A 제외 B': A is left out of B (B empty: everywhere)
            text = f"{match.group(2) or 'global'} ex {match.group(1)}"

    def word(found: re.Match[str]) -> str:
        korean = found.group(0)
        if korean == "및":
            return " and "
        return " global " if korean in _KOREAN_GLOBAL else f" {_KOREAN_PLACES[korean]} "

    return re.sub(r"\s+", " ", _KOREAN_WORDS.sub(word, text)).strip()


def unknown_territories(values: Sequence[str]) -> list[str]:
    """The items of a territory list that name no place this module knows (e.g. a typo),
    so a caller can refuse them with a clear message."""
    return [value for value in values if value.strip() and not parse_territories([value]).known]


def parse_territories(values: Sequence[str]) -> Territories:
    """'global', 'worldwide', 'ex-KR', 'global ex-Korea', 'US', 'EU', 'Asia', 'KR, JP'...
    (memoised: reasons ask again for every suggestion)."""
    return _parse_territories(tuple(values))


@lru_cache(maxsize=4096)
def _parse_territories(values: tuple[str, ...]) -> Territories:
    is_global = False
    include: set[str] = set()
    exclude: set[str] = set()
    for raw in values:
        for item in re.split(r"[,;]", raw):
            text = _in_english(item.strip().lower())
            if not text:
                continue
            match = re.match(r"^(.*?)\b(?:ex|excluding|except|outside)\b[-\s:]*(.+)$", text)
            if match:
                head, tail = match.group(1).strip(" -"), match.group(2)
                if not head or head in _GLOBAL:
                    is_global = True
                else:
                    include |= _places(head)
                exclude |= _places(tail)
            elif text in _GLOBAL:
                is_global = True
            else:
                include |= _places(text)
    known = is_global or bool(include)
    return Territories(is_global, frozenset(include - exclude), frozenset(exclude), known)
