"""The extraction engine on short made-up sentences (pure: no database)."""

from __future__ import annotations

from dari.extraction import extract
from dari.extraction.gazetteer import Entry, Gazetteer
from dari.extraction.money import amounts

GAZ = Gazetteer(
    [
        Entry("organization", "acme-bio", "Acme Bio", "KR", ("에이씨엠이바이오",)),
        Entry("organization", "bigpharma", "BigPharma", "US", ("빅제약",)),
        Entry("organization", "jw", "JW Pharmaceutical", "KR", ("JW중외제약",)),
        Entry("organization", "parentco", "ParentCo", "US", ("페어런트",)),
    ],
    aliases={},
)


def deal(text: str) -> dict:
    cands = extract(text, GAZ)
    assert cands and cands[0].kind == "deal"
    return cands[0].fields


def roles(fields: dict) -> set[tuple[str, str]]:
    return {(p["mentioned_as"], p["role"]) for p in fields["parties"]}


def test_korean_amounts_with_thousands_inside_a_group():
    found = [m.value for m in amounts("총 5천370억원(4억4천800만달러), 계약금 6천만 달러")]
    assert found == [(537000000000, "KRW"), (448000000, "USD"), (60000000, "USD")]


def test_korean_names_match_whatever_the_case_of_their_latin_letters():
    fields = deal("JW중외제약은 빅제약과 신약 후보물질 기술수출 계약을 체결했다고 밝혔다.")
    assert roles(fields) == {("JW중외제약", "licensor"), ("빅제약", "licensee")}


def test_terms_with_conversions_and_comparisons():
    fields = deal(
        "에이씨엠이바이오는 빅제약에 기술이전 계약을 체결했다. 계약금은 1300만 달러(약 153억원)로 "
        "지난해 매출액 137억 308만원을 넘는다. 총 계약 규모는 최대 13억 7300만 달러(약 1조 6190억원)다."
    )
    assert fields["currency"] == "USD"
    assert fields["upfront"] == 13000000
    assert fields["total"] == 1373000000
    assert "up_to" in fields["flags"]


def test_total_contract_money_is_the_total_not_the_upfront():
    fields = deal(
        "에이씨엠이바이오는 빅제약과 기술 이전하는 계약을 체결했다. 총 계약금은 4억8220만 달러이며, "
        "선급금은 170만 달러다. 마일스톤은 4억8050만 달러다."
    )
    assert (fields["upfront"], fields["milestones"], fields["total"]) == (
        1700000,
        480500000,
        482200000,
    )


def test_a_parent_named_to_place_its_subsidiary_is_not_a_party():
    fields = deal("에이씨엠이바이오는 페어런트의 자회사인 빅제약과 라이선스 계약을 체결했다.")
    assert roles(fields) == {("에이씨엠이바이오", "licensor"), ("빅제약", "licensee")}


def test_an_unknown_partner_is_proposed_from_where_it_stands():
    fields = deal(
        "에이씨엠이바이오는 미국 메티스 테라퓨틱스와 후보물질을 기술 이전하는 계약을 맺었다."
    )
    assert ("메티스 테라퓨틱스", "licensee") in roles(fields)


def test_sums_per_programme_are_not_the_total():
    fields = deal(
        "BigPharma will pay Acme Bio $15 million upfront and up to $310 million per target "
        "in option and milestone payments under the license agreement."
    )
    assert fields["upfront"] == 15000000
    assert "total" not in fields and "milestones" not in fields
