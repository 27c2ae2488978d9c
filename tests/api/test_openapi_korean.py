"""The OpenAPI document (and so /api/docs) speaks the caller's language: to a Korean reader
(Accept-Language: ko, or the site's language cookie) its title, description and every
operation's summary are Korean; to others they are the English of the code."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db

HANGUL = re.compile("[\uac00-\ud7a3]")


def _summaries(document: dict) -> dict[tuple[str, str], str]:
    return {
        (path, method): operation["summary"]
        for path, operations in document["paths"].items()
        for method, operation in operations.items()
    }


def test_every_summary_has_korean_and_english_stays_english(client):
    english = client.get("/api/openapi.json", HTTP_ACCEPT_LANGUAGE="en").json()
    korean = client.get("/api/openapi.json", HTTP_ACCEPT_LANGUAGE="ko").json()
    en, ko = _summaries(english), _summaries(korean)
    assert len(en) > 40
    assert list(ko) == list(en)  # the same operations, only their words change
    assert [key for key, text in ko.items() if not HANGUL.search(text)] == []
    assert [key for key, text in en.items() if HANGUL.search(text)] == []
    assert en["/api/review", "get"] == "The review queue"
    assert ko["/api/review", "get"] == "검토 대기열"
    assert english["info"]["description"].startswith("The directory of Korea's biopharma")
    assert korean["info"]["description"].startswith("한국 바이오제약 클러스터의 디렉터리")
    # the links of the description survive translation
    assert "(/me/)" in korean["info"]["description"]
    # nothing but the words: paths, parameters and schemas are the same document
    assert korean["components"] == english["components"]


def test_the_language_cookie_chooses_korean_too(client):
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ko"
    document = client.get("/api/openapi.json").json()
    assert document["paths"]["/api/me"]["get"]["summary"] == "Dari가 보는 호출자"
