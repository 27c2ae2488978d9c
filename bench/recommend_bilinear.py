"""A bilinear model on bags of glossary concepts, trained in-fold on top of the shipped
fusion (issue 15, session 10; docs/recommendations.md).

    .venv/bin/python bench/recommend_bilinear.py      # ~2 min with var/ filled

score(asset, candidate) = b x fused + x_asset' W y_candidate, where x is the asset's glossary
concepts and y the candidate text's (each concept with its broader ones, 0.5 ** distance),
`fused` the shipped FUSION score (best = 1), W (concepts x concepts) and b trained by softmax
cross-entropy over each training deal's candidates with an L2 penalty on W, Adam, full
batch, on both framings' training deals pooled (the product has one setting). Folds: 5,
grouped by licensor, several seeds; only deals of sets never FRESH train (held-out 5-7 are
scored out of fold only). The L2 values are reported side by side, none chosen.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from recommend_eval import grouped_folds, rank_of  # noqa: E402  (bench/ is the script's directory)
from recommend_hub import table  # noqa: E402
from recommend_judge import FRESH  # noqa: E402
from recommend_text import NEVER_TUNED, asset_concept_text, concept_levels, fused_with  # noqa: E402
from recommend_text_data import TextQuery, load  # noqa: E402

L2 = (0.1, 1.0, 10.0)
STEPS = 150


def bags(tqs: list[TextQuery], vocab: dict[str, int]) -> tuple[np.ndarray, list[np.ndarray]]:
    def vec(text: str) -> np.ndarray:
        v = np.zeros(len(vocab))
        for key, depth in concept_levels(text).items():
            v[vocab[key]] = 0.5**depth
        return v

    cache: dict[str, np.ndarray] = {}
    ys = [np.stack([cache.setdefault(t, vec(t)) for t in tq.texts]) for tq in tqs]
    return np.stack([vec(asset_concept_text(tq)) for tq in tqs]), ys


def train(x, ys, offsets, rel, rows, l2):  # type: ignore[no-untyped-def]
    """W and b by Adam on the softmax loss over the deals `rows` (indices into x, ys)."""
    w = np.zeros((x.shape[1], ys[0].shape[1]))
    b = 5.0
    m, v = np.zeros_like(w), np.zeros_like(w)
    mb = vb = 0.0
    for step in range(1, STEPS + 1):
        gw = 2 * l2 * w
        gb = 0.0
        for r in rows:
            y = ys[r]
            s = b * offsets[r] + y @ (w.T @ x[r])
            p = np.exp(s - s.max())
            p /= p.sum()
            target = rel[r] / rel[r].sum()
            diff = p - target  # d loss / d s
            gw += np.outer(x[r], diff @ y) / len(rows)
            gb += float(diff @ offsets[r]) / len(rows)
        m = 0.9 * m + 0.1 * gw
        v = 0.999 * v + 0.001 * gw * gw
        w -= 0.05 * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)
        mb = 0.9 * mb + 0.1 * gb
        vb = 0.999 * vb + 0.001 * gb * gb
        b -= 0.05 * (mb / (1 - 0.9**step)) / (np.sqrt(vb / (1 - 0.999**step)) + 1e-8)
    return w, b


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, default=3, help="fold seeds")
    args = parser.parse_args()
    data = load()
    framings = list(data)
    tuned = {f: [tq for tq in data[f] if tq.query.set_name not in NEVER_TUNED] for f in framings}
    n = len(tuned[framings[0]])
    qs0 = [tq.query for tq in tuned[framings[0]]]
    trainable = np.array([q.set_name not in FRESH for q in qs0])
    keys = sorted(
        {k for f in framings for tq in tuned[f] for t in tq.texts for k in concept_levels(t)}
        | {k for tq in tuned[framings[0]] for k in concept_levels(asset_concept_text(tq))}
    )
    vocab = {k: i for i, k in enumerate(keys)}
    # both framings side by side: row f * n + r
    x, ys, offsets, rel = [], [], [], []
    for f in framings:
        xf, yf = bags(tuned[f], vocab)
        x.append(xf)
        ys += yf
        for tq in tuned[f]:
            s = fused_with(tq, {}, {})
            offsets.append(s / s.max())
            rel.append(tq.query.relevant.astype(float))
    xa = np.concatenate(x)
    runs: dict[str, dict[str, list[np.ndarray]]] = {f: {} for f in framings}
    for seed in range(args.seeds):
        out = {(f, l2): np.empty(n) for f in framings for l2 in (0.0, *L2)}
        for test in grouped_folds(qs0, seed=seed):
            fit = np.setdiff1d(np.arange(n), test)
            fit = fit[trainable[fit]]
            rows = [i * n + r for i in range(len(framings)) for r in fit]
            for l2 in L2:
                w, b = train(xa, ys, offsets, rel, rows, l2)
                for i, f in enumerate(framings):
                    for r in test:
                        k = i * n + r
                        s = b * offsets[k] + ys[k] @ (w.T @ xa[k])
                        out[f, l2][r] = rank_of(tuned[f][r].query, s)
                        out[f, 0.0][r] = rank_of(tuned[f][r].query, offsets[k])
            print(f"seed {seed}: fold done", flush=True)
        for (f, l2), ranks in out.items():
            label = "ours: FUSION as shipped" if l2 == 0.0 else f"fusion + bilinear, L2 {l2}"
            runs[f].setdefault(label, []).append(ranks)
    for f in framings:
        big = np.array([len(tq.ids) >= 50 for tq in tuned[f]])
        table(f"{f}, 187 tuning deals, out of fold", runs[f], np.ones(n, bool))
        if not big.all():
            table(f"{f}, >= 50 candidates, out of fold", runs[f], big)


if __name__ == "__main__":
    main()
