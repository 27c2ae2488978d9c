"""Session 12 of issue 14: general extraction rules, each on short made-up sentences
(SYNTHETIC: test organisations and figures; pure, no database)."""

from __future__ import annotations

from dari.extraction import extract
from dari.extraction.gazetteer import Entry, Gazetteer
from dari.extraction.model import Mention
from dari.extraction.variants import korean_variants, spelled
from tests.extraction_support import GAZ, deal, roles


def test_a_latin_acronym_is_also_spelled_in_hangul():
    assert spelled("GC") == "지씨"
    assert "지씨셀" in korean_variants("GC셀", "GC Cell")
    assert "엘지화학" in korean_variants("LG화학", "LG Chem")


def test_a_hangul_acronym_is_also_written_in_latin_when_the_english_name_opens_with_it():
    assert "SCM생명과학" in korean_variants("에스씨엠생명과학", "SCM Lifescience")
    assert "HLB테라퓨틱스" in korean_variants("에이치엘비테라퓨틱스", "HLB Therapeutics")
    # no acronym in the English name: nothing read as letters
    assert not any(v[:1].isascii() for v in korean_variants("이노엔바이오", "Innoen Bio"))


def test_short_endings_and_spellings_the_press_uses():
    assert "코오롱생명" in korean_variants("코오롱생명과학", "Kolon Life Science")
    assert "유나이티드제약" in korean_variants("한국유나이티드제약", "Korea United Pharm")
    assert "네이처쎌" in korean_variants("네이처셀", "Nature Cell")
    # an association keeps its "한국": what is left is no company's name
    assert korean_variants("한국바이오협회", "KoreaBIO") == set()


def test_the_gazetteer_finds_a_derived_spelling():
    gaz = Gazetteer([Entry("organization", "gx", "GX Cell", "KR", ("GX셀",))], aliases={})
    assert [m.value[1] for m in gaz.find("지엑스셀은 계약을 체결했다")] == ["gx"]


def test_a_derived_spelling_never_takes_another_companys_name():
    gaz = Gazetteer(
        [
            Entry("organization", "gx", "GX Cell", "KR", ("GX셀",)),
            Entry("organization", "other", "Jiex Cell", "KR", ("지엑스셀",)),
        ],
        aliases={},
    )
    assert [m.value[1] for m in gaz.find("지엑스셀은 계약을 체결했다")] == ["other"]


def test_a_strategic_alliance_with_no_licence_word_is_a_deal():
    cands = extract(
        "빅제약과 에이씨엠이바이오는 당뇨병 치료제의 국내 마케팅에 대한 전략적 제휴를 체결했다고 밝혔다.",
        GAZ,
    )
    assert cands and cands[0].kind == "deal"


def test_a_co_promotion_is_a_deal():
    cands = extract(
        "에이씨엠이바이오는 빅제약과 고혈압 신약 제품군에 대해 10년간 공동 프로모션을 "
        "진행하기로 합의했다고 밝혔다.",
        GAZ,
    )
    assert cands and cands[0].kind == "deal"


def test_partners_of_a_joint_development_are_partners():
    fields = deal(
        "Acme Bio said it had started a trial with BigPharma. In 2015 Acme Bio signed a "
        "strategic alliance with BigPharma for the joint development of biosimilars."
    )
    assert roles(fields) == {("Acme Bio", "partner"), ("BigPharma", "partner")}


def test_a_joint_venture_written_with_a_hyphen_is_a_partnership():
    fields = deal(
        "Acme Bio signed the establishment of a joint-venture company with BigPharma in "
        "2012. They started building a plant in 2013."
    )
    assert roles(fields) == {("Acme Bio", "partner"), ("BigPharma", "partner")}


def test_an_investment_that_brings_in_sales_rights_is_a_licence_not_a_round():
    cands = extract(
        "에이씨엠이바이오는 빅제약과 전략적 투자 계약을 체결했다. 이번 계약으로 에이씨엠이바이오는 "
        "빅제약에 1000만달러를 투자해 지분을 획득했고, 신약의 한국 독점판매권도 획득했다.",
        GAZ,
    )
    assert cands and cands[0].kind == "deal"


def test_a_product_brought_in_against_fees_is_a_licence_not_a_round():
    cands = extract(
        "에이씨엠이바이오는 빅제약에 500만달러를 전략적 투자했다. 신약 도입과 관련한 계약금은 "
        "공개하지 않았다.",
        GAZ,
    )
    assert cands and cands[0].kind == "deal"


def test_a_technology_transfer_agreement_is_no_purchase():
    fields = deal(
        "Acme Bio said Tuesday that it signed a technology transfer agreement with BigPharma "
        "for its antibody. Under this accord, Acme Bio will receive an upfront payment of "
        "$10 million."
    )
    assert roles(fields) == {("Acme Bio", "licensor"), ("BigPharma", "licensee")}


