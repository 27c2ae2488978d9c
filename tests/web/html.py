"""Reading the pages in tests: the ids of linked objects, the title, the csrf-free text."""

from __future__ import annotations

import re

ASSET_LINK = re.compile(r'href="/assets/([^/"?]+)/"')
ORG_LINK = re.compile(r'href="/organizations/([^/"?]+)/"')
TITLE = re.compile(r"<title>(.*?)</title>", re.S)
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def text(response) -> str:
    return response.content.decode()


def asset_ids(response) -> list[str]:
    """The assets linked from a page, each once, sorted."""
    return sorted(set(ASSET_LINK.findall(text(response))))


def org_ids(response) -> list[str]:
    return sorted(set(ORG_LINK.findall(text(response))))


def title(response) -> str:
    return " ".join(TITLE.search(text(response)).group(1).split())


def without_csrf(response) -> str:
    return CSRF.sub('name="csrfmiddlewaretoken" value=""', text(response))
