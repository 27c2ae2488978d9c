"""Ingest -> review -> approve / reject: nothing reaches the graph before a curator approves;
an approval writes the record and its provenance in one transaction; bad input writes nothing."""

from __future__ import annotations

import pytest

from dari.curation.domain.errors import CurationError
from dari.curation.domain.ingest import ingest_text
from dari.curation.domain.queries import duplicates, initial, segments
from dari.curation.domain.review import approve, reject
from dari.curation.models import Candidate, Document
from dari.directory.models import Deal, Investment, Organization
from tests.curation.conftest import EN_DEAL, KO_DEAL, KO_ROUND, SOURCE


def test_an_english_deal_becomes_a_pending_candidate_with_evidence(graph, curator):
    doc = ingest_text(EN_DEAL, SOURCE, by=curator)
    (cand,) = doc.candidates.all()
    f = cand.extracted
    assert cand.kind == "deal" and cand.status == "pending"
    roles = {p["organization"]: p["role"] for p in f["parties"]}
    assert roles == {"testbio": "licensor", "globalpharma": "licensee"}
    assert (f["currency"], f["upfront"], f["total"]) == ("USD", 40_000_000, 1_200_000_000)
    assert f["date"] == "2025-03-04" and f["asset"] == "as-tb101"
    assert "$40 million" in cand.evidence["upfront"]
    assert any(s.field == "upfront" and s.text == "$40 million" for s in segments(cand))
    assert not Deal.objects.exists()  # nothing reached the graph


def test_a_korean_deal_in_won(graph):
    (cand,) = ingest_text(KO_DEAL, SOURCE).candidates.all()
    f = cand.extracted
    assert {p["organization"]: p["role"] for p in f["parties"]} == {
        "testbio": "licensor",
        "globalpharma": "licensee",
    }
    assert (f["currency"], f["upfront"], f["total"]) == ("KRW", 50_000_000_000, 1_200_000_000_000)
    assert "up_to" in f["flags"]


def test_a_korean_funding_round(graph):
    (cand,) = ingest_text(KO_ROUND, SOURCE).candidates.all()
    f = cand.extracted
    assert cand.kind == "investment"
    assert [(p["organization"], p["role"]) for p in f["parties"]] == [
        ("testbio", "investee"),
        ("testcap", "investor"),
    ]
    assert (f["currency"], f["amount"]) == ("KRW", 30_000_000_000)


def test_members_only_assets_are_never_matched(graph):
    (cand,) = ingest_text(EN_DEAL.replace("TB-101", "SECRET-77"), SOURCE).candidates.all()
    assert cand.extracted.get("asset") != "as-secret"


def test_approval_writes_the_deal_with_its_provenance(graph, curator):
    (cand,) = ingest_text(EN_DEAL, SOURCE).candidates.all()
    fields = initial(cand)
    assert (fields["upfront_usd_m"], fields["total_value_usd_m"]) == (40.0, 1200.0)
    fields["description"] = "Licence of TB-101."
    approve(cand.pk, curator, fields)
    cand.refresh_from_db()
    deal = Deal.objects.get(pk=cand.record_id)
    assert (deal.licensor_id, deal.licensee_id, deal.asset_id) == (
        "testbio",
        "globalpharma",
        "as-tb101",
    )
    assert deal.sources == [SOURCE] and deal.total_value_usd_m == 1200.0
    assert cand.status == "approved" and cand.decided_by == curator and cand.decided_at
    assert cand.approved["description"] == "Licence of TB-101."
    assert cand.extracted["upfront"] == 40_000_000  # the extracted value is kept beside it


def test_a_new_party_is_added_from_the_source(graph, curator):
    (cand,) = ingest_text(EN_DEAL, SOURCE).candidates.all()
    approve(cand.pk, curator, {**initial(cand), "licensee": "new:Newco Therapeutics"})
    newco = Organization.objects.get(name="Newco Therapeutics")
    assert newco.sources == [SOURCE]


