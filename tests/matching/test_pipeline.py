"""Own-pipeline evidence: an organisation's own assets in the index as partner evidence."""

from __future__ import annotations

from dari.matching import AssetProfile, FakeEmbedder, Index, OrgProfile, Weights

WEIGHTS = Weights(pipe_target=1.0, pipe_indication=0.5, pipe_semantic=0.25)

PHARMAS = [
    OrgProfile(id="alpha", name="Alpha Pharma", kind="pharma", country="US",
               description="Global pharma company.", therapeutic_areas=("oncology",)),
    OrgProfile(id="beta", name="Beta Pharma", kind="pharma", country="US",
               description="Global pharma company.", therapeutic_areas=("oncology",)),
    OrgProfile(id="gamma", name="Gamma Bio", kind="biotech", country="US",
               description="Global pharma company.", therapeutic_areas=("oncology",)),
    OrgProfile(id="kr", name="K Biotech", kind="biotech", country="KR"),
]  # fmt: skip

EGFR_KR = AssetProfile(
    id="kr-egfr",
    organization_id="kr",
    name="KB-3",
    description="Third-generation EGFR inhibitor for lung cancer.",
    therapeutic_area="oncology",
    modality="small_molecule",
    stage="phase1",
    targets=("EGFR",),
    indications=("non-small cell lung cancer",),
)


def _own(org: str, name: str, *, public: bool = True, target: str = "EGFR-MET") -> AssetProfile:
    return AssetProfile(
        id=f"{org}-{name}",
        organization_id=org,
        name=name,
        description="Bispecific antibody for lung cancer.",
        therapeutic_area="oncology",
        modality="bispecific_antibody",
        stage="approved",
        targets=(target,),
        indications=("EGFR-mutant non-small cell lung cancer",),
        public=public,
    )


UNRELATED = AssetProfile(
    id="alpha-cd20",
    organization_id="alpha",
    name="Alphamab",
    therapeutic_area="oncology",
    modality="antibody",
    targets=("CD20",),
    indications=("lymphoma",),
)


def _index(assets: list[AssetProfile]) -> Index:
    """Alpha always has an unrelated asset, so that its pipeline is known not to match."""
    every = [EGFR_KR, UNRELATED, *assets]
    return Index(PHARMAS, every, embedder=FakeEmbedder(dim=64), weights=WEIGHTS)


def test_an_own_asset_on_the_same_target_and_indication_ranks_its_owner_first() -> None:
    index = _index([_own("beta", "Amiva")])
    recs = index.recommend_partners(EGFR_KR, top=3)
    assert recs[0].id == "beta"
    assert "their pipeline has Amiva, also against EGFR-MET" in recs[0].reasons
    assert "their pipeline has Amiva in EGFR-mutant non-small cell lung cancer" in recs[0].reasons
    values = index.partner_features(EGFR_KR)
    beta = index._orgs.slot_of["beta"]  # noqa: SLF001
    assert values["pipe_target"][beta] == 1.0
    assert values["pipe_indication"][beta] == 1.0  # every word of the query's indication


def test_a_biotech_with_the_same_target_counts_less_than_a_pharma() -> None:
    index = _index([_own("beta", "Amiva"), _own("gamma", "Gamma-1")])
    values = index.partner_features(EGFR_KR)
    beta, gamma = index._orgs.slot_of["beta"], index._orgs.slot_of["gamma"]  # noqa: SLF001
    assert values["pipe_target"][gamma] < values["pipe_target"][beta]
    assert index.recommend_partners(EGFR_KR, top=1)[0].id == "beta"


def test_an_organisation_without_assets_is_missing_data_not_a_mismatch() -> None:
    index = _index([_own("beta", "Amiva")])
    values = index.partner_features(EGFR_KR)
    slots = index._orgs.slot_of  # noqa: SLF001
    # gamma has no asset: it gets the mean of alpha (no match) and beta (match), x its kind fit
    assert values["pipe_target"][slots["alpha"]] == 0.0
    assert 0.0 < values["pipe_target"][slots["gamma"]] < values["pipe_target"][slots["beta"]]


def test_members_assets_are_evidence_only_for_signed_in_readers() -> None:
    index = _index([_own("beta", "Secretib", public=False)])
    signed_in = index.recommend_partners(EGFR_KR, top=1, members=True)
    assert signed_in[0].id == "beta"
    assert any("Secretib" in r for r in signed_in[0].reasons)
    anonymous = index.recommend_partners(EGFR_KR, top=4, members=False)
    assert all("Secretib" not in r for rec in anonymous for r in rec.reasons)
    values = index.partner_features(EGFR_KR, members=False)
    assert not values["pipe_target"].any()  # nobody has a visible asset: no evidence at all


def test_assets_close_to_an_organisations_own_pipeline_are_suggested_with_the_reason() -> None:
    index = _index([_own("beta", "Amiva")])
    beta = PHARMAS[1]
    recs = index.recommend_assets(beta, top=1)
    assert recs[0].id == "kr-egfr"
    assert "your pipeline has Amiva, also against EGFR-MET" in recs[0].reasons
    hidden = _index([_own("beta", "Secretib", public=False)])
    for rec in hidden.recommend_assets(beta, top=2, members=False):
        assert all("Secretib" not in r for r in rec.reasons)


def test_an_asset_not_offered_is_evidence_but_never_suggested() -> None:
    marketed = AssetProfile(**{**_own("beta", "Amiva").__dict__, "available": False})
    index = _index([marketed])
    alpha = PHARMAS[0]
    assert "beta-Amiva" not in [r.id for r in index.recommend_assets(alpha, top=5)]
    assert index.recommend_partners(EGFR_KR, top=1)[0].id == "beta"
