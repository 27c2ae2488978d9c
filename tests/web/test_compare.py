"""Comparing assets: ticked in the list, side by side, through the funnel, downloadable."""

from __future__ import annotations

import csv
import io

import pytest

from tests.factories import AssetFactory
from tests.web.html import text

pytestmark = pytest.mark.django_db


def test_the_list_offers_a_tick_per_asset_and_the_compare_button(client, directory):
    page = client.get("/assets/").content.decode()
    assert 'action="/assets/compare"' in page
    assert 'name="id" value="as-gastric"' in page


def test_two_assets_side_by_side_in_korean(client, directory):
    response = client.get("/assets/compare?id=as-gastric&id=as-lung", HTTP_ACCEPT_LANGUAGE="ko")
    body = text(response)
    assert response.status_code == 200
    assert "자산 비교" in body and "HB-101" in body and "HB-202" in body
    assert "한빛바이오" in body and "CLDN18.2" in body


def test_an_asset_the_reader_may_not_see_is_left_out_like_a_missing_one(client, directory):
    AssetFactory(id="as-secret", name="Secretmab", visibility="cda")
    response = client.get("/assets/compare?id=as-gastric&id=as-secret&id=as-nothing")
    body = text(response)
    assert "Secretmab" not in body and "HB-101" in body
    assert "Tick two or more assets" in body


def test_the_comparison_downloads_as_csv(client, directory):
    response = client.get("/assets/compare?id=as-lung&id=as-gastric&id=as-lung&format=csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [r[0] for r in rows[1:]] == ["as-lung", "as-gastric"]
