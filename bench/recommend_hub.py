"""Hub corrections of the partner ranking, by grouped cross-validation (issue 15, session 9).

    .venv/bin/python bench/recommend_hub.py             # ~2 min with var/ embeddings cached
    .venv/bin/python bench/recommend_hub.py --points    # also every fixed grid point

In large candidate pools a few broad-statement companies fill many top-5 lists (hubness,
docs/recommendations.md, session 9). Each correction below lowers a candidate's fit by how
well it fits *other* assets, a reference that never holds the deal under test:

- `pool`: the other deals' assets of the same bench set (the same candidate pool);
- `dir`: the bundled directory assets (dari/data/assets*.json, 548), those of the licensor's
  own company group left out: what the product could use (the directory's assets).

Families (each with a parameter grid whose first point is the shipped FUSION unchanged):
CSLS-style subtraction from the fused score of a times the candidate's mean / 75th / 90th
percentile fused score over the reference; the fused score plus b times its percentile in
the candidate's own reference distribution; a mutual-proximity blend (the product of that
percentile and the within-query percentile); the same subtraction on channels before
fusion (text, stated + focus, both); a cap of a breadth-prone channel (its value times
min(1, t / the candidate's reference mean), t a quantile over candidates); an idf-like
ratio (channel / (0.05 + reference mean)^g); a re-ranking of the top K only.

Every parameter is chosen in-fold (5 folds grouped by licensor, several fold seeds, best
hit@5 + MRR on the training folds) on the 187 tuning deals (every set but held-out 8 and 9)
of BOTH framings at once, since the product has one setting: `standalone-prior` (the
judge's: each set among its own licensees, history dated before) and `cumulative` (each set
among every earlier set's candidates, hundreds). Out-of-fold figures per framing, and for
the deals with >= 50 candidates. Results: docs/recommendations.md, "Issue 15, session 9 (second
part)".
"""

from __future__ import annotations

import argparse
import glob
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from recommend_data import Deal, asset_from  # noqa: E402  (bench/ is the script's directory)
from recommend_eval import SAME_GROUP, Query, grouped_folds, rank_of, with_ci  # noqa: E402
from recommend_fusion import values_of  # noqa: E402
from recommend_judge import NEVER_TUNED  # noqa: E402

from dari.matching import FEATURES  # noqa: E402
from dari.matching.fusion import CHANNELS, FUSION, HIST_KNOWN, competition_ranks  # noqa: E402

FRAMINGS = (("standalone-prior", "prior"), ("cumulative", "loo"))
# Sets never loaded (recommend_judge.NEVER_TUNED: held-out 8-10; the untouched split and
# held-out 5-7 are among the 187 deals of bench/recommend_cv.py and are pooled the same way).
WEIGHTS = FUSION.channel_weights()
TEXT = ("bm25", "semantic")
STRUCT = ("stated", "focus")
BROAD = ("bm25", "semantic", "stated", "focus", "business", "stage", "kind")
Scorer = Callable[[int], np.ndarray]


def fuse_channels(chans: dict[str, np.ndarray], geography: np.ndarray) -> np.ndarray:
    """dari/matching/fusion.fuse on given channel values (every candidate eligible)."""
    every = np.ones(len(geography), dtype=bool)
    total = sum(w / (FUSION.k + competition_ranks(chans[c], every)) for c, w in WEIGHTS.items())
    best = sum(WEIGHTS.values()) / (FUSION.k + 1.0)
    floor = FUSION.territory_floor
    return np.asarray(total / best * (floor + (1.0 - floor) * geography))


