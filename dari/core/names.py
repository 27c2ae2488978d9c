"""Country and language names in the active language, from CLDR (babel): "스위스" in Korean,
"Switzerland" in English, never "CH". The one place a code becomes a name a person reads; the
template filters `country_name` and `language_name` (dari_web) call these."""

from __future__ import annotations

from functools import lru_cache

from babel import Locale, UnknownLocaleError
from django.utils import translation


@lru_cache(maxsize=16)
def _locale(language: str) -> Locale:
    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale("en")


def _language(language: str | None) -> str:
    return language or translation.get_language() or "en"


def country_name(code: str | None, language: str | None = None) -> str:
    """The name of an ISO 3166 country code in `language` (the active one by default); an
    unknown code is shown as it is, an empty one as ""."""
    code = (code or "").strip()
    if not code:
        return ""
    return str(_locale(_language(language)).territories.get(code.upper(), code))


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
