"""Asset search for pages, API and command line: the filter's matches among the assets the
user may see, ranked by relevance with two channels fused.

The lexical channel is the index's own ranking (dari/directory/search.py: FTS5 bm25 or
PostgreSQL ts_rank over names, values, glossary concepts and descriptions). The semantic
channel is the multilingual sentence encoder (the recommendations' embedder, with its cache):
the query and the SEMANTIC_CANDIDATES best lexical matches are embedded and ordered by cosine;
reciprocal rank fusion of the two orders places those candidates, and the rest follow in
lexical order. The semantic channel re-orders matches and never adds one, so counts are the
counts of the filter (the same as the facets'). `SEARCH_SEMANTIC` (DARI_SEARCH_SEMANTIC=0)
turns it off; its cost is measured by bench/search.py.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from django.conf import settings
from django.db.models import Case, IntegerField, QuerySet, Value, When

from dari.directory.domain.queries import assets as visible_asset_rows
from dari.directory.domain.recommend import default_embedder, query_embedder
from dari.directory.filters import AssetFilter
from dari.directory.models import Asset
from dari.matching.search import fuse

SEMANTIC_CANDIDATES = 50
"""How many of the best lexical matches the semantic channel re-orders."""


def search_assets(user: Any, chosen: AssetFilter) -> QuerySet[Asset]:
    """The assets `user` may see that match `chosen`, in its order: by relevance (lexical
    and semantic ranks fused) when it has words and no other sort."""
    rows = chosen.apply(visible_asset_rows(user))
    if not chosen.ranks() or not settings.SEARCH_SEMANTIC:
        return rows
    return with_semantic_order(rows, chosen.q)


def semantic_order(query: str, candidates: list[tuple[str, str]]) -> list[str]:
    """Candidate ids (id, text) by cosine of their text's embedding to the query's."""
    stored = default_embedder().embed([text for _, text in candidates])
    if not np.any(stored):  # the index job has not embedded these texts yet: no semantic order
        return [pk for pk, _ in candidates]
    cosines = stored @ query_embedder().embed([query])[0]
    return [candidates[i][0] for i in np.argsort(-cosines, kind="stable")]


def with_semantic_order(ranked: QuerySet[Asset], query: str) -> QuerySet[Asset]:
    """`ranked` (the output of a ranked filter) with its best lexical matches re-ordered by
    reciprocal rank fusion with the semantic channel."""
    top = list(ranked.values_list("pk", "search_semantic")[:SEMANTIC_CANDIDATES])
    if len(top) < 2:
        return ranked
    lexical = [pk for pk, _ in top]
    order = fuse([lexical, semantic_order(query, top)])
    position = Case(
        *(When(pk=pk, then=Value(i)) for i, pk in enumerate(order)),
        default=Value(len(order)),
        output_field=IntegerField(),
    )
    return ranked.annotate(search_position=position).order_by(
        "search_position", "-search_rank", "name", "id"
    )