def channels_of(values: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    return {c: CHANNELS[c](values) for c in CHANNELS}


def reference_deals() -> list[Deal]:
    """The bundled directory assets as unlabelled queries (no territory, as the judge's)."""
    out = []
    for path in sorted(glob.glob(str(ROOT / "dari" / "data" / "assets*.json"))):
        for a in json.loads(Path(path).read_text(encoding="utf-8"))["assets"]:
            asset = asset_from(a["id"], a["organization"], {**a, "territories": ()})
            out.append(Deal("ref:" + a["id"], asset, frozenset(), "2026-12", korean=True))
    return out


def build(framing: str, history: str, refs: list[Deal]):  # type: ignore[no-untyped-def]
    """Queries of every set, the candidates' ids of each, and per set the reference assets'
    values against the same pool (ids, values, hist_known, valid)."""
    from recommend import CACHE, feature_cache
    from recommend_judge import build as judge_build

    from dari.matching import CachedEmbedder, UseEmbedder

    ids: list[list[str]] = []
    per_set: dict[str, tuple] = {}  # type: ignore[type-arg]

    class Both:
        def __init__(self, cache, ref) -> None:  # type: ignore[no-untyped-def]
            self.cache, self.ref = cache, ref

        def queries(self, set_name: str) -> list[Query]:
            ids.extend(self.cache.ids)
            r = self.ref
            per_set[set_name] = (r.ids, r.values, r.known, r.valid)
            qs: list[Query] = self.cache.queries(set_name)
            return qs

    def with_refs(index, deals, records, mode, products=()):  # type: ignore[no-untyped-def]
        return Both(
            feature_cache(index, deals, records, mode, products),
            feature_cache(index, refs, records, mode, ()),
        )

    embedder = CachedEmbedder(UseEmbedder(), CACHE if CACHE.parent.exists() else None)
    qs = judge_build(embedder, framing, with_refs, history=history, skip=NEVER_TUNED)
    if CACHE.parent.exists():
        embedder.save(CACHE)
    return qs, ids, per_set


class Pool:
    """The queries of one bench set (one candidate pool): channel values and fused score of
    every query and every reference asset, by candidate column (NaN: not a candidate)."""

    def __init__(self, qs: list[Query], ids: list[list[str]], rows: list[int], ref) -> None:  # type: ignore[no-untyped-def]
        self.rows = rows
        self.pos = {r: i for i, r in enumerate(rows)}
        self.col = {c: j for j, c in enumerate(sorted({c for r in rows for c in ids[r]}))}
        self.idx = {r: np.array([self.col[c] for c in ids[r]]) for r in rows}
        names = [*CHANNELS, "fused"]
        self.own = {c: np.full((len(rows), len(self.col)), np.nan) for c in names}
        for i, r in enumerate(rows):
            v = values_of(qs[r])
            self._put(self.own, i, self.idx[r], v)
        ref_ids, ref_values, ref_known, ref_valid = ref
        self.dir = {c: np.full((len(ref_ids), len(self.col)), np.nan) for c in names}
        for i in range(len(ref_ids)):
            ok = ref_valid[i]
            v = {f: ref_values[i][ok][:, k] for k, f in enumerate(FEATURES)}
            v[HIST_KNOWN] = ref_known[i][ok]
            j = np.array([self.col.get(x, -1) for x in ref_ids[i]])
            self._put(self.dir, i, j, v)

    @staticmethod
    def _put(store: dict[str, np.ndarray], i: int, j: np.ndarray, v: dict[str, np.ndarray]) -> None:
        chans = channels_of(v)
        chans["fused"] = fuse_channels(chans, v["geography"])
        keep = j >= 0
        for name, value in chans.items():
            store[name][i, j[keep]] = value[keep]

    def reference(self, which: str, name: str, r: int, drop: np.ndarray) -> np.ndarray:
        """Rows of the reference (candidates of query r as columns), the deal itself or the
        licensor's own assets (`drop`, for `dir`) left out."""
        if which == "pool":
            return np.delete(self.own[name][:, self.idx[r]], self.pos[r], axis=0)
        return self.dir[name][~drop][:, self.idx[r]]


def stat(matrix: np.ndarray, how: str) -> np.ndarray:
    if matrix.shape[0] == 0:
        return np.zeros(matrix.shape[1])
    with np.errstate(all="ignore"):
        m = np.nanmean(matrix, 0) if how == "mean" else np.nanpercentile(matrix, how, axis=0)
    return np.nan_to_num(m)


def percentile_in(matrix: np.ndarray, own: np.ndarray) -> np.ndarray:
    """Share of the reference scoring below `own` (ties half), per candidate."""
    count = (~np.isnan(matrix)).sum(0)
    below = (matrix < own[None]).sum(0) + 0.5 * (matrix == own[None]).sum(0)
    return np.where(count > 0, below / np.maximum(count, 1), 0.5)


def families(qs: list[Query], pools: list[Pool], owners: np.ndarray) -> dict[str, list]:  # type: ignore[type-arg]
    """Family name -> [(parameter, scorer)], the first point the shipped fusion."""
    pool_of = {r: p for p in pools for r in p.rows}

    def ref(which: str, name: str, r: int) -> np.ndarray:
        return pool_of[r].reference(which, name, r, owners == qs[r].group)

    def base(r: int) -> np.ndarray:
        p = pool_of[r]
        return np.asarray(p.own["fused"][p.pos[r], p.idx[r]])

    def csls(which: str, how: str, a: float) -> Scorer:
        return lambda r: base(r) - a * stat(ref(which, "fused", r), how)

    def own_pct(which: str, b: float) -> Scorer:
        return lambda r: base(r) + b * percentile_in(ref(which, "fused", r), base(r))

    def mutual(which: str, b: float) -> Scorer:
        def score(r: int) -> np.ndarray:
            s = base(r)
            within = 1 - (competition_ranks(s, np.ones(len(s), bool)) - 1) / max(len(s) - 1, 1)
            return (1 - b) * s + b * within * percentile_in(ref(which, "fused", r), s)

        return score

    def per_channel(which: str, names: Sequence[str], change: str, x: float) -> Scorer:
        def score(r: int) -> np.ndarray:
            v = values_of(qs[r])
            chans = channels_of(v)
            for name in names:
                m = stat(ref(which, name, r), "mean")
                if change == "minus":
                    chans[name] = chans[name] - x * m
                elif change == "cap":
                    t = np.nanpercentile(m, x)
                    chans[name] = chans[name] * np.minimum(1.0, t / np.maximum(m, 1e-9))
                else:
                    chans[name] = chans[name] / (0.05 + m) ** x
            return fuse_channels(chans, v["geography"])

        return score

    def rerank(k: int, a: float) -> Scorer:
        def score(r: int) -> np.ndarray:
            b = base(r)
            top = np.zeros(len(b), dtype=bool)
            top[np.lexsort((qs[r].id_rank, -b))[:k]] = True
            return np.where(top, 10.0 + b - a * stat(ref("dir", "fused", r), 90.0), b)

        return score

    a4 = (0.25, 0.5, 0.75, 1.0)
    fams: dict[str, list] = {}  # type: ignore[type-arg]
    for which in ("pool", "dir"):
        for how, label in (("mean", "mean"), (75.0, "q75"), (90.0, "q90")):
            fams[f"{which}: fused - a*{label}(fused)"] = [(a, csls(which, how, a)) for a in a4]
        fams[f"{which}: fused + b*own percentile"] = [
            (b, own_pct(which, b)) for b in (0.05, 0.1, 0.2, 0.4, 1.0)
        ]
        fams[f"{which}: mutual proximity blend"] = [
            (b, mutual(which, b)) for b in (0.1, 0.25, 0.5, 1)
        ]
        for label, names in (("text", TEXT), ("stated+focus", STRUCT), ("both", TEXT + STRUCT)):
            fams[f"{which}: channel - a*mean, {label}"] = [
                (a, per_channel(which, names, "minus", a)) for a in (0.25, 0.5, 1.0)
            ]
        for label, names in (("stated+focus", STRUCT), ("all but history", BROAD)):
            fams[f"{which}: breadth cap, {label}"] = [
                (t, per_channel(which, names, "cap", t)) for t in (50.0, 75.0, 90.0)
            ]
    fams["dir: idf-like ratio, stated+focus"] = [
        (g, per_channel("dir", STRUCT, "ratio", g)) for g in (0.25, 0.5, 1.0)
    ]
    fams["dir: re-rank top K by q90 subtraction"] = [
        ((k, a), rerank(k, a)) for k in (5, 10, 20) for a in a4
    ]
    return {name: [(0, base), *points] for name, points in fams.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, default=8, help="fold seeds")
    parser.add_argument("--points", action="store_true", help="also every fixed grid point")
    args = parser.parse_args()
    refs = reference_deals()
    owners = np.array(
        [SAME_GROUP.get(d.asset.organization_id, d.asset.organization_id) for d in refs]
    )
    ranks: dict[str, dict[str, np.ndarray]] = {}
    labels: dict[str, list] = {}  # type: ignore[type-arg]
    tuned: list[Query] = []
    big: dict[str, np.ndarray] = {}
    for framing, history in FRAMINGS:
        qs, ids, per_set = build(framing, history, refs)
        sets = list(dict.fromkeys(q.set_name for q in qs))
        pools = [
            Pool(qs, ids, [r for r, q in enumerate(qs) if q.set_name == s], per_set[s])
            for s in sets
        ]
        rows = [r for r, q in enumerate(qs) if q.set_name not in NEVER_TUNED]
        if tuned:
            assert [qs[r].deal_id for r in rows] == [q.deal_id for q in tuned]
        tuned = [qs[r] for r in rows]
        big[framing] = np.array([len(qs[r].relevant) >= 50 for r in rows])
        ranks[framing] = {}
        for name, points in families(qs, pools, owners).items():
            labels[name] = [p for p, _ in points]
            ranks[framing][name] = np.array(
                [[rank_of(qs[r], f(r)) for r in rows] for _, f in points]
            )
        v = [values_of(qs[r]) for r in rows]
        ranks[framing]["BM25 only"] = np.array(
            [[rank_of(qs[r], x["bm25"]) for r, x in zip(rows, v, strict=True)]]
        )
        ranks[framing]["embeddings only (USE)"] = np.array(
            [[rank_of(qs[r], x["semantic"]) for r, x in zip(rows, v, strict=True)]]
        )
    report(ranks, labels, tuned, big, range(args.seeds), args.points)


def report(ranks, labels, tuned, big, seeds, points) -> None:  # type: ignore[no-untyped-def]
    names = list(labels)
    out: dict[str, dict[str, list[np.ndarray]]] = {f: {} for f in ranks}
    picks: dict[str, list] = {n: [] for n in names}  # type: ignore[type-arg]
    for name in names:
        objective = sum((r[name] <= 5) + 1.0 / r[name] for r in ranks.values())
        for seed in seeds:
            chosen = np.empty(len(tuned), dtype=int)
            for test in grouped_folds(tuned, seed=seed):
                train = np.setdiff1d(np.arange(len(tuned)), test)
                chosen[test] = int(np.argmax(objective[:, train].mean(1)))
                picks[name].append(labels[name][chosen[test[0]]])
            for framing, r in ranks.items():
                out[framing].setdefault(name, []).append(r[name][chosen, np.arange(len(tuned))])
    for framing, r in ranks.items():
        rows = {"ours: FUSION as shipped (fixed)": [r[names[0]][0]] * len(seeds)}
        rows["BM25 only"] = [r["BM25 only"][0]] * len(seeds)
        rows["embeddings only (USE)"] = [r["embeddings only (USE)"][0]] * len(seeds)
        rows |= {f"{n} (in-fold)": out[framing][n] for n in names}
        if points:
            for n in names:
                for i, p in enumerate(labels[n][1:], 1):
                    rows[f"   {n} = {p}"] = [r[n][i]] * len(seeds)
        for title, mask in (
            ("187 tuning deals", np.ones(len(tuned), bool)),
            (">= 50 candidates", big[framing]),
        ):
            if title.startswith(">=") and mask.all():
                print(f"\n{framing}: every tuning deal has >= 50 candidates (the table above)")
                continue
            table(f"{framing}, {title}, grouped 5-fold CV (choice on both framings)", rows, mask)
    print("\nin-fold picks (every fold of every seed):")
    for n in names:
        values, counts = np.unique([str(p) for p in picks[n]], return_counts=True)
        print(f"  {n}: " + ", ".join(f"{v} x{c}" for v, c in zip(values, counts, strict=True)))


def table(title: str, rows: dict[str, list[np.ndarray]], mask: np.ndarray) -> None:
    print(
        f"\n{title}: {int(mask.sum())} deals; mean (sd over fold seeds) [95% bootstrap CI, seed 0]"
    )
    print(f"| {'ranking':<50} | {'hit@1':^23} | {'hit@5':^23} | {'MRR':^23} |")
    print(f"|{'-' * 52}|{'-' * 25}|{'-' * 25}|{'-' * 25}|")
    for name, per_seed in rows.items():
        kept = [r[mask] for r in per_seed]
        m = np.array([[(r <= 1).mean(), (r <= 5).mean(), (1.0 / r).mean()] for r in kept])
        cells = " | ".join(
            f"{mu:.3f} ({sd:.3f}) [{lo:.2f},{hi:.2f}]"
            for mu, sd, (_, lo, hi) in zip(m.mean(0), m.std(0), with_ci(kept[0]), strict=True)
        )
        print(f"| {name:<50} | {cells} |")


if __name__ == "__main__":
    main()
