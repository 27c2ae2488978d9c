"""Today's asset search, kept as the reference of bench/search.py (measured in the same run
against ours): dari/directory/domain/search.py and the facets of dari/directory/domain/
queries.py as they were before the search answered in one pass (commit 72b6d68).

- search: the ranked queryset (`AssetFilter.apply` -> `dari.directory.search.ranked` as it
  was: `ranked` below; on SQLite FTS5's bm25 over the whole index, before the ranking read
  public statistics only, so its order may differ from ours where hidden rows weighed), its 50
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
from django.db import connection
from django.db.models import Case, Count, IntegerField, QuerySet, Value, When
from django.utils.translation import gettext_lazy as _

from dari.directory.access import visible_assets
from dari.directory.domain.queries import VOCAB_FACETS, Facet, _grouped
from dari.directory.domain.queries import assets as visible_asset_rows
from dari.directory.domain.recommend import default_embedder, query_embedder
from dari.directory.filters import AssetFilter, json_list_contains
from dari.directory.models import Asset
from dari.directory.search import _PG_WEIGHTS, DOCUMENTS, FTS, TABLE, WEIGHTS, expression
from dari.matching.search import Query, fuse

SEMANTIC_CANDIDATES = 50


def ranked(assets: QuerySet[Asset], query: Query) -> QuerySet[Asset]:
    """dari.directory.search.ranked before the public statistics (commit 361b943)."""
    expr = expression(query)
    where = [f"{TABLE}.asset_id = directory_asset.id"]
    if connection.vendor == "postgresql":
        rank = f"ts_rank({_PG_WEIGHTS}::float4[], {DOCUMENTS}.document, to_tsquery('simple', %s))"
        tables = [TABLE, DOCUMENTS]
        where += [
            f"{DOCUMENTS}.id = {TABLE}.id",
            f"{DOCUMENTS}.document @@ to_tsquery('simple', %s)",
        ]
    else:
        rank = f"-bm25({FTS}, {', '.join(str(w) for w in WEIGHTS)})"
        tables = [TABLE, FTS]
        where += [f"+{FTS}.rowid = {TABLE}.id", f"{FTS} MATCH %s"]
    select = {"search_rank": rank, "search_semantic": f"{TABLE}.semantic"}
    select_params = [expr] if connection.vendor == "postgresql" else []
    return assets.extra(  # noqa: S610 (fixed SQL; the query is a parameter)
        select=select, select_params=select_params, tables=tables, where=where, params=[expr]
    ).order_by("-search_rank", "name", "id")


def search_assets(user: Any, chosen: AssetFilter) -> QuerySet[Asset]:
    query = chosen.query()
    if query is None or not chosen.ranks():
        rows = chosen.apply(visible_asset_rows(user))
    else:
        rows = ranked(dataclasses.replace(chosen, q="").narrowed(visible_asset_rows(user)), query)
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
