"""Limit/offset pages: `{"count", "next", "previous", "items"}`, counted on the queryset given,
which for assets is already the caller's visible set."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Model, QuerySet
from django.http import HttpRequest

from dari.api.schemas import PageParams


def _page_url(request: HttpRequest, offset: int, limit: int) -> str:
    params = request.GET.copy()
    params["limit"] = str(limit)
    params["offset"] = str(offset)
    return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")


def paginate(
    request: HttpRequest,
    queryset: QuerySet[Any],
    page: PageParams,
    record: Callable[[Any], dict[str, Any]],
) -> dict[str, Any]:
    """One page of `queryset` as records, in two queries (count and page) plus prefetches."""
    count = queryset.count()
    end = page.offset + page.limit
    rows: list[Model] = list(queryset[page.offset : end])
    return {
        "count": count,
        "next": _page_url(request, end, page.limit) if end < count else None,
        "previous": (
            _page_url(request, max(page.offset - page.limit, 0), page.limit)
            if page.offset > 0
            else None
        ),
        "items": [record(row) for row in rows],
    }
