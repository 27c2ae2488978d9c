"""Fuzzing the API in-process: schemathesis generates requests from our own OpenAPI document
for every operation (parameters that fit it and parameters that do not, odd ids and strings) and checks that none
is answered with a 5xx and that every answer conforms to the document (status code, content
type, body schema). Bounded and derandomised: the same examples on every run."""

from __future__ import annotations

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode

from dari.wsgi import application
from tests.factories import AssetFactory, ClusterFactory, DealFactory, OrganizationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

EXAMPLES_PER_OPERATION = 30


@pytest.fixture
def in_process():
    """The WSGI app in this test's transaction: like Django's test client, keep the request
    signals from closing the test's database connection."""
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def fuzz_world(db, in_process):
    cluster = ClusterFactory(id="cl-fuzz")
    org = OrganizationFactory(id="org-fuzz", cluster=cluster, website="https://fuzz.example.org")
    other = OrganizationFactory(id="org-other", kind="pharma", country="US")
    asset = AssetFactory(id="as-fuzz", organization=org, seeking=["license"])
    AssetFactory(id="as-secret", organization=org, visibility="cda")
    DealFactory(id="dl-fuzz", licensor=org, licensee=other, asset=asset, date="2025-01-02")


# Thousands of requests a minute: the rate limit is tested apart (test_rate_limits.py).
@override_settings(DARI_API_RATE="")
def test_no_generated_request_gets_a_5xx_or_an_undocumented_answer(fuzz_world):
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 24  # every operation of the document, new ones included
    for operation in operations:

        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        @given(
            case=st.one_of(
                operation.as_strategy(GenerationMode.POSITIVE),
                operation.as_strategy(GenerationMode.NEGATIVE),
            )
        )
        def check(case):
            response = case.call()
            assert response.status_code < 500, (case.path, case.query, case.path_parameters)
            case.validate_response(response)

        check()
