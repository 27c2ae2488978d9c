"""Rows written in bulk, below the ORM: tuples in the columns' order, COPY on PostgreSQL and
one prepared statement (executemany) on SQLite, inside the caller's transaction.

The importer writes hundreds of thousands of rows; building a model instance per row and
letting `bulk_create` prepare every value costs more CPU than the database spends storing them.
Values arrive as Python values; JSON columns are serialised here and dates adapted for SQLite,
everything else is passed as is (str, int, bool, None).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.db import connection, models

Row = Sequence[Any]
CHUNK = 900  # ids per `IN (...)`: under SQLite's default limit of 999 parameters


def _converters(model: type[models.Model], columns: Sequence[str]) -> list[Callable[[Any], Any]]:
    def same(value: Any) -> Any:
        return value

    def as_json(value: Any) -> Any:
        return None if value is None else json.dumps(value)

    def as_date(value: Any) -> Any:
        return connection.ops.adapt_datefield_value(value)

    def as_datetime(value: Any) -> Any:
        return connection.ops.adapt_datetimefield_value(value)

    out: list[Callable[[Any], Any]] = []
    for name in columns:
        kind = model._meta.get_field(name).get_internal_type()
        if kind == "JSONField":
            out.append(as_json)
        elif kind == "DateField" and connection.vendor == "sqlite":
            out.append(as_date)
        elif kind == "DateTimeField" and connection.vendor == "sqlite":
            out.append(as_datetime)
        else:
            out.append(same)
    return out


def _adapted(model: type[models.Model], columns: Sequence[str], rows: Iterable[Row]) -> list[Row]:
    convert = _converters(model, columns)
    plain = [i for i, c in enumerate(convert) if c.__name__ != "same"]
    if not plain:
        return list(rows)
    out = []
    for row in rows:
        values = list(row)
        for i in plain:
            values[i] = convert[i](values[i])
        out.append(values)
    return out


def _column(model: type[models.Model], name: str) -> str:
    return connection.ops.quote_name(model._meta.get_field(name).column)


def insert_rows(model: type[models.Model], columns: Sequence[str], rows: Iterable[Row]) -> int:
    """Insert `rows` (values in the order of `columns`, field names); returns how many."""
    data = _adapted(model, columns, rows)
    if not data:
        return 0
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(_column(model, c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in data:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", data)
    return len(data)


def upsert_rows(
    model: type[models.Model], columns: Sequence[str], rows: Iterable[Row], key: str = "id"
) -> int:
    """Insert `rows`, or update every other column of the row whose `key` exists."""
    data = _adapted(model, columns, rows)
    if not data:
        return 0
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(_column(model, c) for c in columns)
    marks = ", ".join(["%s"] * len(columns))
    updates = ", ".join(
        f"{_column(model, c)} = EXCLUDED.{_column(model, c)}" for c in columns if c != key
    )
    sql = (
        f"INSERT INTO {table} ({names}) VALUES ({marks}) "
        f"ON CONFLICT ({_column(model, key)}) DO UPDATE SET {updates}"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, data)
    return len(data)


def delete_where(model: type[models.Model], column: str, values: Sequence[Any]) -> None:
    """Delete the rows whose `column` is one of `values` (no signals, no cascade: for rows
    nothing else references)."""
    table = connection.ops.quote_name(model._meta.db_table)
    name = _column(model, column)
    with connection.cursor() as cursor:
        for i in range(0, len(values), CHUNK):
            chunk = list(values[i : i + CHUNK])
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(f"DELETE FROM {table} WHERE {name} IN ({marks})", chunk)
