"""The extraction engine on short made-up sentences (pure: no database)."""

from __future__ import annotations

from dari.extraction.money import amounts
from tests.extraction_support import deal, roles


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


def test_the_payer_takes_the_rights_whatever_the_verb():
    handed = deal(
        "BigPharma has agreed to hand over as much as $500 million to Acme Bio in exchange "
        "for the rights under the deal. BigPharma is paying $40 million up front."
    )
    assert roles(handed) == {("Acme Bio", "licensor"), ("BigPharma", "licensee")}
    down = deal(
        "Acme Bio signed a license-out contract. Acme Bio will acquire a down payment of "
        "$20 million from BigPharma and up to $300 million in milestones."
    )
    assert roles(down) == {("Acme Bio", "licensor"), ("BigPharma", "licensee")}
    assert (down["upfront"], down["milestones"]) == (20000000, 300000000)


def test_an_other_deals_amount_is_not_this_deals_total():
    fields = deal(
        "에이씨엠이바이오는 빅제약과 6000억원 규모의 기술수출 계약을 체결했다. 계약금은 300억원이다. "
        "JW중외제약이 1조4000억원 규모의 기술수출 계약을 체결한 지 2주 만이다. "
        "올해 국내 전체 기술수출 규모는 4조3000억원으로 커졌다."
    )
    assert (fields["upfront"], fields["total"]) == (30000000000, 600000000000)


def test_each_amount_keeps_its_own_words_and_a_partial_sum_is_no_total():
    fields = deal(
        "Acme Bio will receive $17m upfront and up to $385m in development and sales "
        "milestones from BigPharma."
    )
    assert (fields["upfront"], fields["milestones"]) == (17000000, 385000000)
    fields = deal(
        "BigPharma will pay Acme Bio $180 million in an upfront payment, along with $20 million "
        "in a milestone payment, for a total of $200 million. Acme Bio will be eligible to "
        "receive up to $1.74 billion in milestone payments."
    )
    assert (fields["upfront"], fields["milestones"]) == (180000000, 1740000000)
    assert fields.get("total") is None


def test_a_bracketed_short_name_is_the_same_party():
    fields = deal(
        "BigPharma will gain exclusive rights to Acme Bio’s (ACB) candidate. ACB will receive "
        "$10 million upfront."
    )
    assert {p["organization"] for p in fields["parties"]} == {"acme-bio", "bigpharma"}


def test_korean_rights_handed_on_and_secured():
    handed = deal(
        "에이씨엠이바이오는 신약 후보물질의 중국 권리를 빅제약에 양도했다. 계약 규모는 1억 달러다."
    )
    assert roles(handed) == {("에이씨엠이바이오", "licensor"), ("빅제약", "licensee")}
    secured = deal(
        "빅제약은 에이씨엠이바이오와 전략적 파트너십을 체결했다고 밝혔다. 이로써 빅제약은 "
        "에이씨엠이바이오의 이중항체 신약과제 3개에 대한 한국 시장의 독점적 권한을 확보하게 됐다."
    )
    assert roles(secured) == {("에이씨엠이바이오", "licensor"), ("빅제약", "licensee")}


def test_a_parent_named_before_its_unit_is_not_a_party_and_codevelopers_are_partners():
    unit = deal(
        "ParentCo Holding AG unit BigPharma agreed to pay Acme Bio $20 million up front to "
        "discover therapies. Acme Bio is also eligible to receive up to $1.5 billion in "
        "milestone payments."
    )
    assert roles(unit) == {("Acme Bio", "licensor"), ("BigPharma", "licensee")}
    assert (unit["upfront"], unit["milestones"]) == (20000000, 1500000000)
    joint = deal("Acme Bio and BigPharma signed a deal to co-develop oral products.")
    assert roles(joint) == {("Acme Bio", "partner"), ("BigPharma", "partner")}


def test_milestones_by_kind_in_one_sentence_are_summed_to_the_total():
    fields = deal(
        "Acme Bio is handing BigPharma the rights in a deal worth up to $118 million, for "
        "$10 million upfront. Acme Bio stands to net another $48 million in development "
        "milestones and $60 million in sales milestones."
    )
    assert roles(fields) == {("Acme Bio", "licensor"), ("BigPharma", "licensee")}
    assert (fields["upfront"], fields["milestones"], fields["total"]) == (
        10000000,
        108000000,
        118000000,
    )


