"""The shortcuts of a member's ranked search change no answer: the ranking of a one-word
query from its tokens' hits alone (without the MATCH, `search_rank.any_token`), the count of
the joined matches (SQLite: written once, counted from there), the search documents' cover
index, and the facets counted in one pass over the groups."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from dari.accounts.models import LinkKind
from dari.directory import search, search_rank
from dari.directory.access import search_tiers, visible_assets
from dari.directory.domain import queries
from dari.directory.domain.queries import FACETS, _facet_counts, _holds
from dari.directory.filters import AssetFilter
from dari.directory.models import AssetSearch
from tests.factories import AssetFactory, OrganizationFactory, UserFactory, link

pytestmark = pytest.mark.django_db

WORDS = ("cancer", "위암", "gastric cancer", "antibody", "bispecific antibody", "zebra")


@pytest.fixture
def world():
    """Cancer and antibody assets of every visibility, of an organisation (Mineco) that put
    Cdaco on its CDA list and of one that listed nobody (Otherco)."""
    mine = OrganizationFactory(id="org-mine", name="Mineco", country="KR")
    other = OrganizationFactory(id="org-other", name="Otherco", country="US")
    cda = OrganizationFactory(id="org-cda", name="Cdaco", country="KR")
    link(mine, cda, LinkKind.CDA)
    visibilities = ["public", "members", "partners", "cda"]
    texts = [
        ("gastric cancer antibody", ["gastric cancer"]),
        ("a bispecific antibody in breast cancer", ["breast cancer"]),
        ("cancer cancer zebra", ["non-small cell lung cancer"]),
        ("위암 치료 항체", ["gastric cancer"]),
    ]
    for i in range(24):
        description, indications = texts[i % len(texts)]
        AssetFactory(
            id=f"as-{i:02d}",
            organization=mine if i % 2 else other,
            name=f"A-{i:02d}",
            description=description,
            indications=indications,
            visibility=visibilities[i % len(visibilities)],
            stage=["phase1", "phase2"][i % 3 % 2],
        )
    return {"cda": UserFactory(username="cda", organization=cda), "anonymous": None}


@pytest.mark.parametrize("who", ["cda", "anonymous"])
def test_one_word_queries_rank_alike_with_and_without_the_match(world, monkeypatch, who):
    user = world[who]
    tiers = search_tiers(user)
    for words in WORDS:
        query = search.parsed(words)
        shortcut = search.top_matches(visible_assets(user), query, 50, tiers=tiers)
        monkeypatch.setattr(search_rank, "any_token", lambda _query: False)
        matched = search.top_matches(visible_assets(user), query, 50, tiers=tiers)
        monkeypatch.undo()
        assert shortcut == matched, words
        assert shortcut[1] == visible_assets(user).filter(search.matching(query)).count()
    assert search_rank.any_token(search.parsed("cancer"))
    assert not search_rank.any_token(search.parsed("gastric zebra"))


@pytest.mark.parametrize("who", ["cda", "anonymous"])
def test_a_members_search_answers_as_the_ranked_queryset(world, who):
    """`top_matches` (one pass) against `ranked` (the queryset form): the same matches in
    the same order, counted alike, with and without a filter."""
    user = world[who]
    for words in WORDS:
        for extra in ({}, {"stage": "phase2"}):
            chosen = AssetFilter.from_params({"q": words, **extra})
            narrowed = AssetFilter.from_params(extra).narrowed(visible_assets(user))
            found, total = search.top_matches(
                narrowed, chosen.query(), 50, tiers=search_tiers(user)
            )
            reference = list(
                search.ranked(narrowed, chosen.query()).values_list("pk", "search_rank")
            )
            assert [m.asset_id for m in found] == [pk for pk, _ in reference]
            assert [m.rank for m in found] == pytest.approx([r for _, r in reference])
            assert total == len(reference)


def test_the_cover_index_a_search_names_is_the_models():
    assert search.COVER in [index.name for index in AssetSearch._meta.indexes]


def _reference_counts(groups: list[dict[str, Any]], chosen: dict[str, str], step: int):
    """The facets' counts as they were computed, one pass over the groups per facet."""
    out = {}
    for field in FACETS:
        others = [(f, v) for f, v in chosen.items() if v and f != field]
        counts: Counter[Any] = Counter()
        for row in groups:
            if not all(_holds(row, f, v) for f, v in others):
                continue
            if field == "seeking":
                for value in set(row["seeking"] or ()):
                    counts[value] += row["n"] * step
            else:
                counts[row[queries._GROUPED[field]]] += row["n"] * step
        out[field] = counts
    return out


def test_facets_counted_in_one_pass_count_as_one_pass_per_facet():
    groups = [
        {
            "therapeutic_area": area,
            "modality": modality,
            "stage": stage,
            "seeking": seeking,
            "organization__cluster_id": cluster,
            "organization__cluster__name": cluster,
            "organization__cluster__name_ko": "",
            "organization__country": country,
            "n": n,
        }
        for n, (area, modality, stage, seeking, cluster, country) in enumerate(
            [
                ("oncology", "antibody", "phase2", ["license"], "c-1", "KR"),
                ("oncology", "adc", "phase1", ["license", "co_development"], None, "US"),
                ("neurology", "antibody", "phase2", [], "c-2", "KR"),
                ("oncology", "antibody", "phase3", None, "c-1", ""),
                ("metabolic", "small_molecule", "phase2", ["acquisition"], "c-2", "JP"),
            ],
            start=1,
        )
    ]
    choices = [
        {},
        {"therapeutic_area": "oncology"},
        {"therapeutic_area": "oncology", "stage": "phase2"},
        {"seeking": "license", "cluster": "c-1"},
        {"country": "KR", "modality": "antibody", "stage": "phase2"},
        {"therapeutic_area": "rare_disease"},
    ]
    for chosen in choices:
        values = {field: chosen.get(field, "") for field in FACETS}
        for step in (1, 8):
            assert _facet_counts(groups, values, step) == _reference_counts(groups, values, step)
