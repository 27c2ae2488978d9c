"""The table beside every chart: a table is a dict with `key`, `title`, `columns` (key,
heading) and `rows` (dicts); it becomes rows for the template or a CSV download."""

from __future__ import annotations

import csv
from typing import Any

from django.http import HttpResponse

Table = dict[str, Any]


def with_display(table: Table) -> Table:
    """`table` with `rows_display`: each row's cells in column order, for the template."""
    table["rows_display"] = [[row[k] for k, _h in table["columns"]] for row in table["rows"]]
    return table


def csv_response(table: Table, filename: str) -> HttpResponse:
    """The table as a CSV download (headings first, None as an empty cell)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow([heading for _key, heading in table["columns"]])
    for row in table["rows"]:
        writer.writerow(["" if row[k] is None else row[k] for k, _heading in table["columns"]])
    return response
