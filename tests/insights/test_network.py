"""The cluster network, capability profiles and the capability finder."""

from __future__ import annotations

import pytest
from django.utils import translation

from dari.directory.models import Cluster, Facility
from dari.insights.domain import network

pytestmark = pytest.mark.django_db


def test_cluster_links_count_deals_meetings_and_facilities_across_clusters(world):
    # d2 (B→A) and d4 (A→B); m3 joins A and B (m4 is cancelled, m1 has a cluster-less side);
    # a1 (A) runs the ADC plant in B. k=1: the counting without the small-cell rule.
    assert network.cluster_links(k=1) == [
        {"a": "cl-a", "a_label": "Alpha Cluster", "b": "cl-b", "b_label": "Beta Cluster",
         "deals": 2, "meetings": 1, "facilities": 1, "total": 4},
    ]  # fmt: skip


def test_cluster_links_name_clusters_in_the_readers_language(world):
    Cluster.objects.filter(pk="cl-a").update(name_ko="알파 클러스터")
    with translation.override("ko"):
        (row,) = network.cluster_links()
    assert (row["a_label"], row["b_label"]) == ("알파 클러스터", "Beta Cluster")


def test_cluster_matrix_is_symmetric(world):
    cells = network.cluster_matrix(network.cluster_links(k=1))
    assert [(c["from"], c["to"], c["total"]) for c in cells] == [
        ("Alpha Cluster", "Beta Cluster", 4),
        ("Beta Cluster", "Alpha Cluster", 4),
    ]


def test_cluster_profile_counts_visible_assets_and_lists_shared_facilities_first(world, admin_user):
    alpha = world["clusters"][0]
    anonymous = network.cluster_profile(alpha, None)
    assert anonymous["modalities"] == [{"key": "antibody", "label": "Antibody", "count": 1}]
    assert anonymous["stages"] == [{"key": "phase1", "label": "Phase 1", "count": 1}]
    assert anonymous["assets"] == 1
    assert anonymous["organization_kinds"] == [{"key": "biotech", "label": "Biotech", "count": 1}]
    assert [f.id for f in anonymous["facilities"]] == ["f-adc", "f-mab"]
    assert [p.id for p in anonymous["programs"]] == ["p-train"]
    admin = network.cluster_profile(alpha, admin_user)
    assert [(r["key"], r["count"]) for r in admin["modalities"]] == [("antibody", 1), ("adc", 1)]
    assert admin["assets"] == 2


def ids(found, kind):
    return [(r["record"].id, r["matched"]) for r in found[kind]]


def test_capability_finder_ranks_shared_access_facilities_first(world):
    found = network.find_capabilities("GMP manufacturing for ADCs")
    assert found["query_tokens"] == ["adc", "gmp", "manufacturing"]
    assert ids(found, "facilities") == [
        ("f-adc", ["adc", "gmp", "manufacturing"]),
        ("f-mab", ["gmp", "manufacturing"]),
    ]
    assert ids(found, "programs") == [("p-train", ["gmp"])]


def test_capability_finder_understands_a_korean_query(world):
    found = network.find_capabilities("세포 배양")
    # Through the synonyms (cell, culture) and the tag's Korean rendering (동물세포 배양).
    assert ids(found, "facilities") == [("f-mab", ["cell", "culture", "배양", "세포"])]
    assert ids(found, "programs") == []


def test_capability_finder_filters_by_cluster_and_kind(world):
    found = network.find_capabilities("", cluster="cl-b")
    assert ids(found, "facilities") == [("f-adc", []), ("f-lab", [])]
    assert ids(found, "programs") == []
    found = network.find_capabilities("", facility_kind="animal_facility", program_kind="training")
    assert ids(found, "facilities") == [("f-lab", [])]
    assert ids(found, "programs") == [("p-train", [])]


def test_capability_finder_finds_a_tag_by_its_korean_rendering(world):
    Facility.objects.create(
        id="f-fill", organization_id="a1", cluster_id="cl-a", name="Alpha Fill Line",
        kind="gmp_manufacturing", capabilities=["aseptic filling"], shared_access=False,
    )  # fmt: skip
    found = network.find_capabilities("무균 충전")
    assert ids(found, "facilities") == [("f-fill", ["fill", "균", "무균", "충전"])]
    # The English query finds it as before.
    assert ids(network.find_capabilities("aseptic"), "facilities") == [("f-fill", ["aseptic"])]
