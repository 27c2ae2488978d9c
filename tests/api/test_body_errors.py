"""A write's body that is not JSON, not an object, of the wrong type or with a misspelt field
is a 400 in the one error shape that names where (`body`, `body.<field>`), in the caller's
language (never pydantic's or ninja's English in a Korean answer), and writes nothing."""

from __future__ import annotations

import json

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client):
    user = UserFactory(username="tz", timezone="Asia/Seoul")
    client.force_login(user)
    return user


def patch_me(client, raw, lang):
    return client.patch("/api/me", raw, content_type="application/json", HTTP_ACCEPT_LANGUAGE=lang)


@pytest.mark.parametrize(
    ("raw", "field", "code", "en", "ko"),
    [
        (
            "{bad json",
            "body",
            "invalid_json",
            "The request body is not valid JSON.",
            "요청 본문이 올바른 JSON이 아닙니다.",
        ),
        (b"\xff\xfe{", "body", "invalid_json", None, "요청 본문이 올바른 JSON이 아닙니다."),
        ("[]", "body", "model_attributes_type", "Send a JSON object.", "JSON 객체를 보내세요."),
        (
            json.dumps({"timezone": 5}),
            "body.timezone",
            "string_type",
            "Enter text.",
            "텍스트를 입력하세요.",
        ),
        (
            json.dumps({"timezone": "Asia/Seoul", "tz": "x"}),
            "body.tz",
            "extra_forbidden",
            "Unknown field.",
            "알 수 없는 필드입니다.",
        ),
    ],
)
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_bad_body_names_where_in_the_callers_language(
    client, signed_in, raw, field, code, en, ko, lang
):
    response = patch_me(client, raw, lang)
    assert response.status_code == 400, response.content
    (error,) = response.json()["errors"]
    assert (error["field"], error["code"]) == (field, code)
    expected = ko if lang == "ko" else en
    if expected:
        assert error["message"] == expected
        assert response.json()["detail"] == f"{field}: {expected}"
    signed_in.refresh_from_db()
    assert signed_in.timezone == "Asia/Seoul"


def test_no_english_from_pydantic_in_a_korean_answer(client, signed_in):
    response = client.post(
        "/api/review/observations",
        json.dumps({"target": 1, "date": [], "value": "many", "source": None, "note": {}}),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="ko",
    )
    assert response.status_code == 400
    for error in response.json()["errors"]:
        assert error["field"].startswith("body.")
        assert not any(c.isascii() and c.isalpha() for c in error["message"]), error


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("en", "The request body is too large (at most 1,000 bytes)."),
        ("ko", "요청 본문이 너무 큽니다 (최대 1,000바이트)."),
    ],
)
def test_a_body_over_the_size_limit_is_a_413_naming_the_body(
    client, signed_in, settings, lang, message
):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = patch_me(client, json.dumps({"timezone": "x" * 2000}), lang)
    assert response.status_code == 413, response.content
    assert response.json()["errors"] == [{"field": "body", "code": "too_large", "message": message}]
    signed_in.refresh_from_db()
    assert signed_in.timezone == "Asia/Seoul"
