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


def test_a_korean_curator_reads_resolved_parties_and_the_asset_by_their_names(
    graph, curator, client
):
    """A party the directory knows reads under its Korean name (the duplicate panel already
    did: '테스트바이오 → 글로벌파마' beside 'Testbio → Globalpharma' was one company twice), and
    the extracted asset by its name, with its id for the approval form."""
    client.force_login(curator)
    client.cookies["django_language"] = "ko"
    client.post("/curation/ingest", {"source": SOURCE, "text": EN_DEAL, "lang": "en"})
    cand = Candidate.objects.get()
    assert [p["organization"] for p in cand.extracted["parties"]] == ["testbio", "globalpharma"]
    assert cand.extracted["asset"] == "as-tb101"
    queue = client.get("/curation/").content.decode()
    assert re.findall(r'<td><a href="/curation/\d+/">(\D[^<]*)</a></td>', queue) == [
        "테스트바이오 → 글로벌파마"
    ]
    page = client.get(f"/curation/{cand.pk}/").content.decode()
    extracted = page.split("<tbody>")[1].split("</tbody>")[0]
    parties = re.search(r"<td>당사자</td>\s*<td>(.*?)</td>", extracted, re.S).group(1)
    assert [re.sub(r"<[^>]+>", "", line).split()[0] for line in parties.split("<br>")] == [
        "테스트바이오",
        "글로벌파마",
    ]
    asset = re.search(r"<td>자산</td>\s*<td>(.*?)</td>", extracted, re.S).group(1)
    assert re.sub(r"<[^>]+>", "", asset).split() == ["TB-101", "(as-tb101)"]
    client.cookies["django_language"] = "en"
    queue = client.get("/curation/").content.decode()
    assert re.findall(r'<td><a href="/curation/\d+/">(\D[^<]*)</a></td>', queue) == [
        "Testbio → Globalpharma"
    ]


def test_the_extractor_flags_read_as_words_never_as_a_python_list(graph, curator, client):
    """'Flags ['up_to']' on the candidate page: a curator reads what each flag means."""
    client.force_login(curator)
    client.cookies["django_language"] = "ko"
    client.post("/curation/ingest", {"source": SOURCE, "text": EN_DEAL, "lang": "en"})
    cand = Candidate.objects.get()
    cand.extracted = {
        **cand.extracted,
        "currency": "USD",
        "flags": ["up_to", "undisclosed", "jv_contribution:5000000"],
    }
    cand.save()
    page = client.get(f"/curation/{cand.pk}/").content.decode()
    assert "[&#x27;up_to" not in page and "up_to" not in page
    assert "총액은 상한입니다" in page and "500만 달러" in page
    client.cookies["django_language"] = "en"
    page = client.get(f"/curation/{cand.pk}/").content.decode()
    assert "The total is an upper bound" in page and "USD 5m" in page


def test_the_duplicate_panel_shows_dollar_millions_as_numbers_not_floats(
    graph, old_deal, curator, client
):
    """'총 규모(백만 달러) – 2600.0' beside the recorded deal: now '2,600', '40'."""
    old_deal.upfront_usd_m, old_deal.total_value_usd_m = 40.0, 2600.0
    old_deal.save()
    client.force_login(curator)
    client.cookies["django_language"] = "ko"
    client.post("/curation/ingest", {"source": SOURCE, "text": EN_DEAL, "lang": "en"})
    cand = Candidate.objects.get()
    page = client.get(f"/curation/{cand.pk}/").content.decode()
    panel = page.split("dl-old", 1)[1]
    cells = re.findall(r"<td>([^<]*)</td>", panel)
    assert "2,600" in cells and "40" in cells
    assert "2600.0" not in panel and "40.0" not in cells
