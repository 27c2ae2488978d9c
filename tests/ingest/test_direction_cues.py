"""Issue 14, session 16: who gives and who takes when no verb says it, and when a collaboration
is the partners' deal. Short made-up sentences (SYNTHETIC: test organisations; pure, no
database)."""

from __future__ import annotations

from dari.extraction.owners import foreign_unit
from tests.extraction_support import GAZ, deal, roles


def test_the_one_responsible_for_distribution_takes_the_rights():
    text = (
        "Acme Bio announced that it has signed a distribution and sales contract with "
        "BigPharma for three pain drugs. Under this contract, Acme Bio will be responsible for "
        "the distribution of the three drugs."
    )
    assert roles(deal(text)) == {("Acme Bio", "licensee"), ("BigPharma", "licensor")}


def test_the_one_who_developed_the_asset_gives_it():
    text = (
        "BigPharma has entered into an exclusive license with Acme Bio for the development and "
        "marketing of acmezumab in Greater China. Researchers from Acme Bio have developed "
        "acmezumab, an antibody for solid tumours."
    )
    assert roles(deal(text)) == {("Acme Bio", "licensor"), ("BigPharma", "licensee")}


def test_the_one_whose_license_rights_grew_takes_them():
    text = (
        "Acme Bio has announced on the 18th that it has expanded its license rights with "
        "BigPharma to accelerate drug development based on the platform technology."
    )
    assert roles(deal(text)) == {("Acme Bio", "licensee"), ("BigPharma", "licensor")}


def test_research_together_with_a_licence_only_later_is_a_partnership():
    text = (
        "BigPharma Announces Research Collaboration with Acme Bio for lipid nanoparticles\n"
        "• Opportunity for future license, manufacturing and supply agreement\n"
        "The research collaboration combines BigPharma's lipids with Acme Bio's mRNA expertise."
    )
    assert roles(deal(text)) == {("Acme Bio", "partner"), ("BigPharma", "partner")}


def test_a_collaboration_to_sell_a_product_is_not_a_partnership():
    text = (
        "Acme Bio said it will collaborate with BigPharma to commercialise its biosimilar in "
        "China. BigPharma will provide an upfront payment to Acme Bio."
    )
    assert {r for _, r in roles(deal(text))} <= {"licensor", "licensee"}


def test_a_company_of_an_earlier_deal_told_in_passing_is_not_a_party():
    text = (
        "방사성의약품 전문기업 에이씨엠이바이오는 중국의 전문기업 빅제약과 진단 신약 FC303의 기술 "
        "공동 개발 계약을 체결했다고 1일 공시했다.\n\n지난 5월 유럽 페어런트(PARENT)와 "
        "기술수출 계약을 체결한 데 이어 두 번째 FC303 해외 진출이다. 빅제약은 중국 전역에 31개 "
        "생산시설을 둔 국영 기업이다. 에이씨엠이바이오는 반환의무가 없는 계약금 24억원을 우선 "
        "수령한다.\n\n이번 계약 이후 빅제약은 FC303의 중국 내 임상 및 상업화에 대한 개발 및 "
        "영업권을 갖게 된다."
    )
    assert roles(deal(text)) == {("에이씨엠이바이오", "licensor"), ("빅제약", "licensee")}


def test_a_company_named_after_its_country_is_proposed():
    text = (
        "에이씨엠이바이오는 일본 가나다라파마가 개발한 조현병 치료제의 국내 개발·마케팅·판매·유통을 "
        "독점 대행하는 라이선스계약을 체결했다고 7일 밝혔다."
    )
    assert roles(deal(text)) == {("에이씨엠이바이오", "licensee"), ("가나다라파마", "licensor")}


def test_a_korean_company_marketing_a_multinationals_product_in_korea_takes_the_rights():
    text = (
        "Acme Bio said Friday that it has signed a co-promotion agreement with BigPharma Korea on "
        "a vaccine. Under the agreement, the two companies will jointly market and distribute the "
        "vaccine in Korea starting January 1."
    )
    assert roles(deal(text)) == {("Acme Bio", "licensee"), ("BigPharma", "licensor")}


def test_a_multinationals_korean_unit_is_the_foreign_side():
    text = (
        "에이씨엠이바이오는 한국빅제약과 항암제에 대한 공동 마케팅 계약을 체결했다고 24일 밝혔다. "
        "이번 계약을 통해 두 회사는 6개 품목에 대해 국내 영업 공동 마케팅 활동을 진행한다. "
        "에이씨엠이바이오는 이들 품목을 3년 내 연간 100억 원대 품목으로 성장시키겠다는 계획이다."
    )
    fields = deal(text)
    assert roles(fields) == {("에이씨엠이바이오", "licensee"), ("빅제약", "licensor")}
    assert fields.get("total") is None  # a sales plan, not the deal's value


def test_a_foreign_unit_is_named_after_its_parent():
    assert foreign_unit("한국빅제약", GAZ) and foreign_unit("BigPharma Korea", GAZ)
    assert not foreign_unit("한국에이씨엠이바이오", GAZ) and not foreign_unit("Acme Bio", GAZ)


def test_a_joint_venture_founded_instead_of_an_investment_is_a_deal():
    text = (
        "Acme Bio, BigPharma rework deal\n\nWith BigPharma's cancelation of an equity investment, "
        "Acme Bio has changed course. The two companies will instead establish a Chinese joint "
        "venture."
    )
    assert deal(text)  # a deal (the venture), not an investment


def test_the_one_appointed_exclusive_distributor_takes_the_rights():
    text = (
        "BigPharma, a specialty pharmaceutical group, has appointed Acme Bio as the exclusive "
        "distributor for its oncology drug in South Korea."
    )
    assert roles(deal(text)) == {("Acme Bio", "licensee"), ("BigPharma", "licensor")}


def test_the_one_who_will_sell_anothers_products_takes_the_rights():
    text = (
        "에이씨엠이바이오가 다음 달부터 빅제약[001360]의 일반의약품 9종을 독점 판매한다고 26일 "
        "밝혔다. 에이씨엠이바이오와 빅제약은 이를 위해 업무협약을 체결했다."
    )
    assert roles(deal(text)) == {("에이씨엠이바이오", "licensee"), ("빅제약", "licensor")}
