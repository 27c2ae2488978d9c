"""Every ecosystem aggregate against values counted by hand on tests/insights/factories.py."""

from __future__ import annotations

import pytest
from django.utils import translation

from dari.insights.domain import analytics as a
from dari.insights.domain.analytics import Filters
from tests.factories import AssetFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def rows(data, *keys):
    return [tuple(r[k] for k in keys) for r in data]


def test_deals_by_year_sums_counts_and_values_with_undated_last(world):
    assert a.deals_by_year(None) == [
        {"key": "2023", "label": "2023", "deals": 2, "value_usd_m": 150.0},
        {"key": "2024", "label": "2024", "deals": 1, "value_usd_m": 0.0},
        {"key": "", "label": "No date", "deals": 1, "value_usd_m": 10.0},
    ]


def test_year_range_drops_undated_deals(world):
    assert rows(a.deals_by_year(None, Filters(year_from=2023, year_to=2023)), "key", "deals") == [
        ("2023", 2)
    ]
    assert rows(a.deals_by_year(None, Filters(year_from=2024)), "key", "deals") == [("2024", 1)]


def test_cluster_filter_keeps_deals_with_either_side_in_the_cluster(world):
    assert rows(a.deals_by_year(None, Filters(cluster="cl-b")), "key", "deals", "value_usd_m") == [
        ("2023", 1, 50.0),
        ("2024", 1, 0.0),
        ("", 1, 10.0),
    ]


def test_deals_by_modality_hides_the_modality_of_an_asset_the_viewer_cannot_see(world, admin_user):
    assert a.deals_by_modality(None) == [
        {"key": "antibody", "label": "Antibody", "deals": 1, "value_usd_m": 100.0},
        {"key": "small_molecule", "label": "Small molecule", "deals": 1, "value_usd_m": 10.0},
        {"key": "", "label": "Not stated", "deals": 2, "value_usd_m": 50.0},
    ]
    assert rows(a.deals_by_modality(admin_user), "key", "deals", "value_usd_m") == [
        ("antibody", 1, 100.0),
        ("adc", 1, 50.0),
        ("small_molecule", 1, 10.0),
        ("", 1, 0.0),
    ]


def test_modality_filter_counts_only_visible_assets_of_that_modality(world, admin_user):
    assert rows(a.deals_by_year(None, Filters(modality="antibody")), "key", "deals") == [
        ("2023", 1)
    ]
    assert a.deals_by_year(None, Filters(modality="adc")) == []
    assert rows(a.deals_by_year(admin_user, Filters(modality="adc")), "key", "deals") == [
        ("2023", 1)
    ]


def test_deals_by_area(world, admin_user):
    assert rows(a.deals_by_area(None), "key", "label", "deals", "value_usd_m") == [
        ("oncology", "Oncology", 2, 110.0),
        ("", "Not stated", 2, 50.0),
    ]
    assert rows(a.deals_by_area(admin_user), "key", "deals", "value_usd_m") == [
        ("oncology", 2, 110.0),
        ("metabolic", 1, 50.0),
        ("", 1, 0.0),
    ]


def test_deals_by_licensee_country(world):
    assert a.deals_by_licensee_country(None) == [
        {"key": "KR", "label": "South Korea", "deals": 2, "value_usd_m": 60.0},
        {"key": "US", "label": "United States", "deals": 2, "value_usd_m": 100.0},
    ]
    with translation.override("ko"):
        assert [r["label"] for r in a.deals_by_licensee_country(None)] == ["대한민국", "미국"]


def test_investments_by_kind(world):
    assert a.investments_by_kind() == [
        {"key": "series_a", "label": "Series A", "investments": 2, "amount_usd_m": 25.0},
        {"key": "ipo", "label": "IPO", "investments": 1, "amount_usd_m": 0.0},
    ]
    assert rows(a.investments_by_kind(Filters(year_from=2024)), "key", "investments") == [
        ("ipo", 1),
        ("series_a", 1),
    ]
    assert rows(a.investments_by_kind(Filters(cluster="cl-a")), "key", "amount_usd_m") == [
        ("ipo", 0.0),
        ("series_a", 20.0),
    ]