def test_the_company_paid_is_not_the_payer():
    fields = deal(
        "BigPharma got global rights to the molecule under a licence. It paid Acme Bio "
        "$5 million up front and agreed to pay up to $60 million in milestones."
    )
    assert roles(fields) == {("Acme Bio", "licensor"), ("BigPharma", "licensee")}


def test_eligible_for_milestones_is_the_giver():
    fields = deal(
        "BigPharma is buying Acme Bio's blood cancer program for $10 million upfront. "
        "Acme Bio will also be eligible for milestone payments of $8 million."
    )
    assert {("Acme Bio", "target"), ("BigPharma", "acquirer")} == roles(fields)


def test_a_foreign_company_written_in_hangul_is_found_by_its_sound():
    from dari.extraction.transliterate import resolve, romanise, sound_key

    assert sound_key(romanise("포순")) == sound_key("Fosun")
    gaz = Gazetteer(
        [
            Entry("organization", "fosun", "Fosun Pharmaceutical", "CN"),
            Entry("organization", "hikma", "Hikma Pharmaceuticals", "GB"),
        ],
        aliases={},
    )
    found = resolve(gaz, [Mention(0, 4, "포순제약", ("organization", None), 0.6)])
    assert found[0].value == ("organization", "fosun")
    # a name that sounds like none keeps no key
    other = resolve(gaz, [Mention(0, 4, "메디진", ("organization", None), 0.6)])
    assert other[0].value == ("organization", None)


def test_rights_to_what_the_other_develops_are_taken_in():
    fields = deal(
        "빅제약(123456)은 에이씨엠이바이오가 개발하는 치매치료제 'AB-1'의 국내 독점 생산 및 "
        "판매권 도입계약을 체결했다고 6일 공시했다."
    )
    assert roles(fields) == {("빅제약", "licensee"), ("에이씨엠이바이오", "licensor")}


def test_the_korean_seller_of_a_domestic_exclusive_sale_takes_the_rights():
    fields = deal(
        "에이씨엠이바이오는 23일 미국 빅제약과 항응고제 'AB-2'의 국내 독점판매 계약을 "
        "체결했다고 밝혔다."
    )
    assert roles(fields) == {("에이씨엠이바이오", "licensee"), ("빅제약", "licensor")}


def test_a_technology_transfer_with_joint_development_has_a_giver_and_a_taker():
    fields = deal(
        "Acme Bio has signed a technology transfer and joint development agreement for its "
        "candidate with BigPharma. Under the accord, Acme Bio will transfer the core technology."
    )
    assert roles(fields) == {("Acme Bio", "licensor"), ("BigPharma", "licensee")}


def test_a_name_ending_in_pharm_is_found_without_it_unless_another_owns_that():
    gaz = Gazetteer(
        [
            Entry("organization", "scd", "Sam Chun Dang Pharm", "KR"),
            Entry("organization", "cel", "Celltrian", "KR"),
            Entry("organization", "celp", "Celltrian Pharm", "KR"),
        ],
        aliases={},
    )
    found = gaz.find("Sam Chun Dang (SCD) Pharm and Celltrian signed")
    assert [m.value[1] for m in found] == ["scd", "cel"]


def test_a_korean_exclusive_licence_for_korea_makes_the_korean_company_the_licensee():
    fields = deal(
        "지난 2019년 에이씨엠이바이오는 로렌 테크놀로지스와 신약 후보물질 'AB-3'의 국내 독점 "
        "라이선스 계약을 체결했다. 계약금 50만달러를 포함해 총 350만달러 규모다."
    )
    assert roles(fields) == {("에이씨엠이바이오", "licensee"), ("로렌 테크놀로지스", "licensor")}


def test_a_company_written_with_its_hanja_ending_is_proposed():
    fields = deal(
        "에이씨엠이바이오는 브라질 최대 제약회사 중 하나인 크로노리아사(社)와 성장호르몬 "
        "기술이전 계약을 체결했다고 23일 밝혔다."
    )
    assert "크로노리아" in {name for name, _ in roles(fields)}


def test_a_companys_size_or_country_or_a_disease_is_no_party():
    fields = deal(
        "에이씨엠이바이오가 미국 대형 제약사와 2조원 규모의 항암 신약 기술이전 계약을 체결했다. "
        "에이씨엠이바이오는 이날 빅제약과 17억 달러 규모 항암 신약의 기술이전 계약을 맺었다."
    )
    assert roles(fields) == {("에이씨엠이바이오", "licensor"), ("빅제약", "licensee")}
    fields = deal(
        "한국 제약사 에이씨엠이바이오는 지난 14일 미국 빅제약과 위식도역류질환 치료제 기술 이전 "
        "계약을 체결했다. 에이씨엠이바이오가 신약 물질을 빅제약에 기술 수출하는 거래다."
    )
    assert roles(fields) == {("에이씨엠이바이오", "licensor"), ("빅제약", "licensee")}
