"""Every error is JSON in one shape, {"detail", "errors": [{"field", "code", "message"}]}, in the
caller's language: 400 naming the parameter, 401, 403, 404, 405, 429 and 500."""

from __future__ import annotations

import json
import logging

import pytest
from django.test import RequestFactory
from ninja.errors import AuthenticationError, AuthorizationError, Throttled

from dari.api.routes import api
from dari.api.schemas import MAX_OFFSET
from tests.factories import AssetFactory

pytestmark = pytest.mark.django_db

MODALITIES = (
    "small_molecule, antibody, bispecific_antibody, adc, protein_peptide, cell_therapy, "
    "gene_therapy, rna, vaccine, platform_technology, degrader, microbiome, radiopharmaceutical, "
    "diagnostic, medical_device, digital_therapeutic, other"
)


@pytest.mark.parametrize(
    ("url", "params", "detail"),
    [
        ("/api/assets", {"modality": "mab"}, f"modality: 'mab' is not one of {MODALITIES}"),
        (
            "/api/assets",
            {"stage": "phase4"},
            "stage: 'phase4' is not one of discovery, preclinical, phase1, phase2, phase3, "
            "filed, approved, platform",
        ),
        (
            "/api/assets",
            {"sort": "price"},
            "sort: 'price' is not one of relevance, name, -name, stage, -stage, organization, modality",
        ),
        (
            "/api/organizations",
            {"kind": "startup"},
            "kind: 'startup' is not one of biotech, pharma, investor, cro, cdmo, "
            "research_institute, university, hospital, cluster_agency, government, association, "
            "accelerator, service_provider, other, clinical_trial_center",
        ),
        ("/api/deals", {"year": "22"}, "year: '22' is not a four-digit year"),
        (
            "/api/deals",
            {"deal_type": "merger"},
            "deal_type: 'merger' is not one of license, co_development, option, platform, "
            "acquisition, equity_investment, research_collaboration, manufacturing, distribution",
        ),
        (
            "/api/investments",
            {"kind": "series_z"},
            "kind: 'series_z' is not one of seed, series_a, series_b, series_c, series_d_plus, "
            "ipo, grant, facility, fdi, other",
        ),
        ("/api/investments", {"year": "last"}, "year: 'last' is not a four-digit year"),
        # Other digits than ASCII match no date: refused, not an empty list.
        ("/api/deals", {"year": "٢٠٢٤"}, "year: '٢٠٢٤' is not a four-digit year"),
        (
            "/api/facilities",
            {"kind": "castle"},
            "kind: 'castle' is not one of manufacturing, gmp_manufacturing, laboratory, "
            "animal_facility, clinical_trial_center, training_center, incubator, office, other",
        ),
        (
            "/api/programs",
            {"kind": "party"},
            "kind: 'party' is not one of training, accelerator, open_innovation_call, funding, "
            "consortium, conference, other",
        ),
    ],
)
def test_a_value_outside_its_vocabulary_is_a_400_naming_it(client, url, params, detail):
    response = client.get(url, params)
    [(field, value)] = params.items()
    code = "invalid_year" if field == "year" else "invalid_choice"
    message = detail.removeprefix(f"{field}: ")
    assert (response.status_code, response.json()) == (
        400,
        {"detail": detail, "errors": [{"field": field, "code": code, "message": message}]},
    )


def test_a_malformed_parameter_is_a_400_naming_each_parameter(client):
    response = client.get("/api/assets", {"limit": "many", "offset": "-1"})
    assert response.status_code == 400
    assert response.json() == {
        "detail": "limit: Enter a whole number.; offset: Must be at least 0.",
        "errors": [
            {"field": "limit", "code": "invalid_integer", "message": "Enter a whole number."},
            {"field": "offset", "code": "too_small", "message": "Must be at least 0."},
        ],
    }


def test_the_messages_are_in_the_callers_language(client):
    response = client.get(
        "/api/assets", {"limit": "0", "modality": "mab"}, HTTP_ACCEPT_LANGUAGE="ko"
    )
    assert response.json() == {
        "detail": "limit: 1 이상이어야 합니다.",
        "errors": [{"field": "limit", "code": "too_small", "message": "1 이상이어야 합니다."}],
    }
    response = client.get("/api/assets", {"modality": "mab"}, HTTP_ACCEPT_LANGUAGE="ko")
    assert response.json()["errors"] == [
        {
            "field": "modality",
            "code": "invalid_choice",
            "message": f"'mab'은(는) 다음 중 하나가 아닙니다: {MODALITIES}",
        }
    ]
    missing = client.get("/api/assets/as-nothing", HTTP_ACCEPT_LANGUAGE="ko")
    assert missing.json() == {"detail": "찾을 수 없습니다: 자산 'as-nothing'", "errors": []}
    missing = client.get("/api/organizations/nothing", HTTP_ACCEPT_LANGUAGE="ko")
    assert missing.json()["detail"] == "찾을 수 없습니다: 기관 'nothing'"
    missing = client.get("/api/assets/as-nothing")
    assert missing.json()["detail"] == "Not found: asset 'as-nothing'"


