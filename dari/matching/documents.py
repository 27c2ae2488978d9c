"""What is indexed, embedded and quoted for a profile: the texts of organisations and
assets, the query texts built from them, and the sentence quoted in a reason."""

from __future__ import annotations

import re

from . import features as ft
from .profiles import AssetProfile, OrgProfile
from .reasons import english_label
from .text import tokenize


def asset_text(asset: AssetProfile) -> str:
    """What is embedded and indexed for an asset."""
    parts = [asset.name, asset.description, " ".join(asset.targets), ", ".join(asset.indications)]
    return ". ".join(p for p in parts if p)


def org_text(org: OrgProfile) -> str:
    """What is embedded and indexed for an organisation: what it seeks, then its Korean name
    and what it does (the name is matched, never quoted: a quote is its own statement)."""
    return " ".join(p for p in (org.interest_description, org.name_ko, org.description) if p)


def business_lines_of(asset: AssetProfile) -> list[str]:
    """The business lines the asset's name or description names (tokenised only when a
    line's term occurs in the text at all: this runs once per reason list)."""
    text = f"{asset.name} {asset.description}".lower()
    if not any(term in text for terms in ft.BUSINESS_LINES.values() for term in terms):
        return []
    return ft.business_lines(tokenize(text))


def asset_query_text(asset: AssetProfile) -> str:
    labels = [english_label(v) for v in (asset.therapeutic_area, asset.modality) if v]
    return " ".join([asset_text(asset), *labels])


def org_query_text(org: OrgProfile) -> str:
    return org_text(org)


def sentences(text: str) -> list[str]:
    """The sentences of a text (English or Korean), in order."""
    return [s.strip() for s in re.split(r"(?<=[.!?\u3002])\s+|\n+", text) if s.strip()]


def shorten(sentence: str, limit: int) -> str:
    """A sentence cut at a space before `limit` characters, with an ellipsis when cut."""
    if len(sentence) <= limit:
        return sentence
    cut = sentence[:limit].rsplit(" ", 1)[0] if " " in sentence[:limit] else sentence[:limit]
    return cut.rstrip(",;:") + "\u2026"


def quote(text: str, query_tokens: set[str], limit: int = 110) -> str:
    """The sentence of `text` sharing most tokens with the query, shortened."""
    found = sentences(text)
    if not found:
        return ""
    best = max(found, key=lambda s: len(query_tokens & set(tokenize(s))))
    return shorten(best, limit)
