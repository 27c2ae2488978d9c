"""The bench queries of bench/recommend_text.py with what its text channels read: the asset
and each candidate's indexed text, for both framings (built once, pickled in var/)."""

from __future__ import annotations

import pickle
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from recommend_eval import Query  # noqa: E402  (bench/ is the script's directory)

from dari.matching.profiles import AssetProfile  # noqa: E402

DUMP = ROOT / "var" / "recommend_text_queries.pkl"
FRAMINGS = (("standalone-prior", "prior"), ("cumulative", "loo"))


@dataclass
class TextQuery:
    """One deal: the Query of recommend_eval, its asset, its candidates' ids and texts."""

    query: Query
    asset: AssetProfile
    ids: list[str]
    texts: list[str]
    year: str


def build(framing: str, history: str) -> list[TextQuery]:
    from recommend import CACHE, feature_cache
    from recommend_judge import NEVER_TUNED
    from recommend_judge import build as judge_build

    from dari.matching import CachedEmbedder, UseEmbedder

    out: list[TextQuery] = []

    class Capture:
        def __init__(self, cache, texts) -> None:  # type: ignore[no-untyped-def]
            self.cache, self.texts = cache, texts

        def queries(self, set_name: str) -> list[Query]:
            qs: list[Query] = self.cache.queries(set_name)
            for q, deal, ids in zip(qs, self.cache.deals, self.cache.ids, strict=True):
                texts = [self.texts[i] for i in ids]
                out.append(TextQuery(q, deal.asset, ids, texts, str(deal.date or "")))
            return qs

    def capture(index, deals, records, mode, products=()):  # type: ignore[no-untyped-def]
        store = index._orgs  # noqa: SLF001  (bench introspection)
        texts = {i: store.text_keys[s] or "" for i, s in store.slot_of.items() if i}
        return Capture(feature_cache(index, deals, records, mode, products), texts)

    embedder = CachedEmbedder(UseEmbedder(), CACHE if CACHE.exists() else None)
    judge_build(embedder, framing, capture, history=history, skip=NEVER_TUNED)
    embedder.save(CACHE)
    return out


def load() -> dict[str, list[TextQuery]]:
    if DUMP.exists():
        return pickle.loads(DUMP.read_bytes())  # noqa: S301  (our own file in var/)
    data = {framing: build(framing, history) for framing, history in FRAMINGS}
    DUMP.write_bytes(pickle.dumps(data))
    return data


if __name__ == "__main__":
    from recommend_text_data import load as load_here  # pickled under the module's name

    for framing, qs in load_here().items():
        print(framing, len(qs))
