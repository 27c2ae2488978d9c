"""Name keys: one organisation name written many ways resolves to one key."""

from __future__ import annotations

import re
import unicodedata

_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)


def name_key(name: str) -> str:
    """`name` case-folded, NFKC-normalised, without spaces or punctuation:
    "Seoul National University Hospital" and "SEOUL NATIONAL UNIVERSITY-HOSPITAL" share a key."""
    return _NOT_WORD.sub("", unicodedata.normalize("NFKC", name).casefold())


# Registry placeholders that name no organisation ("Research Site", "Novartis Investigative
# Site", "Clinical Trial Site", "Local Institution", "Eisai Site #1"): such a location keeps its
# city and no organisation.
_ANONYMOUS = re.compile(
    r"^(?:.*\b(?:investigative|investigational|research|study|clinical)\s+(?:trial\s+)?sites?\b.*"
    r"|local institution\b.*|site\s*\d+|investigator site.*|\S+(?:\s+\S+)?\s+site\s*#\s*\d+)$",
    re.IGNORECASE,
)


def is_anonymous_site(name: str, city: str = "") -> bool:
    """A location that names no organisation: empty, a placeholder, or only its city."""
    if not name.strip() or _ANONYMOUS.match(name.strip()):
        return True
    return bool(city) and name_key(name) == name_key(city)


# A sponsor's number for a site, after the hospital's name: "/ID# 252289" (AbbVie),
# "( Site 1603)" (MSD), "- Site 04", "- PPDS" (PPD's site network); or the other sites of a
# trial that lists one location for many ("... Hospital and 10 other institutes").
_SITE_NUMBER = re.compile(
    r"\s*(?:\(\s*site\s*[\w-]+\s*\)|/\s*id#\s*\d+|-\s*site\s*#?\d+|-\s*ppds"
    r"|,?\s+and\s+\d+\s+other\s+(?:institut(?:e|ion)s?|sites?|cent(?:er|re)s?|hospitals?))\s*$",
    re.IGNORECASE,
)
# Where a site name joins the hospital to a unit or a place: " - ", a comma, a semicolon, or a
# dash straight before a department ("Samsung Medical Center-Division of Hematology/Oncology").
_PARTS = re.compile(
    r"\s+-\s+|[,;]|-(?=\s*(?:division|department|dept|oncology|clinical)\b)", re.IGNORECASE
)


# Between organisations a registry lists in one sponsor or collaborator entry: "Yonsei
# University; Severance Hospital". Commas are not split: "University of California, San
# Francisco" and "Seoul National University Hospital, Seoul" name one organisation.
_JOINED_ORGANISATIONS = re.compile(r"\s*[;；]\s*")


def organisation_names(text: str) -> list[str]:
    """The organisations of one registry entry, in order, once each: "Yonsei University;
    Severance Hospital" is two; a name without a semicolon is itself."""
    names = [part.strip() for part in _JOINED_ORGANISATIONS.split(text)]
    return list(dict.fromkeys(part for part in names if part))


def site_name(name: str) -> str:
    """The site's own name, without a sponsor's number for it ("Eulji University Medical
    Center - Site 20" is Eulji University Medical Center)."""
    return _SITE_NUMBER.sub("", name.strip()) or name.strip()


def name_variants(name: str) -> list[str]:
    """The name, then shorter forms that may be a known site's name: without a sponsor's site
    number ("Asan Medical Center /ID# 252289"), then each part between " - ", commas and
    semicolons, the first first ("Seoul National University Hospital, Seoul", "Samsung
    Medical Center - PPDS", "Lung Cancer Center - National Cancer Center")."""
    variants = [name]
    stripped = site_name(name)
    first, *rest = _PARTS.split(stripped)
    # A later part counts only when it names a hospital or a centre ("..., Seoul" does not).
    later = [part for part in rest if site_kind(part) != "other"]
    for variant in (stripped, first, *later):
        variant = variant.strip(" -/")
        if variant and variant not in variants:
            variants.append(variant)
    return variants


