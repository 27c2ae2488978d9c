"""Robustness report of bench/recommend.py (issue 15): hit@1, hit@5 and MRR per set and
pooled with bootstrap 95 % confidence intervals over deals, against the baselines measured
in the same run, under the condition of the held-out judge (the asset as given, its
territory removed; bench/recommend_judge.py), on an untouched part and on held-out 5 and 6,
never used to choose or train anything.

The shipped partner ranking (session 6) is the channel fusion of dari/matching/fusion.py,
chosen on a grid (bench/recommend_fusion.py) and compared with session 5's fusion; its
in-fold rows repeat the choice inside 5 folds grouped by licensor (no licensor in a training
and a test fold at once). The session-4 learner stays as a comparison: a linear score over
the twenty feature values, trained by softmax cross-entropy (weights non-negative, L2
penalty) on the tuning deals in both framings and with the territory on offer, in the same
kind of folds.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from recommend_fusion import choose_fusion, chosen_in_folds, fused

from dari.matching import FEATURES, HISTORY_FEATURES, Weights
from dari.matching.fusion import FUSION, SESSION5

UNTOUCHED = Path(__file__).resolve().parent / "data" / "recommend_untouched.json"
SAME_GROUP = {"hanall-biopharma": "hanall", "jw-holdings": "jw", "gc-cell": "gc-biopharma"}
"""Licensor ids of one company group, kept in one fold."""
L2 = 0.03
FOLDS = 5
BOOTSTRAP = 2000

SESSION3 = Weights(
    bm25=0.3,
    semantic=0.25,
    area=1.0,
    modality=0.3,
    stage=0.25,
    deal=0.0,
    target=0.25,
    indication=0.5,
    geography=1.5,
    kind=0.25,
    business=2.0,
    hist_modality=0.0,
    hist_area=0.0,
    hist_target=0.0,
    hist_licensor=0.1,
    hist_country=0.0,
    activity=0.0,
    pipe_target=0.0,
    pipe_indication=0.0,
    pipe_semantic=0.0,
)
"""The session-3 defaults (grid medians over 153 deals with the territory on offer)."""

ISSUE15 = Weights(
    bm25=0.75,
    semantic=0.42,
    area=1.08,
    modality=0.55,
    stage=0.2,
    deal=0.06,
    target=0.0,
    indication=0.37,
    geography=1.5,
    kind=0.0,
    business=0.49,
    hist_modality=0.0,
    hist_area=0.03,
    hist_target=0.06,
    hist_licensor=0.29,
    hist_country=0.03,
    activity=0.07,
    pipe_target=0.0,
    pipe_indication=0.06,
    pipe_semantic=0.0,
)
"""The first issue-15 weights (session 1 of the issue; trained with the territory on offer)."""


@dataclass
class Query:
    """One deal's candidates: feature values, the real licensee(s), id order for ties, and
    how many deals each candidate has on record (popularity)."""

    set_name: str
    deal_id: str
    licensor: str
    values: np.ndarray
    relevant: np.ndarray
    id_rank: np.ndarray
    popularity: np.ndarray
    known: np.ndarray

    @property
    def group(self) -> str:
        return SAME_GROUP.get(self.licensor, self.licensor)


def untouched_ids() -> set[str]:
    data = json.loads(UNTOUCHED.read_text(encoding="utf-8"))
    return set(data["deals"])


def rank_of(query: Query, score: np.ndarray) -> float:
    """Rank of the first real licensee; ties broken by id as in Index (infinite, a miss,
    when no real licensee is among the candidates)."""
    rel = query.relevant
    if not rel.any():
        return float("inf")
    best = score[rel].max()
    best_id = query.id_rank[rel & (score == best)].min()
    before = (score > best) | ((score == best) & (query.id_rank < best_id))
    return float(1 + int((before & ~rel).sum()))


def ranks_within(score: np.ndarray, id_rank: np.ndarray) -> np.ndarray:
    """1-based rank of every candidate by score (ties by id)."""
    order = np.lexsort((id_rank, -score))
    ranks = np.empty(len(score))
    ranks[order] = np.arange(1, len(score) + 1)
    return ranks


Scorer = Callable[[Query], np.ndarray]


def linear(weights: dict[str, float]) -> Scorer:
    w = np.array([weights.get(f, 0.0) for f in FEATURES])
    return lambda q: q.values @ w


def engine(weights: Weights) -> Scorer:
    """The score the engine computes with these weights."""
    return linear(weights.as_dict())


def feature(name: str) -> Scorer:
    return linear({name: 1.0})


def popularity(q: Query) -> np.ndarray:
    return q.popularity


def rank_fusion(channels: Sequence[Scorer], k: float = 60.0) -> Scorer:
    """Reciprocal rank fusion: sum over channels of 1 / (k + rank in that channel)."""

    def score(q: Query) -> np.ndarray:
        total = np.zeros(len(q.relevant))
        for channel in channels:
            total += 1.0 / (k + ranks_within(channel(q), q.id_rank))
        return total

    return score


def train(queries: Sequence[Query], l2: float = L2, iters: int = 300) -> dict[str, float]:
    """Non-negative linear weights over the feature values minimising the softmax
    cross-entropy of the real licensee(s) among each deal's candidates (+ l2 |w|^2), by
    projected Adam; scaled so that the largest weight is 1.5 (the scale does not change a
    ranking) and rounded to two decimals."""
    n_f = len(FEATURES)
    w, m, v = np.zeros(n_f), np.zeros(n_f), np.zeros(n_f)
    for t in range(1, iters + 1):
        grad = l2 * w
        for q in queries:
            s = q.values @ w
            e = np.exp(s - s.max())
            p = e / e.sum()
            target = q.relevant / q.relevant.sum()
            grad += q.values.T @ (p - target) / len(queries)
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad * grad
        w -= 0.1 * (m / (1 - 0.9**t)) / (np.sqrt(v / (1 - 0.999**t)) + 1e-8)
        w = np.maximum(w, 0.0)
    top = float(w.max()) or 1.0
    return {f: round(float(x) * 1.5 / top, 2) for f, x in zip(FEATURES, w, strict=True)}


def grouped_folds(queries: Sequence[Query], k: int = FOLDS, seed: int = 0) -> list[list[int]]:
    groups = sorted({q.group for q in queries})
    random.Random(seed).shuffle(groups)
    fold_of = {g: i % k for i, g in enumerate(groups)}
    return [[i for i, q in enumerate(queries) if fold_of[q.group] == f] for f in range(k)]


def metrics(ranks: np.ndarray) -> np.ndarray:
    """hit@1, hit@5, MRR of each row of ranks (rows: resamples)."""
    return np.stack([(ranks <= 1).mean(-1), (ranks <= 5).mean(-1), (1.0 / ranks).mean(-1)], -1)


def with_ci(ranks: Sequence[float], seed: int = 0) -> list[tuple[float, float, float]]:
    """(value, low, high) of hit@1, hit@5 and MRR, 95 % percentile bootstrap over deals."""
    r = np.asarray(ranks, dtype=float)
    rng = np.random.default_rng(seed)
    boot = metrics(r[rng.integers(0, len(r), size=(BOOTSTRAP, len(r)))])
    point = metrics(r[None])[0]
    low, high = np.percentile(boot, [2.5, 97.5], axis=0)
    return [(float(point[i]), float(low[i]), float(high[i])) for i in range(3)]


def random_ranks(queries: Sequence[Query], seed: int = 0) -> list[float]:
    """One seeded uniform shuffle per deal (the random baseline, bootstrapped like the rest)."""
    rng = np.random.default_rng(seed)
    return [rank_of(q, rng.random(len(q.relevant))) for q in queries]


def table(title: str, rows: dict[str, list[float]]) -> None:
    n = len(next(iter(rows.values())))
    print(f"\n{title}: {n} deals; value [95% bootstrap CI over deals]")
    print(f"| {'ranking':<40} | {'hit@1':^20} | {'hit@5':^20} | {'MRR':^20} |")
    print(f"|{'-' * 42}|{'-' * 22}|{'-' * 22}|{'-' * 22}|")
    for name, ranks in rows.items():
        cells = " | ".join(f"{v:.3f} [{lo:.3f}, {hi:.3f}]" for v, lo, hi in with_ci(ranks))
        print(f"| {name:<40} | {cells} |")


NO_HISTORY = replace(Weights(), **dict.fromkeys(HISTORY_FEATURES, 0.0))
STRUCTURED = {"area": 1.0, "modality": 0.5, "indication": 0.5, "target": 0.25, "stage": 0.25}
OURS = "ours: channel fusion (FUSION, session 6)"


def fixed_scorers() -> dict[str, Scorer]:
    """The shipped ranking and every baseline that needs no training."""
    return {
        OURS: fused(FUSION),
        "ours, history channel off": fused(replace(FUSION, history=0.0)),
        "previous: fusion of session 5 (no kind)": fused(SESSION5),
        "previous: weighted sum, Weights() (s. 4)": engine(Weights()),
        "issue-15 first weights (weighted sum)": engine(ISSUE15),
        "session-3 weights (weighted sum)": engine(SESSION3),
        "RRF(BM25, USE, stated focus), k=60": rank_fusion(
            [feature("bm25"), feature("semantic"), linear(STRUCTURED)]
        ),
        "BM25 only": feature("bm25"),
        "embeddings only (USE)": feature("semantic"),
        "popularity (deals on record)": popularity,
    }


def rows_for(part: Sequence[Query], oofs: dict[str, dict[str, float]]) -> dict[str, list[float]]:
    out = {n: [float(rank_of(q, s(q))) for q in part] for n, s in fixed_scorers().items()}
    for name, oof in oofs.items():
        out[name] = [oof[q.deal_id] for q in part]
    out["random (one seeded shuffle)"] = [float(r) for r in random_ranks(part)]
    return out


def report_file(name: str, queries: list[Query]) -> None:
    """One new file (--data): the shipped ranking against the baselines, with CIs."""
    title = f"{name}, Korean licensors, the asset as given, territory removed"
    table(title, rows_for(queries, {}))


def softmax_in_folds(
    pool: Sequence[Query], parts: dict[str, list[Query]]
) -> dict[str, dict[str, float]]:
    """Out-of-fold ranks of the softmax-trained weighted sum (session 4's learner), trained
    on `pool` (every framing, with territory on offer) without the test fold's licensors."""
    groups = sorted({q.group for q in pool})
    random.Random(0).shuffle(groups)
    fold = {g: i % FOLDS for i, g in enumerate(groups)}
    oof: dict[str, dict[str, float]] = {name: {} for name in parts}
    for f in range(FOLDS):
        w = np.array([train([q for q in pool if fold[q.group] != f]).get(x, 0.0) for x in FEATURES])
        for name, qs in parts.items():
            for q in qs:
                if fold[q.group] == f:
                    oof[name][q.deal_id] = rank_of(q, q.values @ w)
    return oof


def report(
    framings: dict[str, list[Query]],
    offered: list[Query],
    fresh: Sequence[str],
    *,
    tuning_only: bool = False,
) -> None:
    """Print every table. `framings`: name -> the deals without territory (the first is the
    judge's condition, on which the fusion is chosen); `offered`: the deals with the
    territory granted as on offer; `fresh`: sets never used to tune, reported apart like the
    untouched part (and, with `tuning_only`, not at all)."""
    untouched = untouched_ids()

    def tuning(qs: Sequence[Query]) -> list[Query]:
        return [q for q in qs if q.deal_id not in untouched and q.set_name not in fresh]

    parts = {name: tuning(qs) for name, qs in framings.items()}
    judge = next(iter(framings))
    chosen = choose_fusion(parts[judge])
    print(f"\nfusion chosen on the tuning deals of the judge's framing: {chosen}")
    if chosen != FUSION:
        print("NOTE: it differs from FUSION (the shipped ranking)")
    in_fold = "fusion chosen in-fold (5 licensor folds)"
    softmax = "weighted sum, softmax-trained in-fold"
    soft = softmax_in_folds([q for qs in parts.values() for q in qs] + tuning(offered), parts)
    split = json.loads(UNTOUCHED.read_text(encoding="utf-8"))
    for name, qs in framings.items():
        print(f"\n=== framing: {name} ===")
        oofs = {in_fold: chosen_in_folds(parts[name]), softmax: soft[name]}
        for set_name in dict.fromkeys(q.set_name for q in qs):
            part = [q for q in parts[name] if q.set_name == set_name]
            if part:
                table(f"{set_name}, tuning part [{name}]", rows_for(part, oofs))
        table(f"all sets pooled, tuning part [{name}]", rows_for(parts[name], oofs))
        if tuning_only:
            continue
        held = [q for q in qs if q.deal_id in untouched]
        table(
            f"UNTOUCHED part ({len(split['licensors'])} licensors, never tuned on) [{name}]",
            rows_for(held, {}),
        )
        never = held + [q for q in qs if q.set_name in fresh]
        for set_name in fresh:
            table(
                f"{set_name} (never tuned on) [{name}]",
                rows_for([q for q in qs if q.set_name == set_name], {}),
            )
        table(
            f"never tuned on, pooled (untouched + {', '.join(fresh)}) [{name}]", rows_for(never, {})
        )
        every = {f"{in_fold[:-1]}, over every deal)": chosen_in_folds(qs)}
        table(f"everything pooled [{name}]", rows_for(qs, every))
    table(
        "territory granted in the deal as on offer, tuning part [cumulative]",
        rows_for(tuning(offered), {}),
    )
