"""A unit named after its parent is not the parent (issue 14, English round 5): "X
Healthcare", "X USA" read as the unit, not as X's graph entry. Sentences CONSTRUCTED for these
tests (made-up companies and figures; pure, no database)."""

from __future__ import annotations

from dari.extraction import extract
from dari.extraction.gazetteer import Entry, Gazetteer
from tests.extraction_support import deal


def _ids(fields: dict) -> set[tuple[str, str | None, str]]:
    return {(p["mentioned_as"], p["organization"], p["role"]) for p in fields["parties"]}


def test_a_unit_in_a_line_of_business_is_not_its_parent():
    fields = deal(
        "Acme Healthcare has licensed its biosimilar to BigPharma for an upfront payment of "
        "$5 million."
    )
    assert _ids(fields) == {
        ("Acme Healthcare", None, "licensor"),
        ("BigPharma", "bigpharma", "licensee"),
    }


def test_a_unit_in_another_country_is_not_its_parent():
    fields = deal("ParentCo USA agreed to acquire Acme Bio for $100 million.")
    assert _ids(fields) == {
        ("ParentCo USA", None, "acquirer"),
        ("Acme Bio", "acme-bio", "target"),
    }


def test_a_foreign_company_keeps_its_own_biopharma_ending():
    fields = deal(
        "ParentCo Biopharma has licensed its antibody to Acme Bio for an upfront payment of "
        "$5 million."
    )
    assert _ids(fields) == {
        ("ParentCo", "parentco", "licensor"),
        ("Acme Bio", "acme-bio", "licensee"),
    }


def test_dollars_after_a_name_make_no_unit():
    fields = deal(
        "Acme Bio has licensed its antibody to BigPharma. It paid Acme US$5 million up front."
    )
    assert _ids(fields) == {
        ("Acme Bio", "acme-bio", "licensor"),
        ("BigPharma", "bigpharma", "licensee"),
    }


def test_a_unit_the_graph_holds_under_another_spelling_is_that_unit():
    gaz = Gazetteer(
        [
            Entry("organization", "hnb", "HNB", "KR"),
            Entry("organization", "hnb-ls", "HNB Life Science", "KR"),
            Entry("organization", "bigpharma", "BigPharma", "US"),
        ],
        aliases={},
    )
    cands = extract(
        "HNB LifeScience has licensed its antibody to BigPharma for an upfront payment of "
        "$5 million.",
        gaz,
    )
    assert _ids(cands[0].fields) == {
        ("HNB LifeScience", "hnb-ls", "licensor"),
        ("BigPharma", "bigpharma", "licensee"),
    }


def test_another_business_of_a_group_is_not_the_group():
    fields = deal("ParentCo Electronics agreed to acquire Acme Bio for $100 million.")
    assert _ids(fields) == {
        ("ParentCo Electronics", None, "acquirer"),
        ("Acme Bio", "acme-bio", "target"),
    }
