"""The held-out judge's framing, reproduced on our sets (issue 15).

The judge scores a file of the dev format on its own: 41 Korean-licensor deals, 58
candidates (the deals' licensees, profiled from their own statements), the asset as given
with no territory, the file's other deals as history. `standalone` builds that framing
for each bench set: the candidates are the licensees of the set's Korean deals plus the
organisations profiled in its file (a licensee profiled in an earlier file keeps that
profile), the history is the set's own deals and history records (leave-one-out), the
pipelines those of the file. `cumulative` is the older framing: each set among the
candidates, pipelines and past deals of itself and every earlier set.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from recommend_data import Deal, Product, load_dev, load_products
from recommend_eval import Query

from dari.matching import CachedEmbedder, Index, OrgProfile

HERE = Path(__file__).resolve().parent / "data"
SETS: tuple[tuple[str, str], ...] = (
    ("dev", "recommend_dev.json"),
    ("held-out 1", "recommend_holdout.json"),
    ("held-out 2", "recommend_holdout2.json"),
    ("held-out 3", "recommend_holdout3.json"),
    ("held-out 4", "recommend_holdout4.json"),
    ("held-out 5", "recommend_holdout5.json"),
    ("held-out 6", "recommend_holdout6.json"),
    ("held-out 7", "recommend_holdout7.json"),
    ("held-out 8", "recommend_holdout8.json"),
    ("held-out 9", "recommend_holdout9.json"),
    ("held-out 10", "recommend_holdout10.json"),
)
"""Every bench set in the order it was collected; held-out 5 was added in session 4,
held-out 6 in session 6, held-out 7 in session 7, held-out 8 and 9 in session 9, held-out 10 in
session 10, each before
any modelling of its session, and none is ever used to choose or train anything."""
FRESH = ("held-out 5", "held-out 6", "held-out 7", "held-out 8", "held-out 9", "held-out 10")
NEVER_TUNED = ("held-out 8", "held-out 9", "held-out 10")
"""FRESH sets outside the cross-validated deals (dev, held-out 1-7, the untouched split: 187):
the cross-validation benches pass them as `skip`, so they are never loaded there."""
FRAMINGS: tuple[tuple[str, str, str], ...] = (
    ("standalone", "the judge's: each set among its own licensees", "loo"),
    ("cumulative", "each set among every earlier set's candidates", "loo"),
    ("standalone-prior", "the judge's, history only of deals dated before", "prior"),
)
"""(framing, what it is, history mode) of bench/recommend.py; the first is the judge's, on
which the fusion is chosen. Session 7 added standalone-prior: with leave-one-out history the
standalone framing leaks the licensee (the candidate whose only record was left out). Until
session 9 `build` passed the file's records as the history mode, so every framing ran with
leave-one-out history."""
"""Sets never used to tune (reported apart, like the untouched split)."""


def bare(deals: Sequence[Deal]) -> list[Deal]:
    """The judge's condition: the asset as given, any territory on offer removed."""
    return [replace(d, asset=replace(d.asset, territories=())) for d in deals]


def _every_profile(skip: Sequence[str] = ()) -> dict[str, OrgProfile]:
    out: dict[str, OrgProfile] = {}
    for set_name, name in SETS:
        if set_name in skip:
            continue
        for org in load_dev(HERE / name)[0]:
            out.setdefault(org.id, org)
    return out


def build(
    embedder: CachedEmbedder,
    framing: str,
    feature_cache: object,
    *,
    offered: bool = False,
    history: str = "loo",
    skip: Sequence[str] = (),
) -> list[Query]:
    """Queries of every set's Korean deals under `framing` ('standalone' or 'cumulative'),
    the asset as given without territory (or, `offered`, with the territory granted in the
    deal as on offer). `feature_cache`: recommend.feature_cache (passed in to avoid an
    import cycle). `history`: 'loo' (the file's other deals; in the standalone framing this
    leaks the answer, the licensee being the candidate whose record was left out: see
    docs/recommendations.md, session 7) or 'prior' (only deals dated before the deal)."""
    profiles = _every_profile(skip)
    queries: list[Query] = []
    seen: list[str] = []
    framing = framing.removesuffix("-prior")
    for set_name, file in SETS:
        if set_name in skip:
            continue  # never loaded: neither a set nor candidates nor profiles
        orgs, deals, records = load_dev(HERE / file)
        products: list[Product] = load_products(HERE / file)
        korean = [d for d in deals if d.korean]
        if framing == "standalone":
            ids = {o.id for o in orgs}
            wanted = {lic for d in korean for lic in d.licensees} - ids
            orgs = orgs + [profiles[i] for i in sorted(wanted) if i in profiles]
        else:
            known = {o.id for o in orgs}
            for earlier in seen:
                more, _, more_history = load_dev(HERE / earlier)
                orgs += [o for o in more if o.id not in known]
                known |= {o.id for o in more}
                products += load_products(HERE / earlier)
                records = records + more_history
        seen.append(file)
        index = Index(orgs, [p.asset for p in products], embedder=embedder)
        asked = [d.offered() for d in korean] if offered else bare(korean)
        cache = feature_cache(index, asked, records, history, products)  # type: ignore[operator]
        queries += cache.queries(set_name)
    return queries
