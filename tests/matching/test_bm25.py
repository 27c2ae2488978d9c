import math

import numpy as np
import pytest

from dari.matching.bm25 import BM25


def _index() -> BM25:
    bm25 = BM25(k1=1.2, b=0.75)
    bm25.add(0, ["a", "b"])
    bm25.add(1, ["b", "c", "c"])
    return bm25


def test_statistics() -> None:
    bm25 = _index()
    assert bm25.n_docs == 2
    assert bm25.avgdl == 2.5
    assert bm25.df("b") == 2 and bm25.df("c") == 1 and bm25.df("z") == 0
    assert bm25.idf("c") == pytest.approx(math.log(2.0))  # ln(1 + 1.5 / 1.5)


def test_scores_against_hand_computed_values() -> None:
    bm25 = _index()
    # c in d1: idf ln 2, tf 2, |d| 3: ln2 * 2 * 2.2 / (2 + 1.2 * (0.25 + 0.75 * 3 / 2.5))
    assert bm25.scores(["c"], 2) == pytest.approx([0.0, 0.9023217735])
    # b in both: idf ln 1.2; d0 |d| 2 -> 0.19856803; d1 |d| 3 -> 0.16853253
    assert bm25.scores(["b"], 2) == pytest.approx([0.1985680322, 0.1685325315])
    # a repeated query term counts once
    assert bm25.scores(["b", "c", "c"], 2) == pytest.approx([0.1985680322, 1.0708543050])
    assert bm25.contributions(["b", "c"], 1) == [
        ("c", pytest.approx(0.9023217735)),
        ("b", pytest.approx(0.1685325315)),
    ]


def test_remove_and_re_add_restores_exact_scores() -> None:
    bm25 = _index()
    before = bm25.scores(["b", "c"], 3)
    bm25.add(2, ["c", "d"])
    bm25.remove(2)
    assert np.array_equal(bm25.scores(["b", "c"], 3), before)
    bm25.add(1, ["c"])  # replacing a document
    assert bm25.n_docs == 2 and bm25.avgdl == 1.5 and bm25.df("b") == 1
