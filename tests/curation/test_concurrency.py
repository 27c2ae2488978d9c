"""Two curators deciding at the same moment (real transactions in threads; on PostgreSQL truly
concurrent, the candidate's row lock serialises them): one candidate reaches the graph once,
and two candidates of the same deal never meet in a crash over the new record's id."""

from __future__ import annotations

import pytest
from django.db import connection

from dari.curation.domain.errors import CurationError, DuplicateDeal
from dari.curation.domain.ingest import ingest_text
from dari.curation.domain.queries import initial
from dari.curation.domain.review import approve, reject
from dari.curation.models import Candidate
from dari.directory.models import Deal
from tests.curation.conftest import EN_DEAL, SOURCE
from tests.events.test_concurrency import in_threads

pytestmark = pytest.mark.django_db(transaction=True)

skip_sqlite = pytest.mark.skipif(
    connection.vendor == "sqlite", reason="SQLite serialises whole transactions (file lock)"
)


@skip_sqlite
def test_two_approvals_of_one_candidate_publish_one_deal(graph, curator):
    (cand,) = ingest_text(EN_DEAL, SOURCE).candidates.all()
    fields = initial(cand)
    out = in_threads(
        lambda: approve(cand.pk, curator, dict(fields)),
        lambda: approve(cand.pk, curator, dict(fields)),
    )
    refused = [o for o in out if isinstance(o, CurationError)]
    assert [o.code for o in refused] == ["decided"]
    assert Deal.objects.count() == 1
    assert Candidate.objects.get(pk=cand.pk).record_id == Deal.objects.get().pk


@skip_sqlite
def test_an_approval_and_a_rejection_at_once_decide_once(graph, curator):
    (cand,) = ingest_text(EN_DEAL, SOURCE).candidates.all()
    fields = initial(cand)
    out = in_threads(
        lambda: approve(cand.pk, curator, dict(fields)),
        lambda: reject(cand.pk, curator, "duplicate press release"),
    )
    refused = [o for o in out if isinstance(o, CurationError)]
    assert [o.code for o in refused] == ["decided"]
    cand.refresh_from_db()
    assert Deal.objects.count() == (1 if cand.status == "approved" else 0)


def _two_reports_of_one_deal():
    (first,) = ingest_text(EN_DEAL, SOURCE).candidates.all()
    (second,) = ingest_text(
        EN_DEAL + " Both said so.", SOURCE.replace("idxno=1", "idxno=2")
    ).candidates.all()
    return first, second


@skip_sqlite
def test_two_reports_of_one_deal_approved_at_once_publish_it_once(graph, curator):
    """The duplicate-deal rule holds between two curators at the same moment: the parties'
    rows are locked, so the second approval sees the first's deal and is refused."""
    first, second = _two_reports_of_one_deal()
    out = in_threads(
        lambda: approve(first.pk, curator, initial(first)),
        lambda: approve(second.pk, curator, initial(second)),
    )
    assert sorted(type(o).__name__ for o in out) == ["Candidate", "DuplicateDeal"], out
    (refused,) = [o for o in out if isinstance(o, DuplicateDeal)]
    assert refused.deals == [("dl-testbio-globalpharma-2025", "2025-03-04")]
    assert list(Deal.objects.values_list("pk", flat=True)) == ["dl-testbio-globalpharma-2025"]


@skip_sqlite
def test_two_candidates_of_one_deal_approved_at_once_get_two_ids(graph, curator):
    """Said to be separate deals, both are published, under two ids and without a crash."""
    first, second = _two_reports_of_one_deal()
    out = in_threads(
        lambda: approve(first.pk, curator, initial(first), separate=True),
        lambda: approve(second.pk, curator, initial(second), separate=True),
    )
    assert [type(o).__name__ for o in out] == ["Candidate", "Candidate"], out
    assert sorted(Deal.objects.values_list("pk", flat=True)) == [
        "dl-testbio-globalpharma-2025",
        "dl-testbio-globalpharma-2025-2",
    ]
