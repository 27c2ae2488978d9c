"""Sentence embeddings shared by every process: a database table keyed by (model, text hash)
holding float32 vectors, read and written in bulk.

Two ways to use it (`StoredEmbedder`):
- in the index job (`compute=True`): texts without a stored vector are embedded by the
  encoder (loaded on first need) and stored batch by batch, each batch in its own
  transaction, so a job that dies resumes where it stopped;
- in tests (`compute=True, store=False`): embedded inline, nothing written;
- in a web process (`compute=False`): stored vectors only; a text without one reads as the
  zero vector (it then ranks on its words and fields alone: the "lexical" ranking) and is
  counted in `missing`. A web process never loads the encoder.

Tokens likewise (`StoredTokenizer`): analysing Korean text loads a tokeniser of hundreds of MB
and takes seconds, so the job stores the BM25 tokens of every text and processes assemble
their index from the table; a text the job has not seen yet is analysed in the process (and,
outside the job, not stored: a GET writes nothing).

The job itself (which texts, when a generation counts as embedded) is
`recommend.embed_directory`.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Iterable

import numpy as np
from django.db import transaction

from dari.directory.models import EmbeddedGeneration, StoredEmbedding, StoredTokens
from dari.matching import text as matching_text
from dari.matching.embed import Embedder, FloatMatrix, text_key

READ_CHUNK = 500
"""Keys per SELECT (far below SQLite's limit of bound parameters)."""
BATCH = 256
"""Texts embedded and stored per transaction by the job (its unit of progress)."""


def read_vectors(model: str, keys: Iterable[str]) -> dict[str, FloatMatrix]:
    """The stored vectors of these text hashes under `model` (absent ones are left out)."""
    wanted = list(dict.fromkeys(keys))
    found: dict[str, FloatMatrix] = {}
    for start in range(0, len(wanted), READ_CHUNK):
        rows = StoredEmbedding.objects.filter(
            model=model, key__in=wanted[start : start + READ_CHUNK]
        ).values_list("key", "vector")
        for key, blob in rows:
            found[key] = np.frombuffer(bytes(blob), dtype=np.float32)
    return found


def write_vectors(model: str, pairs: Iterable[tuple[str, FloatMatrix]]) -> int:
    """Store vectors (a key already stored is kept: same text, same model, same vector)."""
    rows = [
        StoredEmbedding(model=model, key=key, vector=np.asarray(v, dtype=np.float32).tobytes())
        for key, v in pairs
    ]
    with transaction.atomic():
        StoredEmbedding.objects.bulk_create(rows, batch_size=READ_CHUNK, ignore_conflicts=True)
    return len(rows)


class StoredEmbedder:
    """An `Embedder` over the shared table (see the module docstring)."""

    def __init__(
        self,
        model: str,
        dim: int,
        encoder: Callable[[], Embedder],
        *,
        compute: bool,
        store: bool = True,
    ) -> None:
        self.model = model
        self._dim = dim
        self._encoder_factory = encoder
        self._encoder: Embedder | None = None
        self.compute = compute
        self.store = store
        self._local = threading.local()
        self.embedded = 0
        """Texts this embedder has encoded (and stored)."""

    @property
    def dim(self) -> int:
        return self._dim

    @property
    def missing(self) -> int:
        """Texts answered with a zero vector in this thread since `reset_missing`."""
        return int(getattr(self._local, "missing", 0))

    def reset_missing(self) -> None:
        self._local.missing = 0

    def encoder(self) -> Embedder:
        if self._encoder is None:
            self._encoder = self._encoder_factory()
        return self._encoder

    def embed(self, texts: list[str]) -> FloatMatrix:
        keys = [text_key(t).hex() for t in texts]
        found = read_vectors(self.model, keys) if self.store else {}
        todo = {k: t for k, t in zip(keys, texts, strict=True) if k not in found}
        if todo and self.compute:
            items = list(todo.items())
            for start in range(0, len(items), BATCH):
                batch = items[start : start + BATCH]
                vectors = self.encoder().embed([t for _, t in batch])
                pairs = [(k, vectors[i]) for i, (k, _) in enumerate(batch)]
                if self.store:
                    write_vectors(self.model, pairs)
                found.update(pairs)
                self.embedded += len(batch)
        out = np.zeros((len(texts), self._dim), dtype=np.float32)
        missing = 0
        for row, key in enumerate(keys):
            vector = found.get(key)
            if vector is None:
                missing += 1
            else:
                out[row] = vector
        self._local.missing = self.missing + missing
        return out


def model_name(embedder: Embedder) -> str:
    """The name vectors of this embedder are stored under (its kind and dimension)."""
    return f"{type(embedder).__name__}:{embedder.dim}"


def embedded_generation(model: str) -> int:
    """The latest generation whose texts are all stored under `model`; -1 before any."""
    value = EmbeddedGeneration.objects.filter(model=model).values_list("value", flat=True).first()
    return -1 if value is None else int(value)


def record_embedded(model: str, generation: int) -> None:
    """Record that every text of `generation` has a vector under `model` (never lowers it)."""
    with transaction.atomic():
        row, _ = EmbeddedGeneration.objects.select_for_update().get_or_create(model=model)
        if row.value < generation:
            row.value = generation
            row.save()


def _tokeniser_version() -> str:
    """Stored tokens are valid for one tokeniser: the source of dari.matching.text and the
    Korean analyser's version name it."""
    from importlib.metadata import version
    from pathlib import Path

    source = Path(matching_text.__file__).read_bytes() + version("kiwipiepy").encode()
    return hashlib.blake2b(source, digest_size=12).hexdigest()


TOKENISER_VERSION = _tokeniser_version()


class StoredTokenizer:
    """Texts -> BM25 tokens, read from the shared table; missing ones are tokenised here (and
    stored when `store`, as the job does)."""

    def __init__(self, *, store: bool) -> None:
        self.store = store

    def __call__(self, texts: list[str]) -> list[list[str]]:
        keys = [text_key(t).hex() for t in texts]
        found: dict[str, list[str]] = {}
        wanted = list(dict.fromkeys(keys))
        for start in range(0, len(wanted), READ_CHUNK):
            rows = StoredTokens.objects.filter(
                version=TOKENISER_VERSION, key__in=wanted[start : start + READ_CHUNK]
            ).values_list("key", "tokens")
            found.update((key, tokens.split("\n") if tokens else []) for key, tokens in rows)
        todo = {k: t for k, t in zip(keys, texts, strict=True) if k not in found}
        if todo:
            computed = matching_text.tokenize_many(list(todo.values()))
            found.update(zip(todo, computed, strict=True))
            if self.store:
                rows = [
                    StoredTokens(version=TOKENISER_VERSION, key=k, tokens="\n".join(found[k]))
                    for k in todo
                ]
                with transaction.atomic():
                    StoredTokens.objects.bulk_create(
                        rows, batch_size=READ_CHUNK, ignore_conflicts=True
                    )
        return [list(found[k]) for k in keys]
