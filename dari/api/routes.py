"""The REST API (django-ninja): OpenAPI at /api/openapi.json, docs at /api/docs (swagger served
from ninja's own static files, no CDN).

Each area is a Router in its own module (directory, recommend, insights, me, events), registered
here; a new area is added the same way. Callers present a personal access token (Bearer), the
site's session, or nothing; either way the view reads `request.user` and the access funnels
decide what it sees.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext
from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema
from ninja.renderers import JSONRenderer
from ninja.security import django_auth

from dari.api import (
    calls,
    directory,
    errors,
    events,
    insights,
    me,
    messages,
    recommend,
    review,
    trials,
    webhooks,
)
from dari.api.auth import CallerRateThrottle, TokenAuth, anonymous
from dari.api.schemas import ErrorOut

NO_NUL = "^[^\\u0000]*$"


def error_answer(description: str) -> dict[str, Any]:
    """An error response of the OpenAPI document: the one error shape."""
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}},
    }


class UnicodeJSONRenderer(JSONRenderer):
    # Korean names as text, not \u escapes: half the size and readable with curl.
    json_dumps_params = {"ensure_ascii": False}


def _no_nul(schema: dict[str, Any]) -> None:
    """A free-text string parameter (no enum or pattern of its own) never holds a NUL."""
    items = schema.get("items")
    if isinstance(items, dict):
        _no_nul(items)
    if schema.get("type") == "string" and "enum" not in schema and "pattern" not in schema:
        schema["pattern"] = NO_NUL


class DariAPI(NinjaAPI):
    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        # Credentials are optional: `{}` in a security list means "or no credentials".
        for operations in schema["paths"].values():
            for operation in operations.values():
                if operation.get("security") and {} not in operation["security"]:
                    operation["security"].append({})
                # Any request can be refused before its view, in the one error shape: a NUL
                # character (400), an unknown or revoked token (401). Free-text parameters say
                # that they hold no NUL.
                operation["responses"].setdefault(400, error_answer("Bad Request"))
                operation["responses"].setdefault(401, error_answer("Unauthorized"))
                operation["responses"].setdefault(429, error_answer("Too Many Requests"))
                if "requestBody" in operation:
                    operation["responses"].setdefault(415, error_answer("Unsupported Media Type"))
                for parameter in operation.get("parameters", []):
                    _no_nul(parameter["schema"])
        schema["components"]["schemas"].setdefault(
            "ErrorOut", ErrorOut.model_json_schema(ref_template="#/components/schemas/{model}")
        )
        in_reader_language(schema)
        return schema


def in_reader_language(schema: OpenAPISchema) -> None:
    """The document's title, description and operation summaries in the caller's language
    (Accept-Language or the site's language cookie, as every page): /api/docs reads Korean to
    a Korean reader. Each is its English text as a catalogue key (dari/locale/ko), so the
    decorators keep plain strings; tests/api/test_openapi_korean.py finds any without Korean.
    Parameter and field descriptions stay English."""
    info = schema["info"]
    info["title"] = gettext(info["title"])
    info["description"] = gettext(info["description"])
    for operations in schema["paths"].values():
        for operation in operations.values():
            if operation.get("summary"):
                operation["summary"] = gettext(operation["summary"])


api = DariAPI(
    title="Dari API",
    version="1",
    description=(
        "The directory of Korea's biopharma clusters: clusters, organisations, pipeline assets, "
        "deals, investments, facilities and programmes, as dari-directory/1 records. "
        "Anonymous callers see public assets; a personal access token "
        "(`Authorization: Bearer dari_pat_…`, created on [the account page](/me/) or with "
        "`dari token create`) or a signed-in session sees what its user may. Tokens are "
        "read-only unless created with write scope. [Back to Dari](/)"
    ),
    urls_namespace="api",
    auth=[TokenAuth(), django_auth, anonymous],
    throttle=[CallerRateThrottle()],
    renderer=UnicodeJSONRenderer(),
)
errors.install(api)
api.add_router("/", directory.router)
api.add_router("/", recommend.router)
api.add_router("/insights", insights.router)
api.add_router("/insights", calls.router)
api.add_router("/", me.router)
api.add_router("/", review.router)
api.add_router("/", trials.router)
api.add_router("/events", messages.router)
api.add_router("/events", events.router)
api.add_router("/", webhooks.router)
