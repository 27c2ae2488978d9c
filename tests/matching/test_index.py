from dataclasses import replace

import numpy as np
import pytest

from dari.matching import AssetProfile, FakeEmbedder, Index, OrgProfile, Weights
from dari.matching.features import parse_territories, unknown_territories

# Every feature on with equal-ish weights, so these tests do not move when the tuned
# defaults change.
ALL_ON = Weights(
    bm25=1.0,
    semantic=1.0,
    area=1.0,
    modality=1.0,
    stage=0.5,
    deal=0.5,
    target=1.0,
    indication=0.5,
    geography=0.25,
    kind=0.5,
)


def _index(orgs: list[OrgProfile], assets: list[AssetProfile]) -> Index:
    return Index(orgs, assets, embedder=FakeEmbedder(dim=64), weights=ALL_ON)


def test_partner_ranking_order(orgs: list[OrgProfile], assets: list[AssetProfile]) -> None:
    index = _index(orgs, assets)
    her2, glp1, gene = assets
    assert [r.id for r in index.recommend_partners(her2)] == [
        "onco-pharma",
        "metabolic-pharma",
        "neuro-biotech",
    ]
    assert [r.id for r in index.recommend_partners(glp1)] == [
        "metabolic-pharma",
        "onco-pharma",
        "neuro-biotech",
    ]
    assert [r.id for r in index.recommend_partners(gene)][0] == "neuro-biotech"
    assert [r.id for r in index.recommend_partners(her2, top=1)] == ["onco-pharma"]


def test_scores_are_descending(orgs: list[OrgProfile], assets: list[AssetProfile]) -> None:
    recs = _index(orgs, assets).recommend_partners(assets[0])
    scores = [r.score for r in recs]
    assert scores == sorted(scores, reverse=True)


def test_own_organisation_is_excluded(orgs: list[OrgProfile], assets: list[AssetProfile]) -> None:
    index = _index(orgs, assets)
    her2 = assets[0]  # owned by kr-biotech, itself an oncology ADC company
    assert "kr-biotech" not in [r.id for r in index.recommend_partners(her2, top=10)]
    gene = assets[2]  # owned by onco-pharma
    assert "onco-pharma" not in [r.id for r in index.recommend_partners(gene, top=10)]
    # and an organisation never sees its own assets
    assert [r.id for r in index.recommend_assets(orgs[3])] == ["pd-gene"]
    assert "pd-gene" not in [r.id for r in index.recommend_assets(orgs[0])]


def test_partner_reasons_text(orgs: list[OrgProfile], assets: list[AssetProfile]) -> None:
    top = _index(orgs, assets).recommend_partners(assets[0])[0]
    assert top.id == "onco-pharma"
    assert top.reasons == [
        "oncology ADC: in their stated interests",
        "target HER2: named in their profile",
        # no "shared key terms: antibody, breast, conjugate, cancer": the other reasons name
        # the antibody-drug conjugate, breast cancer and oncology (tests/matching/test_shared_terms.py)
        "their statement \u201cWe seek antibody-drug conjugates against HER2 and B7-H3 for solid "
        "tumours.\u201d is close to this asset's description",
        "phase 1: within the stages they license",
        "open to licensing, which they look for",
        "breast cancer: named in their profile",
        "a pharma company, the usual partner for licensing",
        "based in the UK, within the territories on offer (global ex-KR)",
    ]


def test_asset_recommendations_and_reasons(
    orgs: list[OrgProfile], assets: list[AssetProfile]
) -> None:
    recs = _index(orgs, assets).recommend_assets(orgs[1])  # metabolic pharma
    assert [r.id for r in recs] == ["glp1-oral", "her2-adc", "pd-gene"]
    assert recs[0].reasons[:2] == [
        "metabolic small molecule: in your stated interests",
        "shares key terms with your profile: GLP-1, oral",
    ]
    # obesity is not repeated as a shared term: the indication reason names it; "agonist"
    # and "GLP-1" are one concept of the asset's text (GLP-1 receptor agonist)
    assert "obesity: named in your profile" in recs[0].reasons
    assert "the owner is open to licensing, which you look for" in recs[0].reasons


def test_semantic_reason_quotes_their_statement(
    orgs: list[OrgProfile], assets: list[AssetProfile]
) -> None:
    index = Index(
        orgs,
        assets,
        embedder=FakeEmbedder(),
        weights=replace(ALL_ON, semantic_reason_min_cosine=0.1),
    )
    reasons = index.recommend_partners(assets[1])[0].reasons
    assert (
        "their statement \u201cOral GLP-1 agonists and new mechanisms for obesity.\u201d "
        "is close to this asset's description"
    ) in reasons


