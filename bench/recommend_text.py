"""Stronger text channels for the partner ranking, by grouped cross-validation (issue 15,
session 10).

    .venv/bin/python bench/recommend_text.py      # ~3 min once var/ holds the embeddings

Three kinds of text signal, each added to the shipped FUSION as one more channel (or put in
place of the BM25 or USE channel), its weight chosen in-fold:

- `hier`: concept matching through the glossary's hierarchy (dari/matching/glossary.py): the
  asset's concepts (its text, targets, indications, area and modality labels) and their
  broader concepts (indication -> organ / system -> therapeutic area) against the concepts a
  candidate's text names and their broader ones, in either language; a concept the asset
  names counts 1, its parent 0.5, a grandparent 0.25, each times its idf in the pool;
- `use-max`: USE cosine of the asset's short phrases (name with indications, each
  indication, the area and modality labels) against each sentence of the candidate's text,
  the best sentence (and the mean of the best two) instead of the whole-text cosine;
- `assoc`: a learned lexical association (kernel form of a bilinear model trained by one
  centroid step): for a test asset, the training deals' assets weighted by their similarity
  to it (tf-idf cosine over asset terms and glossary concepts with broader ones, or USE),
  and for each such deal the candidate's similarity to that deal's licensee minus its mean
  similarity to that deal's candidates (tf-idf over the candidate text's words and
  concepts). `excl` leaves out the training deals whose licensee is the candidate itself,
  so the channel can only carry over terms, never a company's identity.

The learned channel is trained on the training folds only, and only on deals of sets that
were never FRESH (bench/recommend_judge.FRESH: held-out 5-9 are scored out of fold but never
train nor choose anything); its values on the training folds, needed to choose the weight,
come from an inner grouped split of the training folds. Folds: 5, grouped by licensor, 8
fold seeds; the weight is chosen on BOTH framings at once (the product has one setting):
`standalone-prior` (the judge's) and `cumulative`. Results: docs/recommendations.md,
"Issue 15, session 10".
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from recommend_eval import grouped_folds, rank_of  # noqa: E402  (bench/ is the script's directory)
from recommend_fusion import values_of  # noqa: E402
from recommend_hub import channels_of  # noqa: E402
from recommend_judge import FRESH, NEVER_TUNED  # noqa: E402
from recommend_text_data import TextQuery, load  # noqa: E402

from dari.matching.documents import asset_query_text  # noqa: E402
from dari.matching.glossary import glossary  # noqa: E402
from dari.matching.reasons import english_label  # noqa: E402
from dari.matching.text import tokenize  # noqa: E402

SENTENCES = ROOT / "var" / "recommend_text_sentences.npz"
ADD = (0.1, 0.25, 0.5, 1.0, 2.0)
"""Weights tried for an added channel (the shipped channels weigh 0.5 to 2)."""


# ---- fixed channels -------------------------------------------------------------------------
def concept_levels(text: str) -> dict[str, int]:
    """Concept key -> distance from a concept the text names (0 named, 1 parent, ...)."""
    g = glossary()
    out: dict[str, int] = {}
    for entry in g.concepts(text):
        current, depth = entry, 0
        while current is not None and depth < 4:
            if out.get(current.key, 99) > depth:
                out[current.key] = depth
            current = g.get(current.parent) if current.parent else None
            depth += 1
    return out


def asset_concept_text(tq: TextQuery) -> str:
    a = tq.asset
    labels = [english_label(v) for v in (a.therapeutic_area, a.modality) if v]
    return ". ".join([asset_query_text(a), *a.indications, *a.targets, *labels])


def hier(tq: TextQuery) -> np.ndarray:
    asked = concept_levels(asset_concept_text(tq))
    cands = [concept_levels(t) for t in tq.texts]
    n = len(cands)
    df = Counter(k for c in cands for k in c)
    out = np.zeros(n)
    for key, depth in asked.items():
        idf = math.log(1 + n / (1 + df.get(key, 0)))
        for i, c in enumerate(cands):
            if key in c:
                # a candidate naming the concept itself counts more than one naming a child
                out[i] += idf * 0.5**depth * (1.0 if c[key] == 0 else 0.7)
    return out


_SPLIT = re.compile(r"(?<=[.!?。])\s+|\n+|;\s+|(?<=다\.)")


def sentences(text: str) -> list[str]:
    parts = [p.strip() for p in _SPLIT.split(text) if p and p.strip()]
    return [p for p in parts if len(p) > 3] or [text or "-"]


def asset_phrases(tq: TextQuery) -> list[str]:
    a = tq.asset
    labels = [english_label(v) for v in (a.therapeutic_area, a.modality) if v]
    first = ", ".join([*a.indications, *labels]) or a.name
    out = [first, *a.indications, " ".join(labels)]
    if a.targets:
        out.append(" ".join([*a.targets, *labels]))
    return [p for p in dict.fromkeys(out) if p.strip()]


def use_max_channels(tqs: Sequence[TextQuery]) -> list[dict[str, np.ndarray]]:
    from dari.matching import CachedEmbedder, UseEmbedder

    embedder = CachedEmbedder(UseEmbedder(), SENTENCES if SENTENCES.exists() else None)
    every = sorted({s for tq in tqs for t in tq.texts for s in sentences(t)})
    every += sorted({p for tq in tqs for p in asset_phrases(tq)})
    vectors = dict(zip(every, embedder.embed(every), strict=True))
    embedder.save(SENTENCES)
    out = []
    for tq in tqs:
        phrases = np.stack([vectors[p] for p in asset_phrases(tq)])
        best, top2, phrase1 = [], [], []
        for t in tq.texts:
            sims = np.stack([vectors[s] for s in sentences(t)]) @ phrases.T  # (sent, phrase)
            per_sentence = sims.max(1)
            best.append(per_sentence.max())
            top2.append(np.sort(per_sentence)[-2:].mean())
            phrase1.append(sims[:, 0].max())
        out.append(
            {"use_max": np.array(best), "use_top2": np.array(top2), "use_ind": np.array(phrase1)}
        )
    return out


# ---- the learned association ------------------------------------------------------------------
def tfidf(docs: Sequence[list[str]]) -> np.ndarray:
    """Rows of (1 + log tf) x idf, L2-normalised, over the docs' own vocabulary (dense)."""
    index: dict[str, int] = {}
    counts = [Counter(doc) for doc in docs]
    for c in counts:
        for term in c:
            index.setdefault(term, len(index))
    m = np.zeros((len(docs), len(index)), dtype=np.float32)
    for i, c in enumerate(counts):
        for term, k in c.items():
            m[i, index[term]] = 1.0 + math.log(k)
    df = (m > 0).sum(0)
    m *= np.log(1 + len(docs) / (1 + df))[None, :].astype(np.float32)
    return m / np.maximum(np.linalg.norm(m, axis=1, keepdims=True), 1e-9)


