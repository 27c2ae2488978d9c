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
