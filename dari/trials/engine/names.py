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
# Site", "Local Institution"): such a location keeps its city and no organisation.
_ANONYMOUS = re.compile(
    r"^(?:.*\b(?:investigative|investigational|research|study|clinical)\s+sites?\b.*"
    r"|local institution\b.*|site\s*\d+|investigator site.*)$",
    re.IGNORECASE,
)


def is_anonymous_site(name: str, city: str = "") -> bool:
    """A location that names no organisation: empty, a placeholder, or only its city."""
    if not name.strip() or _ANONYMOUS.match(name.strip()):
        return True
    return bool(city) and name_key(name) == name_key(city)


def name_variants(name: str) -> list[str]:
    """The name, then the name without what follows its first comma ("Seoul National
    University Hospital, Seoul" is written for "Seoul National University Hospital")."""
    head = name.split(",", 1)[0].strip()
    return [name] if head == name.strip() or not head else [name, head]


_HOSPITAL = re.compile(
    r"hospital|medical cent(?:er|re)|clinic|health system|병원|의료원|의원", re.IGNORECASE
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
