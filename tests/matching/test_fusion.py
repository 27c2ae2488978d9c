"""The partner ranking by channel fusion (dari/matching/fusion.py)."""

from dataclasses import replace

import numpy as np
import pytest

from dari.matching import AssetProfile, DealRecord, FakeEmbedder, Index, OrgProfile, Weights
from dari.matching.fusion import FUSION, HIST_KNOWN, competition_ranks, fuse
from dari.matching.weights import FEATURES


def test_competition_ranks_share_the_best_rank_and_skip_ineligible() -> None:
    values = np.array([0.5, 1.0, 0.5, 0.0, 2.0])
    eligible = np.array([True, True, True, True, False])
    assert competition_ranks(values, eligible).tolist() == [2.0, 1.0, 2.0, 4.0, np.inf]


def _values(n: int, **columns: list[float]) -> dict[str, np.ndarray]:
    out = {f: np.zeros(n) for f in FEATURES}
    out["geography"] = np.ones(n)
    out[HIST_KNOWN] = np.zeros(n)
    for name, column in columns.items():
        out[name] = np.asarray(column, dtype=float)
    return out


def test_first_in_every_channel_scores_one_and_territory_multiplies() -> None:
    values = _values(
        3,
        bm25=[1.0, 0.2, 0.0],
        semantic=[1.0, 0.5, 0.0],
        area=[1.0, 0.75, 0.0],
        modality=[1.0, 0.0, 0.0],
        indication=[1.0, 0.0, 0.0],
        target=[1.0, 0.0, 0.0],
        business=[1.0, 1.0, 1.0],
        stage=[1.0, 1.0, 0.0],
        hist_licensor=[0.5, 0.0, 0.0],
        geography=[1.0, 1.0, 0.0],
    )
    values[HIST_KNOWN] = np.array([1.0, 0.0, 0.0])
    score = fuse(values, np.ones(3, dtype=bool))
    assert score[0] == pytest.approx(1.0)
    assert score[0] > score[1] > score[2]
    # outside the territories on offer: the floor share of what it would score inside
    inside = fuse({**values, "geography": np.ones(3)}, np.ones(3, dtype=bool))
    assert score[2] == pytest.approx(FUSION.territory_floor * inside[2])
    # an ineligible candidate (the asset's owner) scores 0 and ranks nobody down
    partial = fuse(values, np.array([False, True, True]))
    assert partial[0] == 0.0
    assert competition_ranks(values["bm25"], np.array([False, True, True]))[1] == 1.0


def test_history_channel_reads_real_records_only() -> None:
    # the filled mean of an organisation without records must not rank it above one
    # whose records show no repeat deal
    values = _values(2, hist_licensor=[0.0, 0.3])
    values[HIST_KNOWN] = np.array([1.0, 0.0])
    only_history = replace(
        FUSION, bm25=0.0, semantic=0.0, stated=0.0, focus=0.0, business=0.0, stage=0.0, kind=0.0
    )
    score = fuse(values, np.ones(2, dtype=bool), only_history)
    assert score[0] == score[1]
    values[HIST_KNOWN] = np.array([1.0, 1.0])
    score = fuse(values, np.ones(2, dtype=bool), only_history)
    assert score[1] > score[0]


def test_the_index_ranks_partners_by_fusion_by_default(
    orgs: list[OrgProfile], assets: list[AssetProfile]
) -> None:
    history = [DealRecord(licensee_id="onco-pharma", licensor_id="kr-biotech", year=2020)]
    index = Index(orgs, assets, embedder=FakeEmbedder(dim=64), history=history)
    assert index.fusion == FUSION
    her2 = assets[0]  # owned by kr-biotech
    recs = index.recommend_partners(her2, top=len(orgs))
    values = index.partner_features(her2)
    own = index._orgs.slot_of["kr-biotech"]  # noqa: SLF001
    eligible = index._orgs.alive[: index._orgs.size].copy()  # noqa: SLF001
    eligible[own] = False
    want = fuse(values, eligible)
    slot_of = index._orgs.slot_of  # noqa: SLF001
    assert [r.score for r in recs] == [round(float(want[slot_of[r.id]]), 6) for r in recs]
    assert [r.id for r in recs][0] == "onco-pharma"
    assert [r.score for r in recs] == sorted((r.score for r in recs), reverse=True)
    for rec in recs:
        assert index.score_partner(her2, rec.id) == rec
    # a caller passing its own weights (and no fusion) gets their weighted sum
    assert Index(orgs, assets, embedder=FakeEmbedder(dim=64), weights=Weights()).fusion is None


def test_kind_channel_puts_the_usual_kind_of_partner_first() -> None:
    # all else equal, the kind of organisation that usually takes the deal sought (a pharma
    # company for a licence: features.KIND_FIT) ranks first
    values = _values(2, kind=[0.6, 1.0])
    score = fuse(values, np.ones(2, dtype=bool))
    assert score[1] > score[0]
    assert fuse(values, np.ones(2, dtype=bool), replace(FUSION, kind=0.0))[0] == pytest.approx(
        fuse(values, np.ones(2, dtype=bool), replace(FUSION, kind=0.0))[1]
    )
