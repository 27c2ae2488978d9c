"""Group affiliations: Janssen belongs to Johnson & Johnson, whose page takes in its deals."""

from __future__ import annotations

import json

import pytest

from dari.directory.affiliations import import_affiliations
from dari.directory.domain import queries
from dari.directory.domain.recommend import deal_history, org_profile
from dari.directory.interchange import DirectoryError
from dari.directory.models import Affiliation, Deal, Organization
from dari.matching import AssetProfile, FakeEmbedder, Index


@pytest.fixture
def group(db):
    jnj = Organization.objects.create(id="jnj", name="Johnson & Johnson", kind="pharma")
    janssen = Organization.objects.create(id="janssen", name="Janssen", kind="pharma")
    yuhan = Organization.objects.create(id="yuhan", name="Yuhan", kind="pharma", country="KR")
    Deal.objects.create(
        id="dl-1", licensor=yuhan, licensee=janssen, deal_type="license", date="2018-11"
    )
    return jnj, janssen


def _write(tmp_path, rows):
    path = tmp_path / "affiliations.json"
    path.write_text(json.dumps({"format": "dari-affiliations/1", "affiliations": rows}))
    return path


ROW = {
    "organization": "janssen",
    "parent": "jnj",
    "relation": "subsidiary",
    "sources": ["https://www.jnj.com/about-jnj"],
}


def test_the_parent_takes_in_the_deals_of_its_group(group, tmp_path, client):
    jnj, janssen = group
    assert queries.deals_of(None, jnj) == []
    assert import_affiliations(_write(tmp_path, [ROW])) == 1
    assert [d.pk for d in queries.deals_of(None, jnj)] == ["dl-1"]
    assert queries.group_of(janssen).parent == jnj
    assert queries.group_of(jnj).members == (janssen,)
    page = client.get(f"/organizations/{jnj.pk}/").content.decode()
    # the deal row names Janssen (its id only in the link to the deal's page, never as text)
    assert "Janssen" in page and 'href="/deals/dl-1/"' in page and ">dl-1<" not in page
    assert "/organizations/janssen/" in page


@pytest.mark.parametrize(
    ("row", "where"),
    [
        ({**ROW, "parent": "nobody"}, "affiliations[0].parent"),
        ({**ROW, "relation": "cousin"}, "affiliations[0].relation"),
        ({**ROW, "sources": []}, "affiliations[0].sources"),
        ({**ROW, "sources": ["https://docslib.org/doc/1"]}, "affiliations[0].sources[0]"),
    ],
)
def test_a_bad_file_names_the_problem_and_writes_nothing(group, tmp_path, row, where):
    import_affiliations(_write(tmp_path, [ROW]))
    with pytest.raises(DirectoryError) as exc:
        import_affiliations(_write(tmp_path, [row]))
    assert where in str(exc.value)
    assert list(Affiliation.objects.values_list("organization_id", "parent_id")) == [
        ("janssen", "jnj")
    ]


def test_a_cycle_is_refused(group, tmp_path):
    back = {**ROW, "organization": "jnj", "parent": "janssen"}
    with pytest.raises(DirectoryError) as exc:
        import_affiliations(_write(tmp_path, [ROW, back]))
    assert "its own ancestor" in str(exc.value)
    assert not Affiliation.objects.exists()


def test_the_bundled_groups_roll_up(db):
    from dari.directory.bundled import load_bundled_data

    load_bundled_data()
    jnj = Organization.objects.get(pk="johnson-johnson")
    roche = Organization.objects.get(pk="roche")
    assert Deal.objects.filter(licensee_id="janssen").exists()
    janssen_deals = set(Deal.objects.filter(licensee_id="janssen").values_list("pk", flat=True))
    assert janssen_deals <= {d.pk for d in queries.deals_of(None, jnj)}
    genentech_deals = set(Deal.objects.filter(licensee_id="genentech").values_list("pk", flat=True))
    assert genentech_deals and genentech_deals <= {d.pk for d in queries.deals_of(None, roche)}


def _partners_of_a_yuhan_asset(history):
    orgs = [org_profile(o) for o in Organization.objects.order_by("pk")]
    index = Index(orgs, [], embedder=FakeEmbedder(32), history=history)
    asset = AssetProfile(id="x", organization_id="yuhan", name="X", description="an asset")
    return {r.id: r for r in index.recommend_partners(asset, top=10)}


def test_recommendations_count_a_subsidiarys_deals_for_its_group(group, tmp_path):
    jnj, janssen = group
    assert [(r.id, r.licensee_id) for r in deal_history().records] == [("dl-1", "janssen")]
    before = _partners_of_a_yuhan_asset(deal_history())
    assert "licensed from Yuhan before: 1 deal since 2018" not in before["jnj"].reasons
    import_affiliations(_write(tmp_path, [ROW]))
    history = deal_history()
    assert [(r.id, r.licensee_id) for r in history.records] == [
        ("dl-1", "janssen"),
        ("dl-1@jnj", "jnj"),
    ]
    after = _partners_of_a_yuhan_asset(history)
    assert "licensed from Yuhan before: 1 deal since 2018" in after["jnj"].reasons
    assert history.by_licensee["jnj"].total.count == 1  # evidence now, not a filled mean
    assert after["janssen"].reasons == before["janssen"].reasons  # its own deal, unchanged


@pytest.mark.parametrize("relation", ["affiliate"])
def test_an_affiliates_deals_stay_its_own(group, tmp_path, relation):
    import_affiliations(_write(tmp_path, [{**ROW, "relation": relation}]))
    assert [r.id for r in deal_history().records] == ["dl-1"]


def test_a_deal_inside_the_group_is_not_counted_for_the_group(group, tmp_path):
    jnj, janssen = group
    Deal.objects.create(id="dl-2", licensor=jnj, licensee=janssen, deal_type="license")
    import_affiliations(_write(tmp_path, [ROW]))
    assert [r.id for r in deal_history().records] == ["dl-1", "dl-1@jnj", "dl-2"]
