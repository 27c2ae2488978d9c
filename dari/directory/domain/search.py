"""Asset search for pages, API and command line: the filter's matches among the assets the
user may see, ranked by relevance with two channels fused.

The lexical channel is the index's own ranking (dari/directory/search.py: FTS5 bm25 or
PostgreSQL ts_rank over names, values, glossary concepts and descriptions). The semantic
channel is the multilingual sentence encoder (the recommendations' embedder): the
SEMANTIC_CANDIDATES best lexical matches, read with their stored vectors (the index job
embeds every search text), are ordered by cosine to the query's vector (encoded once per
process and text); reciprocal rank fusion of the two orders places those candidates, and the
rest follow in lexical order. The semantic channel re-orders matches and never adds one, so
counts are the counts of the filter (the same as the facets'). `SEARCH_SEMANTIC`
(DARI_SEARCH_SEMANTIC=0) turns it off; its cost is measured by bench/search.py.

Speed (100,000 assets, bench/search.py): a ranked search is one pass over the index's
matches in SQL (`top_matches`: rank, join to the visible and filtered assets, count,
bounded sort), then the page's rows by id; nothing is loaded into Python but the
ids of the page (or of the semantic candidates, when more).
"""

from __future__ import annotations

import dataclasses
import threading
import weakref
from collections import OrderedDict
from collections.abc import Iterator
from typing import Any, overload

import numpy as np
from django.conf import settings
from django.db.models import QuerySet

from dari.directory.access import search_tiers
from dari.directory.domain.embeddings import StoredEmbedder
from dari.directory.domain.queries import assets as visible_asset_rows
from dari.directory.domain.recommend import default_embedder, query_embedder
from dari.directory.filters import AssetFilter
from dari.directory.models import Asset
from dari.directory.search import semantic_texts, top_matches
from dari.matching.embed import FloatMatrix
from dari.matching.search import Query, fuse

SEMANTIC_CANDIDATES = 50
"""How many of the best lexical matches the semantic channel re-orders."""
QUERY_VECTORS = 1024
"""Query embeddings kept per process (a query is encoded once, then read from here)."""


def search_assets(user: Any, chosen: AssetFilter) -> QuerySet[Asset] | SearchResults:
    """The assets `user` may see that match `chosen`, in its order: by relevance (lexical
    and semantic ranks fused) when it has words and no other sort (a `SearchResults`, read
    like a queryset: count(), slices, iteration)."""
    query = chosen.query()
    if query is None or not chosen.ranks():
        return chosen.apply(visible_asset_rows(user))
    return SearchResults(user, chosen, query, semantic=settings.SEARCH_SEMANTIC)


class SearchResults:
    """A ranked search's answer, fetched as it is read: `count()` and the first page cost
    one pass over the matches (`top_matches`) and one query for the page's rows; a later
    page ranks again down to its end. Rows come from the asset funnel, with their
    organisation and its cluster."""

    ordered = True  # for Paginator: the order is the search's

    def __init__(self, user: Any, chosen: AssetFilter, query: Query, *, semantic: bool):
        self._rows = visible_asset_rows(user)
        # Every other parameter narrows as usual; the ranked join keeps only the matches.
        self._narrowed = dataclasses.replace(chosen, q="").narrowed(self._rows)
        self._query = query
        self._tiers = search_tiers(user)
        self._semantic = semantic
        self._order: list[str] = []
        self._count: int | None = None

    def _ranked(self, end: int) -> list[str]:
        """The ids of the first `end` results (fewer if there are fewer)."""
        known = self._count is not None and (
            len(self._order) >= end or self._count <= len(self._order)
        )
        if not known:
            wanted = max(end, SEMANTIC_CANDIDATES)
            matches, self._count = top_matches(
                self._narrowed, self._query, wanted, tiers=self._tiers
            )
            order = [m.asset_id for m in matches]
            if self._semantic:
                head = with_semantic_order(self._query.text, order[:SEMANTIC_CANDIDATES])
                order = head + order[SEMANTIC_CANDIDATES:]
            self._order = order
        return self._order[:end]

    def count(self) -> int:
        if self._count is None:
            self._ranked(1)
        return int(self._count or 0)

    def __len__(self) -> int:
        return self.count()

    def _fetch(self, ids: list[str]) -> list[Asset]:
        by_id = {a.pk: a for a in self._rows.filter(pk__in=ids)} if ids else {}
        return [by_id[pk] for pk in ids if pk in by_id]

    @overload
    def __getitem__(self, key: int) -> Asset: ...
    @overload
    def __getitem__(self, key: slice) -> list[Asset]: ...
    def __getitem__(self, key: int | slice) -> Asset | list[Asset]:
        if isinstance(key, slice):
            start, stop = key.start or 0, key.stop
            if stop is None:
                stop = self.count()
            if start < 0 or stop < 0 or key.step not in (None, 1):
                raise ValueError("SearchResults take slices [start:stop] from 0 only")
            return self._fetch(self._ranked(stop)[start:stop])
        rows = self[key : key + 1]
        if not rows:
            raise IndexError(key)
        return rows[0]

    def __iter__(self) -> Iterator[Asset]:
        ids = self._ranked(self.count())
        for start in range(0, len(ids), 500):
            yield from self._fetch(ids[start : start + 500])


# The semantic channel ----------------------------------------------------------------------

_lock = threading.Lock()
_query_vectors: weakref.WeakKeyDictionary[StoredEmbedder, OrderedDict[str, FloatMatrix]] = (
    weakref.WeakKeyDictionary()
)


def query_vector(text: str) -> FloatMatrix:
    """The query's embedding, encoded once per process and embedder (least recently used
    dropped beyond QUERY_VECTORS)."""
    embedder = query_embedder()
    with _lock:
        cache = _query_vectors.setdefault(embedder, OrderedDict())
        vector = cache.get(text)
        if vector is not None:
            cache.move_to_end(text)
            return vector
    vector = np.asarray(embedder.embed([text])[0], dtype=np.float32)
    with _lock:
        cache[text] = vector
        while len(cache) > QUERY_VECTORS:
            cache.popitem(last=False)
    return vector


def semantic_order(query: str, candidates: list[tuple[str, str]]) -> list[str]:
    """Candidate ids (id, text) by cosine of their text's embedding to the query's."""
    stored = default_embedder().embed([text for _, text in candidates])
    if not np.any(stored):  # the index job has not embedded these texts yet: no semantic order
        return [pk for pk, _ in candidates]
    cosines = stored @ query_vector(query)
    return [candidates[i][0] for i in np.argsort(-cosines, kind="stable")]


def with_semantic_order(query: str, lexical: list[str]) -> list[str]:
    """The best lexical matches (ids, most relevant first) re-ordered by reciprocal rank
    fusion with the semantic channel."""
    if len(lexical) < 2:
        return lexical
    texts = semantic_texts(lexical)
    candidates = [(pk, texts.get(pk, "")) for pk in lexical]
    return fuse([lexical, semantic_order(query, candidates)])
