"""The asset search index, one interface over two databases: SQLite FTS5 (an external-content
virtual table over `directory_assetsearch`, kept by triggers) and PostgreSQL full text (a
narrow table of tsvectors with a GIN index, `directory_assetdocument`, kept by
triggers). `install_index` creates either (the
migration calls it).

The rows of `AssetSearch` are the search documents of `dari.matching.search.document`;
`index_assets` writes them: on every save of an asset or organisation (signals, see apps.py)
and after every import (bulk writes send no signals).

Reading: `matching(query)` is the condition "matches the query", for counts and facets;
`ranked(assets, query)` joins the index, keeps the matches and orders them by relevance
(FTS5 bm25, PostgreSQL ts_rank, the same column weights; on SQLite from the statistics of
the public documents only, dari.directory.search_rank, so no hidden row moves a visible one).
Both narrow the queryset they are given, so assets still come only from
`visible_assets(user)`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

from dari.directory import search_rank
from dari.directory.access import EVERY_TIER, SearchTiers
from dari.directory.models import ID_LENGTH, Asset, AssetSearch
from dari.matching.search import (
    Query,
    RecordText,
    document,
    korean_morphemes,
    parse_query,
    record_texts,
    semantic_text,
)

TABLE = "directory_assetsearch"
FTS = "directory_assetsearch_fts"
BATCH = 2000
ANALYZE_AFTER = 1000
"""Documents written at once (a full reindex, a large import) after which SQLite's planner
statistics are refreshed (`refresh_statistics`)."""
_PLANNED = ("directory_asset", "directory_organization", "accounts_organizationlink")
COVER = "assetsearch_asset_cover"
"""The search table's index of (row id, asset id): a match's asset without its document.
SQLite's planner prefers the row id's own b-tree (the wide rows of the documents: a page
read per match), so the joins name it (INDEXED BY)."""

# Column weights, strongest first: name, terms (values and glossary concepts), body, owner.
WEIGHTS = (10.0, 5.0, 1.0, 2.0)

_SQLITE_SETUP = (
    f"CREATE VIRTUAL TABLE {FTS} USING fts5(name, terms, body, org, "
    f"content='{TABLE}', content_rowid='id', tokenize='unicode61 remove_diacritics 0')",
    f"CREATE TRIGGER {FTS}_insert AFTER INSERT ON {TABLE} BEGIN "
    f"INSERT INTO {FTS}(rowid, name, terms, body, org) "
    f"VALUES (new.id, new.name, new.terms, new.body, new.org); END",
    f"CREATE TRIGGER {FTS}_delete AFTER DELETE ON {TABLE} BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, name, terms, body, org) "
    f"VALUES ('delete', old.id, old.name, old.terms, old.body, old.org); END",
    f"CREATE TRIGGER {FTS}_update AFTER UPDATE ON {TABLE} BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, name, terms, body, org) "
    f"VALUES ('delete', old.id, old.name, old.terms, old.body, old.org); "
    f"INSERT INTO {FTS}(rowid, name, terms, body, org) "
    f"VALUES (new.id, new.name, new.terms, new.body, new.org); END",
)
_SQLITE_TEARDOWN = (
    f"DROP TRIGGER IF EXISTS {FTS}_insert",
    f"DROP TRIGGER IF EXISTS {FTS}_delete",
    f"DROP TRIGGER IF EXISTS {FTS}_update",
    f"DROP TABLE IF EXISTS {FTS}",
)


# 'simple': no stemming or stop words; the documents hold index tokens already.
def _pg_document(row: str) -> str:
    return (
        f"setweight(to_tsvector('simple', {row}.name), 'A') || "
        f"setweight(to_tsvector('simple', {row}.terms), 'B') || "
        f"setweight(to_tsvector('simple', {row}.body), 'C') || "
        f"setweight(to_tsvector('simple', {row}.org), 'D')"
    )


# PostgreSQL keeps the tsvectors in a narrow table of their own (row id, asset id, document),
# kept by triggers like SQLite's FTS5 table: a broad search ("cancer": 40,000 documents)
# reads and ranks every match, and the rows of the documents alone take half the pages of
# the search table's (which also holds the texts and the sentence embedder's text).
DOCUMENTS = "directory_assetdocument"
_SYNC = f"{DOCUMENTS}_sync"
_POSTGRES_SETUP = (
    f"CREATE TABLE IF NOT EXISTS {DOCUMENTS} (id bigint PRIMARY KEY, "
    f"asset_id varchar({ID_LENGTH}) NOT NULL, document tsvector NOT NULL)",
    f"CREATE OR REPLACE FUNCTION {_SYNC}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    f"IF TG_OP = 'TRUNCATE' THEN TRUNCATE {DOCUMENTS}; RETURN NULL; END IF; "
    f"IF TG_OP = 'DELETE' THEN DELETE FROM {DOCUMENTS} WHERE id = OLD.id; RETURN OLD; END IF; "
    f"INSERT INTO {DOCUMENTS} (id, asset_id, document) "
    f"VALUES (NEW.id, NEW.asset_id, {_pg_document('NEW')}) ON CONFLICT (id) DO UPDATE "
    "SET asset_id = EXCLUDED.asset_id, document = EXCLUDED.document; RETURN NEW; END $$",
    f"DROP TRIGGER IF EXISTS {_SYNC} ON {TABLE}",
    f"CREATE TRIGGER {_SYNC} AFTER INSERT OR UPDATE OR DELETE ON {TABLE} "
    f"FOR EACH ROW EXECUTE FUNCTION {_SYNC}()",
    f"DROP TRIGGER IF EXISTS {_SYNC}_truncate ON {TABLE}",
    f"CREATE TRIGGER {_SYNC}_truncate AFTER TRUNCATE ON {TABLE} "
    f"FOR EACH STATEMENT EXECUTE FUNCTION {_SYNC}()",
    f"INSERT INTO {DOCUMENTS} (id, asset_id, document) "
    f"SELECT s.id, s.asset_id, {_pg_document('s')} FROM {TABLE} s ON CONFLICT (id) DO NOTHING",
    f"CREATE INDEX IF NOT EXISTS {DOCUMENTS}_document ON {DOCUMENTS} USING gin (document)",
)
_POSTGRES_TEARDOWN = (
    f"DROP TRIGGER IF EXISTS {_SYNC}_truncate ON {TABLE}",
    f"DROP TRIGGER IF EXISTS {_SYNC} ON {TABLE}",
    f"DROP FUNCTION IF EXISTS {_SYNC}()",
    f"DROP TABLE IF EXISTS {DOCUMENTS}",
)
_POSTGRES_BEFORE_0012 = (
    # Until migration 0012 the tsvector was a generated column of the search table.
    f"DROP INDEX IF EXISTS {TABLE}_document",
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS document",
)
# ts_rank takes weights for D, C, B, A: owner, body, terms, name (WEIGHTS scaled to 1).
_PG_ORDER = (WEIGHTS[3], WEIGHTS[2], WEIGHTS[1], WEIGHTS[0])
_PG_WEIGHTS = "'{" + ",".join(str(w / WEIGHTS[0]) for w in _PG_ORDER) + "}'"


def install_index(schema_editor: Any) -> None:
    """Create the full-text index of this database (migration)."""
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": _SQLITE_SETUP, "postgresql": _POSTGRES_SETUP}.get(vendor, ())
    for sql in statements:
        schema_editor.execute(sql)


def move_documents(schema_editor: Any) -> None:
    """PostgreSQL: move the tsvectors from the search table's generated column to their own
    table (migration 0012; on a database created since, there is nothing to move)."""
    if schema_editor.connection.vendor == "postgresql":
        for sql in (*_POSTGRES_BEFORE_0012, *_POSTGRES_SETUP, f"ANALYZE {DOCUMENTS}"):
            schema_editor.execute(sql)


def remove_index(schema_editor: Any) -> None:
    """Drop the full-text index of this database (migration, backwards)."""
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": _SQLITE_TEARDOWN, "postgresql": _POSTGRES_TEARDOWN}.get(vendor, ())
    for sql in statements:
        schema_editor.execute(sql)


# Writing -----------------------------------------------------------------------------------


ASSET_VALUES = (
    "id",
    "name",
    "description",
    "indications",
    "targets",
    "therapeutic_area",
    "modality",
    "organization__name",
    "organization__name_ko",
)


def record_text(values: dict[str, Any]) -> RecordText:
    """What an asset (a row of ASSET_VALUES) is found by; vocabulary values read as words."""
    labels = [*values["indications"], *values["targets"]]
    labels += [values[f].replace("_", " ") for f in ("therapeutic_area", "modality") if values[f]]
    owner = [values["organization__name"], values["organization__name_ko"]]
    return RecordText(values["name"], values["description"], labels, [o for o in owner if o])


def index_assets(asset_ids: Iterable[str] | None = None) -> int:
    """Write the search documents of these assets (every asset when None); returns how many.
    Runs in the caller's transaction."""
    assets = Asset.objects.order_by("pk")
    if asset_ids is not None:
        ids = list(dict.fromkeys(asset_ids))
        chunks: Iterable[list[str]] = (ids[i : i + 900] for i in range(0, len(ids), 900))
    else:
        chunks = [[]]
    written = 0
    for chunk in chunks:
        rows = assets.filter(pk__in=chunk) if asset_ids is not None else assets
        batch: list[dict[str, Any]] = []
        for values in rows.values(*ASSET_VALUES).iterator(chunk_size=BATCH):
            batch.append(values)
            if len(batch) >= BATCH:
                written += _write(batch)
                batch = []
        written += _write(batch)
    if written >= ANALYZE_AFTER:
        refresh_statistics()
    return written


