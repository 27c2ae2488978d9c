"""Helpers for page tests."""

from __future__ import annotations

import html


def page_text(client, url: str, language: str) -> str:
    """The page at `url` in `language` (cookie and header), unescaped; it must answer 200."""
    client.cookies["django_language"] = language
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200, url
    return html.unescape(response.content.decode())
