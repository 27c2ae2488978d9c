"""Deal history as evidence: features, reasons, recency, and the coarse first pass."""

from __future__ import annotations

import random

import numpy as np
import pytest

from dari.matching import (
    AssetProfile,
    DealHistory,
    DealRecord,
    FakeEmbedder,
    Index,
    OrgProfile,
    Weights,
    scoring,
    store,
)
from dari.matching.history import saturate

HISTORY = [
    DealRecord("onco-pharma", "lc", "adc", "oncology", ("TROP2",), 2023, licensor_name="LigaChem",
               licensor_country="KR"),
    DealRecord("onco-pharma", "kelun", "adc", "oncology", ("TROP2",), 2022,
               licensor_name="Kelun", licensor_country="CN"),
    DealRecord("metabolic-pharma", "hanmi", "protein_peptide", "metabolic", ("GLP-1R",), 2020,
               licensor_name="Hanmi", licensor_country="KR"),
]  # fmt: skip


def _index(orgs: list[OrgProfile], assets: list[AssetProfile], **kw: object) -> Index:
    return Index(orgs, assets, embedder=FakeEmbedder(dim=64), **kw)  # type: ignore[arg-type]


def test_history_features_and_reasons(orgs: list[OrgProfile], assets: list[AssetProfile]) -> None:
    index = _index(orgs, assets, history=HISTORY)
    her2 = assets[0]  # an ADC of kr-biotech (KR)
    values = index.partner_features(her2)
    slot = index._orgs.slot_of["onco-pharma"]  # noqa: SLF001
    other = index._orgs.slot_of["neuro-biotech"]  # noqa: SLF001
    metabolic = index._orgs.slot_of["metabolic-pharma"]  # noqa: SLF001
    assert values["hist_modality"][slot] > 0.5 > values["hist_modality"][metabolic] == 0.0
    # No deal on record is missing data: the mean of the licensees on record, not 0.
    known = (values["hist_modality"][slot] + values["hist_modality"][metabolic]) / 2
    assert values["hist_modality"][other] == pytest.approx(known)
    assert values["hist_area"][slot] > 0.5
    assert values["hist_country"][slot] > 0.0  # one Korean licensor among its deals
    assert values["activity"][slot] == pytest.approx(1.0)  # the busiest licensee
    recs = index.recommend_partners(her2)
    assert recs[0].id == "onco-pharma"
    reasons = recs[0].reasons
    assert "in-licensed 2 ADC assets since 2022, e.g. from LigaChem, Kelun" in reasons
    assert "in-licensed from Korea before: 1 deal since 2023, e.g. from LigaChem" in reasons
    # Area and activity rest on the same two deals as the modality reason: given once.
    assert "an active licensee: 2 deals on record since 2022" not in reasons
    assert not any(r.startswith("in-licensed 2 oncology assets") for r in reasons)


def test_target_and_repeat_partner(orgs: list[OrgProfile], assets: list[AssetProfile]) -> None:
    trop2 = AssetProfile(
        id="trop2",
        organization_id="lc",
        name="LCB-X",
        modality="adc",
        therapeutic_area="oncology",
        targets=("TROP2",),
    )
    index = _index(orgs, assets, history=HISTORY)
    rec = next(r for r in index.recommend_partners(trop2) if r.id == "onco-pharma")
    assert "in-licensed 2 assets against TROP2 since 2022, e.g. from LigaChem, Kelun" in rec.reasons
    assert "licensed from LigaChem before: 1 deal since 2023" in rec.reasons


def test_asset_side_reasons(orgs: list[OrgProfile], assets: list[AssetProfile]) -> None:
    index = _index(orgs, assets, history=HISTORY)
    recs = index.recommend_assets(orgs[1])  # metabolic-pharma, in-licensed from Hanmi (KR)
    glp1 = next(r for r in recs if r.id == "glp1-oral")
    assert "you in-licensed 1 asset against GLP-1R since 2020, e.g. from Hanmi" in glp1.reasons
    # The same single deal also gives area, modality and country: only the most specific.
    assert sum("from Hanmi" in r for r in glp1.reasons) == 1


def test_no_history_changes_nothing(orgs: list[OrgProfile], assets: list[AssetProfile]) -> None:
    plain = _index(orgs, assets)
    empty = _index(orgs, assets, history=[])
    for asset in assets:
        assert plain.recommend_partners(asset) == empty.recommend_partners(asset)
        values = empty.partner_features(asset)
        assert all(not values[f].any() for f in ("hist_modality", "activity"))


def test_recency_and_saturation() -> None:
    old = DealRecord("a", "x", "adc", year=2013)
    new = DealRecord("a", "y", "adc", year=2025)
    history = DealHistory([old, new], as_of=2025, half_life=6.0)
    assert history.weight(new) == 1.0
    assert history.weight(old) == pytest.approx(0.25)
    assert saturate(1.0) == 0.5 and saturate(2.0) == 0.75
    undated = DealHistory([DealRecord("a", "x", "adc")])
    assert undated.by_licensee["a"].total.weight == 0.5


def test_set_history_replaces_it(orgs: list[OrgProfile], assets: list[AssetProfile]) -> None:
    index = _index(orgs, assets, history=HISTORY)
    index.set_history(None)
    assert not index.partner_features(assets[0])["hist_modality"].any()


def test_coarse_pass_matches_exact_scores(monkeypatch: pytest.MonkeyPatch) -> None:
    """Above COARSE_MIN assets, recommend_assets scans a 128-d projection and re-scores its
    best rows exactly; on this data its top 10 equals the exact one."""
    rng = random.Random(3)
    words = "adc antibody her2 trop2 glp1 obesity cancer lung breast liver oral gene cell".split()
    assets = [
        AssetProfile(
            id=f"a{i}",
            organization_id=f"o{i % 7}",
            name=f"A{i}",
            description=" ".join(rng.choice(words) for _ in range(8)),
            therapeutic_area=rng.choice(["oncology", "metabolic"]),
            modality=rng.choice(["adc", "antibody", "small_molecule"]),
        )
        for i in range(600)
    ]
    org = OrgProfile(
        id="q", name="Q", kind="pharma", interest_description="her2 adc for breast cancer"
    )
    weights = Weights(semantic=2.0)
    exact = Index([org], assets, embedder=FakeEmbedder(dim=256), weights=weights)
    monkeypatch.setattr(store, "COARSE_MIN", 100)
    monkeypatch.setattr(scoring, "RERANK_MIN", 50)
    coarse = Index([org], assets, embedder=FakeEmbedder(dim=256), weights=weights)
    assert coarse._assets.proj is not None  # noqa: SLF001
    got = coarse.recommend_assets(org, top=10)
    want = exact.recommend_assets(org, top=10)
    assert [r.id for r in got] == [r.id for r in want]
    assert np.allclose([r.score for r in got], [r.score for r in want], atol=1e-5)
