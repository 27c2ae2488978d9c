"""Country and language names in the active language, from CLDR (babel): "스위스" in Korean,
"Switzerland" in English, never "CH". The one place a code becomes a name a person reads; the
template filters `country_name` and `language_name` (dari_web) call these. Also a record's name
in the reader's language (`local_name`, `other_name`: 셀트리온 before Celltrion for a Korean
reader; a foreign organisation's Korean name is the one the Korean press uses, 사노피 for
Sanofi, from dari/data/labels/organization_names_ko.json: `organization_names_ko`), a glossary
term or an asset's indication in Korean (`term_name`: 위암 for "gastric cancer", from the
glossary or dari/data/labels/indications_ko.json; `term_gist` for the gist of a longer
phrase), a facility's capability tag in Korean (`capability_name`, from
dari/data/labels/capabilities_ko.json) and the description of a bundled record in Korean
(`local_description`, from the dari/data/labels/*descriptions_ko.json files, each rendering
checked against the English it was made from; a facility's name likewise, from
dari/data/labels/names_ko.json). A time zone reads as a place (`zone_name`) or as its id and
offset (`zone_label`: "Asia/Seoul (UTC+9)")."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.dates import get_timezone_location
from django.utils import translation

from dari.matching.documents import sentences, shorten
from dari.matching.glossary import glossary

# CLDR regions with two-letter codes that are no country (unknown, EU, UN, pseudo-locales).
NOT_COUNTRIES = {"ZZ", "EU", "EZ", "UN", "QO", "XA", "XB"}


@lru_cache(maxsize=16)
def _locale(language: str) -> Locale:
    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale("en")


def is_korean(language: str | None = None) -> bool:
    """Whether the reader reads Korean: `language`, else the active one."""
    return _language(language).startswith("ko")


def _language(language: str | None) -> str:
    return language or translation.get_language() or "en"


def country_name(code: str | None, language: str | None = None) -> str:
    """The name of an ISO 3166 country code in `language` (the active one by default); an
    unknown code is shown as it is, an empty one as ""."""
    code = (code or "").strip()
    if not code:
        return ""
    return str(_locale(_language(language)).territories.get(code.upper(), code))


def country_codes() -> list[str]:
    """Every ISO 3166 alpha-2 country code CLDR names (the choices of a country field)."""
    return sorted(
        code
        for code in _locale("en").territories
        if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES
    )


def language_name(code: str | None, language: str | None = None) -> str:
    """The name of a language code ("ko", "en") in `language` (the active one by default)."""
    code = (code or "").strip()
    if not code:
        return ""
    names = _locale(_language(language)).languages
    return str(names.get(code.replace("-", "_")) or names.get(code.split("-")[0].lower(), code))


def countries_by_name(codes: list[str], language: str | None = None) -> list[tuple[str, str]]:
    """(code, name) pairs sorted by name in `language`: the options of a country filter."""
    pairs = [(c, country_name(c, language)) for c in codes if c]
    return sorted(pairs, key=lambda p: p[1])


# Korean cities and districts as their own names in Hangul (the Revised Romanization the
# records use, back to the name a Korean reader knows). A city outside this list, or any city
# abroad, is shown as recorded.
_KOREAN_PLACES = {
    "Seoul": "서울", "Busan": "부산", "Daegu": "대구", "Incheon": "인천", "Gwangju": "광주",
    "Daejeon": "대전", "Ulsan": "울산", "Sejong": "세종", "Suwon": "수원", "Seongnam": "성남",
    "Goyang": "고양", "Yongin": "용인", "Bucheon": "부천", "Ansan": "안산", "Anyang": "안양",
    "Hwaseong": "화성", "Pyeongtaek": "평택", "Siheung": "시흥", "Gimpo": "김포", "Hanam": "하남",
    "Uijeongbu": "의정부", "Paju": "파주", "Gwacheon": "과천", "Gunpo": "군포", "Icheon": "이천",
    "Osan": "오산", "Uiwang": "의왕", "Gwangmyeong": "광명", "Namyangju": "남양주",
    "Chuncheon": "춘천", "Wonju": "원주", "Gangneung": "강릉", "Cheongju": "청주",
    "Chungju": "충주", "Jecheon": "제천", "Eumseong": "음성", "Jincheon": "진천",
    "Cheonan": "천안", "Asan": "아산", "Dangjin": "당진", "Jeonju": "전주", "Iksan": "익산",
    "Gunsan": "군산", "Jeongeup": "정읍", "Suncheon": "순천", "Mokpo": "목포", "Yeosu": "여수",
    "Hwasun": "화순", "Naju": "나주", "Pohang": "포항", "Gyeongju": "경주", "Andong": "안동",
    "Gumi": "구미", "Gyeongsan": "경산", "Changwon": "창원", "Jinju": "진주", "Gimhae": "김해",
    "Yangsan": "양산", "Geoje": "거제", "Jeju": "제주", "Songdo": "송도", "Osong": "오송",
    "Pangyo": "판교", "Magok": "마곡", "Gangnam": "강남", "Daedeok": "대덕", "Gwanggyo": "광교",
}  # fmt: skip


def city_name(city: str | None, language: str | None = None) -> str:
    """A Korean city as a Korean reader writes it ("Incheon (Songdo)" is "인천(송도)" in
    Korean); in any other language, or for a place not listed, the city as recorded."""
    city = (city or "").strip()
    if not city or not is_korean(language):
        return city
    head, _, rest = city.partition(" (")
    if head not in _KOREAN_PLACES:
        return city
    inner = rest.rstrip(")")
    if not rest:
        return _KOREAN_PLACES[head]
    return f"{_KOREAN_PLACES[head]}({_KOREAN_PLACES.get(inner, inner)})"


# Provinces (short forms, as Korean news writes them) and the districts and zones that the
# clusters' regions name beside the cities above.
_KOREAN_PROVINCES = {
    "North Gyeongsang": "경북", "South Gyeongsang": "경남", "North Jeolla": "전북",
    "South Jeolla": "전남", "North Chungcheong": "충북", "South Chungcheong": "충남",
    "Gyeonggi": "경기", "Gangwon": "강원", "Jeju": "제주",
}  # fmt: skip
_KOREAN_DISTRICTS = {
    "Hongcheon": "홍천", "Innovation City": "혁신도시", "Dong-gu": "동구", "Yuseong": "유성",
    "Daedeok Innopolis": "대덕연구개발특구", "Yangsan": "양산",
    "Pusan National University Yangsan campus": "부산대학교 양산캠퍼스", "Gijang-gun": "기장군",
    "Dongdaemun-gu": "동대문구", "Hongneung": "홍릉", "Seocheon-gun": "서천군",
    "Janghang-eup and Maseo-myeon": "장항읍·마서면", "Gangseo-gu": "강서구", "Magok": "마곡",
    "Osong": "오송", "Songdo": "송도", "Incheon Free Economic Zone": "인천경제자유구역",
}  # fmt: skip
_KOREAN_REGION_PLACES = {**_KOREAN_PLACES, **_KOREAN_PROVINCES, **_KOREAN_DISTRICTS}


def region_name(region: str | None, language: str | None = None) -> str:
    """A cluster's region as a Korean reader writes it ("North Gyeongsang (Andong)" is
    "경북(안동)"); in English, or when any of its places is not listed, as recorded (never
    half translated)."""
    region = (region or "").strip()
    if not region or not is_korean(language):
        return region
    head, _, rest = region.partition(" (")
    places = _KOREAN_REGION_PLACES
    parts = [p.strip() for p in rest.rstrip(")").split(",")] if rest else []
    if head not in places or any(p not in places for p in parts):
        return region
    inner = ", ".join(places[p] for p in parts)
    return f"{places[head]}({inner})" if inner else places[head]


_PLACES_BY_KOREAN = {korean: english for english, korean in _KOREAN_PLACES.items()}


def recorded_city(city: str | None) -> str:
    """A city as the records hold it, whichever language it was typed in ("서울" is "Seoul",
    "인천(송도)" is "Incheon (Songdo)"); anything else unchanged."""
    city = (city or "").strip()
    head, _, rest = city.replace(" (", "(").partition("(")
    english = _PLACES_BY_KOREAN.get(head.strip())
    if english is None:
        return city
    inner = rest.rstrip(")").strip()
    return f"{english} ({_PLACES_BY_KOREAN.get(inner, inner)})" if inner else english


def local_name(record: object, language: str | None = None) -> str:
    """A record's Korean name (`name_ko`) for a Korean reader when it has one, its `name`
    otherwise: where a page has room for one name only ("" for no record: None)."""
    return local_text(record, "name", language)


def local_text(record: object, field: str, language: str | None = None) -> str:
    """A record's text `field` in the reader's language: its Korean form (`<field>_ko`; for a
    name, `name_in_korean`; for what an organisation seeks, `interest_in_korean`) for a Korean
    reader when it has one, the field itself otherwise."""
    in_korean = _IN_KOREAN.get(field)
    korean = in_korean(record) if in_korean else _text(record, f"{field}_ko")
    return choose_name(_text(record, field), korean, language)


def _text(record: object, field: str) -> str:
    """A record's text field as a string ("" when missing); a record read from a file (a
    mapping) alike."""
    value = record.get(field) if isinstance(record, Mapping) else getattr(record, field, "")
    return str(value or "")


def choose_name(name: str, name_ko: str, language: str | None = None) -> str:
    """Of a name and its Korean form (maybe ""), the one for the reader (`local_name`)."""
    return name_ko if name_ko and is_korean(language) else name


def other_name(record: object, language: str | None = None) -> str:
    """The record's name in the other language, beside `local_name` where a page shows both
    ("" when the record has only one name)."""
    korean = name_in_korean(record)
    english = str(getattr(record, "name", "") or "")
    if not korean or korean == english:
        return ""
    return english if is_korean(language) else korean


def both_names(record: object, language: str | None = None) -> str:
    """`셀트리온 · Celltrion`: the reader's name, then the other one when there is one; where
    one line must name a record to readers of either language (a menu's option)."""
    local, other = local_name(record, language), other_name(record, language)
    return f"{local} · {other}" if other else local


def term_name(term: str, language: str | None = None) -> str:
    """An indication, area or modality as a Korean reader knows it: the Korean-English
    glossary's name for the whole term ("gastric cancer" -> "위암"), else the bundled rendering
    of an asset's indication (`indications_ko`: "moderate-to-severe atopic dermatitis" ->
    "중등도~중증 아토피피부염"); the term as written when neither has it, and always for an
    English reader."""
    if not term or not is_korean(language):
        return term
    return _korean_term(term) or term


def _korean_term(term: str) -> str | None:
    """The Korean of a whole term: the glossary's, else the indication table's, else None."""
    return glossary().korean(term) or indications_ko().get(term)


def term_gist(term: str, language: str | None = None) -> str:
    """`term_name`, or, when neither the glossary nor the indication table has the whole term,
    what the term is about in Korean (`Glossary.gist`: "HER2-positive metastatic breast
    cancer (second line)" -> "HER2 양성 유방암"): where a Korean reader needs the gist of a
    record's free text (a reason, a heading), not its exact wording. As written when the
    glossary finds nothing in it, and always for an English reader."""
    if not term or not is_korean(language):
        return term
    whole = _korean_term(term)
    if whole is not None:
        return whole
    return ", ".join(e.ko for e in glossary().gist(term)) or term


def zone_name(zone: str | None, language: str | None = None) -> str:
    """A tz database zone as a place in `language` (the active one by default), from CLDR:
    "미국(인디애나폴리스)" for America/Indiana/Indianapolis, "United Kingdom" for
    Europe/London. A zone of no country (UTC, Etc/GMT+5) or one CLDR does not know is shown
    as its id; forms keep sending the id."""
    zone = (zone or "").strip()
    if not zone:
        return ""
    return _zone_name(zone, _language(language))


@lru_cache(maxsize=2048)
def _zone_name(zone: str, language: str) -> str:
    canonical = get_global("zone_aliases").get(zone, zone)
    territory = get_global("zone_territories").get(canonical, "")
    if len(territory) != 2 or territory in NOT_COUNTRIES:
        return zone
    locale = _locale(language)
    try:
        location = str(get_timezone_location(canonical, locale=locale))
    except LookupError:
        return zone
    # CLDR words a location as "{0} Time" / "{0} 시간"; a place is wanted, the word is ours.
    before, _, after = str(locale.zone_formats["region"]).partition("%s")
    if location.startswith(before) and location.endswith(after):
        location = location[len(before) : len(location) - len(after)]
    return location.strip() or zone


def utc_offset(zone: str | None, at: dt.date | dt.datetime | None = None) -> str:
    """A tz database zone's offset from UTC at `at` (a moment, or noon of a day there; now by
    default): "UTC+9", "UTC+5:30", "UTC-5", "UTC+0"; "" for a zone the tz database does not
    know."""
    try:
        tz = ZoneInfo((zone or "").strip())
    except (ZoneInfoNotFoundError, ValueError):
        return ""
    if at is None:
        moment = dt.datetime.now(tz)
    elif isinstance(at, dt.datetime):
        moment = at.astimezone(tz) if at.tzinfo else at.replace(tzinfo=tz)
    else:
        moment = dt.datetime.combine(at, dt.time(12), tzinfo=tz)
    minutes = round((moment.utcoffset() or dt.timedelta()).total_seconds() / 60)
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def zone_label(zone: str | None, at: dt.date | dt.datetime | None = None) -> str:
    """A time zone as its tz database id and its offset from UTC at `at` (now by default):
    "Asia/Seoul (UTC+9)", "Europe/London (UTC+0)" in every language, where a table names a
    zone and a place ("대한민국", `zone_name`) would read as a country. An id the tz
    database does not know is shown as it is."""
    zone = (zone or "").strip()
    offset = utc_offset(zone, at) if zone else ""
    return f"{zone} ({offset})" if offset else zone


LABELS = Path(__file__).resolve().parent.parent / "data" / "labels"
CAPABILITIES_KO = LABELS / "capabilities_ko.json"
INDICATIONS_KO = LABELS / "indications_ko.json"
ORGANIZATION_NAMES_KO = LABELS / "organization_names_ko.json"


@lru_cache(maxsize=1)
def organization_names_ko() -> dict[str, str]:
    """Bundled organisation id -> the Korean name the Korean press uses for it (사노피 for
    Sanofi), for the foreign organisations that have an established one; each entry of the file
    names a Korean outlet's page using that spelling (`source`). An organisation absent here
    has no established Korean name and stays in English."""
    with ORGANIZATION_NAMES_KO.open(encoding="utf-8") as f:
        return {key: entry["ko"] for key, entry in json.load(f).items()}


@lru_cache(maxsize=1)
def capabilities_ko() -> dict[str, str]:
    """English tag -> its Korean rendering (the one place they are kept): facilities'
    capability tags and clusters' focus tags."""
    with CAPABILITIES_KO.open(encoding="utf-8") as f:
        return dict(json.load(f))


@lru_cache(maxsize=1)
def indications_ko() -> dict[str, str]:
    """An indication of a bundled asset, as written (English) -> its Korean rendering, for
    each one the glossary has no whole-term entry for (dari/data/labels/indications_ko.json):
    what Korean clinicians and the Korean press write, symbols, stages and drugs kept."""
    with INDICATIONS_KO.open(encoding="utf-8") as f:
        return dict(json.load(f))


def capability_name(tag: str, language: str | None = None) -> str:
    """A facility's capability tag, or a cluster's focus tag, as a Korean reader reads it
    ("aseptic filling" -> "무균 충전"); the tag as recorded for any other reader, and when it
    has no Korean rendering."""
    if not tag or not is_korean(language):
        return tag
    return capabilities_ko().get(tag, tag)


# Every file of Korean renderings: {kind: {record id: {"sha": text_hash(English), "ko": …}}}.
DESCRIPTIONS_KO = "*descriptions_ko.json"


def text_hash(english: str) -> str:
    """The short fingerprint of an English text that a Korean rendering names as its source: the
    first 12 hex digits of the SHA-1 of the text without surrounding white space."""
    return hashlib.sha1(english.strip().encode("utf-8")).hexdigest()[:12]  # noqa: S324 - a fingerprint, not a secret


@dataclass(frozen=True)
class Rendering:
    """The Korean rendering of a bundled record's description, and the fingerprint
    (`text_hash`) of the English text it renders."""

    source: str
    text: str


@lru_cache(maxsize=1)
def descriptions_ko() -> dict[str, dict[str, Rendering]]:
    """Kind (the model's name: "cluster", "organization", "asset", "deal", …) -> bundled record
    id -> the Korean rendering of its description, from every dari/data/labels/
    *descriptions_ko.json file; each entry is `{"sha": <text_hash of the English>, "ko": …}`."""
    return _renderings(*sorted(LABELS.glob(DESCRIPTIONS_KO)))


def _renderings(*paths: Path) -> dict[str, dict[str, Rendering]]:
    """Kind -> record id -> Rendering, from files of `{kind: {id: {"sha", "ko"}}}` (merged)."""
    found: dict[str, dict[str, Rendering]] = {}
    for path in paths:
        with path.open(encoding="utf-8") as f:
            for kind, entries in json.load(f).items():
                found.setdefault(kind, {}).update(
                    (key, Rendering(entry["sha"], entry["ko"])) for key, entry in entries.items()
                )
    return found


def korean_description(record: object) -> str:
    """The bundled Korean rendering of a record's description (keyed by the model's name and
    the record's id), or "" when there is none or when it renders another English text than
    the record's own (its owner has since edited the description: the rendering is stale)."""
    return _bundled_rendering(record, "description", descriptions_ko())


def _bundled_rendering(
    record: object, field: str, renderings: dict[str, dict[str, Rendering]]
) -> str:
    """The rendering of a record's `field` among `renderings` (keyed by the model's name and
    the record's id), or "" when there is none or it renders another English text than the
    record's own (edited since it was rendered)."""
    english = str(getattr(record, field, "") or "")
    kind = type(record).__name__.lower()
    return _rendering(renderings, kind, str(getattr(record, "pk", "") or ""), english)


def _rendering(
    renderings: dict[str, dict[str, Rendering]], kind: str, key: str, english: str
) -> str:
    """The rendering of record `key` of `kind` while it renders `english`, else ""."""
    if not english:
        return ""
    rendering = renderings.get(kind, {}).get(key)
    if rendering is None or rendering.source != text_hash(english):
        return ""
    return rendering.text


KOREAN_QUOTE_LIMIT = 70
"""Characters of a quote in Korean (denser than the English one's 110)."""


def local_quote(
    kind: str, field: str, record_id: str, english: str, quoted: str, language: str | None = None
) -> str:
    """A recommendation's quote from a record's text (`quoted`, from its English `english`)
    for the reader: for a Korean reader, the same passage of the bundled Korean rendering (the
    whole rendering of a one-sentence text, else the sentence in the same place when both
    have as many sentences), shortened; the English quote otherwise."""
    if not is_korean(language):
        return quoted
    renderings = interests_ko() if field == "interest_description" else descriptions_ko()
    korean = _rendering(renderings, kind, record_id, english)
    if not korean:
        return quoted
    english_sentences, korean_sentences = sentences(english), sentences(korean)
    if len(english_sentences) == 1:
        return shorten(" ".join(korean_sentences), KOREAN_QUOTE_LIMIT)
    stem = quoted.removesuffix("\u2026")
    where = [i for i, s in enumerate(english_sentences) if s.startswith(stem)]
    if not where or len(korean_sentences) != len(english_sentences):
        return quoted
    return shorten(korean_sentences[where[0]], KOREAN_QUOTE_LIMIT)


# Korean names of bundled records that have no `name_ko` field (facilities):
# {kind: {record id: {"sha": text_hash(English name), "ko": …}}}, like the descriptions.
NAMES_KO = LABELS / "names_ko.json"


@lru_cache(maxsize=1)
def names_ko() -> dict[str, dict[str, Rendering]]:
    """Kind -> bundled record id -> the Korean rendering of its name (dari/data/labels/
    names_ko.json), for the kinds of record that have no `name_ko` of their own."""
    return _renderings(NAMES_KO)


def name_in_korean(record: object) -> str:
    """A record's name in Korean, or "": its own `name_ko`, else the bundled rendering of its
    name (`names_ko`: a facility's) while its English name is still the one rendered."""
    return str(getattr(record, "name_ko", "") or "") or _bundled_rendering(
        record, "name", names_ko()
    )


# What bundled organisations seek (`interest_description`) in Korean, like the descriptions:
# {"organization": {record id: {"sha": text_hash(English), "ko": …}}}.
INTERESTS_KO = LABELS / "organization_interests_ko.json"


@lru_cache(maxsize=1)
def interests_ko() -> dict[str, dict[str, Rendering]]:
    """Kind -> bundled record id -> the Korean rendering of what it seeks (dari/data/labels/
    organization_interests_ko.json)."""
    return _renderings(INTERESTS_KO)


def interest_in_korean(record: object) -> str:
    """What an organisation seeks (`interest_description`) in Korean, or "": the bundled
    rendering while its English is still the text rendered (an owner's edit falls back to the
    English); `local_text(org, "interest_description")` picks it for a Korean reader."""
    return _bundled_rendering(record, "interest_description", interests_ko())


# Fields whose Korean form is not (only) a `<field>_ko` of the record.
_IN_KOREAN: dict[str, Callable[[object], str]] = {
    "name": name_in_korean,
    "interest_description": interest_in_korean,
}


def description_in_korean(record: object) -> str:
    """A record's description in Korean, or "": its own `description_ko` (a call's editor may
    write it), else the Korean rendering of a bundled record whose English is still the text
    rendered (`korean_description`)."""
    return str(getattr(record, "description_ko", "") or "") or korean_description(record)


def local_description(record: object, language: str | None = None) -> str:
    """A record's description in the reader's language: for a Korean reader
    `description_in_korean`, else (a record created here, or one whose description was edited
    since it was rendered) and always for an English reader, its description."""
    english = str(getattr(record, "description", "") or "")
    if not is_korean(language):
        return english
    return description_in_korean(record) or english
