"""A Korean reader sees Korean names first (organisations, clusters), with the English name
beside them where the page shows both; an English reader the other way round. SYNTHETIC
records from the web fixtures."""

from __future__ import annotations

import re

import pytest

from tests.web.html import text

pytestmark = pytest.mark.django_db


def _first(html: str, *names: str) -> str:
    """Which of the names comes first in the page."""
    return min(names, key=lambda n: html.index(n) if n in html else len(html))


@pytest.mark.parametrize("url", ["/organizations/", "/organizations/org-hanbit/", "/clusters/"])
def test_both_names_in_the_readers_order(client, directory, url):
    english = text(client.get(url))
    korean = text(client.get(url, HTTP_ACCEPT_LANGUAGE="ko"))
    pair = ("Hanbit Bio", "한빛바이오") if "clusters" not in url else ("Osong", "오송")
    assert _first(english, *pair) == pair[0]
    assert _first(korean, *pair) == pair[1]
    # the second name carries its own language
    assert re.search(r'lang="en">Hanbit Bio|lang="en">Osong', korean)


@pytest.mark.parametrize("url", ["/deals/", "/assets/"])
def test_one_name_where_only_one_fits(client, directory, url):
    korean = text(client.get(url, HTTP_ACCEPT_LANGUAGE="ko"))
    english = text(client.get(url))
    assert "한빛바이오" in korean and ">Hanbit Bio<" not in korean
    assert ">Hanbit Bio<" in english
