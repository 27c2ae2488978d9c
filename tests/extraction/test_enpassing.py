"""English companies named in passing are no parties (issue 14, English round 5). Sentences
CONSTRUCTED for these tests (made-up companies and figures; pure, no database)."""

from __future__ import annotations

from dari.extraction import passing_en
from dari.extraction.model import Mention
from tests.extraction_support import GAZ, deal, roles


def _passing(text: str, name: str) -> bool:
    found = [m for m in GAZ.find(text) if m.text == name]
    if found:
        return passing_en.passing(text, found[0])
    at = text.index(name)  # a name the graph lacks
    return passing_en.passing(text, Mention(at, at + len(name), name, ("organization", None)))


def test_the_maker_of_the_reference_drug_is_no_party():
    fields = deal(
        "Acme Bio will market SB11, a biosimilar of ParentCo's Lucentis, after licensing it to "
        "BigPharma for $5 million upfront."
    )
    assert roles(fields) == {("Acme Bio", "licensor"), ("BigPharma", "licensee")}


def test_the_reference_drug_is_no_company():
    text = (
        "SB11 is a biosimilar version of ranibizumab, more commonly known as Genvero's "
        "Lucentis. Lucentis's patent expires in 2026."
    )
    assert _passing(text, "Lucentis")


def test_the_owner_of_a_party_is_no_party():
    text = "Norvale Therapeutics, which is majority-owned by ParentCo, has licensed its antibody."
    assert _passing(text, "ParentCo")


def test_the_owner_of_the_assets_licensed_is_a_party():
    text = "BigPharma has licensed two antibody candidates owned by Acme Bio."
    assert not _passing(text, "Acme Bio")


def test_a_company_compared_with_is_no_party():
    text = "BigPharma signed the largest deal of the year, ahead of peers such as ParentCo."
    assert _passing(text, "ParentCo")


def test_a_party_named_plainly_is_not_in_passing():
    text = "Acme Bio has licensed its antibody to ParentCo for $5 million upfront."
    assert not _passing(text, "ParentCo")
