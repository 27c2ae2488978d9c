"""Every write of the OpenAPI document, sent a body that is not a JSON object (a form, a
multipart form, plain text, broken JSON, a JSON array), answers a 4xx in the one error shape
naming the body, in the caller's language, and writes nothing; never a 500. A body that is not
declared JSON is a 415; JSON that is not an object is a 400."""

from __future__ import annotations

import json

import pytest
from django.apps import apps
from django.test import Client

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

WRITES = ("post", "put", "patch")

MESSAGES = {
    "en": "Send the body as JSON (Content-Type: application/json).",
    "ko": "본문을 JSON으로 보내세요 (Content-Type: application/json).",
}


def _operations(client: Client) -> list[tuple[str, str, bool]]:
    """(method, url with its path parameters filled, whether it takes a body) of every write."""
    doc = client.get("/api/openapi.json").json()
    found = []
    for path, operations in doc["paths"].items():
        for method, operation in operations.items():
            if method not in WRITES:
                continue
            url = path
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "path":
                    value = "7" if parameter["schema"].get("type") == "integer" else "nope"
                    url = url.replace("{" + parameter["name"] + "}", value)
            found.append((method, url, "requestBody" in operation))
    return found


def _counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def _send(client: Client, method: str, url: str, kind: str, lang: str):
    call = getattr(client, method)
    headers = {"HTTP_ACCEPT_LANGUAGE": lang}
    if kind == "multipart":
        # The test client's default for post(); patch() needs it spelt out.
        return client.post(url, {"message": "hi"}, **headers) if method == "post" else None
    if kind == "empty multipart":
        return client.post(url, **headers) if method == "post" else None
    if kind == "form":
        return call(url, "message=hi", content_type="application/x-www-form-urlencoded", **headers)
    if kind == "text":
        return call(url, '{"message": "hi"}', content_type="text/plain", **headers)
    if kind == "invalid json":
        return call(url, "{message: hi", content_type="application/json", **headers)
    return call(url, json.dumps([{"message": "hi"}]), content_type="application/json", **headers)


NOT_JSON = ["multipart", "empty multipart", "form", "text"]
KINDS = [*NOT_JSON, "invalid json", "json array"]


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("who", ["anonymous", "signed in"])
def test_no_write_answers_a_500_to_a_body_that_is_not_a_json_object(who, lang):
    client = Client()
    if who == "signed in":
        client.force_login(UserFactory(username="poster"))
    operations = _operations(client)
    assert len([op for op in operations if op[2]]) >= 10  # the schema lists the writes
    before = _counts()
    for method, url, takes_body in operations:
        for kind in KINDS:
            response = _send(client, method, url, kind, lang)
            if response is None:
                continue
            where = (method, url, kind)
            assert 400 <= response.status_code < 500, (where, response.content)
            answer = response.json()
            if not takes_body:
                continue
            if kind in NOT_JSON:
                assert (where, response.status_code) == (where, 415)
                assert answer["errors"] == [
                    {"field": "body", "code": "unsupported_media_type", "message": MESSAGES[lang]}
                ]
                assert answer["detail"] == f"body: {MESSAGES[lang]}"
            elif who == "signed in" or kind == "invalid json":
                # Authentication comes first for an anonymous caller's well-formed JSON.
                assert (where, response.status_code) == (where, 400)
                assert answer["errors"][0]["field"] == "body", (where, answer)
    assert _counts() == before


def test_json_with_a_charset_is_json(client):
    user = UserFactory(username="tz", timezone="Asia/Seoul")
    client.force_login(user)
    response = client.patch(
        "/api/me",
        json.dumps({"timezone": "Europe/Paris"}),
        content_type="application/json; charset=utf-8",
    )
    assert response.status_code == 200, response.content
    user.refresh_from_db()
    assert user.timezone == "Europe/Paris"


def test_the_openapi_document_lists_the_415_of_every_write_with_a_body(client):
    doc = client.get("/api/openapi.json").json()
    for path, operations in doc["paths"].items():
        for method, operation in operations.items():
            has_415 = "415" in operation["responses"]
            assert (path, method, has_415) == (path, method, "requestBody" in operation)