def test_assets_by_cluster_and_stage_count_visible_assets_only(world, admin_user):
    assert a.assets_by_cluster(None, "stage") == [
        {"cluster": "cl-a", "cluster_label": "Alpha Cluster", "key": "phase1",
         "label": "Phase 1", "assets": 1},
        {"cluster": "cl-b", "cluster_label": "Beta Cluster", "key": "phase2",
         "label": "Phase 2", "assets": 1},
    ]  # fmt: skip
    assert rows(a.assets_by_cluster(admin_user, "stage"), "cluster", "key", "assets") == [
        ("cl-a", "preclinical", 1),
        ("cl-a", "phase1", 1),
        ("cl-b", "phase2", 1),
    ]


def test_assets_of_organisations_outside_korea_are_not_the_ecosystems_pipeline(world, admin_user):
    before = a.assets_by_cluster(admin_user, "stage")
    global_pharma = OrganizationFactory(id="org-global", kind="pharma", country="US")
    AssetFactory(id="as-global", organization=global_pharma, stage="approved")
    assert a.assets_by_cluster(admin_user, "stage") == before


def test_assets_by_cluster_and_modality_with_filters(world, admin_user):
    assert rows(a.assets_by_cluster(None, "modality"), "cluster", "key", "assets") == [
        ("cl-a", "antibody", 1),
        ("cl-b", "small_molecule", 1),
    ]
    assert rows(a.assets_by_cluster(admin_user, "modality"), "cluster", "key") == [
        ("cl-a", "antibody"),
        ("cl-a", "adc"),
        ("cl-b", "small_molecule"),
    ]
    f = Filters(cluster="cl-a", modality="adc")
    assert a.assets_by_cluster(None, "modality", f) == []
    assert rows(a.assets_by_cluster(admin_user, "modality", f), "key", "assets") == [("adc", 1)]


def test_assets_by_cluster_refuses_an_unknown_dimension(world):
    with pytest.raises(ValueError):
        a.assets_by_cluster(None, "visibility")


def test_korea_share_of_meetings_ignores_cancelled_ones(world):
    # k=1: the counting itself, without the small-cell rule (tests/insights/test_small_cells.py).
    share = a.korea_meeting_share(k=1)
    assert share == [
        {"key": "ev-2026", "label": "Event ev-2026", "meetings": 3, "with_korea": 2,
         "share": 0.6667},
    ]  # fmt: skip
    assert a.korea_share_total(share) == {"meetings": 3, "with_korea": 2, "share": 0.6667}
    assert rows(a.korea_meeting_share(Filters(cluster="cl-b"), k=1), "meetings", "with_korea") == [
        (1, 1)
    ]
    assert a.korea_share_total(a.korea_meeting_share(Filters(year_from=2027), k=1)) == {
        "meetings": 0,
        "with_korea": 0,
        "share": None,
    }


def test_funnel_over_all_events_counts_each_meeting_up_to_its_furthest_stage(world):
    assert a.funnel(k=1) == [
        {"key": "meeting", "label": "Meetings", "meetings": 2, "share_of_previous": None},
        {"key": "cda_signed", "label": "CDA signed", "meetings": 2, "share_of_previous": 1.0},
        {"key": "term_sheet", "label": "Term sheet", "meetings": 1, "share_of_previous": 0.5},
        # No meeting reached a deal: no organisation accounts for it, held back even at k=1.
        {
            "key": "deal",
            "label": "Deal",
            "meetings": "fewer than 1 organisations",
            "share_of_previous": None,
        },
    ]
    assert rows(a.funnel(Filters(year_to=2025), k=1), "meetings", "share_of_previous") == [
        ("fewer than 1 organisations", None),
        ("fewer than 1 organisations", None),
        ("fewer than 1 organisations", None),
        ("fewer than 1 organisations", None),
    ]
