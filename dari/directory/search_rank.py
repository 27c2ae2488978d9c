"""SQLite's search ranking from public statistics only.

FTS5's bm25 weighs a word by how many documents of the whole index name it (idf) and a
document's length by the index's mean length: taken over every row, confidential ones
included, the order a reader gets would tell how often hidden assets name a word. So the
ranking reads its statistics (row count, mean length, document frequencies) from a second
FTS5 table holding the PUBLIC assets' documents only, `directory_assetsearch_fts_public`,
kept by triggers on the search table and on the asset's visibility; public rows are seen by
every reader, so nothing in a rank depends on a row its reader may not see:

- a public match is ranked by that table's own `bm25()`;
- a non-public match (readers who see more than the public tier: members, platform admins)
  is ranked by the same formula, computed here from its own term counts per column (read
  through an fts5vocab 'instance' table) and length (the table's docsize record), with the
  public table's idf and mean length: the same scale, one order.

The non-public documents are kept in two more FTS5 tables by the same triggers, one per tier
of readers: `..._fts_members` (members-tier assets, seen by every vetted member) and
`..._fts_restricted` (partners and CDA assets, seen by their owner and the organisations it
lists). A member's search ranks the members tier and, of the restricted documents, only
those of the organisations that may show it some (`access.search_tiers`): a few, where the
whole non-public index would be tens of thousands of rows for a broad word. Which rows are
returned and counted is still the funnel's decision (`visible_assets`, joined by the
caller): the tiers only spare the ranking of rows the reader cannot see.

Which rows match: the tables' matches together are the full index's (for anonymous readers
and non-members the public table's alone); counts and facets still read the full index.
The formula is FTS5's (fts5_aux.c): for each phrase i of the query, with f the sum over
columns of the column weight times the phrase's hits there and D the document's tokens,
idf_i * f * (k1 + 1) / (f + k1 * (1 - b + b * D / avgdl)), k1 = 1.2, b = 0.75,
idf = ln((N - n + 0.5) / (n + 0.5)) (1e-6 when not positive).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from typing import Any

from django.db import connection

from dari.directory.access import SearchTiers
from dari.matching.search import Query

FTS = "directory_assetsearch_fts"
PUBLIC = "directory_assetsearch_fts_public"
MEMBERS = "directory_assetsearch_fts_members"  # members-tier documents
RESTRICTED = "directory_assetsearch_fts_restricted"  # partners and CDA documents
OTHER = "directory_assetsearch_fts_other"  # until migration 0017: every non-public document
PUBLIC_TERMS = f"{PUBLIC}_terms"  # fts5vocab 'row': documents naming each term
TABLE = "directory_assetsearch"
ASSETS = "directory_asset"
COLUMNS = ("name", "terms", "body", "org")
K1, B = 1.2, 0.75
_PART = {  # which assets' documents each holds
    PUBLIC: "= 'public'",
    MEMBERS: "= 'members'",
    RESTRICTED: "NOT IN ('public', 'members')",
    OTHER: "<> 'public'",
}


def instances(fts: str) -> str:
    """The fts5vocab 'instance' table of `fts`: every hit of a term, by doc and column."""
    return f"{fts}_instances"


def _triggers(fts: str) -> tuple[str, ...]:
    """The triggers keeping `fts` (a table of _PART) the documents of its assets."""
    holds = _PART[fts]
    insert = (
        f"INSERT INTO {fts}(rowid, name, terms, body, org) "
        "SELECT new.id, new.name, new.terms, new.body, new.org WHERE EXISTS (SELECT 1 FROM "
        f"{ASSETS} a WHERE a.id = new.asset_id AND a.visibility {holds})"
    )
    of_asset = f"(SELECT s.id FROM {TABLE} s WHERE s.asset_id = old.id)"
    return (
        f"CREATE TRIGGER IF NOT EXISTS {fts}_insert AFTER INSERT ON {TABLE} BEGIN {insert}; END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_delete AFTER DELETE ON {TABLE} BEGIN "
        f"DELETE FROM {fts} WHERE rowid = old.id; END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_update AFTER UPDATE ON {TABLE} BEGIN "
        f"DELETE FROM {fts} WHERE rowid = old.id; {insert}; END",
        # An asset made public or confidential (a save or a bulk update) moves across.
        f"CREATE TRIGGER IF NOT EXISTS {fts}_visibility AFTER UPDATE OF visibility ON {ASSETS} "
        f"BEGIN DELETE FROM {fts} WHERE rowid IN {of_asset}; "
        f"INSERT INTO {fts}(rowid, name, terms, body, org) "
        f"SELECT s.id, s.name, s.terms, s.body, s.org FROM {TABLE} s "
        f"WHERE s.asset_id = new.id AND new.visibility {holds}; END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_asset_delete AFTER DELETE ON {ASSETS} "
        f"BEGIN DELETE FROM {fts} WHERE rowid IN {of_asset}; END",
        f"DELETE FROM {fts}",
        f"INSERT INTO {fts}(rowid, name, terms, body, org) "
        f"SELECT s.id, s.name, s.terms, s.body, s.org FROM {TABLE} s "
        f"JOIN {ASSETS} a ON a.id = s.asset_id WHERE a.visibility {holds}",
    )


def _setup(fts: str) -> tuple[str, ...]:
    """Create `fts` (a table of _PART), its vocabulary table and its triggers, and fill it."""
    vocab = (
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {PUBLIC_TERMS} USING fts5vocab({PUBLIC}, 'row')"
        if fts == PUBLIC
        else f"CREATE VIRTUAL TABLE IF NOT EXISTS {instances(fts)} "
        f"USING fts5vocab({fts}, 'instance')"
    )
    return (
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5(name, terms, body, org, "
        "tokenize='unicode61 remove_diacritics 0')",
        vocab,
        *_triggers(fts),
    )


def _teardown(fts: str) -> tuple[str, ...]:
    """Drop `fts`, its vocabulary table and its triggers."""
    return (
        *(
            f"DROP TRIGGER IF EXISTS {fts}_{event}"
            for event in ("insert", "delete", "update", "visibility", "asset_delete")
        ),
        f"DROP TABLE IF EXISTS {PUBLIC_TERMS if fts == PUBLIC else instances(fts)}",
        f"DROP TABLE IF EXISTS {fts}",
    )


TIERS = (PUBLIC, MEMBERS, RESTRICTED)
SETUP = tuple(sql for fts in TIERS for sql in _setup(fts))
TEARDOWN = tuple(sql for fts in (*TIERS, OTHER) for sql in _teardown(fts))


def _execute(schema_editor: Any, statements: Sequence[str]) -> None:
    if schema_editor.connection.vendor == "sqlite":
        for sql in statements:
            schema_editor.execute(sql)


def install_public_index(schema_editor: Any) -> None:
    """SQLite: create (or refill) the public, members and restricted documents' indexes and
    their triggers (migrations; also after a migration that rebuilds `directory_asset`)."""
    _execute(schema_editor, SETUP)


def remove_public_index(schema_editor: Any) -> None:
    """SQLite: drop them (migration, backwards)."""
    _execute(schema_editor, TEARDOWN)


def split_other_index(schema_editor: Any) -> None:
    """SQLite: the non-public documents, one table until migration 0017, in two (members
    tier, restricted), so a member's search ranks none of the restricted rows of others."""
    _execute(schema_editor, (*_teardown(OTHER), *_setup(MEMBERS), *_setup(RESTRICTED)))