def test_the_quoted_statement_is_the_organisation_s_own_without_its_korean_name(
    orgs: list[OrgProfile], assets: list[AssetProfile]
) -> None:
    """The Korean name was put at the start of the description to be indexed, so quotes read
    "“코오롱생명과학 Korean company that…”": the name is indexed, not quoted."""
    statement = "Oral GLP-1 agonists and new mechanisms for obesity."
    plain = [
        replace(o, interest_description="", description=statement)
        if o.id == "metabolic-pharma"
        else o
        for o in orgs
    ]
    named = [replace(o, name_ko="메타볼릭제약") if o.id == "metabolic-pharma" else o for o in plain]
    old_way = [
        replace(o, description=f"메타볼릭제약 {statement}") if o.id == "metabolic-pharma" else o
        for o in plain
    ]
    weights = replace(ALL_ON, semantic_reason_min_cosine=0.1)
    index = Index(named, assets, embedder=FakeEmbedder(), weights=weights)
    before = Index(old_way, assets, embedder=FakeEmbedder(), weights=weights)
    recs = index.recommend_partners(assets[1])
    assert recs[0].id == "metabolic-pharma"
    assert f"their statement “{statement}” is close to this asset's description" in recs[0].reasons
    # the name is still indexed: the same ranking and scores as with it in the description
    for asset in assets:
        now, then = index.recommend_partners(asset), before.recommend_partners(asset)
        assert [(r.id, r.score) for r in now] == [(r.id, r.score) for r in then]
    assert [(r.id, r.score) for r in index.recommend_assets(named[1])] == [
        (r.id, r.score) for r in before.recommend_assets(old_way[1])
    ]


def _same(a: Index, b: Index, orgs: list[OrgProfile], assets: list[AssetProfile]) -> None:
    for asset in assets:
        ra, rb = a.recommend_partners(asset), b.recommend_partners(asset)
        assert [(r.id, r.reasons) for r in ra] == [(r.id, r.reasons) for r in rb]
        assert [r.score for r in ra] == pytest.approx([r.score for r in rb])
    for org in orgs:
        ra, rb = a.recommend_assets(org), b.recommend_assets(org)
        assert [(r.id, r.reasons) for r in ra] == [(r.id, r.reasons) for r in rb]
        assert [r.score for r in ra] == pytest.approx([r.score for r in rb])


def test_incremental_updates_equal_rebuild(
    orgs: list[OrgProfile], assets: list[AssetProfile]
) -> None:
    index = _index(orgs[:2], assets[:1])
    index.upsert_org(orgs[2])
    index.upsert_org(orgs[3])
    index.upsert_asset(assets[1])
    index.upsert_asset(assets[2])
    changed_org = replace(
        orgs[1], interest_description="Now focused on HER2 breast cancer ADCs.", kind="biotech"
    )
    index.upsert_org(changed_org)
    changed_asset = replace(assets[1], stage="phase2", targets=("GLP-1R", "GIPR"))
    index.upsert_asset(changed_asset)
    extra = OrgProfile(id="temp", name="Temp", kind="pharma", description="HER2 ADC licensing")
    index.upsert_org(extra)
    index.remove_org("temp")
    index.remove_asset("her2-adc")
    index.upsert_asset(assets[0])  # re-added into a reused slot
    final_orgs = [orgs[0], changed_org, orgs[2], orgs[3]]
    final_assets = [assets[0], changed_asset, assets[2]]
    assert index.n_orgs == 4 and index.n_assets == 3
    _same(index, _index(final_orgs, final_assets), final_orgs, final_assets)


def test_removed_profiles_are_never_recommended(
    orgs: list[OrgProfile], assets: list[AssetProfile]
) -> None:
    index = _index(orgs, assets)
    index.remove_org("onco-pharma")
    index.remove_asset("glp1-oral")
    assert "onco-pharma" not in [r.id for r in index.recommend_partners(assets[0])]
    assert "glp1-oral" not in [r.id for r in index.recommend_assets(orgs[1])]
    index.remove_org("unknown")  # no error


def test_query_profile_need_not_be_indexed(
    orgs: list[OrgProfile], assets: list[AssetProfile]
) -> None:
    index = _index(orgs, [])
    draft = replace(assets[0], id="draft")
    assert index.recommend_partners(draft)[0].id == "onco-pharma"
    assert _index([], assets).recommend_assets(orgs[0])[0].id == "her2-adc"
    assert _index([], []).recommend_assets(orgs[0]) == []


