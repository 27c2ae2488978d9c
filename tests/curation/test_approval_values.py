"""Values an approval cannot store are refused naming their field, and nothing is written: a
new organisation's name longer than a name holds, an amount that is not a finite number, a
date that is not on the calendar (was a database error or a stored impossible date)."""

from __future__ import annotations

import pytest
from django.utils import translation

from dari.curation.domain.errors import CurationError
from dari.curation.domain.ingest import ingest_text
from dari.curation.domain.queries import initial
from dari.curation.domain.review import approve
from dari.curation.models import Candidate
from dari.directory.models import Deal, Investment, Organization
from tests.curation.conftest import EN_DEAL, KO_ROUND, SOURCE


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"licensor": "new:" + "X" * 301}, "licensor"),
        ({"licensee": "new:" + "X" * 301}, "licensee"),
        ({"upfront_usd_m": float("inf")}, "upfront_usd_m"),
        ({"total_value_usd_m": float("nan")}, "total_value_usd_m"),
        ({"date": "2025-02-30"}, "date"),
        ({"date": "2025-04-31"}, "date"),
        # The same new organisation on both sides was two new organisations and a deal
        # between them.
        ({"licensor": "new:Newco Bio", "licensee": "new:newco  bio "}, "licensee"),
        ({"licensor": "new:신약바이오", "licensee": "new:신약바이오"}, "licensee"),
    ],
)
def test_a_deal_value_that_cannot_be_stored_is_refused(graph, curator, changes, field):
    (cand,) = ingest_text(EN_DEAL, SOURCE).candidates.all()
    orgs = Organization.objects.count()
    with pytest.raises(CurationError) as exc:
        approve(cand.pk, curator, {**initial(cand), **changes})
    assert exc.value.field == field
    assert Candidate.objects.get(pk=cand.pk).status == "pending"
    assert not Deal.objects.exists() and Organization.objects.count() == orgs


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"recipient": "new:" + "Y" * 301}, "recipient"),
        ({"investors": "new:" + "Z" * 301}, "investors"),
        ({"amount_local": float("inf")}, "amount_local"),
        # One organisation named twice (two new organisations of one name, or the investee
        # among its investors).
        ({"investors": "new:Alpha Capital, new:alpha capital"}, "investors"),
        ({"investors": "testcap, testcap"}, "investors"),
        ({"recipient": "testcap", "investors": "testcap"}, "investors"),
    ],
)
def test_an_investment_value_that_cannot_be_stored_is_refused(graph, curator, changes, field):
    (cand,) = ingest_text(KO_ROUND, SOURCE).candidates.all()
    orgs = Organization.objects.count()
    with pytest.raises(CurationError) as exc:
        approve(cand.pk, curator, {**initial(cand), **changes})
    assert exc.value.field == field
    assert not Investment.objects.exists() and Organization.objects.count() == orgs


def test_a_real_date_and_a_long_but_fitting_name_are_accepted(graph, curator):
    (cand,) = ingest_text(EN_DEAL, SOURCE).candidates.all()
    fields = {**initial(cand), "licensee": "new:" + "N" * 300, "date": "2024-02-29"}
    deal = Deal.objects.get(pk=approve(cand.pk, curator, fields).record_id)
    assert (len(deal.licensee.name), deal.date) == (300, "2024-02-29")


def test_an_organisation_named_twice_is_said_in_korean(graph, curator):
    (cand,) = ingest_text(KO_ROUND, SOURCE).candidates.all()
    with translation.override("ko"), pytest.raises(CurationError) as exc:
        approve(cand.pk, curator, {**initial(cand), "investors": "testcap, testcap"})
    assert (exc.value.field, exc.value.message) == ("investors", "'testcap'이(가) 두 번 적혔습니다")