def refresh_statistics(schema_editor: Any = None) -> None:
    """SQLite: refresh the planner's statistics of the tables a search's count and facets
    join (ANALYZE; PostgreSQL's autovacuum does this by itself). Without them SQLite takes
    a visibility for a rare value and answers a member's facets (an OR of visibilities and
    owners, beside the words' matches) by reading every asset the member may see, 75,000 of
    100,000, to keep the few the words match, where an anonymous reader's are looked up
    from the matches."""
    conn = schema_editor.connection if schema_editor is not None else connection
    if conn.vendor != "sqlite":
        return
    with conn.cursor() as cursor:
        for table in _PLANNED:
            cursor.execute(f"ANALYZE {table}")


def _write(rows: list[dict[str, Any]]) -> int:
    """Upsert the search documents of a batch of asset rows (Korean analysed in one call)."""
    texts = [record_text(values) for values in rows]
    korean = korean_morphemes([t for text in texts for t in record_texts(text)])
    documents = [
        AssetSearch(
            asset_id=values["id"], semantic=semantic_text(text), **document(text, korean=korean)
        )
        for values, text in zip(rows, texts, strict=True)
    ]
    if documents:
        AssetSearch.objects.bulk_create(
            documents,
            update_conflicts=True,
            unique_fields=["asset"],
            update_fields=["name", "terms", "body", "org", "semantic"],
        )
    return len(documents)


