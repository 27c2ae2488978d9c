"""Errors are JSON with a `detail` message: 400 naming the parameter, 404, 405 and 500."""

from __future__ import annotations

import logging

import pytest
from django.test import RequestFactory

from dari.api.routes import api

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
            "sort: 'price' is not one of name, -name, stage, -stage, organization, modality",
        ),
        (
            "/api/organizations",
            {"kind": "startup"},
            "kind: 'startup' is not one of biotech, pharma, investor, cro, cdmo, "
            "research_institute, university, hospital, cluster_agency, government, association, "
            "accelerator, service_provider, other",
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
    assert (response.status_code, response.json()) == (400, {"detail": detail})


def test_a_malformed_parameter_is_a_400_naming_each_parameter(client):
    response = client.get("/api/assets", {"limit": "many", "offset": "-1"})
    assert response.status_code == 400
    assert response.json() == {
        "detail": "limit: Input should be a valid integer, unable to parse string as an "
        "integer; offset: Input should be greater than or equal to 0",
        "errors": [
            {
                "parameter": "limit",
                "location": "query",
                "message": "Input should be a valid integer, unable to parse string as an integer",
            },
            {
                "parameter": "offset",
                "location": "query",
                "message": "Input should be greater than or equal to 0",
            },
        ],
    }


def test_a_limit_above_500_is_a_400(client):
    response = client.get("/api/deals", {"limit": 501})
    assert (response.status_code, response.json()["detail"]) == (
        400,
        "limit: Input should be less than or equal to 500",
    )


def test_an_unknown_endpoint_is_a_json_404(client):
    response = client.get("/api/nothing/here")
    assert (response.status_code, response.json()) == (
        404,
        {"detail": "Not found: endpoint '/api/nothing/here'"},
    )


def test_a_method_not_allowed_is_a_json_405(client):
    response = client.post("/api/assets", {})
    assert (response.status_code, response.json(), response["Allow"]) == (
        405,
        {"detail": "Method not allowed: POST; use GET"},
        "GET",
    )
    detail = client.delete("/api/assets/as-anything")
    assert (detail.status_code, detail.json()) == (
        405,
        {"detail": "Method not allowed: DELETE; use GET"},
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
    assert response.content == b'{"detail": "Internal server error"}'
    assert [(r.getMessage(), str(r.exc_info[1])) for r in caplog.records] == [
        ("API error on GET /api/assets", "disk on fire")
    ]
