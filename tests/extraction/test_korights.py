"""Rights to sell handed on are a licence, every right bought a purchase (`flows_ko`): short
sentences written for the test (CONSTRUCTED: 누리셀 and 솔빛제약 are names no list holds, 빅제약
the test gazetteer's company; no database)."""

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
