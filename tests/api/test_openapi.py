"""The OpenAPI document lists the endpoints; the docs page works without a CDN."""

from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles import finders

from dari.api import schemas
from dari.directory.interchange import SECTIONS

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    "/api/clusters",
    "/api/clusters/{cluster_id}",
    "/api/organizations",
    "/api/organizations/{organization_id}",
    "/api/assets",
    "/api/assets/{asset_id}",
    "/api/deals",
    "/api/deals/{deal_id}",
    "/api/investments",
    "/api/investments/{investment_id}",
    "/api/facilities",
    "/api/facilities/{facility_id}",
    "/api/programs",
    "/api/programs/{program_id}",
    "/api/assets/{asset_id}/partners",
    "/api/organizations/{organization_id}/recommended-assets",
    "/api/insights/targets",
    "/api/insights/calls",
    "/api/insights/calls/{program_id}",
    "/api/me",
    "/api/ingest",
    "/api/review/observations",
    "/api/review",
    "/api/review/{candidate_id}",
    "/api/review/{candidate_id}/approve",
    "/api/review/{candidate_id}/reject",
    "/api/trials",
    "/api/trials/{trial_id}",
    "/api/sites",
    "/api/events/threads",
    "/api/events/threads/{request_id}",
    "/api/events/threads/{request_id}/messages",
    "/api/events",
    "/api/events/{slug}/agenda",
    "/api/events/{slug}/requests",
    "/api/events/{slug}/requests/{request_id}/accept",
    "/api/events/{slug}/requests/{request_id}/decline",
    "/api/webhooks",
    "/api/webhooks/{endpoint_id}",
]
# Endpoints beyond the directory's reads: their methods and answers.
REVIEW_ERRORS = ["400", "401", "403", "404", "409"]
OTHER = {
    "/api/insights/calls": {"get": ["200", "400", "401"], "post": ["201", "400", "401", "403"]},
    "/api/insights/calls/{program_id}": {
        "get": ["200", "400", "401", "404"],
        "patch": ["200", "400", "401", "403", "404"],
    },
    "/api/me": {"get": ["200", "400", "401"], "patch": ["200", "400", "401", "403"]},
    "/api/ingest": {"post": ["201", *REVIEW_ERRORS]},
    "/api/review/observations": {"post": ["201", *REVIEW_ERRORS]},
    "/api/review": {"get": ["200", *REVIEW_ERRORS]},
    "/api/review/{candidate_id}": {"get": ["200", *REVIEW_ERRORS]},
    "/api/review/{candidate_id}/approve": {"post": ["200", *REVIEW_ERRORS]},
    "/api/review/{candidate_id}/reject": {"post": ["200", *REVIEW_ERRORS]},
    "/api/events/threads": {"get": ["200", "400", "401"]},
    "/api/events/threads/{request_id}": {"get": ["200", "400", "401", "404"]},
    "/api/events/threads/{request_id}/messages": {"post": ["201", "400", "401", "403", "404"]},
    "/api/events/{slug}/agenda": {"get": ["200", "400", "401", "403", "404"]},
    "/api/events/{slug}/requests": {
        "get": ["200", "400", "401", "403", "404"],
        "post": ["201", "400", "401", "403", "404", "409"],
    },
    "/api/events/{slug}/requests/{request_id}/accept": {
        "post": ["200", "400", "401", "403", "404", "409"]
    },
    "/api/events/{slug}/requests/{request_id}/decline": {
        "post": ["200", "400", "401", "403", "404", "409"]
    },
    "/api/webhooks": {"get": ["200", "400", "401"], "post": ["201", "400", "401", "403"]},
    "/api/webhooks/{endpoint_id}": {
        "get": ["200", "400", "401", "404"],
        "delete": ["204", "400", "401", "403", "404"],
    },
}