def test_feature_values(orgs: list[OrgProfile], assets: list[AssetProfile]) -> None:
    index = _index(orgs, assets)
    values = index.partner_features(assets[0])
    # slots follow insertion order: onco, metabolic, neuro, kr-biotech
    assert values["area"].tolist() == [1.0, 0.0, 0.0, 0.75]
    assert values["modality"].tolist() == [1.0, 0.0, 0.0, 0.75]
    # only onco-pharma states stages (phase 1-2); the others say nothing, which rules nothing out
    assert values["stage"].tolist() == [1.0, 1.0, 1.0, 1.0]
    assert values["target"].tolist() == [1.0, 0.0, 0.0, 0.0]
    assert values["geography"].tolist() == [1.0, 1.0, 1.0, 0.0]
    assert values["kind"].tolist() == [1.0, 1.0, 0.6, 0.6]
    assert float(np.max(values["bm25"])) == 1.0


def test_a_stated_restriction_counts_against_silence_does_not(
    orgs: list[OrgProfile], assets: list[AssetProfile]
) -> None:
    """Stages licensed, deal types sought and territories on offer only count against a pair
    when one side states them and they leave the other out."""
    index = _index(orgs, assets)
    glp1 = assets[1]  # preclinical, no territory stated
    values = index.partner_features(glp1)
    # onco-pharma licenses phase 1-2: preclinical is next to it; the others are silent
    assert values["stage"].tolist() == [0.5, 1.0, 1.0, 1.0]
    assert values["geography"].tolist() == [1.0, 1.0, 1.0, 1.0]
    late = replace(glp1, id="late", stage="approved", territories=("Greater China",))
    values = index.partner_features(late)
    assert values["stage"].tolist() == [0.0, 1.0, 1.0, 1.0]
    assert values["geography"].tolist() == [0.0, 0.0, 0.0, 0.0]  # GB, DK, US, KR
    # and a silent partner is not ranked below an identical one that states the restriction
    talkative = replace(orgs[1], id="talkative", interest_stages=("preclinical",))
    both = _index([orgs[1], talkative], [])
    scores = {r.id: r.score for r in both.recommend_partners(glp1)}
    assert scores["metabolic-pharma"] == pytest.approx(scores["talkative"], abs=0.05)
    # a reason for stages is only given when they are stated
    silent = both.score_partner(glp1, "metabolic-pharma")
    assert silent is not None
    assert not any("stages they license" in r for r in silent.reasons)


def test_geography_is_the_same_from_both_sides() -> None:
    """An organisation without a country: an asset without territories rules nothing out
    (OPEN) and one with territories cannot be judged (NEUTRAL), whichever side asks."""
    nowhere = OrgProfile(id="nowhere", name="Nowhere Co", kind="pharma", country=None)
    open_asset = AssetProfile(id="open", organization_id="kr", name="Open")
    china_only = replace(open_asset, id="cn", territories=("Greater China",))
    index = _index([nowhere], [open_asset, china_only])
    from_assets = [
        float(index.partner_features(a)["geography"][0]) for a in (open_asset, china_only)
    ]
    assert from_assets == index.asset_features(nowhere)["geography"].tolist() == [1.0, 0.3]


def test_related_area_counts_half_and_says_so() -> None:
    derm = OrgProfile(
        id="derm", name="Derm Co", kind="pharma", country="JP", therapeutic_areas=("dermatology",)
    )
    eye = OrgProfile(
        id="eye", name="Eye Co", kind="pharma", country="JP", therapeutic_areas=("ophthalmology",)
    )
    asset = AssetProfile(
        id="ige", organization_id="kr", name="IgE trap", therapeutic_area="immunology"
    )
    index = _index([derm, eye], [])
    values = index.partner_features(asset)
    assert values["area"].tolist() == [0.5, 0.0]
    rec = index.score_partner(asset, "derm")
    assert rec is not None
    assert "immunology: next to areas they work in (dermatology)" in rec.reasons
    # and the same from the organisation's side
    assets_index = _index([], [asset])
    (found,) = assets_index.recommend_assets(derm)
    assert "immunology: next to areas you work in (dermatology)" in found.reasons


