"""The organisation profiles the matching core is fed: a Korean name is the core's to show
to a Korean reader and to index, and never part of the statement it quotes (issue 15 part 3)."""

from __future__ import annotations

import pytest

from dari.directory.domain.recommend import org_profile
from dari.matching.documents import org_text
from tests.factories import OrganizationFactory

STATEMENT = "Korean company that develops cell and gene therapies for osteoarthritis."


@pytest.mark.django_db
def test_the_korean_name_is_fed_as_a_name_not_as_the_start_of_the_statement():
    org = OrganizationFactory(
        id="org-kolon", name="Kolon Life Science", name_ko="코오롱생명과학", description=STATEMENT
    )
    profile = org_profile(org)
    assert profile.name_ko == "코오롱생명과학"
    assert profile.description == STATEMENT  # what a semantic reason quotes
    assert org_text(profile) == f"코오롱생명과학 {STATEMENT}"  # indexed as before


@pytest.mark.django_db
def test_an_organisation_without_a_korean_name_is_fed_as_it_is():
    profile = org_profile(OrganizationFactory(id="org-us", name="US Bio", description=STATEMENT))
    assert (profile.name_ko, profile.description) == ("", STATEMENT)