def _refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def test_openapi_lists_every_endpoint_with_its_responses(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    doc = response.json()
    assert doc["openapi"].startswith("3.")
    assert (doc["info"]["title"], doc["info"]["version"]) == ("Dari API", "1")
    assert list(doc["paths"]) == ENDPOINTS
    operation_ids = []
    for path, operations in doc["paths"].items():
        # Any request can be a 400 (a NUL character is refused before the view), a 401 (an
        # unknown or revoked token) or a 429 (too many requests).
        if path in OTHER:
            expected = OTHER[path]
        elif path == "/api/insights/targets":
            expected = {"get": ["200", "400", "401"]}
        else:
            expected = {
                "get": ["200", "400", "401", "404"] if "{" in path else ["200", "400", "401"]
            }
        assert (path, list(operations)) == (path, list(expected))
        for method, answers in expected.items():
            # A write with a body answers 415 to a body not declared JSON.
            media = ["415"] if "requestBody" in operations[method] else []
            assert (path, method, sorted(operations[method]["responses"])) == (
                path,
                method,
                sorted([*answers, *media, "429"]),
            )
            # A personal access token, a session, or nothing.
            assert operations[method]["security"] == [{"TokenAuth": []}, {"SessionAuth": []}, {}]
            operation_ids.append(operations[method]["operationId"])
    assert len(set(operation_ids)) == len(operation_ids)


def test_openapi_references_resolve(client):
    doc = client.get("/api/openapi.json").json()
    refs = set(_refs(doc))
    assert refs  # the schemas are shared, not inlined
    components = doc["components"]["schemas"]
    assert {ref.removeprefix("#/components/schemas/") for ref in refs} <= set(components)
    assert all(ref.startswith("#/components/schemas/") for ref in refs)


def test_asset_filters_are_documented_parameters(client):
    doc = client.get("/api/openapi.json").json()
    names = [p["name"] for p in doc["paths"]["/api/assets"]["get"]["parameters"]]
    assert names == [
        "limit",
        "offset",
        "q",
        "therapeutic_area",
        "modality",
        "stage",
        "cluster",
        "country",
        "seeking",
        "organization",
        "sort",
        "updated_since",
    ]


@pytest.mark.parametrize("section", SECTIONS, ids=lambda s: s.key)
def test_output_schemas_cover_every_field_of_the_contract(section):
    out = {
        "clusters": schemas.ClusterOut,
        "organizations": schemas.OrganizationOut,
        "assets": schemas.AssetOut,
        "deals": schemas.DealOut,
        "investments": schemas.InvestmentOut,
        "facilities": schemas.FacilityOut,
        "programs": schemas.ProgramOut,
    }[section.key]
    groups = {"interests": schemas.InterestsOut, "partnering": schemas.PartneringOut}
    for field in section.fields:
        owner = groups[field.group] if field.group else out
        assert field.key in owner.model_fields, f"{section.key}.{field.group or ''}.{field.key}"
        if field.group:
            assert field.group in out.model_fields


def test_docs_page_loads_swagger_from_our_static_files(client):
    response = client.get("/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert assets == [
        "/static/ninja/swagger-ui.css",
        "/static/ninja/favicon.svg",
        "/static/ninja/favicon.png",
        "/static/ninja/swagger-ui-bundle.js",
        "/static/ninja/swagger-ui-init.js",
    ]
    # No script, style or font from another host (a CSRF token may spell "cdn" by chance).
    assert not re.search(r"(?:https?:)?//[a-z0-9-]+(?:\.[a-z0-9-]+)+/", html, re.IGNORECASE)
    assert '"url": "/api/openapi.json"' in html
    for asset in assets:
        assert finders.find(asset.removeprefix("/static/")) is not None, asset


def test_query_parameters_declare_their_vocabularies(client):
    from dari.directory.filters import SORTS
    from dari.directory.vocab import (
        DealType,
        FacilityKind,
        InvestmentKind,
        Modality,
        OrgKind,
        ProgramKind,
        Stage,
        TherapeuticArea,
    )

    doc = client.get("/api/openapi.json").json()

    def enums(path):
        """Each filter's values; blank (any) comes first in every one."""
        parameters = doc["paths"][path]["get"]["parameters"]
        found = {p["name"]: p["schema"]["enum"] for p in parameters if "enum" in p["schema"]}
        assert {name: values[0] for name, values in found.items()} == dict.fromkeys(found, "")
        return {name: values[1:] for name, values in found.items()}

    assert enums("/api/assets") == {
        "therapeutic_area": TherapeuticArea.values,
        "modality": Modality.values,
        "stage": Stage.values,
        "seeking": DealType.values,
        "sort": list(SORTS),
    }
    assert enums("/api/organizations") == {"kind": OrgKind.values}
    assert enums("/api/deals") == {"deal_type": DealType.values}
    assert enums("/api/investments") == {"kind": InvestmentKind.values}
    assert enums("/api/facilities") == {"kind": FacilityKind.values}
    assert enums("/api/programs") == {"kind": ProgramKind.values}
    asset = doc["components"]["schemas"]["AssetOut"]["properties"]
    assert asset["visibility"]["enum"] == ["public", "members", "partners", "cda"]


def test_every_error_answer_is_documented_in_the_one_error_shape(client):
    doc = client.get("/api/openapi.json").json()
    error = {"$ref": "#/components/schemas/ErrorOut"}
    for path, operations in doc["paths"].items():
        for method, operation in operations.items():
            for status, answer in operation["responses"].items():
                if not status.startswith("2"):
                    schema = answer["content"]["application/json"]["schema"]
                    assert (path, method, schema) == (path, method, error)
    shape = doc["components"]["schemas"]["ErrorOut"]
    field_error = doc["components"]["schemas"]["FieldErrorOut"]
    # "deals" only on a duplicate deal's 409 (docs/api.md): optional
    assert (shape["required"], list(field_error["properties"]), field_error["required"]) == (
        ["detail", "errors"],
        ["field", "code", "message", "deals"],
        ["field", "code", "message"],
    )


LIST_FILTERS = {
    "/api/assets": "AssetFilter",
    "/api/clusters": "ClusterFilter",
    "/api/organizations": "OrganizationFilter",
    "/api/deals": "DealFilter",
    "/api/investments": "InvestmentFilter",
    "/api/facilities": "FacilityFilter",
    "/api/programs": "ProgramFilter",
}


@pytest.mark.parametrize(("path", "filter_name"), LIST_FILTERS.items())
def test_list_parameters_are_those_of_the_shared_filter(client, path, filter_name):
    """One definition of each parameter: the document says what the filter declares."""
    from dari.directory import filters

    doc = client.get("/api/openapi.json").json()
    documented = [
        (p["name"], p["schema"].get("default"), p["description"])
        for p in doc["paths"][path]["get"]["parameters"]
        if p["name"] not in ("limit", "offset")
    ]
    declared = [
        (
            p.name,
            p.default,
            " ".join(
                part
                for part in [p.help, p.choices and "One of: " + ", ".join(p.choices) + "."]
                if part
            ),
        )
        for p in getattr(filters, filter_name).parameters()
    ]
    assert documented == declared


def test_the_docs_link_to_the_account_page_and_back_to_the_site(client):
    """The API docs have no site header: the description links to where tokens are made
    and back to Dari."""
    description = client.get("/api/openapi.json").json()["info"]["description"]
    assert "[the account page](/me/)" in description and "[Back to Dari](/)" in description
