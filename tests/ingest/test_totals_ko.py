"""Issue 14, extraction round 4 (helper korole): the amount a Korean text gives as this
contract's own ("이번 계약은 총 약 X") is its total, over a running total of several contracts
told after it. Every sentence here is CONSTRUCTED for the test (test organisations and
figures, no real deal); pure, no database."""

from __future__ import annotations

from tests.extraction_support import deal


def test_the_amount_called_this_contracts_is_the_total_over_a_running_total():
    fields = deal(
        "갑바이오는 을제약과 위장약 수출 계약을 체결했다고 24일 밝혔다. 이번 계약은 총 약 "
        "340억 원으로, 갑바이오는 판매 권리를 을제약에 부여했다. 앞서 맺은 두 계약(약 "
        "860억 원, 약 570억 원)을 포함해서 총 계약 규모는 1,770억원에 달한다."
    )
    assert (fields.get("total"), fields.get("currency")) == (34_000_000_000, "KRW")


def test_the_contracts_amount_named_by_its_size_is_the_total():
    fields = deal(
        "갑바이오는 을제약에 항암 신약을 기술수출했다고 6일 밝혔다. 이번 계약 규모는 약 "
        "630억원이다. 회사의 누적 기술수출 총 계약 규모는 2,100억원에 이른다."
    )
    assert fields.get("total") == 63_000_000_000


def test_a_companys_sales_size_is_no_term():
    fields = deal(
        "갑제약은 을헬스의 지분 100%를 인수한다고 9일 공시했다. 지분 취득 금액은 "
        "141억1354만7800원이다. 을헬스의 2019년 기준 매출규모는 272억 원이다."
    )
    assert fields.get("total") == 14_113_547_800


def test_milestones_whose_duty_ends_are_no_term():
    fields = deal(
        "갑바이오는 을테크로부터 신약 특허를 35억원에 인수했다고 21일 공시했다. 이에 따라 을테크가 "
        "보유하던 최대 3000억원 규모의 단계별 기술료(마일스톤) 의무도 함께 종료됐다."
    )
    assert fields.get("total") == 3_500_000_000
    assert fields.get("milestones") is None


def test_milestones_spelt_with_a_d_are_milestones():
    fields = deal(
        "갑바이오는 을파마와 항암제 후보물질 도입 계약을 체결했다고 밝혔다. 총계약 규모는 약 3억 "
        "3500만 달러로 계약금 1400만 달러, 마일드스톤은 약 3억 2100만 달러로 구성된다."
    )
    assert fields.get("milestones") == 321_000_000


def test_a_sum_whose_parts_follow_is_the_total_not_the_milestones():
    fields = deal(
        "갑바이오는 을제약과 독점판매 계약을 체결했다고 밝혔다. 이번 계약은 독점판매권에 대한 "
        "마일스톤이 총 4220만 달러로 이중 올해 선급금 220만달러를 받게 된다."
    )
    assert (fields.get("total"), fields.get("milestones")) == (42_200_000, None)
    assert fields.get("upfront") == 2_200_000