def candidate_terms(text: str) -> list[str]:
    return tokenize(text) + [f"C:{k}" for k in concept_levels(text)]


def asset_terms(tq: TextQuery) -> list[str]:
    text = asset_concept_text(tq)
    return tokenize(text) + [f"C:{k}" for k in concept_levels(text)] * 2


class Association:
    """Precomputed pieces of the kernel-form association for one framing's deals."""

    def __init__(self, tqs: Sequence[TextQuery], asset_vectors: np.ndarray | None) -> None:
        self.tqs = tqs
        n = len(tqs)
        # candidate side: one vocabulary over every candidate text of the framing
        texts = sorted({t for tq in tqs for t in tq.texts})
        tv = tfidf([candidate_terms(t) for t in texts])
        row = {t: i for i, t in enumerate(texts)}
        self.cand = [tv[[row[t] for t in tq.texts]] for tq in tqs]
        # d_j = licensee vector - mean candidate vector of deal j
        d = []
        for j, tq in enumerate(tqs):
            rel = np.flatnonzero(tq.query.relevant)
            d.append(self.cand[j][rel].mean(0) - self.cand[j].mean(0))
        dense = np.stack(d)  # (deals, vocab)
        # M[r][c, j] = candidate c of deal r . d_j
        self.m = [c @ dense.T for c in self.cand]
        # identity: E[r][c, j] = 1 if candidate c of deal r is a licensee of deal j
        lic_ids = [{tq.ids[i] for i in np.flatnonzero(tq.query.relevant)} for tq in tqs]
        self.same = [
            np.array([[cid in lic_ids[j] for j in range(n)] for cid in tq.ids]) for tq in tqs
        ]
        # asset kernels
        a = tfidf([asset_terms(tq) for tq in tqs])
        self.kernels = {"terms": a @ a.T}
        if asset_vectors is not None:
            self.kernels["use"] = np.clip(asset_vectors @ asset_vectors.T, 0, None)

    def scores(self, r: int, train: np.ndarray, kernel: str, excl: bool, top: int) -> np.ndarray:
        k = self.kernels[kernel][r].copy()
        mask = np.zeros(len(k), dtype=bool)
        mask[train] = True
        mask[r] = False
        k[~mask] = 0.0
        if top and mask.sum() > top:
            k[k < np.sort(k[mask])[-top]] = 0.0
        m = np.where(self.same[r], 0.0, self.m[r]) if excl else self.m[r]
        return np.asarray(m @ k)


