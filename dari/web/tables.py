"""The table beside every chart: a table is a dict with `key`, `title`, `columns` (key,
heading) and `rows` (dicts); it becomes rows for the template or a CSV download."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _

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


def csv_download(
    request: HttpRequest,
    tables: Iterable[Table],
    prefix: str,
    *,
    param: str = "chart",
    missing: str | None = None,
) -> HttpResponse | None:
    """With `?format=csv&<param>=<key>`: that table as `<prefix>-<key>.csv` (404 with
    `missing` for an unknown key); otherwise None, and the page is rendered."""
    if request.GET.get("format") != "csv":
        return None
    name = request.GET.get(param, "")
    for table in tables:
        if table["key"] == name:
            return csv_response(table, f"{prefix}-{name}.csv")
    raise Http404(missing or _("No chart with this name."))
