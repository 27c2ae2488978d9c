"""The shared embedding store and the index job: pages never embed; until the job has stored
every vector they answer the lexical ranking, marked as such; the job resumes after a crash."""

from __future__ import annotations

import numpy as np
import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from dari.directory.domain import embeddings
from dari.directory.domain.embeddings import read_vectors, write_vectors
from dari.directory.domain.recommend import (
    LEXICAL,
    SEMANTIC,
    directory_texts,
    embed_directory,
    ranked_partners,
    use_embedder,
)
from dari.directory.models import StoredEmbedding
from dari.matching import FakeEmbedder
from tests.factories import AssetFactory, OrganizationFactory


class CountingEncoder(FakeEmbedder):
    """The fake encoder, counting the texts it embeds; `fail_after` calls, it raises."""

    def __init__(self, fail_after: int | None = None) -> None:
        super().__init__()
        self.texts = 0
        self.calls = 0
        self.fail_after = fail_after

    def embed(self, texts):
        if self.fail_after is not None and self.calls >= self.fail_after:
            raise RuntimeError("worker killed")
        self.calls += 1
        self.texts += len(texts)
        return super().embed(texts)


@pytest.fixture
def directory(db):
    seeker = OrganizationFactory(
        id="org-seeker",
        kind="pharma",
        country="US",
        interest_therapeutic_areas=["oncology"],
        interest_description="We in-license oncology antibodies.",
    )
    owner = OrganizationFactory(id="org-owner", country="KR")
    OrganizationFactory(id="org-other", kind="pharma", description="vaccines and diagnostics")
    AssetFactory(id="as-onc", organization=owner, name="Oncomab", description="oncology antibody")
    AssetFactory(id="as-vac", organization=owner, name="Vaxa", description="a vaccine")
    return seeker


def test_vectors_round_trip_as_float32_bytes(db):
    vectors = np.arange(8, dtype=np.float32).reshape(2, 4) / 7
    write_vectors("m:4", [("a" * 32, vectors[0]), ("b" * 32, vectors[1])])
    write_vectors("m:4", [("a" * 32, vectors[1])])  # a stored key keeps its vector
    got = read_vectors("m:4", ["a" * 32, "b" * 32, "c" * 32])
    assert sorted(got) == ["a" * 32, "b" * 32]
    assert got["a" * 32].tobytes() == vectors[0].tobytes()
    assert read_vectors("other:4", ["a" * 32]) == {}


def test_pages_never_embed_and_say_lexical_until_the_job_has_run(directory):
    encoder = CountingEncoder()
    use_embedder(encoder, in_request=False)
    client = Client()
    api = client.get("/api/assets/as-onc/partners")
    page = client.get("/assets/as-onc/partners", HTTP_HX_REQUEST="true")
    assert (api.status_code, page.status_code) == (200, 200)
    assert {row["ranking"] for row in api.json()} == {LEXICAL}
    assert 'data-ranking="lexical"' in page.content.decode()
    korean = client.get(
        "/assets/as-onc/partners", HTTP_HX_REQUEST="true", HTTP_ACCEPT_LANGUAGE="ko"
    ).content.decode()
    assert "전체 순위는 아직 준비 중입니다" in korean
    assert (encoder.calls, StoredEmbedding.objects.count()) == (0, 0)

    done = embed_directory()  # the job (dari.directory.tasks.embed_directory_texts)
    texts = len(directory_texts())
    assert (done["embedded"], encoder.texts, StoredEmbedding.objects.count()) == (
        texts,
        texts,
        texts,
    )
    api = client.get("/api/assets/as-onc/partners")
    page = client.get("/assets/as-onc/partners", HTTP_HX_REQUEST="true")
    assert {row["ranking"] for row in api.json()} == {SEMANTIC}
    assert "data-ranking" not in page.content.decode()
    assert encoder.texts == texts  # the pages read the stored vectors
    assert embed_directory()["embedded"] == 0  # nothing changed: nothing to do


def test_the_semantic_ranking_equals_the_inline_one(directory):
    use_embedder(CountingEncoder(), in_request=False)
    embed_directory()
    stored, ranking = ranked_partners(AnonymousUser(), "as-onc")
    use_embedder(FakeEmbedder())
    inline, _ = ranked_partners(AnonymousUser(), "as-onc")
    assert ranking == SEMANTIC
    assert [(r.id, r.score, r.reasons) for r in stored] == [
        (r.id, r.score, r.reasons) for r in inline
    ]


def test_a_job_killed_midway_resumes_where_it_stopped(directory, monkeypatch):
    monkeypatch.setattr(embeddings, "BATCH", 2)
    texts = len(directory_texts())
    use_embedder(CountingEncoder(fail_after=1), in_request=False)
    with pytest.raises(RuntimeError, match="worker killed"):
        embed_directory()
    assert StoredEmbedding.objects.count() == 2
    assert ranked_partners(AnonymousUser(), "as-onc")[1] == LEXICAL

    encoder = CountingEncoder()
    use_embedder(encoder, in_request=False)
    embed_directory()
    assert (encoder.texts, StoredEmbedding.objects.count()) == (texts - 2, texts)


def test_after_the_job_an_index_is_assembled_without_analysing_text(directory, monkeypatch):
    from dari.matching import text

    use_embedder(CountingEncoder(), in_request=False)
    embed_directory()
    use_embedder(CountingEncoder(), in_request=False)  # a new process: no index yet

    def refuse(texts):
        raise AssertionError("a request analysed directory text")

    monkeypatch.setattr(text, "tokenize_many", refuse)
    response = Client().get("/api/assets/as-onc/partners")
    assert response.status_code == 200
    assert {row["ranking"] for row in response.json()} == {SEMANTIC}
