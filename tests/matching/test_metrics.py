import pytest

from dari.matching.evaluate import (
    first_hit_rank,
    hit_at_k,
    mean_reciprocal_rank,
    random_expectations,
)


def test_first_hit_rank() -> None:
    assert first_hit_rank(["a", "b", "c"], {"c", "b"}) == 2
    assert first_hit_rank(["a"], {"z"}) is None


def test_hit_at_k_and_mrr_hand_computed() -> None:
    ranks = [1, 3, None, 12]
    assert hit_at_k(ranks, 1) == 0.25
    assert hit_at_k(ranks, 5) == 0.5
    assert hit_at_k(ranks, 10) == 0.5
    assert mean_reciprocal_rank(ranks) == pytest.approx((1 + 1 / 3 + 1 / 12) / 4)
    assert hit_at_k([], 5) == 0.0 and mean_reciprocal_rank([]) == 0.0


def test_random_expectations_hand_computed() -> None:
    # 4 candidates, 1 relevant: hit@1 1/4, MRR (1 + 1/2 + 1/3 + 1/4) / 4
    assert random_expectations(4, 1, 1) == pytest.approx((0.25, 25 / 48))
    # 4 candidates, 2 relevant: first relevant at 1, 2, 3 with 1/2, 1/3, 1/6
    assert random_expectations(4, 2, 1) == pytest.approx((0.5, 1 / 2 + 1 / 6 + 1 / 18))
    assert random_expectations(3, 1, 3)[0] == 1.0