def test_bare_korean_amounts_in_a_headline_and_korean_won():
    found = [m.value for m in amounts("계약금 2천500억…총 1조500억 규모, 20 billion Korean won")]
    assert found == [(250000000000, "KRW"), (1050000000000, "KRW"), (20000000000, "KRW")]
    assert not list(amounts("1억 주를 발행"))


def test_an_unknown_korean_company_opening_the_sentence_is_a_party():
    fields = deal(
        "라보노바는 빅제약과 항암 후보물질의 기술이전 계약을 체결했다고 밝혔다. "
        "계약금은 300만 달러, 총 규모는 1억 달러다."
    )
    assert roles(fields) == {("라보노바", "licensor"), ("빅제약", "licensee")}
    assert (fields["upfront"], fields["total"]) == (3000000, 100000000)


def test_in_licensing_from_an_unknown_company_told_with_ro_buteo():
    fields = deal(
        "빅제약은 키노젠으로부터 면역항암제 후보물질을 도입하는 라이선스 계약을 체결했다."
    )
    assert roles(fields) == {("빅제약", "licensee"), ("키노젠", "licensor")}


def test_an_unknown_english_partner_after_agreement_with():
    fields = deal(
        "Acme Bio said it signed an exclusive license agreement with Norvane for its antibody. "
        "Acme Bio will receive $5 million upfront and up to $200 million in milestones."
    )
    assert roles(fields) == {("Acme Bio", "licensor"), ("Norvane", "licensee")}


def test_milestones_by_kind_across_sentences_are_summed():
    fields = deal(
        "빅제약은 에이씨엠이바이오로부터 후보물질을 도입했다. 선급금은 50억원이며, 개발 마일스톤은 "
        "최대 100억원이다. 이후 상업화 마일스톤은 900억원이다."
    )
    assert (fields["upfront"], fields["milestones"]) == (5000000000, 100000000000)


def test_a_company_named_only_in_an_earlier_deal_takes_no_side():
    fields = deal(
        "Acme Bio licensed its antibody to BigPharma for an upfront payment of $10 million. "
        "In 2019, BigPharma had licensed another candidate from Zentiva Labs."
    )
    assert roles(fields) == {("Acme Bio", "licensor"), ("BigPharma", "licensee")}
    assert fields["upfront"] == 10000000


def test_a_person_quoted_and_a_people_are_not_companies():
    fields = deal(
        "Acme Bio has licensed its drug to BigPharma. Kim said the Brazilian market is large."
    )
    assert {p["mentioned_as"] for p in fields["parties"]} == {"Acme Bio", "BigPharma"}


def test_an_earlier_licensee_is_no_party_when_this_partner_is_unnamed():
    fields = deal(
        "라보노바는 중국 제약사와 독점 판매권 계약을 체결했다고 밝혔다. 계약금은 500억원, 총 "
        "5000억원 규모다. 앞서 라보노바는 빅제약과 1천억원 규모의 판권 계약을 체결한 바 있다."
    )
    assert roles(fields) == {("라보노바", "licensor")}
    assert (fields["upfront"], fields["total"]) == (50000000000, 500000000000)


def test_a_text_whose_only_amounts_are_not_terms_has_no_terms():
    fields = deal(
        "Acme Bio는 빅제약과 플랫폼 기술평가 계약을 체결했다. 계약금은 공개되지 않았으며, "
        "지난해 매출액 33억원을 고려하면 계약금은 3억원 이상이다."
    )
    assert "total" not in fields and "upfront" not in fields


def test_market_sizes_and_own_spending_are_not_terms():
    fields = deal(
        "에이씨엠이바이오는 빅제약에 항체 후보물질을 기술이전했다. 지난 10년간 2000억원의 연구개발 "
        "비용을 투입했다. 세계시장이 3~4억달러로 추정된다. 계약금은 500만달러다."
    )
    assert fields["upfront"] == 5000000
    assert fields.get("total") is None


def test_a_word_the_total_includes_is_not_its_role():
    fields = deal(
        "에이씨엠이바이오는 빅제약과 판권 계약을 체결했다. 계약 규모는 기술료를 포함해 약 5000만 "
        "달러(약 650억 원) 규모다."
    )
    assert (fields.get("milestones"), fields["total"]) == (None, 50000000)


def test_decimals_do_not_end_a_sentence_for_the_roles():
    fields = deal(
        "BigPharma has inked a $108.6 million deal with Norvane Inc. to gain exclusive global "
        "rights to NV-1. Norvane said it would out-license the rights for $5 million upfront."
    )

    assert {r for _, r in roles(fields)} == {"licensee", "licensor"}
    assert dict((r, n) for n, r in roles(fields))["licensee"] == "BigPharma"