def test_a_new_party_named_in_hangul_only_gets_a_readable_id(graph, curator):
    """A company the source names only in Korean gets its name romanised as its id (it was
    "record", then "record-2" for the next)."""
    (cand,) = ingest_text(EN_DEAL, SOURCE).candidates.all()
    approve(cand.pk, curator, {**initial(cand), "licensee": "new:셀리버리"})
    assert Organization.objects.get(name="셀리버리").pk == "selribeori"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"licensor": "nobody"}, "licensor"),
        ({"licensee": "new:"}, "licensee"),
        ({"deal_type": "marriage"}, "deal_type"),
        ({"date": "March"}, "date"),
        ({"upfront_usd_m": "lots"}, "upfront_usd_m"),
        ({"total_value_usd_m": "-5"}, "total_value_usd_m"),
        ({"asset": "as-none"}, "asset"),
        ({"licensee": "testbio"}, "licensee"),
    ],
)
def test_a_bad_approval_names_the_field_and_writes_nothing(graph, curator, change, field):
    (cand,) = ingest_text(EN_DEAL, SOURCE).candidates.all()
    orgs = Organization.objects.count()
    with pytest.raises(CurationError) as exc:
        approve(cand.pk, curator, {**initial(cand), **change})
    assert exc.value.field == field
    assert not Deal.objects.exists() and Organization.objects.count() == orgs
    assert Candidate.objects.get(pk=cand.pk).status == "pending"


def test_only_curators_decide(graph, member):
    (cand,) = ingest_text(EN_DEAL, SOURCE).candidates.all()
    with pytest.raises(CurationError):
        approve(cand.pk, member, initial(cand))
    with pytest.raises(CurationError):
        reject(cand.pk, None, "no")
    assert Candidate.objects.get(pk=cand.pk).status == "pending"


def test_rejection_needs_a_reason_and_is_final(graph, curator):
    (cand,) = ingest_text(EN_DEAL, SOURCE).candidates.all()
    with pytest.raises(CurationError) as exc:
        reject(cand.pk, curator, "  ")
    assert exc.value.field == "reason"
    reject(cand.pk, curator, "already known")
    with pytest.raises(CurationError):
        approve(cand.pk, curator, initial(cand))
    assert not Deal.objects.exists()


def test_possible_duplicates_are_shown_with_a_diff(old_deal, curator, client):
    (cand,) = ingest_text(EN_DEAL, SOURCE).candidates.all()
    (dup,) = duplicates(cand)
    assert dup.deal.pk == "dl-old"
    rows = {r.field: r for r in dup.diff}
    assert rows["licensor"].same and not rows["total_value_usd_m"].same
    client.force_login(curator)
    html = client.get(f"/curation/{cand.pk}/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    compared = html[html.index("dl-old") :]
    # The fields under the approval form's labels, a deal type by its label, never a code.
    assert "<td>기술 제공사</td>" in compared and "<td>거래 유형</td>" in compared
    assert "<td>licensor</td>" not in compared and "<td>deal_type</td>" not in compared
    assert "<td>license</td>" not in compared
    approve(cand.pk, curator, {**initial(cand), "update": "dl-old"})
    old_deal.refresh_from_db()
    assert old_deal.total_value_usd_m == 1200.0 and SOURCE in old_deal.sources
    assert Deal.objects.count() == 1


def test_approving_an_investment(graph, curator):
    (cand,) = ingest_text(KO_ROUND, SOURCE).candidates.all()
    approve(cand.pk, curator, initial(cand))
    inv = Investment.objects.get()
    assert (inv.recipient_id, inv.kind, inv.currency, inv.amount_local) == (
        "testbio",
        "series_b",
        "KRW",
        30_000_000_000,
    )
    assert list(inv.investors.values_list("pk", flat=True)) == ["testcap"]


@pytest.mark.parametrize(
    ("text", "source", "field"),
    [
        ("", SOURCE, "text"),
        (EN_DEAL, "", "source"),
        (EN_DEAL, "https://docslib.org/doc/1/x", "source"),
        (EN_DEAL, "http://34.80.245.248/x", "source"),
    ],
)
def test_bad_ingestion_names_the_problem_and_writes_nothing(graph, text, source, field):
    with pytest.raises(CurationError) as exc:
        ingest_text(text, source)
    assert exc.value.field == field
    assert not Document.objects.exists()


def test_the_same_text_twice_is_refused(graph):
    ingest_text(EN_DEAL, SOURCE)
    with pytest.raises(CurationError) as exc:
        ingest_text(EN_DEAL, SOURCE)
    assert exc.value.code == "duplicate"
    assert Document.objects.count() == 1