def test_a_biosimilar_goes_to_those_who_name_biosimilars() -> None:
    generic = OrgProfile(
        id="generic",
        name="Generic Co",
        kind="pharma",
        country="IL",
        therapeutic_areas=("oncology",),
        description="Generics and specialty medicines group that also sells biosimilars.",
    )
    novel = OrgProfile(
        id="novel",
        name="Novel Co",
        kind="pharma",
        country="US",
        therapeutic_areas=("oncology",),
        description="Discovers first-in-class antibodies for cancer.",
    )
    ko = OrgProfile(
        id="ko",
        name="KO Co",
        kind="pharma",
        country="KR",
        therapeutic_areas=("oncology",),
        description="바이오시밀러와 개량신약을 개발하는 제약사.",
    )
    biosimilar = AssetProfile(
        id="ritux",
        organization_id="kr",
        name="Rituximab biosimilar",
        description="A proposed biosimilar to rituximab.",
        therapeutic_area="oncology",
        modality="antibody",
    )
    original = replace(biosimilar, id="new-ab", name="Anti-CD20 antibody", description="A new one.")
    index = _index([generic, novel, ko], [biosimilar, original])
    assert index.partner_features(biosimilar)["business"].tolist() == [1.0, 0.0, 1.0]
    assert index.partner_features(original)["business"].tolist() == [1.0, 1.0, 1.0]
    rec = index.score_partner(biosimilar, "generic")
    assert rec is not None
    assert "biosimilar: a line of business named in their profile" in rec.reasons
    # from the organisations' side: the novel-drug company is not shown biosimilars
    assert index.asset_features(novel)["business"].tolist() == [0.0, 1.0]
    assert index.asset_features(generic)["business"].tolist() == [1.0, 1.0]


def test_territories() -> None:
    t = parse_territories(["global ex-KR"])
    assert t.covers("US") and not t.covers("KR")
    assert parse_territories(["Greater China"]).covers("TW")
    assert not parse_territories(["US, EU"]).covers("JP")
    assert parse_territories(["US, EU"]).covers("DE")
    assert parse_territories(["ex-Asia"]).covers("US")
    assert not parse_territories([]).known
    assert parse_territories(["Middle East and North Africa"]).covers("EG")
    assert parse_territories(["global ex-Korea", "global ex-China"]).exclude == {"KR", "CN"}
    assert parse_territories(["Brazil"]).covers("BR")
    assert not parse_territories(["global"]).restricts
    assert parse_territories(["global ex-Korea"]).restricts
    assert parse_territories(["Türkiye", "mainland China"]).include == {"TR", "CN"}
    assert parse_territories(["China and Japan"]).include == {"CN", "JP"}
    assert not parse_territories(["Narnia"]).known  # unknown names say nothing
    assert unknown_territories(["Japan", "Narnia", " ", "global ex-Korea"]) == ["Narnia"]
    # Korean names and exclusions
    assert parse_territories(["중화권"]).include == {"CN", "HK", "MO", "TW"}
    assert parse_territories(["중국 및 일본"]).include == {"CN", "JP"}
    for text in ("한국 제외 전 세계", "전 세계(한국 제외)", "한국 제외"):
        t = parse_territories([text])
        assert (t.is_global, t.exclude) == (True, {"KR"}), text
    assert unknown_territories(["동남아시아", "나니아"]) == ["나니아"]


def test_score_partner_is_the_same_as_in_the_ranking(
    orgs: list[OrgProfile], assets: list[AssetProfile]
) -> None:
    index = Index(orgs, assets, embedder=FakeEmbedder(dim=64))
    asset = assets[0]
    for rec in index.recommend_partners(asset, top=len(orgs)):
        assert index.score_partner(asset, rec.id) == rec
    assert index.score_partner(asset, asset.organization_id) is None  # its own organisation
    assert index.score_partner(asset, "nobody") is None


def test_the_embedding_cache_is_written_only_when_it_changed(tmp_path) -> None:
    from dari.matching import CachedEmbedder

    path = tmp_path / "cache" / "embeddings.npz"
    first = CachedEmbedder(FakeEmbedder(dim=16), path)
    assert first.save_if_changed() is False and not path.exists()  # nothing embedded yet
    vectors = first.embed(["HER2 ADC", "GLP-1 agonist"])
    assert first.save_if_changed() is True and path.exists()
    assert first.save_if_changed() is False  # saved already
    warm = CachedEmbedder(FakeEmbedder(dim=16), path)  # a new process, fully warm
    np.testing.assert_array_equal(warm.embed(["HER2 ADC", "GLP-1 agonist"]), vectors)
    assert (warm.misses, warm.save_if_changed()) == (0, False)
    assert [p.name for p in path.parent.iterdir()] == ["embeddings.npz"]  # no temp left