def organization_asset_ids(organization_ids: Iterable[str]) -> list[str]:
    """The ids of every asset of these organisations."""
    ids = list(organization_ids)
    assets: list[str] = []
    for i in range(0, len(ids), 900):  # stay under SQLite's parameter limit
        chunk = ids[i : i + 900]
        assets += Asset.objects.filter(organization_id__in=chunk).values_list("pk", flat=True)
    return assets


# Reading -----------------------------------------------------------------------------------


@lru_cache(maxsize=512)
def parsed(text: str) -> Query:
    """The parsed query (kept: parsing reads the glossary and may call the Korean analyser)."""
    return parse_query(text)


def expression(query: Query, vendor: str | None = None) -> str:
    """The query in the index's own language: an FTS5 MATCH expression or a tsquery."""
    vendor = vendor or connection.vendor
    if vendor == "postgresql":
        and_, or_, quote = " & ", " | ", "{}"
    else:
        and_, or_, quote = " AND ", " OR ", '"{}"'
    return and_.join(
        "("
        + or_.join(
            "(" + and_.join(quote.format(t) for t in alternative) + ")"
            for alternative in term.alternatives
        )
        + ")"
        for term in query.terms
    )


def matching(query: Query, every: int = 1) -> Q:
    """Assets whose search document matches the query (a subquery of the index); `every`:
    only every n-th document of the index (by its row id: a sample for estimates)."""
    if connection.vendor == "postgresql":
        sql = f"SELECT asset_id FROM {DOCUMENTS} WHERE document @@ to_tsquery('simple', %s)"
    else:
        sql = (
            f"SELECT {TABLE}.asset_id FROM {FTS} JOIN {TABLE} INDEXED BY {COVER} "
            f"ON {TABLE}.id = {FTS}.rowid "
            f"WHERE {FTS} MATCH %s"
        )
    if every > 1:
        row = f"{DOCUMENTS}.id" if connection.vendor == "postgresql" else f"{FTS}.rowid"
        sql += f" AND {row} %% {int(every)} = 0"
    return Q(pk__in=RawSQL(sql, [expression(query)]))