class PMITable:
    """The learned association as an explicit smoothed PMI table: for each asset concept a
    (glossary concepts the asset names and their broader ones) and candidate term t (words
    and concepts), log((N + alpha) / (E + alpha)), N the training deals with a whose
    licensee's text has t, E the expected number (the share of that deal's candidates whose
    text has t); a candidate scores the sum over its terms and the asset's concepts, divided
    by the square root of its term count. `excl` drops, for each candidate, the training
    deals it is the licensee of (terms, not identity)."""

    def __init__(self, tqs: Sequence[TextQuery], same: list[np.ndarray]) -> None:
        self.tqs, self.same = tqs, same
        keys = [sorted(concept_levels(asset_concept_text(tq))) for tq in tqs]
        avocab = {k: i for i, k in enumerate(sorted({k for ks in keys for k in ks}))}
        self.f = np.zeros((len(tqs), len(avocab)), dtype=np.float32)
        for r, ks in enumerate(keys):
            self.f[r, [avocab[k] for k in ks]] = 1.0
        texts = sorted({t for tq in tqs for t in tq.texts})
        terms = {t: set(candidate_terms(t)) for t in texts}
        df = Counter(x for ts in terms.values() for x in ts)
        vocab = {x: i for i, x in enumerate(sorted(x for x, c in df.items() if c >= 2))}
        self.t = []
        for tq in tqs:
            m = np.zeros((len(tq.texts), len(vocab)), dtype=np.float32)
            for i, text in enumerate(tq.texts):
                m[i, [vocab[x] for x in terms[text] if x in vocab]] = 1.0
            self.t.append(m)
        self.p = np.stack([m[tq.query.relevant].mean(0) for m, tq in zip(self.t, tqs, strict=True)])
        self.q = np.stack([m.mean(0) for m in self.t])
        self.length = [np.sqrt(np.maximum(m.sum(1), 1.0)) for m in self.t]

    def scores(self, r: int, train: np.ndarray, alpha: float, excl: bool) -> np.ndarray:
        train = train[train != r]
        rows = np.flatnonzero(self.f[r])
        if len(rows) == 0 or len(train) == 0:
            return np.zeros(len(self.tqs[r].ids))
        f = self.f[train][:, rows]  # (deals, asset concepts)
        n, e = f.T @ self.p[train], f.T @ self.q[train]
        out = self.t[r] @ np.log((n + alpha) / (e + alpha)).sum(0)
        if excl:
            own = self.same[r][:, train]  # (candidates, training deals)
            for c in np.flatnonzero(own.any(1)):
                keep = ~own[c]
                n_c = f[keep].T @ self.p[train[keep]]
                e_c = f[keep].T @ self.q[train[keep]]
                out[c] = self.t[r][c] @ np.log((n_c + alpha) / (e_c + alpha)).sum(0)
        return out / self.length[r]


# ---- cross-validation ----------------------------------------------------------------------
_PARTS: dict[int, tuple[dict[str, np.ndarray], np.ndarray]] = {}


def _rr(values: np.ndarray) -> np.ndarray:
    from dari.matching.fusion import FUSION, competition_ranks

    return np.asarray(1.0 / (FUSION.k + competition_ranks(values, np.ones(len(values), bool))))


def fused_with(
    tq: TextQuery, extra: dict[str, np.ndarray], weights: dict[str, float]
) -> np.ndarray:
    """The shipped fusion (recommend_hub.fuse_channels, unnormalised) with extra channels
    (name -> values) at the given weights; a weight of 0 on a shipped channel drops it."""
    from recommend_hub import WEIGHTS

    from dari.matching.fusion import FUSION

    key = id(tq)
    if key not in _PARTS:
        v = values_of(tq.query)
        parts = {c: _rr(x) for c, x in channels_of(v).items()}
        floor = FUSION.territory_floor
        _PARTS[key] = (parts, floor + (1.0 - floor) * v["geography"])
    parts, territory = _PARTS[key]
    total = sum(WEIGHTS[c] * parts[c] for c in WEIGHTS)
    for name, w in weights.items():
        if name in parts:
            total = total + (w - WEIGHTS[name]) * parts[name]
        elif w:
            total = total + w * _rr(extra[name])
    return np.asarray(total * territory)


Family = list[tuple[str, dict[str, float]]]


