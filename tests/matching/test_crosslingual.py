"""The real multilingual embedder: Korean profiles find English ones and the reverse."""

import numpy as np
import pytest

from dari.matching import AssetProfile, Index, OrgProfile, UseEmbedder, Weights

pytestmark = pytest.mark.slow

# Text only: structured fields are left empty so the embedding alone must decide.
TEXT_ONLY = Weights(
    bm25=0.0,
    semantic=1.0,
    area=0,
    modality=0,
    stage=0,
    deal=0,
    target=0,
    indication=0,
    geography=0,
    kind=0,
)

ORGS = [
    OrgProfile(
        id="en-obesity",
        name="Metabolic Co",
        kind="pharma",
        interest_description="We are looking for new medicines for obesity and type 2 diabetes, "
        "such as weight-loss drugs that reduce appetite.",
    ),
    OrgProfile(
        id="en-cancer",
        name="Oncology Co",
        kind="pharma",
        interest_description="We license antibody-drug conjugates that kill breast and lung "
        "cancer cells.",
    ),
    OrgProfile(
        id="en-eye",
        name="Eye Co",
        kind="pharma",
        interest_description="Treatments for retinal diseases such as macular degeneration "
        "that cause vision loss.",
    ),
    OrgProfile(
        id="ko-vaccine",
        name="백신 회사",
        kind="pharma",
        interest_description="독감과 코로나바이러스 감염을 예방하는 백신을 찾고 있습니다.",
    ),
    OrgProfile(
        id="ko-brain",
        name="뇌질환 회사",
        kind="pharma",
        interest_description="알츠하이머병과 치매 환자의 기억력 저하를 늦추는 치료제를 찾습니다.",
    ),
]


@pytest.fixture(scope="module")
def index() -> Index:
    return Index(ORGS, [], embedder=UseEmbedder(), weights=TEXT_ONLY)


def test_korean_asset_finds_english_partner(index: Index) -> None:
    asset = AssetProfile(
        id="ko-asset",
        organization_id="someone",
        name="비만 치료제",
        description="식욕을 줄여 체중을 감량하는 비만 및 제2형 당뇨병 치료제입니다.",
    )
    assert index.recommend_partners(asset, top=1)[0].id == "en-obesity"
    asset2 = AssetProfile(
        id="ko-asset-2",
        organization_id="someone",
        name="항암제",
        description="유방암과 폐암 세포를 죽이는 항체약물접합체입니다.",
    )
    assert index.recommend_partners(asset2, top=1)[0].id == "en-cancer"


def test_english_asset_finds_korean_partner(index: Index) -> None:
    asset = AssetProfile(
        id="en-asset",
        organization_id="someone",
        name="Flu shot",
        description="A vaccine that prevents influenza infection.",
    )
    assert index.recommend_partners(asset, top=1)[0].id == "ko-vaccine"
    asset2 = AssetProfile(
        id="en-asset-2",
        organization_id="someone",
        name="Memory drug",
        description="Slows memory decline in patients with Alzheimer's disease and dementia.",
    )
    assert index.recommend_partners(asset2, top=1)[0].id == "ko-brain"


def test_korean_org_sees_english_assets() -> None:
    assets = [
        AssetProfile(
            id="a-eye",
            organization_id="x",
            name="Eye drug",
            description="Gene therapy for wet age-related macular degeneration.",
        ),
        AssetProfile(
            id="a-flu",
            organization_id="x",
            name="Flu vaccine",
            description="mRNA vaccine against seasonal influenza.",
        ),
        AssetProfile(
            id="a-fat",
            organization_id="x",
            name="Obesity drug",
            description="Oral pill for weight loss in obesity.",
        ),
    ]
    index = Index([], assets, embedder=UseEmbedder(), weights=TEXT_ONLY)
    ranked = index.recommend_assets(ORGS[3], top=3)
    assert ranked[0].id == "a-flu"


@pytest.mark.slow
def test_worker_processes_embed_the_same_as_one_process() -> None:
    texts = [
        f"{i}: 항체-약물 접합체 antibody-drug conjugate against HER2, batch {i}" for i in range(9)
    ]
    single = UseEmbedder(batch_size=4).embed(texts)
    spread = UseEmbedder(batch_size=4, processes=2)
    try:
        parallel = spread.embed(texts)  # three batches over two workers
        assert spread.embed(texts[:2]).shape == (2, 512)  # one batch: in process
    finally:
        spread.close()
    assert parallel.shape == (9, 512)
    np.testing.assert_allclose(parallel, single, atol=1e-5)
