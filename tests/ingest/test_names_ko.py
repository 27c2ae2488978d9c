"""Issue 14, extraction round 4 (helper korole): Korean names of a company that another
company's short name would take. Every sentence here is CONSTRUCTED for the test (test
organisations beside two real graph names, no real deal); pure, no database."""

from __future__ import annotations

from dari.extraction import extract
from dari.extraction.gazetteer import Entry, Gazetteer

# the shipped aliases (aliases=None) over a small gazetteer
GAZ = Gazetteer(
    [
        Entry("organization", "merck-kgaa", "Merck KGaA", "DE"),
        Entry("organization", "msd", "MSD (Merck & Co.)", "US"),
        Entry("organization", "gap", "Gap Pharm", "KR", ("갑제약",)),
    ]
)


def test_the_korean_arm_of_merck_kgaa_is_not_msd():
    cands = extract(
        "과학기술기업 머크의 의약품 사업부인 한국머크 바이오파마는 갑제약과 심혈관 치료제의 "
        "국내 판매 계약을 체결했다고 5일 밝혔다.",
        GAZ,
    )
    orgs = {p["organization"] for p in cands[0].fields["parties"]}
    assert "merck-kgaa" in orgs
    assert "msd" not in orgs


def test_a_third_party_is_no_company():
    from dari.extraction import notnames
    from dari.extraction.model import Mention

    text = "제3자에게 기술이전할 때는 양사가 수익을 반반씩 배분한다."
    for word in ("제3자", "제삼자"):
        m = Mention(0, len(word), word, ("organization", None))
        assert notnames.not_a_name(text.replace("제3자", word), m)


def test_a_subsidiary_named_after_its_kind_is_proposed():
    # issue 14, Korean round 6 (helper xko); a constructed sentence
    from dari.extraction.gazetteer import Gazetteer
    from dari.extraction.model import Mention
    from dari.extraction.proposers_ko import propose_ko

    text = '갑젤(대표이사 홍길동)은 "종속회사 을크로스(대표이사 김철수)의 주식 60만주를 추가 취득한다"고 밝혔다.'
    known = [Mention(0, 2, "갑젤", ("organization", "gab"))]
    assert "을크로스" in [m.text for m in propose_ko(Gazetteer([]), text, known)]