_HOSPITAL = re.compile(
    r"hospital|medical cent(?:er|re)|cancer cent(?:er|re)|clinic|health system|병원|의료원|의원",
    re.IGNORECASE,
)
_TRIAL_CENTER = re.compile(r"clinical trials? cent(?:er|re)|임상시험센터", re.IGNORECASE)


def site_kind(name: str) -> str:
    """The directory kind of an unknown site, from its name: a clinical-trial centre, a
    hospital, or "other" when the name says neither."""
    if _TRIAL_CENTER.search(name):
        return "clinical_trial_center"
    if _HOSPITAL.search(name):
        return "hospital"
    return "other"


def near_key(key: str, known: dict[str, str]) -> str | None:
    """The organisation of the one known key that `key` misses by a single letter (left out,
    added, changed or two swapped: "Sevrance Hospital", "Busan Baik"), or None when there is
    none or more than one organisation. Short keys never match: "inha" is not "inje"."""
    if len(key) < _NEAR_MIN:
        return None
    found = {org for other, org in known.items() if _one_edit(key, other)}
    return found.pop() if len(found) == 1 else None


_NEAR_MIN = 12


def _one_edit(a: str, b: str) -> bool:
    """True when `a` and `b` differ by exactly one edit (insert, delete, substitute, swap)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        swapped = i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i]
        return a[i + 1 :] == b[i + 1 :] or (swapped and a[i + 2 :] == b[i + 2 :])
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return longer[i + 1 :] == shorter[i:]


# The legal form of a company, written after its name ("Inc.", "Co., Ltd.", "and Company") or,
# in Korean, before or after it ("주식회사", "(주)"). Only forms that say nothing of which
# company it is: "Pharmaceutical", "Holdings", "KGaA" or "Korea" stay ("Merck KGaA" is not
# "Merck & Co."; "Hanmi Science" is not "Hanmi Pharmaceutical").
_LEGAL_FORMS = frozenset(
    "inc incorporated corp corporation co company ltd limited llc plc gmbh ag sa nv bv kk".split()
    # the Nordic "A/S" and "AB" ("Novo Nordisk A/S")
    + ["as", "ab"]
)
# "A/S" is one legal form, not the words "a" and "s".
_AS = re.compile(r"\ba\s*/\s*s\b")
_KO_LEGAL_FORM = re.compile(r"^\s*(?:주식회사|\(주\))\s*|\s*(?:주식회사|\(주\))\s*$")
_COMPANY_MIN = 4


def company_key(name: str) -> str:
    """The key of a company's name without its legal form: "Eli Lilly and Company", "ELI LILLY
    & CO." and "Eli Lilly" share one; "주식회사 유한양행" and "유한양행" another. Empty when the
    name is only a legal form or too short to tell companies apart ("SK Inc.")."""
    key = name_key(" ".join(_company_words(name)))
    return key if len(key) >= _COMPANY_MIN else ""


def _company_words(name: str) -> list[str]:
    text = _KO_LEGAL_FORM.sub("", unicodedata.normalize("NFKC", name).casefold())
    words = re.sub(r"[^\w&]+", " ", _AS.sub("as", text).replace(".", "")).split()
    while len(words) > 1 and words[-1] in _LEGAL_FORMS:
        words.pop()
        if len(words) > 1 and words[-1] in ("and", "&"):
            words.pop()
    return words


# Words of the trade a name may end with or not ("Shin Poong Pharmaceutical Co. Ltd." is the
# directory's "Shin Poong Pharm"): they tell which company only where two companies share the
# rest, so a key without them is used only when one curated company has it (merge.py).
_TRADE_WORDS = frozenset("pharmaceutical pharmaceuticals pharm pharma".split())


def bare_company_key(name: str) -> str:
    """The company key without a trailing word of the trade: "Chong Kun Dang Pharmaceutical",
    "IL-YANG PHARM. CO., LTD." and "Novartis Pharmaceuticals" give the keys of "Chong Kun Dang",
    "Il-Yang" and "Novartis". Empty when too short to tell companies apart."""
    words = _company_words(name)
    while len(words) > 1 and words[-1] in _TRADE_WORDS:
        words.pop()
    key = name_key(" ".join(words))
    return key if len(key) >= _COMPANY_MIN else ""
