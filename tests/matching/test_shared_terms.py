"""The "shared key terms" reason names concrete overlaps a reader recognises (issue 15 part
3): a disease named in several words is one term (in Korean, the glossary's Korean name), a
company named in both texts is its name (never syllables such as "chong", "kun"), and no
term repeats what another reason of the pair already says."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest

from dari.matching import AssetProfile, FakeEmbedder, Index, OrgProfile, Weights
from dari.matching import reasons as reasons_module
from dari.matching.glossary import glossary
from dari.matching.keyterms import is_key_term
from dari.matching.reasons import PARTNER_REASONS

TEXT_ONLY = Weights(
    bm25=1.0, semantic=0.0, area=1.0, modality=1.0, stage=0.0, deal=0.0, target=1.0,
    indication=1.0, geography=0.0, kind=0.0, business=1.0,
)  # fmt: skip


def _org(id_: str, name: str, text: str, **kw: object) -> OrgProfile:
    return OrgProfile(id=id_, name=name, kind="pharma", description=text, **kw)  # type: ignore[arg-type]


def _terms(asset: AssetProfile, orgs: list[OrgProfile], org_id: str) -> list[str]:
    index = Index(orgs, [asset], embedder=FakeEmbedder(dim=64), weights=TEXT_ONLY)
    prefix = PARTNER_REASONS["terms"].split("{terms}")[0]
    prefix = reasons_module.translate(PARTNER_REASONS["terms"]).split("{terms}")[0]
    for rec in index.recommend_partners(asset, top=10):
        if rec.id == org_id:
            return [
                t for r in rec.reasons if r.startswith(prefix) for t in r[len(prefix) :].split(", ")
            ]
    raise AssertionError(f"{org_id} not suggested")


@pytest.fixture
def korean_terms() -> Iterator[None]:
    """A Korean reader's term translator, as the web app installs it (core.names.term_name)."""
    saved = reasons_module.set_term_translator(lambda t: glossary().korean(t) or t)
    yield
    reasons_module.set_term_translator(saved)


DERM = AssetProfile(
    id="jak",
    organization_id="kr-owner",
    name="KO-1",
    description="Oral JAK1 inhibitor for atopic dermatitis and rheumatoid arthritis.",
    therapeutic_area="immunology",
    modality="small_molecule",
)
DERM_ORGS = [
    _org("kr-owner", "Owner Pharm", "Korean drug maker."),
    _org(
        "derm",
        "Derm Co",
        "We seek inhibitor programmes in atopic dermatitis and rheumatoid arthritis.",
    ),
    _org("other", "Other Co", "Vaccines."),
]


def test_a_disease_named_in_several_words_is_one_term() -> None:
    terms = _terms(DERM, DERM_ORGS, "derm")
    assert "atopic dermatitis" in terms and "rheumatoid arthritis" in terms
    assert not {"atopic", "dermatitis", "rheumatoid", "arthritis"} & set(terms)


def test_a_korean_reader_sees_the_glossary_s_korean_name(korean_terms: None) -> None:
    terms = _terms(DERM, DERM_ORGS, "derm")
    assert "아토피피부염" in terms and "류마티스관절염" in terms
    assert [t for t in terms if t.isascii() and glossary().korean(t)] == []


def test_a_word_of_a_narrower_disease_is_shown_as_the_broader_one_both_name(
    korean_terms: None,
) -> None:
    """The asset names HER2-positive gastric cancer, the organisation gastric cancer: a Korean
    reader saw "gastric"; the concept both name is 위암."""
    asset = AssetProfile(
        id="her2",
        organization_id="kr-owner",
        name="KO-2",
        description="Bispecific antibody for HER2-positive gastric cancer.",
        therapeutic_area="oncology",
        modality="bispecific_antibody",
    )
    orgs = [*DERM_ORGS, _org("gi", "GI Co", "Our focus is gastric cancer and its metastases.")]
    terms = _terms(asset, orgs, "gi")
    assert "위암" in terms
    assert "gastric" not in terms


def test_a_company_both_name_is_its_name_never_its_syllables() -> None:
    asset = AssetProfile(
        id="ckd",
        organization_id="kr-owner",
        name="KO-3",
        description="HDAC6 inhibitor for Charcot-Marie-Tooth disease, licensed from Chong Kun Dang.",
        therapeutic_area="neurology",
        modality="small_molecule",
    )
    orgs = [
        *DERM_ORGS,
        _org("ckd", "Chong Kun Dang Pharmaceutical", "Korean pharma company."),
        _org("partner", "Partner Co", "Partnered with Chong Kun Dang on HDAC6 inhibitors."),
    ]
    terms = _terms(asset, orgs, "partner")
    assert not {"chong", "kun", "dang"} & {t.lower() for t in terms}
    assert "Chong Kun Dang" in terms


