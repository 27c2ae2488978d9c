"""Okapi BM25 with incremental updates, over integer document slots.

Postings are per-term dicts (slot -> term frequency) with a lazily rebuilt NumPy view,
so adding or removing one document touches only its own terms; N, the total length
and the document frequencies are kept exact, so an updated index scores exactly like
one built from scratch.

score(q, d) = sum over distinct query terms t of
    idf(t) * tf(t, d) * (k1 + 1) / (tf(t, d) + k1 * (1 - b + b * |d| / avgdl))
idf(t) = ln(1 + (N - df(t) + 0.5) / (df(t) + 0.5))   (the non-negative Lucene variant)
"""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
from numpy.typing import NDArray


class BM25:
    def __init__(self, k1: float = 1.2, b: float = 0.75) -> None:
        self.k1 = k1
        self.b = b
        self._postings: dict[str, dict[int, int]] = {}
        self._arrays: dict[str, tuple[NDArray[np.int64], NDArray[np.float64]]] = {}
        self._doc_terms: dict[int, Counter[str]] = {}
        self._lengths = np.zeros(16, dtype=np.float64)
        self._total_length = 0
        self.n_docs = 0
        self._version = 0
        self._norm_cache: tuple[int, NDArray[np.float64]] | None = None

    # ---- maintenance -------------------------------------------------------------
    def _ensure_capacity(self, slot: int) -> None:
        if slot >= len(self._lengths):
            size = max(slot + 1, 2 * len(self._lengths))
            grown = np.zeros(size, dtype=np.float64)
            grown[: len(self._lengths)] = self._lengths
            self._lengths = grown

    def add(self, slot: int, tokens: list[str]) -> None:
        """Index a document under `slot` (replacing what was there)."""
        if slot in self._doc_terms:
            self.remove(slot)
        counts = Counter(tokens)
        self._doc_terms[slot] = counts
        self._ensure_capacity(slot)
        self._lengths[slot] = len(tokens)
        self._total_length += len(tokens)
        self.n_docs += 1
        self._version += 1
        for term, tf in counts.items():
            self._postings.setdefault(term, {})[slot] = tf
            self._arrays.pop(term, None)

    def remove(self, slot: int) -> None:
        counts = self._doc_terms.pop(slot, None)
        if counts is None:
            return
        self._total_length -= int(self._lengths[slot])
        self._lengths[slot] = 0.0
        self.n_docs -= 1
        self._version += 1
        for term in counts:
            posting = self._postings[term]
            del posting[slot]
            if not posting:
                del self._postings[term]
            self._arrays.pop(term, None)

    # ---- queries -----------------------------------------------------------------
    @property
    def avgdl(self) -> float:
        return self._total_length / self.n_docs if self.n_docs else 0.0

    def df(self, term: str) -> int:
        return len(self._postings.get(term, ()))

    def idf(self, term: str) -> float:
        df = self.df(term)
        return math.log(1.0 + (self.n_docs - df + 0.5) / (df + 0.5))

    def contains(self, slot: int, term: str) -> bool:
        counts = self._doc_terms.get(slot)
        return counts is not None and term in counts

    def posting(self, term: str) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
        """(slots, term frequencies) of the documents containing `term`."""
        cached = self._arrays.get(term)
        if cached is None:
            posting = self._postings.get(term, {})
            slots = np.fromiter(posting.keys(), dtype=np.int64, count=len(posting))
            tfs = np.fromiter(posting.values(), dtype=np.float64, count=len(posting))
            cached = (slots, tfs)
            self._arrays[term] = cached
        return cached

    def _norm(self) -> NDArray[np.float64]:
        """k1 * (1 - b + b * |d| / avgdl) for every slot, cached until the next change."""
        if self._norm_cache is None or self._norm_cache[0] != self._version:
            avgdl = self.avgdl or 1.0
            norm = self.k1 * (1.0 - self.b + self.b * self._lengths / avgdl)
            self._norm_cache = (self._version, norm)
        return self._norm_cache[1]

    def term_score(
        self, term: str, slots: NDArray[np.int64], tfs: NDArray[np.float64]
    ) -> NDArray[np.float64]:
        norm = self._norm()[slots]
        result: NDArray[np.float64] = self.idf(term) * tfs * (self.k1 + 1.0) / (tfs + norm)
        return result

    def scores(self, query: list[str], size: int) -> NDArray[np.float64]:
        """Dense BM25 scores of `query` for slots 0..size-1 (0 for empty slots)."""
        out = np.zeros(size, dtype=np.float64)
        for term in dict.fromkeys(query):
            if term not in self._postings:
                continue
            slots, tfs = self.posting(term)
            out[slots] += self.term_score(term, slots, tfs)
        return out

    def contributions(self, query: list[str], slot: int) -> list[tuple[str, float]]:
        """Per-term contributions to one document's score, largest first."""
        counts = self._doc_terms.get(slot)
        if not counts:
            return []
        out: list[tuple[str, float]] = []
        one = np.array([slot], dtype=np.int64)
        for term in dict.fromkeys(query):
            tf = counts.get(term)
            if tf:
                value = float(self.term_score(term, one, np.array([float(tf)]))[0])
                out.append((term, value))
        out.sort(key=lambda item: (-item[1], item[0]))
        return out
