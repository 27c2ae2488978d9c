"""What a reader is shown, computed once per change of the directory: a value is kept under
the directory generation (raised by every write, see dari.directory.generation), the kind of
reader (`visibility_key`: readers who may see the same assets share it), the language and the
request's query, so two readers who would be shown the same thing share one computation, and
nobody is shown what another kind of reader may see. Nothing here depends on the reader's own
name, session or CSRF token: pages cache only parts without them. The key holds the digest of
the code and templates too, so a new release never serves what an older one rendered."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import get_language

from dari.directory.access import visibility_key
from dari.directory.models import current_generation

T = TypeVar("T")

_CODE = Path(__file__).resolve().parents[2]
"""The `dari` package: its Python modules, templates and compiled translations."""

TIMEOUT = 6 * 3600
"""Seconds; entries of an older generation are never read again and age out."""


@lru_cache(maxsize=1)
def code_version() -> str:
    """A digest of the code, templates and translations this process runs (read once), with
    the display labels of dari/data/labels/ (Korean capability tags) that pages show."""
    digest = hashlib.blake2b(digest_size=8)
    for path in sorted(_CODE.rglob("*")):
        shown = path.suffix in (".py", ".html", ".mo") or path.parent.name == "labels"
        if shown and path.is_file():
            digest.update(str(path.relative_to(_CODE)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def reader_key(request: HttpRequest, name: str, *parts: Any, by_query: bool = True) -> str:
    """The cache key of `name` for this request's origin, reader, language and query (an export's
    `format` aside; none when not `by_query`: the caller's `parts` say what matters)."""
    query = sorted((k, v) for k, vs in request.GET.lists() if k != "format" for v in vs)
    query = query if by_query else []
    # The scheme and host too: cached answers may hold absolute links (the API's next page).
    origin = (request.scheme, request.get_host())
    reader = (code_version(), current_generation(), visibility_key(request.user), get_language())
    raw = repr((name, origin, reader, query, parts))
    return f"reader:{name}:" + hashlib.blake2b(raw.encode(), digest_size=16).hexdigest()


def for_reader(
    request: HttpRequest, name: str, build: Callable[[], T], *parts: Any, by_query: bool = True
) -> T:
    """`build()`, or what it gave a reader of the same kind since the directory last changed."""
    key = reader_key(request, name, *parts, by_query=by_query)
    value: T | None = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, TIMEOUT)
    return value
