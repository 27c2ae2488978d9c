"""More English evidence of which way a licence runs (flows)
(SYNTHETIC: placeholder sentences; pure, no database)."""

from __future__ import annotations

from dari.extraction import flows


def test_the_company_appointed_to_distribute_takes_the_rights():
    score = flows.evidence(
        "⟦0⟧ has appointed ⟦1⟧ as the exclusive distributor for its oncology drug in Korea."
    )
    assert score.get(1, 0) < 0


def test_a_technology_developed_by_a_professor_at_a_university_is_the_universitys():
    score = flows.evidence(
        "⟦0⟧ expects to develop drugs based on the technology that was originally developed "
        "by Professor Jane Roe at ⟦1⟧."
    )
    assert score.get(1, 0) > 0