def ranked(assets: QuerySet[Asset], query: Query) -> QuerySet[Asset]:
    """`assets` that match the query, with `search_rank` (higher is more relevant) and
    `search_semantic` (the text for the sentence embedder), most relevant first. The ranks
    are `top_matches`' (on SQLite from public statistics only); searches answer through
    `top_matches`, which is faster: this form is for querysets."""
    expr = expression(query)
    if connection.vendor != "postgresql":
        index_sql, params = _index_matches(query, EVERY_TIER)
        # The ranked matches are computed once (MATERIALIZED), then looked up per asset.
        rank = RawSQL(
            f"WITH m AS MATERIALIZED ({index_sql}) "
            "SELECT m.rank FROM m WHERE m.asset_id = directory_asset.id",
            params,
        )
        semantic = RawSQL(
            f"SELECT s.semantic FROM {TABLE} s WHERE s.asset_id = directory_asset.id", []
        )
        return (
            assets.annotate(search_rank=rank, search_semantic=semantic)
            .filter(search_rank__isnull=False)
            .order_by("-search_rank", "name", "id")
        )
    rank = f"ts_rank({_PG_WEIGHTS}::float4[], {DOCUMENTS}.document, to_tsquery('simple', %s))"
    where = [
        f"{TABLE}.asset_id = directory_asset.id",
        f"{DOCUMENTS}.id = {TABLE}.id",
        f"{DOCUMENTS}.document @@ to_tsquery('simple', %s)",
    ]
    select = {"search_rank": rank, "search_semantic": f"{TABLE}.semantic"}
    return assets.extra(  # noqa: S610 (fixed SQL; the query is a parameter)
        select=select,
        select_params=[expr],
        tables=[TABLE, DOCUMENTS],
        where=where,
        params=[expr],
    ).order_by("-search_rank", "name", "id")


def _index_matches(query: Query, tiers: SearchTiers) -> tuple[str, list[Any]]:
    """SQLite: the SQL of the index's matches (asset_id, rank) and its parameters; `tiers`:
    the documents the reader may see some of (the others are not read)."""
    expr = expression(query)
    # Ranked from public statistics only (dari.directory.search_rank); CROSS JOIN fixes
    # SQLite's join order: the matches are read once, then each is joined to its row.
    ranked_sql, params = search_rank.index_matches(query, expr, WEIGHTS, tiers)
    sql = (
        f"SELECT {TABLE}.asset_id, m.rank AS rank FROM ({ranked_sql}) m "
        f"CROSS JOIN {TABLE} INDEXED BY {COVER} ON {TABLE}.id = m.id"
    )
    return sql, params


