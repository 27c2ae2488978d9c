"""Find English left in Korean pages: every text a page shows (and its titles, placeholders and
labels for assistive technology) that is neither data (a value stored in the database: names,
descriptions, sources) nor allowed (brand, codes, addresses), and reads as English words.

`english_in_page(html, data)` returns those texts; `data_strings()` collects the stored values.
"""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Iterable, Set
from html.parser import HTMLParser
from typing import Any

from django.apps import apps
from django.db import models

SKIP_TAGS = {"script", "style", "code", "pre", "textarea", "svg", "title"}
ATTRIBUTES = {"title", "placeholder", "aria-label", "alt"}
# Three or more words with spaces between them (an identifier such as a room name has none).
ENGLISH = re.compile(r"(?<![\w-])[A-Za-z]{2,}(?:[,'’]?\s+[A-Za-z]{2,}){2,}(?![\w-])")
HANGUL = re.compile(r"[가-힣]")
SEPARATORS = re.compile(r"\s*(?:·|\||—|–|:|;|\(|\)|\[|\]|/|→|…|\n)\s*")
ALLOWED = [
    re.compile(p)
    for p in (
        r"^https?://",
        r"@",
        r"^Dari\b",
        r"^(?:Swagger|OpenAPI|ReDoc)\b",
    )
]


class _Texts(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []
        self.texts: list[str] = []

    def _skipping(self) -> bool:
        return any(skip for _tag, skip in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        skip = (
            tag in SKIP_TAGS
            or values.get("lang", "").startswith("en")
            or values.get("translate") == "no"
            or "data-raw" in values
        )
        if tag not in {"br", "img", "input", "meta", "link", "hr", "source", "wbr"}:
            self.stack.append((tag, skip))
        if not (skip or self._skipping()):
            for name in ATTRIBUTES:
                if values.get(name):
                    self.texts.append(values[name] or "")

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            open_tag, _skip = self.stack.pop()
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self._skipping() and data.strip():
            self.texts.append(data)


def data_strings() -> frozenset[str]:
    """Every string stored in the database (text columns and strings inside JSON columns).
    Frozen, so that `_is_data` may search one joined copy of it (see `_joined`)."""
    found: set[str] = set()

    def add(value: Any) -> None:
        if isinstance(value, str):
            value = " ".join(value.split())
            if value:
                found.add(value)
                found.update(p for p in SEPARATORS.split(value) if p)
        elif isinstance(value, list | tuple):
            for v in value:
                add(v)
            strings = [v for v in value if isinstance(v, str)]
            if len(strings) > 1:
                found.add(", ".join(strings))  # a list as a page joins it
        elif isinstance(value, dict):
            for v in value.values():
                add(v)

    for zone in zoneinfo.available_timezones():  # time-zone names are identifiers
        found.update(part.replace("_", " ") for part in zone.split("/"))
    for model in apps.get_models():
        names = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.JSONField)
        ]
        if names:
            for row in model._base_manager.values_list(*names):
                for value in row:
                    add(value)
    user = apps.get_model("accounts", "User")
    for first, last in user._base_manager.values_list("first_name", "last_name"):
        found.add(f"{first} {last}".strip())
    return frozenset(found)


# The last frozen data set and its strings joined by NUL (one C-speed substring search instead of
# one Python-level test per stored string: the Korean-pages walk spent 70% of its time there).
_JOINED: list[tuple[frozenset[str], str]] = []
NUL = "\0"


def _joined(data: Set[str]) -> str | None:
    """`data`'s strings joined by NUL, for a frozen set none of whose strings holds a NUL."""
    if not isinstance(data, frozenset):
        return None
    if not (_JOINED and _JOINED[0][0] is data):
        joined = NUL.join(data)
        _JOINED[:] = [(data, joined)]
        if joined.count(NUL) != max(len(data) - 1, 0):
            _JOINED[:] = [(data, "")]
    return _JOINED[0][1] or None


def _is_data(fragment: str, data: Set[str]) -> bool:
    """A stored value, or (12 characters or more) a piece of one: a page truncates
    descriptions and cuts texts at highlights."""
    if fragment in data:
        return True
    stem = fragment.rstrip("….").strip()
    if len(stem) < 12:
        return False
    joined = _joined(data)
    if joined is None or NUL in stem:
        return any(stem in d for d in data if len(d) > len(stem))
    # The same answer as the scan above: a stem without NUL occurs in the joined text only
    # inside stored strings; when the stem is itself one of them (exactly one occurrence, of
    # equal length) another, longer string must hold it too.
    return joined.count(stem) >= 2 if stem in data else stem in joined


def english_in_page(html: str, data: Set[str]) -> list[str]:
    parser = _Texts()
    parser.feed(html)
    bad: list[str] = []
    for text in parser.texts:
        text = " ".join(text.split())
        if HANGUL.search(text) or _is_data(text, data):
            continue
        for fragment in SEPARATORS.split(text):
            fragment = fragment.strip(" ,.!?\"'“”")
            if not fragment or HANGUL.search(fragment) or not ENGLISH.search(fragment):
                continue
            if _is_data(fragment, data) or any(rx.search(fragment) for rx in ALLOWED):
                continue
            bad.append(fragment)
    return bad


def unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
