"""The table beside every chart: a table is a dict with `key`, `title`, `columns` (key,
heading) and `rows` (dicts); it becomes rows for the template or a download: CSV in UTF-8 with
a byte-order mark (so that spreadsheet programs read Hangul right) or XLSX."""

from __future__ import annotations

import csv
import io
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
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([heading for _key, heading in table["columns"]])
    for row in table["rows"]:
        writer.writerow([_cell(row[k]) for k, _heading in table["columns"]])
    return response


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A spreadsheet would run a cell starting with these as a formula (CSV/formula injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def xlsx_response(table: Table, filename: str) -> HttpResponse:
    """The table as an XLSX download (one sheet, headings first)."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=str(table.get("title") or "Dari")[:31])
    sheet.append([str(heading) for _key, heading in table["columns"]])
    for row in table["rows"]:
        sheet.append([_cell(row[k]) for k, _heading in table["columns"]])
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def table_download(request: HttpRequest, table: Table, stem: str) -> HttpResponse:
    """`table` as `<stem>.xlsx` with `?format=xlsx`, else as `<stem>.csv`."""
    if request.GET.get("format") == "xlsx":
        return xlsx_response(table, f"{stem}.xlsx")
    return csv_response(table, f"{stem}.csv")


def export_format(request: HttpRequest) -> str | None:
    """ "csv" or "xlsx" when a list page is asked for a download, else None."""
    wanted = request.GET.get("format")
    return wanted if wanted in ("csv", "xlsx") else None


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
