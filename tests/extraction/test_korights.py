"""Rights to sell handed on are a licence, every right bought a purchase, a joint venture's
founders partners (`flows_ko`): short sentences written for the test (CONSTRUCTED: 누리셀,
누리제약, 솔빛제약, 솔빛실업, 한빛젠 and 한빛그룹 are names no list holds, 빅제약 the test
gazetteer's company; no database)."""

from __future__ import annotations

from dari.extraction import flows_ko
from tests.extraction_support import deal, roles


def test_rights_to_sell_handed_on_are_not_an_asset_bought():
    assert not flows_ko._asset_bought(
        "솔빛제약과 '누리스템'에 대한 국내 판권 양수도 계약을 맺는다."
    )
    assert flows_ko._asset_bought(
        "빅제약으로부터 누리정에 관한 국내 판권 및 허가권 등 모든 권리를 인수했다."
    )
    assert flows_ko._asset_bought("누리셀은 솔빛제약과 자산 양수도 계약을 맺었다.")


def test_a_sales_rights_transfer_is_a_licence():
    fields = deal(
        "누리셀이 오는 30일 솔빛제약과 관절 치료제 '누리스템'에 대한 국내 판권 양수도 계약을 "
        "체결할 예정이라고 밝혔다.\n누리셀은 이번 계약 체결로 판권료와 단계별 기술료(마일스톤)를 "
        "솔빛제약으로부터 받게 된다."
    )
    assert roles(fields) == {("누리셀", "licensor"), ("솔빛제약", "licensee")}


def test_the_founders_of_a_hapja_venture_are_partners():
    # 합자법인 is 합작법인: the two companies founding it are partners, not a licence's sides
    fields = deal(
        "누리제약은 27일 중국 무한시에서 현지 제약업체인 솔빛실업과 합자법인 `무한누리제약"
        "유한공사'를 설립하기로 계약을 맺었다고 밝혔다. 누리제약은 솔빛실업과 각각 12만5천달러씩을 "
        "투자해 중국 무한시 홍산구에 이합자법인을 설립, 감기약 `누리캅셀' 등 자사 의약품을 중국에 "
        "판매할 계획이다. 회사측은 내년에 제품 시판허가를 받은뒤 2005년부터 누리캅셀을 시작으로 "
        "바이오 의약품과 신약 등 자사 의약품을 본격적으로 판매할 예정이다. 솔빛실업은 중국 10대 "
        "제약회사에 속하는 한빛그룹 산하 계열사다."
    )
    assert roles(fields) == {("누리제약", "partner"), ("솔빛실업", "partner")}


def test_a_venture_named_as_founded_is_no_founder():
    fields = deal(
        "누리셀, 중국 유전자 교정 기업과 합자 회사 설립\n\n누리셀이 중국 작물 유전자 교정 기업 "
        "솔빛제약과 합자 법인 한빛젠을 설립하는 협약을 체결했다고 24일 밝혔다. 이번 협약에 따라 "
        "누리셀은 유전자 가위 기술을, 솔빛제약은 배양 기술을 한빛젠에 이전하기로 했다."
    )
    assert roles(fields) == {("누리셀", "partner"), ("솔빛제약", "partner")}


def test_a_party_bought_long_ago_makes_no_acquisition():
    # "X에 인수된 후": the company's history, not the deal
    fields = deal(
        '누리제약은 독일에 본사를 둔 다국적 제약사 솔빛제약(Solbit)의 고혈압 치료제 "누리카드"를 '
        "내년 8월 국내에 시판키로 했다고 3일 밝혔다.\n4일 체결될 이번 계약은 올 상반기 누리제약이 "
        "빅제약에 인수된 후 외국 제약사와 처음 맺는 것이다."
    )
    assert roles(fields) == {("누리제약", "licensee"), ("솔빛제약", "licensor")}