def test_a_term_never_repeats_another_reason() -> None:
    """A biosimilar's business reason already says "biosimilar"; an indication reason the
    disease; the modality reason the modality (its words "antibody", "conjugate")."""
    asset = AssetProfile(
        id="bs",
        organization_id="kr-owner",
        name="KO-4",
        description="Adalimumab biosimilar antibody for psoriasis.",
        therapeutic_area="immunology",
        modality="antibody",
        indications=("psoriasis",),
    )
    orgs = [
        *DERM_ORGS,
        _org(
            "bsco",
            "BS Co",
            "Maker of biosimilars: adalimumab and antibody medicines for psoriasis.",
            modalities=("antibody",),
        ),
    ]
    index = Index(orgs, [asset], embedder=FakeEmbedder(dim=64), weights=TEXT_ONLY)
    rec = next(r for r in index.recommend_partners(asset) if r.id == "bsco")
    assert "biosimilar: a line of business named in their profile" in rec.reasons
    assert "psoriasis: named in their profile" in rec.reasons
    assert "their profile shares key terms: adalimumab" in rec.reasons


@pytest.mark.parametrize(
    "word", ["took", "ran", "won", "sells", "entered", "countries", "billion", "fda", "mfds"]
)
def test_news_verbs_and_regulators_are_not_key_terms(word: str) -> None:
    """Seen shared between real pairs: "took", "countries", "MFDS" say nothing of the asset."""
    assert is_key_term(word) is False


def test_a_term_another_reason_already_says_is_left_out() -> None:
    """Seen on real pairs: "preclinical" shared beside "preclinical: within the stages they
    license", "psoriasis" beside "their pipeline has Cosentyx in plaque psoriasis"."""
    asset = AssetProfile(
        id="pre",
        organization_id="kr-owner",
        name="KO-5",
        description="Preclinical JAK1 inhibitor for alopecia.",
        therapeutic_area="dermatology",
        modality="small_molecule",
        stage="preclinical",
    )
    orgs = [
        *DERM_ORGS,
        _org(
            "hair",
            "Hair Co",
            "Licenses preclinical inhibitor programmes in alopecia.",
            interest_stages=("preclinical",),
        ),
    ]
    weights = replace(TEXT_ONLY, stage=0.5)
    index = Index(orgs, [asset], embedder=FakeEmbedder(dim=64), weights=weights)
    rec = next(r for r in index.recommend_partners(asset) if r.id == "hair")
    assert "preclinical: within the stages they license" in rec.reasons
    terms = [r for r in rec.reasons if r.startswith("their profile shares key terms")]
    assert terms and "preclinical" not in terms[0]


def test_names_are_found_as_the_text_writes_them_and_plain_words_are_not_names() -> None:
    from dari.matching.shared_terms import name_variants, names_in

    names = [
        v
        for n in ("Johnson & Johnson", "Yuhan Corporation", "Fusion Pharmaceuticals", "Eli Lilly")
        for v in name_variants(n)
    ]
    text = "Licensed to Johnson & Johnson, then Yuhan; a fusion protein. Fusion of two domains."
    assert sorted(names_in(text, names).values()) == ["Johnson & Johnson", "Yuhan"]


def test_a_korean_reader_sees_a_company_both_name_by_its_korean_name() -> None:
    """The matching core knew only the English name, so a Korean reader read "Chong Kun Dang"
    where the company has a Korean name (종근당)."""
    asset = AssetProfile(
        id="ckd",
        organization_id="kr-owner",
        name="KO-3",
        description="HDAC6 inhibitor for Charcot-Marie-Tooth disease, licensed from Chong Kun Dang"
        " and co-developed with Yuhan.",
        therapeutic_area="neurology",
        modality="small_molecule",
    )
    orgs = [
        *DERM_ORGS,
        _org("ckd", "Chong Kun Dang Pharmaceutical", "Korean pharma company.", name_ko="종근당"),
        _org("yuhan", "Yuhan Corporation", "Korean pharma company.", name_ko="유한양행"),
        _org("partner", "Partner Co", "Partnered with Chong Kun Dang and Yuhan."),
    ]
    english = _terms(asset, orgs, "partner")
    saved = reasons_module.set_name_chooser(lambda name, name_ko: name_ko or name)
    try:
        korean = _terms(asset, orgs, "partner")
    finally:
        reasons_module.set_name_chooser(saved)
    assert {"Chong Kun Dang", "Yuhan"} <= set(english)
    assert {"종근당", "유한양행"} <= set(korean)
    assert not {"Chong Kun Dang", "Yuhan"} & set(korean)


def test_a_name_two_companies_share_stays_as_written_for_a_korean_reader() -> None:
    """ "Dong-A" is Dong-A ST (동아에스티) or Dong-A University (동아대학교): which Korean name was
    shown depended on the order of a set; the name as the text writes it is shown instead."""
    asset = AssetProfile(
        id="dong",
        organization_id="kr-owner",
        name="KO-4",
        description="HDAC6 inhibitor for Charcot-Marie-Tooth disease, licensed from Dong-A.",
        therapeutic_area="neurology",
        modality="small_molecule",
    )
    orgs = [
        *DERM_ORGS,
        _org("dong-a-st", "Dong-A ST", "Korean pharma company.", name_ko="동아에스티"),
        _org("dong-a-u", "Dong-A University", "Korean university.", name_ko="동아대학교"),
        _org("partner", "Partner Co", "Partnered with Dong-A."),
    ]
    saved = reasons_module.set_name_chooser(lambda name, name_ko: name_ko or name)
    try:
        korean = _terms(asset, orgs, "partner")
    finally:
        reasons_module.set_name_chooser(saved)
    assert "Dong-A" in korean
    assert not {"동아에스티", "동아대학교"} & set(korean)