@dataclass(frozen=True)
class Match:
    """One asset found by a search: its id and rank (higher is more relevant)."""

    asset_id: str
    rank: float


def top_matches(
    assets: QuerySet[Asset], query: Query, limit: int, *, tiers: SearchTiers = EVERY_TIER
) -> tuple[list[Match], int]:
    """The `limit` most relevant of `assets` that match the query (by rank, then name and
    id) and how many of them match in all, in one pass over the matches: the index's rows
    are ranked and joined to `assets` (a narrowed `visible_assets`, whose SQL is used as it
    is) once (PostgreSQL ranks only the joined ones), the count is a window over the join
    (SQLite: a count of the join, written once) and the order a bounded sort. `tiers`
    (`access.search_tiers` of the reader of `assets`) spares the ranking of documents the
    reader cannot see; the join to `assets` decides what is returned and counted."""
    visible_sql, visible_params = assets.order_by().values("id", "name").query.sql_with_params()
    if connection.vendor == "postgresql":
        # The matches are joined to the visible assets first and only those are ranked (an
        # anonymous reader's "antibody" ranks 26,000 documents, not the 52,000 that match);
        # OFFSET 0 fences the join, so the window and the sort carry (id, name, rank), never
        # the documents.
        expr = expression(query)
        rank = f"ts_rank({_PG_WEIGHTS}::float4[], d.document, to_tsquery('simple', %s))"
        sql = (
            f"SELECT id, rank, COUNT(*) OVER () FROM (SELECT v.id, v.name, {rank} AS rank "
            f"FROM {DOCUMENTS} d JOIN ({visible_sql}) v ON v.id = d.asset_id "
            "WHERE d.document @@ to_tsquery('simple', %s) OFFSET 0) x "
            "ORDER BY rank DESC, name, id LIMIT %s"
        )
        params = [expr, *visible_params, expr, max(1, limit)]
    else:
        index_sql, index_params = _index_matches(query, tiers)
        # SQLite: the joined matches are written once and counted from there; a window
        # (COUNT(*) OVER ()) would copy and sort all of them again before the bounded sort.
        sql = (
            f"WITH j AS MATERIALIZED (SELECT v.id AS id, v.name AS name, m.rank AS rank "
            f"FROM ({index_sql}) m CROSS JOIN ({visible_sql}) v ON v.id = m.asset_id) "
            "SELECT id, rank, (SELECT COUNT(*) FROM j) FROM j "
            "ORDER BY rank DESC, name, id LIMIT %s"
        )
        params = [*index_params, *visible_params, max(1, limit)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    total = int(rows[0][2]) if rows else 0
    return [Match(pk, float(rank)) for pk, rank, _ in rows][: max(0, limit)], total


def semantic_texts(asset_ids: Iterable[str]) -> dict[str, str]:
    """The text the sentence embedder reads for each of these assets (by id)."""
    rows = AssetSearch.objects.filter(asset_id__in=list(asset_ids)).values_list(
        "asset_id", "semantic"
    )
    return dict(rows)


# Keeping the index in step -----------------------------------------------------------------


def _asset_saved(sender: Any, instance: Asset, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        index_assets([instance.pk])


def _organization_saved(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        index_assets(organization_asset_ids([instance.pk]))


def connect_signals() -> None:
    """Re-index an asset whenever it is saved, and an organisation's assets whenever it is
    (apps.py calls this once)."""
    from django.db.models.signals import post_save

    from dari.directory.models import Organization

    post_save.connect(_asset_saved, sender=Asset, dispatch_uid="dari.search.asset")
    post_save.connect(
        _organization_saved, sender=Organization, dispatch_uid="dari.search.organization"
    )
