"""Today's asset search, kept as the reference of bench/search.py (measured in the same run
against ours): dari/directory/domain/search.py and the facets of dari/directory/domain/
queries.py as they were before the search answered in one pass (commit 72b6d68).

- search: the ranked queryset (`AssetFilter.apply` -> `dari.directory.search.ranked`), its 50
  best matches read for the semantic channel, then the whole ordered again by position
  (CASE over the 50 ids) for the count and the page; the query embedded on every search.
- facets: one query per facet, each over every match.

Run by bench/search.py only (imports Django; needs a configured database).
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from typing import Any

import numpy as np
from django.conf import settings
from django.db.models import Case, Count, IntegerField, QuerySet, Value, When
from django.utils.translation import gettext_lazy as _

from dari.directory.access import visible_assets
from dari.directory.domain.queries import VOCAB_FACETS, Facet, _grouped
from dari.directory.domain.queries import assets as visible_asset_rows
from dari.directory.domain.recommend import default_embedder, query_embedder
from dari.directory.filters import AssetFilter, json_list_contains
from dari.directory.models import Asset
from dari.matching.search import fuse

SEMANTIC_CANDIDATES = 50


def search_assets(user: Any, chosen: AssetFilter) -> QuerySet[Asset]:
    rows = chosen.apply(visible_asset_rows(user))
    if not chosen.ranks() or not settings.SEARCH_SEMANTIC:
        return rows
    return with_semantic_order(rows, chosen.q)


def semantic_order(query: str, candidates: list[tuple[str, str]]) -> list[str]:
    stored = default_embedder().embed([text for _, text in candidates])
    if not np.any(stored):
        return [pk for pk, _ in candidates]
    cosines = stored @ query_embedder().embed([query])[0]
    return [candidates[i][0] for i in np.argsort(-cosines, kind="stable")]


def with_semantic_order(ranked: QuerySet[Asset], query: str) -> QuerySet[Asset]:
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


def asset_facets(user: Any, chosen: AssetFilter) -> list[Facet]:
    """Counts per filter value over the visible assets matching every *other* filter (so a
    chosen value still shows its alternatives). One query per facet."""
    base = visible_assets(user)

    def narrowed(field: str) -> QuerySet[Asset]:
        return dataclasses.replace(chosen, **{field: ""}).narrowed(base)

    facets = []
    for field, title, choices in VOCAB_FACETS:
        if field == "seeking":
            aggregates = {
                f"n_{v}": Count("pk", filter=json_list_contains("seeking", v))
                for v in choices.values
            }
            row = narrowed(field).aggregate(**aggregates)
            counts: dict[str, int] = {v: row[f"n_{v}"] for v in choices.values}
        else:
            counts = _grouped(narrowed(field), field)
        options = [(v, str(lbl), counts.get(v, 0)) for v, lbl in choices.choices]
        facets.append(Facet(field, str(title), getattr(chosen, field), options))

    cluster_rows = (
        narrowed("cluster")
        .exclude(organization__cluster=None)
        .values("organization__cluster_id", "organization__cluster__name")
        .annotate(n=Count("pk"))
        .order_by("organization__cluster__name")
    )
    facets.append(
        Facet(
            "cluster",
            str(_("Cluster")),
            chosen.cluster,
            [
                (r["organization__cluster_id"], r["organization__cluster__name"], r["n"])
                for r in cluster_rows
            ],
        )
    )
    country_counts: Counter[str] = Counter(
        _grouped(narrowed("country").exclude(organization__country=""), "organization__country")
    )
    facets.append(
        Facet(
            "country",
            str(_("Country")),
            chosen.country.upper(),
            [(c, c, n) for c, n in sorted(country_counts.items())],
        )
    )
    return facets