def join_other_index(schema_editor: Any) -> None:
    """SQLite: back to one table of the non-public documents (migration 0017, backwards)."""
    _execute(schema_editor, (*_teardown(MEMBERS), *_teardown(RESTRICTED), *_setup(OTHER)))


def _varints(blob: bytes) -> list[int]:
    """The unsigned varints of an FTS5 record (SQLite's encoding: 7 bits a byte, high bit set
    on every byte but the last; a ninth byte carries 8 bits)."""
    out: list[int] = []
    value, count = 0, 0
    for byte in blob:
        if count == 8:
            out.append((value << 8) | byte)
            value, count = 0, 0
            continue
        value = (value << 7) | (byte & 0x7F)
        count += 1
        if not byte & 0x80:
            out.append(value)
            value, count = 0, 0
    return out


def document_length(size: bytes | None) -> int:
    """A document's tokens, all columns, from its FTS5 docsize record (a SQL function)."""
    if not size:
        return 0
    if size.isascii():  # every column under 128 tokens: each varint is one byte
        return sum(size)
    return sum(_varints(size))


def register_functions(conn: Any) -> None:
    """Give a SQLite connection the function the ranking calls (on each ranking: cheap)."""
    conn.create_function("dari_document_length", 1, document_length, deterministic=True)


def public_statistics(tokens: Sequence[str]) -> tuple[float, dict[str, float]]:
    """The public index's mean document length and each token's idf (FTS5's own formula)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT block FROM {PUBLIC}_data WHERE id = 1")
        row = cursor.fetchone()
        values = _varints(bytes(row[0])) if row and row[0] else []
        n_rows = values[0] if values else 0
        total = sum(values[1:])
        frequencies: dict[str, int] = {}
        if tokens:
            marks = ", ".join(["%s"] * len(tokens))
            cursor.execute(
                f"SELECT term, doc FROM {PUBLIC_TERMS} WHERE term IN ({marks})", list(tokens)
            )
            frequencies = {term: int(doc) for term, doc in cursor.fetchall()}
    avgdl = total / n_rows if n_rows and total else 1.0
    idf = {}
    for token in tokens:
        n = frequencies.get(token, 0)
        value = math.log((n_rows - n + 0.5) / (n + 0.5))
        idf[token] = value if value > 0 else 1e-6
    return avgdl, idf


def phrases(query: Query) -> Counter[str]:
    """The tokens of a query's FTS5 expression and how many phrases each is (bm25 counts a
    token once per phrase it is; see dari.directory.search.expression)."""
    return Counter(
        token for term in query.terms for alternative in term.alternatives for token in alternative
    )


def any_token(query: Query) -> bool:
    """Whether a document matches the query exactly when it holds one of its tokens: one
    term whose alternatives are single tokens ("cancer": cancer OR its glossary concept), so
    the tokens' hits name the matches without the MATCH (dari.directory.search.expression)."""
    return len(query.terms) == 1 and all(len(a) == 1 for a in query.terms[0].alternatives)


