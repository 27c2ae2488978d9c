"""A learned ranker tried against the shipped channel fusion (issue 15, session 7).

    .venv/bin/python bench/recommend_learn.py               # grouped CV on the tuning deals
    .venv/bin/python bench/recommend_learn.py --free-signs  # the same, weights of any sign
    .venv/bin/python bench/recommend_learn.py --artefact    # the leave-one-out artefact
    .venv/bin/python bench/recommend_learn.py --fresh       # + the never-tuned sets, once

The judge's framing only (bench/recommend_judge.py, 'standalone'). Every candidate of a deal
gets a row of scale-free values: its reciprocal rank 1 / (5 + rank) in each fusion channel
(dari/matching/fusion.py), priors the file allows (its deals on record in the file's other
deals, leave-one-out, as a reciprocal rank; the recency-weighted `activity` feature; whether
it has records at all) and, in the widest variants, every feature value standardised within
the deal (next to the channels, or next to the shipped fused score). A linear score over a
row is trained by softmax cross-entropy of the real licensee among the deal's candidates
(L2 penalty, Adam), weights kept non-negative unless --free-signs: with free signs the
priors learn the artefact --artefact shows (in this framing the real licensee is usually
the candidate with the fewest deals on record, its own deal being left out), which is no
evidence about partners.

Cross-validation: 5 folds grouped by licensor (no licensor in a training and a test fold at
once), over the tuning deals only (dev and held-out 1-4 without the untouched split), 8 fold
seeds. The shipped fusion is compared the honest way, re-chosen on the grid inside each fold
(as recommend_fusion.chosen_in_folds), and as shipped (chosen once on all tuning deals, so
optimistic). `--fresh` trains each variant on all tuning deals and reads the untouched split
and held-out 5, 6 and 7; session 7 did not run it (no variant won the cross-validation).
Results: docs/recommendations.md, "Issue 15, session 7".
"""

from __future__ import annotations

import argparse
import pickle
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from recommend_eval import (  # noqa: E402
    FOLDS,
    Query,
    grouped_folds,
    rank_of,
    untouched_ids,
    with_ci,
)
from recommend_fusion import choose, fold_of, fused, grid_ranks, values_of  # noqa: E402
from recommend_judge import FRESH  # noqa: E402

from dari.matching import FEATURES  # noqa: E402
from dari.matching.fusion import CHANNELS, FUSION, competition_ranks, fuse  # noqa: E402

PICKLE = ROOT / "var" / "recommend_learn_queries.pkl"
SEEDS = range(8)
K = 5.0


def _rr(values: np.ndarray) -> np.ndarray:
    everyone = np.ones(len(values), dtype=bool)
    out: np.ndarray = 1.0 / (K + competition_ranks(values, everyone))
    return out


def _z(values: np.ndarray) -> np.ndarray:
    sd = values.std()
    out: np.ndarray = (values - values.mean()) / sd if sd > 1e-9 else np.zeros_like(values)
    return out


def rows(q: Query, variant: str) -> np.ndarray:
    """The candidates' rows (n_candidates, n_columns) of `variant`."""
    v = values_of(q)
    if variant.startswith("fusion+"):
        everyone = np.ones(len(q.relevant), dtype=bool)
        cols = [_rr(fuse(v, everyone, FUSION))]
        cols += [_z(q.values[:, i]) for i in range(len(FEATURES))]
        return np.stack(cols, 1)
    cols = [_rr(CHANNELS[name](v)) for name in CHANNELS]
    if variant in ("channels+priors", "channels+priors+features"):
        cols += [_rr(q.popularity), v["activity"], q.known]
    if variant == "channels+priors+features":
        cols += [_z(q.values[:, i]) for i in range(len(FEATURES))]
    return np.stack(cols, 1)


VARIANTS = ("channels", "channels+priors", "channels+priors+features", "fusion+features")


def pad(xs: Sequence[np.ndarray], rels: Sequence[np.ndarray]) -> tuple[np.ndarray, ...]:
    """Deals stacked (n_deals, max_candidates, n_columns) with a mask and target weights."""
    n_c = max(len(x) for x in xs)
    big = np.zeros((len(xs), n_c, xs[0].shape[1]))
    mask = np.zeros((len(xs), n_c), dtype=bool)
    target = np.zeros((len(xs), n_c))
    for i, (x, rel) in enumerate(zip(xs, rels, strict=True)):
        big[i, : len(x)] = x
        mask[i, : len(x)] = True
        target[i, : len(x)] = rel / rel.sum()
    return big, mask, target


