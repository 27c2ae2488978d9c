"""Approving a deal through the API refuses an amount or a date no real deal has: an amount
over USD 1 trillion (1,000,000 in the USD-millions fields, 10^17 in a currency's own units),
a date before 1900 or after next year, and a value of the wrong JSON type (true for a number,
"yes" for true), each with a translated message naming the field; nothing is written."""

from __future__ import annotations

import json

import pytest
from django.utils import timezone

from dari.directory.models import Deal
from tests.curation.conftest import post, unchanged

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"upfront_usd_m": 1e300}, "upfront_usd_m"),
        ({"total_value_usd_m": 1_000_001}, "total_value_usd_m"),
        ({"upfront_local": 1e30, "currency": "KRW"}, "upfront_local"),
        ({"upfront_local": 1e18, "currency": "KRW"}, "upfront_local"),
        ({"date": "9999-12-31"}, "date"),
        ({"date": "0001-01-01"}, "date"),
        ({"date": "1899"}, "date"),
        ({"date": f"{timezone.now().year + 2}-01"}, "date"),
    ],
)
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_an_amount_or_date_no_deal_has_is_refused_on_its_field(
    graph, client, pending, body, field, lang
):
    answer = post(client, f"/api/review/{pending}/approve", body, HTTP_ACCEPT_LANGUAGE=lang)
    assert answer.status_code == 400, answer.content
    assert [e["field"] for e in answer.json()["errors"]] == [field]
    if lang == "ko":
        message = answer.json()["errors"][0]["message"]
        assert any("\uac00" <= c <= "\ud7a3" for c in message.split(":")[-1]), message
    unchanged(pending)


def test_the_largest_real_figures_and_this_years_dates_pass(graph, client, pending):
    year = timezone.now().year
    body = {"upfront_usd_m": 1_000_000, "date": f"{year + 1}-01-01"}
    answer = post(client, f"/api/review/{pending}/approve", body)
    assert answer.status_code == 200, answer.content
    assert Deal.objects.get().upfront_usd_m == 1_000_000


@pytest.mark.parametrize(
    ("raw", "field", "code"),
    [
        ('{"upfront_usd_m": true}', "body.upfront_usd_m", "float_type"),
        ('{"upfront_usd_m": "12"}', "body.upfront_usd_m", "float_type"),
        ('{"separate": "yes"}', "body.separate", "bool_type"),
        ('{"separate": 1}', "body.separate", "bool_type"),
    ],
)
def test_a_value_of_the_wrong_json_type_is_refused_not_coerced(
    graph, client, pending, raw, field, code
):
    answer = post(client, f"/api/review/{pending}/approve", raw)
    assert answer.status_code == 400, answer.content
    assert [(e["field"], e["code"]) for e in answer.json()["errors"]] == [(field, code)]
    unchanged(pending)


def test_a_whole_number_is_a_number(graph, client, pending):
    answer = post(client, f"/api/review/{pending}/approve", json.dumps({"upfront_usd_m": 40}))
    assert answer.status_code == 200, answer.content


@pytest.mark.parametrize("date", ["٢٠٢٤", "٢٠٢٤-٠١"])
def test_a_date_in_other_digits_is_refused(graph, client, pending, date):
    answer = post(client, f"/api/review/{pending}/approve", {"date": date})
    assert answer.status_code == 400, answer.content
    assert [e["field"] for e in answer.json()["errors"]] == ["date"]
    unchanged(pending)
