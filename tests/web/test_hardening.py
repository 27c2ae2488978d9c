"""Bad input is a 4xx, never a 500: a NUL character in any path, query parameter or form field
of every URL is refused with a 400 (translated, naming where); and every response carries the
Content-Security-Policy, which the templates obey (no inline script, handler or style)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import URLResolver, get_resolver

from dari.directory.models import Organization
from dari.web.middleware import CONTENT_SECURITY_POLICY

pytestmark = pytest.mark.django_db

CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")
GROUP = re.compile(r"\(\?P<\w+>[^)]*\)\)?")


def _routes(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern)


def sample_urls() -> list[str]:
    """Every URL pattern of the site with each parameter filled in (the admin's included)."""
    urls = set()
    for route in _routes(get_resolver().url_patterns):
        route = GROUP.sub("x", route).replace("^", "").replace("$", "")
        route = CONVERTER.sub(lambda m: "1" if m.group(1) == "int" else "x", route)
        urls.add("/" + route)
    return sorted(urls)


def test_every_url_refuses_a_nul_character_in_its_path_and_its_query(client):
    urls = sample_urls()
    assert len(urls) > 60
    answers = {}
    for url in urls:
        in_path = url.rstrip("/") + "%00" + ("/" if url.endswith("/") else "")
        answers[url] = (
            client.get(in_path).status_code,
            client.get(url, {"q": "a\x00b", "page": "1"}).status_code,
        )
    assert {url: a for url, a in answers.items() if a != (400, 400)} == {}


def test_the_refusal_names_the_parameter_and_is_translated(client):
    response = client.get("/assets/", {"q": "위암\x00"}, HTTP_ACCEPT_LANGUAGE="ko")
    assert (response.status_code, response.content.decode()) == (
        400,
        "q에 NUL 문자를 쓸 수 없습니다.",
    )
    response = client.get("/organizations/x%00/")
    assert (response.status_code, response.content.decode()) == (
        400,
        "A NUL character is not allowed in path.",
    )


def test_the_api_refusal_has_the_api_error_shape(client):
    response = client.get("/api/assets", {"q": "a\x00"})
    assert (response.status_code, response.json()) == (
        400,
        {
            "detail": "A NUL character is not allowed in q.",
            "errors": [
                {
                    "field": "q",
                    "code": "null_character",
                    "message": "A NUL character is not allowed in q.",
                }
            ],
        },
    )


def test_a_form_field_with_a_nul_character_is_refused_and_nothing_is_written(client, directory):
    from tests.web.test_editing import org_form

    client.force_login(directory["admin"])
    response = client.post(
        "/organizations/org-hanbit/edit", org_form(description="Antibodies\x00", country="US")
    )
    assert (response.status_code, response.content.decode()) == (
        400,
        "A NUL character is not allowed in description.",
    )
    assert Organization.objects.get(pk="org-hanbit").country == "KR"


@pytest.mark.parametrize(
    "url", ["/", "/assets/", "/api/assets", "/api/nothing", "/no/such/page/", "/api/docs"]
)
def test_every_response_carries_the_content_security_policy(client, url):
    response = client.get(url)
    assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert "'unsafe-inline'" not in CONTENT_SECURITY_POLICY


TEMPLATES = sorted(Path("dari").glob("*/templates/**/*.html"))
INLINE = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>|\son[a-z]+=|\sstyle=")


@pytest.mark.parametrize("template", TEMPLATES, ids=str)
def test_templates_have_no_inline_script_handler_or_style_attribute(template):
    assert INLINE.findall(template.read_text(encoding="utf-8")) == []