def train(
    xs: Sequence[np.ndarray], rels: Sequence[np.ndarray], l2: float, nonneg: bool = True
) -> np.ndarray:
    """Weights minimising the mean softmax cross-entropy of the real licensee(s) + l2 |w|^2
    (400 Adam steps, all deals at once)."""
    big, mask, target = pad(xs, rels)
    w = np.zeros(big.shape[2])
    m, s = np.zeros_like(w), np.zeros_like(w)
    for t in range(1, 401):
        z = np.where(mask, big @ w, -np.inf)
        p = np.exp(z - z.max(1, keepdims=True))
        p /= p.sum(1, keepdims=True)
        grad = 2 * l2 * w + np.einsum("dc,dcf->f", p - target, big) / len(xs)
        m = 0.9 * m + 0.1 * grad
        s = 0.999 * s + 0.001 * grad * grad
        w -= 0.05 * (m / (1 - 0.9**t)) / (np.sqrt(s / (1 - 0.999**t)) + 1e-8)
        if nonneg:
            w = np.maximum(w, 0.0)
    return w


def learned_in_folds(
    qs: Sequence[Query], variant: str, l2: float, seed: int, nonneg: bool = True
) -> list[float]:
    """Out-of-fold rank of every deal's licensee under the ranker trained on the other folds."""
    xs = [rows(q, variant) for q in qs]
    ranks = [0.0] * len(qs)
    for test in grouped_folds(qs, FOLDS, seed):
        held = set(test)
        train_ids = [i for i in range(len(qs)) if i not in held and qs[i].relevant.any()]
        w = train([xs[i] for i in train_ids], [qs[i].relevant for i in train_ids], l2, nonneg)
        for i in test:
            ranks[i] = rank_of(qs[i], xs[i] @ w)
    return ranks


def fusion_in_folds(qs: Sequence[Query], grid: np.ndarray, seed: int) -> list[float]:
    """recommend_fusion.chosen_in_folds on precomputed grid ranks (same folds as the learner)."""
    fold = fold_of(qs, seed)
    ranks = [0.0] * len(qs)
    for f in range(FOLDS):
        best = choose(grid[:, [i for i, q in enumerate(qs) if fold[q.group] != f]])
        for i, q in enumerate(qs):
            if fold[q.group] == f:
                ranks[i] = float(grid[best, i])
    return ranks


def summary(ranks: Sequence[float]) -> tuple[float, float, float]:
    r = np.asarray(ranks, dtype=float)
    return float((r <= 1).mean()), float((r <= 5).mean()), float((1.0 / r).mean())


def fmt(ranks: Sequence[float]) -> str:
    return " | ".join(f"{v:.3f} [{lo:.2f},{hi:.2f}]" for v, lo, hi in with_ci(ranks))


def queries(rebuild: bool) -> list[Query]:
    """The judge-framing queries of every set (cached in var/ between runs)."""
    if PICKLE.exists() and not rebuild:
        loaded: list[Query] = pickle.loads(PICKLE.read_bytes())
        return loaded
    from recommend import CACHE, feature_cache
    from recommend_judge import build

    from dari.matching import CachedEmbedder, UseEmbedder

    embedder = CachedEmbedder(UseEmbedder(), CACHE if CACHE.parent.exists() else None)
    built = build(embedder, "standalone", feature_cache)
    if CACHE.parent.exists():
        embedder.save(CACHE)
        PICKLE.write_bytes(pickle.dumps(built))
    return built