def index_matches(
    query: Query, expr: str, weights: Sequence[float], tiers: SearchTiers
) -> tuple[str, list[Any]]:
    """SQL of the index's matches (rowid AS id, rank) ranked from public statistics, and its
    parameters; `tiers`: which documents beyond the public ones the reader may see some of
    (the others are not read)."""
    bm25 = f"-bm25({PUBLIC}, {', '.join(str(w) for w in weights)})"
    public_sql = f"SELECT rowid AS id, {bm25} AS rank FROM {PUBLIC} WHERE {PUBLIC} MATCH %s"
    if not tiers.members:
        return public_sql, [expr]
    parts, params = [public_sql], [expr]
    connection.ensure_connection()
    register_functions(connection.connection)
    counts = phrases(query)
    avgdl, idf = public_statistics(sorted(counts))
    expr_or_none = None if any_token(query) else expr
    sql, part_params = _computed(MEMBERS, counts, avgdl, idf, weights, expr_or_none)
    parts.append(sql)
    params += part_params
    owners = tiers.restricted_owners
    if owners is None:
        sql, part_params = _computed(RESTRICTED, counts, avgdl, idf, weights, expr_or_none)
    elif owners:
        marks = ", ".join(["%s"] * len(owners))
        # The owners' restricted documents: a few, read by the asset's owner index.
        docs = (
            f"SELECT s.id FROM {ASSETS} a JOIN {TABLE} s ON s.asset_id = a.id "
            f"WHERE a.organization_id IN ({marks}) AND a.visibility {_PART[RESTRICTED]}"
        )
        sql, part_params = _computed(
            RESTRICTED, counts, avgdl, idf, weights, expr_or_none, (docs, list(owners))
        )
    if owners is None or owners:
        parts.append(sql)
        params += part_params
    return " UNION ALL ".join(parts), params


def _computed(
    fts: str,
    counts: Counter[str],
    avgdl: float,
    idf: dict[str, float],
    weights: Sequence[float],
    expr: str | None,
    docs: tuple[str, list[Any]] | None = None,
) -> tuple[str, list[Any]]:
    """SQL (id, rank) of `fts`'s matches (only those among `docs`, SQL of search-row ids
    and its parameters, when given), ranked by bm25's formula from public statistics.
    `expr` None: every document with a hit of a token matches (`any_token`)."""
    tokens = sorted(counts)
    column = {t: f"f{j}" for j, t in enumerate(tokens)}
    weight = (
        "CASE i.col "
        + " ".join(f"WHEN '{c}' THEN {float(w)}" for c, w in zip(COLUMNS, weights, strict=True))
        + " ELSE 0 END"
    )
    hits = ", ".join(
        f"SUM(CASE WHEN i.term = %s THEN {weight} ELSE 0 END) AS {column[t]}" for t in tokens
    )
    marks = ", ".join(["%s"] * len(tokens))
    score = " + ".join(
        f"%s * y.{column[t]} * {K1 + 1} / (y.{column[t]} + {K1} * ({1 - B} + {B} * y.d / %s))"
        for t in tokens
    )
    if expr is None:  # a hit of any token is a match: the hits are read alone
        among = f"AND i.doc IN ({docs[0]})" if docs else ""
        among_params = [*(docs[1] if docs else [])]
    else:
        # `+rowid`: the documents' ids filter the matches, rather than each being looked up
        # in the index by a query of its own (the owners' restricted ones: one per document).
        among = f"AND +rowid IN ({docs[0]})" if docs else ""
        among = f"AND i.doc IN (SELECT rowid FROM {fts} WHERE {fts} MATCH %s {among})"
        among_params = [expr, *(docs[1] if docs else [])]
    # Each match: its weighted hits per token (one pass over the tokens' hits in the table,
    # kept for the matches), then its length, read once (MATERIALIZED), and the formula.
    sql = (
        f"SELECT * FROM (WITH x AS (SELECT i.doc AS doc, {hits} FROM {instances(fts)} i "
        f"WHERE i.term IN ({marks}) {among} GROUP BY i.doc), "
        f"y AS MATERIALIZED (SELECT x.*, dari_document_length(z.sz) AS d FROM x "
        f"JOIN {fts}_docsize z ON z.id = x.doc) "
        f"SELECT y.doc AS id, {score} AS rank FROM y)"
    )
    score_params: list[Any] = []
    for t in tokens:
        score_params += [idf[t] * counts[t], avgdl]
    return sql, [*tokens, *tokens, *among_params, *score_params]
