"""The bundled trials folder (dari/data/trials/) loads, and loads again without a change; every
bundled trial and site names a source on the web; KoNECT's figures carry their source."""

from __future__ import annotations

import pytest

from dari.directory.bundled import load_bundled_data
from dari.directory.models import Organization
from dari.trials.bundled import DATA_DIR, konect_observations, load_bundled_trials
from dari.trials.engine.notorg import not_an_organisation
from dari.trials.models import SiteProfile, Trial
from tests.getwalk import changed_tables, database_checksum
from tests.test_org_names import suspects

pytestmark = pytest.mark.django_db


def test_the_bundled_trials_load_twice_without_a_change():
    load_bundled_data()
    first = load_bundled_trials()
    pages = sorted(DATA_DIR.glob("ctgov-*.json"))
    assert (first["new"] > 0) == bool(pages)
    before = database_checksum()
    again = load_bundled_trials()
    assert (again["new"], again["updated"]) == (0, 0)
    assert changed_tables(before, database_checksum()) == []
    assert [
        t
        for t in Trial.objects.values_list("source_url", flat=True)
        if not t.startswith("https://")
    ] == []
    assert list(Trial.objects.filter(synthetic=True)) == []
    # No organisation, bundled or made by the import, is named like a person or a place
    # (genuine exceptions: ALLOWED in tools/list_suspect_orgs.py, each with why).
    assert [
        (org_id, name)
        for org_id, name in Organization.objects.values_list("id", "name")
        if not_an_organisation(name) and org_id not in suspects.ALLOWED
    ] == []
    bundled_sites = SiteProfile.objects.filter(origin="bundled")
    assert [
        p.pk for p in bundled_sites if not p.source_url.startswith(("https://", "http://"))
    ] == []


def test_konect_figures_carry_their_source():
    rows = konect_observations()
    assert [(r["year"], r["korea_share"], r["korea_rank"]) for r in rows] == [
        (2023, 4.04, 4),
        (2024, 3.46, 6),
    ]
    assert rows[1]["global_trials"] == 4667
    assert {r["source"] for r in rows} == {
        "https://www.koreabiomed.com/news/articleViewAmp.html?idxno=28186"
    }
