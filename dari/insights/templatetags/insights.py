"""Template filters of the insights pages: shares as percentages, numbers without noise."""

from __future__ import annotations

from django import template
from django.utils.formats import number_format

from dari.insights.domain import units

register = template.Library()


@register.filter
def pct(value: float | None, digits: int = 0) -> str:
    """0.425 → "42%" (digits decimals); "–" for None."""
    if value is None:
        return "–"
    return f"{number_format(value * 100, decimal_pos=digits)}%"


@register.filter
def num(value: float | int | None) -> str:
    """A figure as its source states it: 16.0 → "16", 9.27 → "9.27", 150000 → "150,000"."""
    if value is None:
        return "–"
    if float(value).is_integer():
        return number_format(int(value), force_grouping=True)
    return number_format(value, force_grouping=True)


@register.filter
def with_unit(value: float | int | None, unit: str) -> str:
    """A target's figure with its unit in the reader's language ("92.7억 달러")."""
    return units.with_unit(value, unit)


@register.filter
def bar_width(share: float | None) -> str:
    """A share clamped to 0-100, for a CSS width."""
    if share is None:
        return "0"
    return f"{max(0.0, min(1.0, share)) * 100:.1f}"