def family(name: str, swap: str | None = None) -> Family:
    """Grid points: first the shipped fusion, then the channel `name` added (or, `swap`,
    in place of that channel at its weight and above)."""
    points: Family = [("shipped", {})]
    points += [(f"+{w}", {name: w}) for w in ADD]
    if swap:
        points += [(f"for {swap} {w}", {name: w, swap: 0.0}) for w in ADD]
    return points


def main() -> None:  # noqa: C901, PLR0912, PLR0915  (one bench run, read top to bottom)
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, default=8, help="fold seeds")
    parser.add_argument("--pmi", action="store_true", help="only the PMI table, fold seed 0")
    args = parser.parse_args()
    seeds = range(args.seeds)
    data = load()
    if args.pmi:
        pmi_check(data)
        return
    framings = list(data)
    tuned = {f: [tq for tq in data[f] if tq.query.set_name not in NEVER_TUNED] for f in framings}
    ids0 = [tq.query.deal_id for tq in tuned[framings[0]]]
    for f in framings:
        assert [tq.query.deal_id for tq in tuned[f]] == ids0
    qs0 = [tq.query for tq in tuned[framings[0]]]
    n = len(qs0)
    trainable = np.array([q.set_name not in FRESH for q in qs0])
    big = {f: np.array([len(tq.ids) >= 50 for tq in tuned[f]]) for f in framings}

    fixed_extra: dict[str, list[dict[str, np.ndarray]]] = {}
    for f in framings:
        tqs = tuned[f]
        use = use_max_channels(tqs)
        fixed_extra[f] = [{"hier": hier(tq), **u} for tq, u in zip(tqs, use, strict=True)]
    # asset USE vectors for the USE kernel (the asset's phrases' first, embedded above)
    from dari.matching import CachedEmbedder, UseEmbedder

    emb = CachedEmbedder(UseEmbedder(), SENTENCES)
    avec = emb.embed([asset_concept_text(tq) for tq in tuned[framings[0]]])
    emb.save(SENTENCES)
    assoc = {f: Association(tuned[f], avec) for f in framings}
    learned = {
        f"assoc {kern} {f'top{top}' if top else 'all'}{' excl' if excl else ''}": (kern, top, excl)
        for kern, top in (("terms", 0), ("terms", 10), ("terms", 30), ("use", 10))
        for excl in (False, True)
    }

    fams: dict[str, Family] = {
        "hier (glossary hierarchy)": family("hier", "bm25"),
        "use-max (best sentence)": family("use_max", "semantic"),
        "use-top2 (best two sentences)": family("use_top2", "semantic"),
        "use-ind (indication phrase)": family("use_ind", "semantic"),
        **{name: family(name, "bm25") for name in learned},
    }

    def ranks_of(f: str, points: Family, extra_of: Callable[[int], dict]) -> np.ndarray:
        return np.array(
            [
                [rank_of(tq.query, fused_with(tq, extra_of(r), w)) for r, tq in enumerate(tuned[f])]
                for _, w in points
            ]
        )

    out: dict[str, dict[str, list[np.ndarray]]] = {f: {} for f in framings}
    picks: dict[str, list[str]] = {}
    for name, points in fams.items():
        picks[name] = []
        if name in learned:
            kern, top, excl = learned[name]
        for seed in seeds:
            folds = grouped_folds(qs0, seed=seed)
            chosen_ranks = {f: np.empty(n) for f in framings}
            alone = {f: np.empty(n) for f in framings}
            for t, test in enumerate(folds):
                train = np.setdiff1d(np.arange(n), test)
                if name in learned:
                    # inner values for the training deals, outer values for the test fold
                    inner: dict[str, dict[int, np.ndarray]] = {f: {} for f in framings}
                    outer: dict[str, dict[int, np.ndarray]] = {f: {} for f in framings}
                    for k, fold in enumerate(folds):
                        if k == t:
                            continue
                        fit = np.array(
                            [j for j in train if j not in set(fold) and trainable[j]], dtype=int
                        )
                        for f in framings:
                            for r in fold:
                                inner[f][r] = assoc[f].scores(r, fit, kern, excl, top)
                    fit = train[trainable[train]]
                    for f in framings:
                        for r in test:
                            outer[f][r] = assoc[f].scores(r, fit, kern, excl, top)
                            alone[f][r] = rank_of(tuned[f][r].query, outer[f][r])
                    rk = {
                        f: ranks_of_rows(
                            tuned[f],
                            points,
                            {r: {name: (inner[f] | outer[f])[r]} for r in range(n)},
                        )
                        for f in framings
                    }
                else:
                    rk = {
                        f: cached_ranks(f, name, points, tuned[f], fixed_extra[f]) for f in framings
                    }
                objective = sum((rk[f] <= 5) + 1.0 / rk[f] for f in framings)
                sel = train[trainable[train]]
                p = int(np.argmax(objective[:, sel].mean(1)))
                picks[name].append(points[p][0])
                for f in framings:
                    chosen_ranks[f][test] = rk[f][p, test]
            for f in framings:
                out[f].setdefault(name, []).append(chosen_ranks[f].copy())
                if name in learned:
                    out[f].setdefault(f"{name}: channel alone", []).append(alone[f].copy())
        print(f"done {name}", flush=True)

    report(out, tuned, big, picks, fixed_extra, seeds)


