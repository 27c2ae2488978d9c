"""Template filters of the e-mails: a time zone as a place in the recipient's language."""

from __future__ import annotations

from django import template

from dari.core.names import zone_name as _zone_name

register = template.Library()


@register.filter
def zone_name(zone: str | None) -> str:
    """`{{ zone|zone_name }}`: "대한민국" for Asia/Seoul in a Korean e-mail."""
    return _zone_name(zone)
