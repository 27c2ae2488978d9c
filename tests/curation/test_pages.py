"""The review queue's pages: curators only (404 for anyone else, so not even its existence
shows); ingest by pasting or uploading; approve and reject with errors on the form."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dari.curation.models import Candidate
from dari.directory.models import Deal
from tests.curation.conftest import EN_DEAL, KO_DEAL, SOURCE

PAGES = ["/curation/", "/curation/ingest"]


@pytest.mark.parametrize("url", PAGES)
def test_nobody_but_curators_sees_the_queue(graph, member, client, url):
    assert client.get(url).status_code == 404
    client.force_login(member)
    assert client.get(url).status_code == 404


def test_a_curator_ingests_reviews_and_approves(graph, curator, client):
    client.force_login(curator)
    assert "/curation/" in client.get("/").content.decode()  # the nav shows the queue
    response = client.post(
        "/curation/ingest",
        {
            "source": SOURCE,
            "text": EN_DEAL,
            "lang": "auto",
            "files": [SimpleUploadedFile("ko.txt", KO_DEAL.encode())],
        },
    )
    assert response.status_code == 302
    assert Candidate.objects.count() == 2
    cand = Candidate.objects.filter(document__language="en").get()
    page = client.get(f"/curation/{cand.pk}/").content.decode()
    assert '<mark class="evidence"' in page and "$40 million" in page
    bad = client.post(f"/curation/{cand.pk}/approve", {"licensor": "nobody"})
    assert bad.status_code == 400 and not Deal.objects.exists()
    form = {
        "licensor": "testbio",
        "licensee": "globalpharma",
        "deal_type": "license",
        "date": "2025-03-04",
        "upfront_usd_m": "40",
        "total_value_usd_m": "1200",
    }
    approved = client.post(f"/curation/{cand.pk}/approve", form)
    assert Deal.objects.get().licensor_id == "testbio"
    # The curator lands where the record is now published: among the licensor's deals.
    assert approved["Location"] == "/organizations/testbio/#deals"
    assert '<section id="deals">' in client.get("/organizations/testbio/").content.decode()
    other = Candidate.objects.filter(document__language="ko").get()
    assert client.post(f"/curation/{other.pk}/reject", {"reason": ""}).status_code == 400
    assert client.post(f"/curation/{other.pk}/reject", {"reason": "same deal"}).status_code == 302
    assert Candidate.objects.get(pk=other.pk).status == "rejected"


def test_the_korean_pages(graph, curator, client):
    client.force_login(curator)
    client.post("/curation/ingest", {"source": SOURCE, "text": KO_DEAL, "lang": "auto"})
    cand = Candidate.objects.get()
    page = client.get(f"/curation/{cand.pk}/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert "검토" in page


def test_a_refused_source_is_shown_on_the_form(graph, curator, client):
    client.force_login(curator)
    response = client.post(
        "/curation/ingest",
        {"source": "https://docslib.org/doc/1/x", "text": EN_DEAL, "lang": "auto"},
    )
    assert response.status_code == 400
    assert "document-sharing" in response.content.decode()
    assert not Candidate.objects.exists()


def test_extracted_values_read_as_amounts_and_labels(graph, curator, client):
    """Amounts in their currency, a deal type by its label, a yes: never a Python list
    ([[56000000000, 'KRW']]), a bare number of dollars or True."""
    client.force_login(curator)
    client.post("/curation/ingest", {"source": SOURCE, "text": EN_DEAL, "lang": "auto"})
    cand = Candidate.objects.get()
    cand.extracted |= {
        "currency": "USD",
        "upfront": 40_000_000,
        "original_amounts": [[56_000_000_000, "KRW"]],
        "deal_type": "license",
        "royalties": True,
    }
    cand.save()
    english = client.get(f"/curation/{cand.pk}/").content.decode()
    korean = client.get(f"/curation/{cand.pk}/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert [s in english for s in ("USD 40m", "KRW 56bn", "[[", "True")] == [
        True,
        True,
        False,
        False,
    ]
    assert [s in korean for s in ("4,000만 달러", "560억 원", "기술이전(라이선스)", ">예<")] == [
        True,
        True,
        True,
        True,
    ]


def test_an_empty_total_beside_extracted_milestones_says_why(graph, curator, client):
    """The total stays empty (never upfront + milestones summed), and the form says the text
    gives milestones but no total; an extracted total fills the field."""
    client.force_login(curator)
    client.post("/curation/ingest", {"source": SOURCE, "text": EN_DEAL, "lang": "auto"})
    cand = Candidate.objects.get()
    cand.extracted = {k: v for k, v in cand.extracted.items() if k != "total"} | {
        "currency": "USD",
        "upfront": 50_000_000,
        "milestones": 640_000_000,
    }
    cand.save()
    page = client.get(f"/curation/{cand.pk}/").content.decode()
    assert "milestones of USD 640m but no total" in page
    assert 'name="total_value_usd_m" value' not in page
    korean = client.get(f"/curation/{cand.pk}/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert "마일스톤 금액(6억 4,000만 달러)은 있으나 총액은 없습니다" in korean
    cand.extracted |= {"total": 690_000_000}
    cand.save()
    page = client.get(f"/curation/{cand.pk}/").content.decode()
    assert "but no total" not in page and 'name="total_value_usd_m" value="690.0"' in page


@pytest.mark.parametrize(
    ("content", "en", "ko"),
    [
        (
            "가" * 200_001,
            "long.txt: the text is longer than 200,000 characters",
            "long.txt: 텍스트가 200,000자를 넘습니다",
        ),
        (EN_DEAL, "long.txt: this text was already ingested", "long.txt: 이미 수집한 텍스트입니다"),
    ],
)
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_refused_upload_is_named_on_the_files_field(
    graph, curator, client, content, en, ko, lang
):
    # A pasted text is refused on the text; an uploaded file on the files, by its name.
    client.force_login(curator)
    client.post("/curation/ingest", {"source": SOURCE, "text": EN_DEAL, "lang": "auto"})
    before = Candidate.objects.count()
    response = client.post(
        "/curation/ingest",
        {
            "source": SOURCE,
            "text": KO_DEAL,
            "lang": "auto",
            "files": [SimpleUploadedFile("long.txt", content.encode())],
        },
        HTTP_ACCEPT_LANGUAGE=lang,
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert list(errors) == ["files"]
    assert errors["files"][0].startswith(ko if lang == "ko" else en)
    assert Candidate.objects.count() == before  # the pasted text is not kept either