def pmi_check(data: dict[str, list[TextQuery]]) -> None:
    """The explicit PMI table (slow: no inner split), fold seed 0: the channel alone and
    added to the shipped fusion at a fixed weight 0.5, out of fold."""

    def m(r: np.ndarray) -> str:
        return f"{(r <= 1).mean():.3f} / {(r <= 5).mean():.3f} / {(1 / r).mean():.3f}"

    for f, every in data.items():
        tqs = [tq for tq in every if tq.query.set_name not in NEVER_TUNED]
        table = PMITable(tqs, Association(tqs, None).same)
        qs = [tq.query for tq in tqs]
        trainable = np.array([q.set_name not in FRESH for q in qs])
        big = np.array([len(tq.ids) >= 50 for tq in tqs])
        for alpha in (0.5, 2.0):
            for excl in (False, True):
                alone, added = np.empty(len(qs)), np.empty(len(qs))
                for test in grouped_folds(qs, seed=0):
                    train = np.setdiff1d(np.arange(len(qs)), test)
                    for r in test:
                        x = table.scores(r, train[trainable[train]], alpha, excl)
                        alone[r] = rank_of(qs[r], x)
                        added[r] = rank_of(qs[r], fused_with(tqs[r], {"pmi": x}, {"pmi": 0.5}))
                print(
                    f"{f} PMI alpha {alpha}{' excl' if excl else ''}: alone {m(alone)}"
                    f" (>= 50: {m(alone[big])}); shipped + 0.5 x PMI {m(added)}"
                    f" (>= 50: {m(added[big])})",
                    flush=True,
                )


def ranks_of_rows(tqs, points, extras) -> np.ndarray:  # type: ignore[no-untyped-def]
    """Ranks (points x the deals in `extras`, in its order)."""
    rows = list(extras)
    return np.array(
        [[rank_of(tqs[r].query, fused_with(tqs[r], extras[r], w)) for r in rows] for _, w in points]
    )


_CACHED: dict[tuple[str, str], np.ndarray] = {}


def cached_ranks(f, name, points, tqs, extra) -> np.ndarray:  # type: ignore[no-untyped-def]
    if (f, name) not in _CACHED:
        _CACHED[f, name] = ranks_of_rows(tqs, points, dict(enumerate(extra)))
    return _CACHED[f, name]


def report(out, tuned, big, picks, fixed_extra, seeds) -> None:  # type: ignore[no-untyped-def]
    from recommend_hub import table

    for f, rows in out.items():
        tqs = tuned[f]
        fixed_rows = {
            "ours: FUSION as shipped (fixed)": [
                np.array([rank_of(tq.query, fused_with(tq, {}, {})) for tq in tqs])
            ],
            "BM25 only": [np.array([rank_of(tq.query, values_of(tq.query)["bm25"]) for tq in tqs])],
            "embeddings only (USE)": [
                np.array([rank_of(tq.query, values_of(tq.query)["semantic"]) for tq in tqs])
            ],
        }
        for ch in ("hier", "use_max", "use_top2", "use_ind"):
            fixed_rows[f"{ch} only"] = [
                np.array(
                    [rank_of(tq.query, e[ch]) for tq, e in zip(tqs, fixed_extra[f], strict=True)]
                )
            ]
        all_rows = {k: v * len(seeds) for k, v in fixed_rows.items()}
        all_rows |= {k if "alone" in k else f"{k} (in-fold)": v for k, v in rows.items()}
        for title, mask in (
            ("187 tuning deals", np.ones(len(tqs), bool)),
            (">= 50 candidates", big[f]),
        ):
            if title.startswith(">=") and mask.all():
                continue
            table(f"{f}, {title}, grouped 5-fold CV (choice on both framings)", all_rows, mask)
    print("\nin-fold picks (every fold of every seed):")
    for k, v in picks.items():
        values, counts = np.unique(v, return_counts=True)
        print(f"  {k}: " + ", ".join(f"{a} x{c}" for a, c in zip(values, counts, strict=True)))


if __name__ == "__main__":
    main()
