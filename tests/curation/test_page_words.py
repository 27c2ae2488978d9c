"""A curator reading the review pages in Korean: languages by their names, a territory in
words, times with their zone."""

from __future__ import annotations

import re

import pytest

from dari.curation.models import Candidate
from tests.curation.conftest import EN_DEAL, SOURCE

pytestmark = pytest.mark.django_db


def test_the_ingest_form_names_languages_not_codes(curator, client):
    client.force_login(curator)
    client.cookies["django_language"] = "ko"
    page = client.get("/curation/ingest").content.decode()
    select = re.search(r'<select name="lang"[^>]*>(.*?)</select>', page, re.S).group(1)
    assert re.findall(r">([^<]+)</option>", select) == ["자동 감지", "English", "한국어"]


def test_the_queue_and_the_candidate_read_in_korean_with_zoned_times(graph, curator, client):
    client.force_login(curator)
    client.cookies["django_language"] = "ko"
    client.post("/curation/ingest", {"source": SOURCE, "text": EN_DEAL, "lang": "en"})
    cand = Candidate.objects.get()
    queue = client.get("/curation/").content.decode()
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d KST", queue)
    page = client.get(f"/curation/{cand.pk}/").content.decode()
    assert cand.extracted["territory"] == "worldwide"
    assert "<td>전 세계</td>" in page
    assert "worldwide</td>" not in page