def cv(tuning: list[Query], l2s: Sequence[float], nonneg: bool = True) -> None:
    print(
        f"\ngrouped CV on the tuning deals ({len(tuning)} deals, {FOLDS} licensor folds, "
        f"{len(SEEDS)} seeds): mean hit@1 / hit@5 / MRR (sd over seeds of hit@5, MRR)"
    )

    def show(name: str, runs: list[tuple[float, float, float]]) -> None:
        a = np.array(runs)
        mean, sd = a.mean(0), a.std(0)
        print(
            f"  {name:<52} {mean[0]:.3f} / {mean[1]:.3f} / {mean[2]:.3f}"
            f"   ({sd[1]:.3f}, {sd[2]:.3f})",
            flush=True,
        )

    grid = grid_ranks(tuning)
    show(
        "fusion re-chosen in-fold (shipped procedure)",
        [summary(fusion_in_folds(tuning, grid, seed)) for seed in SEEDS],
    )
    shipped = fused(FUSION)
    show(
        "FUSION as shipped (chosen on all: optimistic)",
        [summary([rank_of(q, shipped(q)) for q in tuning])],
    )
    for variant in VARIANTS:
        for l2 in l2s:
            show(
                f"learned {variant}, l2={l2:g}",
                [summary(learned_in_folds(tuning, variant, l2, seed, nonneg)) for seed in SEEDS],
            )


def fresh(
    qs: list[Query], tuning: list[Query], scorers: dict[str, Callable[[Query], np.ndarray]]
) -> None:
    untouched = untouched_ids()
    parts = {"untouched": [q for q in qs if q.deal_id in untouched]}
    for name in FRESH:
        parts[name] = [q for q in qs if q.set_name == name]
    parts["never tuned, pooled"] = [q for p in list(parts.values()) for q in p]
    for part, pq in parts.items():
        print(f"\n{part} ({len(pq)} deals): hit@1 | hit@5 | MRR, 95% bootstrap CI")
        for name, score in scorers.items():
            print(f"  {name:<40} {fmt([rank_of(q, score(q)) for q in pq])}")


def artefact(qs: list[Query], tuning: list[Query]) -> None:
    """The rule 'fewest deals on record first', and how often the licensee is among the
    candidates tied at the fewest (the leave-one-out artefact of the judge's framing)."""
    tuned = {q.deal_id for q in tuning}
    never = [q for q in qs if q.deal_id not in tuned]
    for name, part in (("tuning", tuning), ("never tuned", never)):
        with_rel = [q for q in part if q.relevant.any()]
        at_min = sum(q.popularity[q.relevant].min() == q.popularity.min() for q in with_rel)
        tied = np.mean([(q.popularity == q.popularity.min()).sum() for q in with_rel])
        print(
            f"{name} ({len(part)} deals): fewest deals on record first "
            f"{fmt([rank_of(q, -q.popularity) for q in part])}; licensee among the fewest in "
            f"{at_min} of {len(with_rel)} (mean {tied:.1f} candidates tied there)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--fresh", action="store_true", help="read the never-tuned sets once")
    parser.add_argument("--rebuild", action="store_true", help="recompute the feature values")
    parser.add_argument("--l2", type=float, action="append", default=[])
    parser.add_argument("--free-signs", action="store_true", help="weights of any sign")
    parser.add_argument("--artefact", action="store_true", help="fewest-records-first rule")
    args = parser.parse_args()
    qs = queries(args.rebuild)
    fresh_sets = FRESH
    untouched = untouched_ids()
    tuning = [q for q in qs if q.deal_id not in untouched and q.set_name not in fresh_sets]
    l2s = args.l2 or [0.01, 0.1]
    if args.artefact:
        artefact(qs, tuning)
        return
    cv(tuning, l2s, nonneg=not args.free_signs)
    if args.fresh:
        scorers: dict[str, Callable[[Query], np.ndarray]] = {"FUSION (shipped)": fused(FUSION)}
        rel = [q for q in tuning if q.relevant.any()]
        for variant in VARIANTS:
            w = train([rows(q, variant) for q in rel], [q.relevant for q in rel], l2s[0])
            scorers[f"learned {variant}"] = lambda q, w=w, v=variant: rows(q, v) @ w
            print(f"weights {variant}: {np.round(w, 2).tolist()}")
        scorers["BM25 only"] = lambda q: q.values[:, FEATURES.index("bm25")]
        scorers["embeddings only (USE)"] = lambda q: q.values[:, FEATURES.index("semantic")]
        fresh(qs, tuning, scorers)


if __name__ == "__main__":
    main()
