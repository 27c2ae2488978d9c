"""Korean everywhere: every page of the site (web, events, insights, curation), as an anonymous
visitor and as each demo person, rendered in Korean on the demo data, shows no English
sentence outside names and data (tests/korean.py says what counts as data)."""

from __future__ import annotations

import io
from collections import defaultdict

import pytest
from django.core.management import call_command

from dari.accounts.models import User
from tests.getwalk import get_as_loaded, page_urls, path_values
from tests.korean import data_strings, english_in_page

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

PEOPLE = [None, "admin", "organiser", "bdlead", "scout"]


def test_no_english_sentence_in_a_korean_page(client):
    call_command("demo", "--no-serve", stdout=io.StringIO())
    data = data_strings()
    urls = page_urls(path_values())
    english: dict[str, set[str]] = defaultdict(set)
    pages = 0
    for who in PEOPLE:
        client.logout()
        client.cookies["django_language"] = "ko"
        if who is not None:
            client.force_login(User.objects.get(username=who))
        for url in urls:
            response = get_as_loaded(client, url, HTTP_ACCEPT_LANGUAGE="ko")
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            pages += 1
            for text in english_in_page(response.content.decode(), data):
                english[text].add(f"{who or 'anonymous'} {url}")
    assert pages > 100
    assert {t: sorted(where)[:3] for t, where in english.items()} == {}