def test_a_limit_above_500_is_a_400(client):
    response = client.get("/api/deals", {"limit": 501})
    assert (response.status_code, response.json()) == (
        400,
        {
            "detail": "limit: Must be at most 500.",
            "errors": [{"field": "limit", "code": "too_large", "message": "Must be at most 500."}],
        },
    )


LISTS = [
    "/api/clusters",
    "/api/organizations",
    "/api/assets",
    "/api/deals",
    "/api/investments",
    "/api/facilities",
    "/api/programs",
]


@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize(
    ("params", "field", "code"),
    [
        ({"offset": 2**63}, "offset", "too_large"),
        ({"offset": 10**30}, "offset", "too_large"),
        ({"offset": -(2**63) - 1}, "offset", "too_small"),
        ({"limit": 2**64}, "limit", "too_large"),
        ({"limit": -1}, "limit", "too_small"),
    ],
)
def test_out_of_range_pages_are_a_400_on_every_list(client, url, params, field, code):
    response = client.get(url, params)
    assert (response.status_code, [(e["field"], e["code"]) for e in response.json()["errors"]]) == (
        400,
        [(field, code)],
    )


@pytest.mark.parametrize("url", LISTS)
def test_the_largest_offset_is_an_empty_page(client, url):
    AssetFactory()
    response = client.get(url, {"offset": MAX_OFFSET, "limit": 500})
    assert (response.status_code, response.json()["items"]) == (200, [])


def test_an_unknown_territory_is_a_400_naming_it(client):
    AssetFactory(id="as-x")
    response = client.get("/api/assets/as-x/partners", {"territory": "Narnia"})
    [error] = response.json()["errors"]
    assert (response.status_code, error["field"], error["code"]) == (
        400,
        "territory",
        "unknown_territory",
    )
    assert response.json()["detail"] == "territory: " + error["message"]


def test_an_unknown_endpoint_is_a_json_404(client):
    response = client.get("/api/nothing/here")
    assert (response.status_code, response.json()) == (
        404,
        {"detail": "Not found: endpoint '/api/nothing/here'", "errors": []},
    )


def test_a_method_not_allowed_is_a_json_405(client):
    response = client.post("/api/assets", {})
    assert (response.status_code, response.json(), response["Allow"]) == (
        405,
        {"detail": "Method not allowed: POST; use GET", "errors": []},
        "GET",
    )
    detail = client.delete("/api/assets/as-anything")
    assert (detail.status_code, detail.json()) == (
        405,
        {"detail": "Method not allowed: DELETE; use GET", "errors": []},
    )


def test_an_unexpected_error_is_a_json_500_and_is_logged(caplog):
    # No endpoint fails on purpose, so the handler every endpoint falls back on is called
    # directly, with a request as the API would have received it.
    request = RequestFactory().get("/api/assets")
    with caplog.at_level(logging.ERROR, logger="dari.api"):
        response = api.on_exception(request, RuntimeError("disk on fire"))
    assert (response.status_code, response["Content-Type"]) == (
        500,
        "application/json; charset=utf-8",
    )
    assert response.content == b'{"detail": "Internal server error", "errors": []}'
    assert [(r.getMessage(), str(r.exc_info[1])) for r in caplog.records] == [
        ("API error on GET /api/assets", "disk on fire")
    ]


@pytest.mark.parametrize(
    ("error", "status", "detail"),
    [
        (AuthenticationError(), 401, "Authentication required: sign in or send a valid token."),
        (AuthorizationError(), 403, "You may not do this."),
        (Throttled(wait=5), 429, "Too many requests; try again later."),
    ],
)
def test_authentication_permission_and_throttling_errors_have_the_same_shape(error, status, detail):
    # Raised by authentication and throttling classes before any view runs; no endpoint
    # raises them today, so the handler is called as ninja would call it.
    response = api.on_exception(RequestFactory().get("/api/assets"), error)
    assert (response.status_code, json.loads(response.content)) == (
        status,
        {"detail": detail, "errors": []},
    )


def test_a_session_write_without_its_csrf_token_is_refused_in_the_callers_language(db):
    from django.test import Client

    from dari.accounts.models import Role
    from tests.factories import UserFactory

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(UserFactory(username="admin", role=Role.PLATFORM_ADMIN))
    refused = browser.patch(
        "/api/me", data="{}", content_type="application/json", HTTP_ACCEPT_LANGUAGE="ko"
    )
    assert refused.status_code == 403
    assert refused.json() == {
        "detail": "CSRF 확인에 실패했습니다: 세션으로 쓰는 요청에는 CSRF 토큰이 필요합니다.",
        "errors": [],
    }
