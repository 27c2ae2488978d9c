"""Issue 14, session 16: words a proposer takes for a company that name none: every country in
CLDR (English and Korean), a phrase of common deal words, a standing before a kind of company, a
contract's defined term. Pure, no database; the mentions are made up."""

from __future__ import annotations

from dari.extraction.model import Mention
from dari.extraction.notnames import not_a_name


def proposed(text: str, name: str) -> tuple[str, Mention]:
    start = text.index(name)
    return text, Mention(start, start + len(name), name, (name, None), 0.5)


def test_countries_beyond_a_hand_list_are_not_companies():
    for text, name in (
        ("Daewoong signed a licence deal with Morocco for the drug.", "Morocco"),
        ("일양약품은 러시아, 아르메니아, 벨라루스에 판권을 넘겼다.", "벨라루스"),
    ):
        assert not_a_name(*proposed(text, name))


def test_a_phrase_of_common_deal_words_is_not_a_company():
    for name in ("청산절차", "투자유치", "경상기술료", "공동개발", "제약집단"):
        assert not_a_name(*proposed(f"에이씨엠이바이오는 {name}를 밝혔다.", name))


def test_generic_plurals_and_a_country_before_a_kind_of_company_are_not_names():
    for name in ("업체들", "중국제약", "글로벌제약사"):
        assert not_a_name(*proposed(f"에이씨엠이바이오는 {name}과 계약했다.", name))


def test_a_disease_named_after_a_person_is_not_a_company():
    text = "Acme Bio agreed to promote Ebixa, an Alzheimer's disease treatment."
    assert not_a_name(*proposed(text, "Alzheimer"))


def test_a_standing_or_region_before_a_kind_of_company_is_not_a_name():
    for name in ("최대 제약", "북아프리카 제약"):
        assert not_a_name(*proposed(f"에이씨엠이바이오는 {name}와 계약했다.", name))


def test_real_names_stay():
    for text, name in (
        ("에이씨엠이바이오는 호프바이오와 계약했다.", "호프바이오"),
        ("에이씨엠이바이오는 대화제약과 계약했다.", "대화제약"),
        ("Shield Therapeutics licensed the drug to Korea Pharma.", "Korea Pharma"),
    ):
        assert not not_a_name(*proposed(text, name))


def test_a_contracts_defined_term_is_not_a_company():
    text = 'Emmaus entered into a license agreement with Kainos ("Licensor").'
    assert not_a_name(*proposed(text, "Licensor"))
