"""Korean-first asset search on the real bundled data: Korean queries find English records (and
the reverse) on the page, the API and the command line; results come by relevance; the index
follows saves and imports; nothing the reader may not see is found or counted."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command

from dari.directory.bundled import load_bundled_data
from dari.directory.domain import editing
from dari.directory.domain.search import search_assets
from dari.directory.filters import AssetFilter
from dari.directory.models import Asset, AssetSearch
from tests.factories import AssetFactory, OrganizationFactory
from tests.web.html import asset_ids

# Each Korean query, the English words every asset found must name (in its indications,
# modality, name or description), and assets it must find.
KOREAN_QUERIES = {
    "위암": (("gastric",), {"as-abl-bio-abl111", "as-astellas-vyloy"}),
    "비소세포폐암": (("non-small cell lung", "nsclc"), {"as-yuhan-lazertinib"}),
    "알츠하이머": (("alzheimer",), {"as-biogen-leqembi", "as-eisai-leqembi"}),
    "이중항체": (("bispecific",), {"as-abl-bio-abl111"}),
    "항체약물접합체": (("antibody-drug conjugate", "adc"), {"as-astrazeneca-enhertu"}),
}


def names(asset: Asset) -> str:
    parts = [asset.name, asset.description, asset.modality.replace("_", " "), *asset.indications]
    return " ".join(parts).lower()


def api_ids(client, **params):
    response = client.get("/api/assets", {"limit": 500, **params})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == len(body["items"])
    return [item["id"] for item in body["items"]]


@pytest.fixture
def bundle(db):
    load_bundled_data()


def test_korean_queries_find_the_english_records_on_api_page_and_command_line(
    bundle, client, capsys
):
    for query, (words, expected) in KOREAN_QUERIES.items():
        found = api_ids(client, q=query)
        assert expected <= set(found), query
        assets = Asset.objects.in_bulk(found)
        unnamed = [pk for pk in found if not any(w in names(assets[pk]) for w in words)]
        assert unnamed == [], query
        # The page lists the same assets in the same order (its first page).
        page = client.get("/assets/", {"q": query})
        assert asset_ids(page) == sorted(found[:25]), query
        # The command line, as anonymous: the same ids in the same order.
        call_command("assets", "search", query, "--public", "--json", "--top", "500")
        printed = json.loads(capsys.readouterr().out)
        assert (printed["count"], [a["id"] for a in printed["assets"]]) == (len(found), found)


def test_gastric_cancer_ranks_gastric_cancer_assets_first(bundle, client):
    found = api_ids(client, q="gastric cancer")
    assets = Asset.objects.in_bulk(found)
    gastric = [pk for pk in found if any("gastric" in i.lower() for i in assets[pk].indications)]
    assert found[: len(gastric)] == gastric  # every gastric-cancer asset before any other
    assert {"as-abl-bio-abl111", "as-astellas-vyloy"} <= set(gastric)
    # Hemlibra (haemophilia) and Enspryng (NMOSD) are no answer to "gastric cancer".
    for other in ("as-roche-hemlibra", "as-roche-enspryng"):
        assert other not in found[: len(gastric)]
    # Korean and English name the same concept: the same assets.
    assert set(api_ids(client, q="위암")) == set(found)


def test_an_english_query_finds_a_korean_described_asset(db, client):
    org = OrganizationFactory(id="org-kr", name="Hanbit Bio", name_ko="한빛바이오")
    AssetFactory(
        id="as-kr",
        organization=org,
        name="HB-201",
        description="HER2 양성 위암 환자를 위한 이중항체 치료제",
        therapeutic_area="oncology",
        modality="",
    )
    AssetFactory(id="as-other", organization=org, name="HB-300", description="당뇨병 치료제")
    assert api_ids(client, q="gastric cancer") == ["as-kr"]
    assert api_ids(client, q="bispecific antibody") == ["as-kr"]
    assert api_ids(client, q="stomach cancer") == ["as-kr"]
    assert api_ids(client, q="type 2 diabetes") == []
    assert api_ids(client, q="diabetes") == ["as-other"]
    assert sorted(api_ids(client, q="한빛바이오")) == ["as-kr", "as-other"]


def test_results_by_relevance_keep_filters_counts_and_other_sorts(db, client):
    org = OrganizationFactory(id="org-a", name="Alpha")
    AssetFactory(id="as-1", organization=org, name="Zeta", indications=["gastric cancer"])
    AssetFactory(
        id="as-2",
        organization=org,
        name="Alpha-2",
        description="also tried in gastric cancer",
        indications=["breast cancer"],
        stage="phase2",
    )
    assert api_ids(client, q="위암") == ["as-1", "as-2"]  # named in its indication first
    assert api_ids(client, q="위암", sort="name") == ["as-2", "as-1"]
    assert api_ids(client, q="위암", stage="phase2") == ["as-2"]
    page = client.get("/assets/", {"q": "위암"})
    facets = {f.name: f for f in page.context["facets"]}
    assert dict((v, n) for v, _l, n in facets["stage"].options if n) == {"phase1": 1, "phase2": 1}
    assert page.context["chosen"]["sort"] == "relevance"


def test_the_index_follows_saves_imports_and_renames(db, client):
    org = OrganizationFactory(id="org-a", name="Alpha")
    asset = AssetFactory(id="as-1", organization=org, name="AL-1", indications=["obesity"])
    assert api_ids(client, q="비만") == ["as-1"]
    editing.update_asset(asset, {"indications": ["Alzheimer's disease"]})
    assert (api_ids(client, q="비만"), api_ids(client, q="알츠하이머")) == ([], ["as-1"])
    editing.update_organization(org, {"name": "Orion Neuro"})
    assert api_ids(client, q="orion") == ["as-1"]
    Asset.objects.filter(pk="as-1").delete()
    assert (api_ids(client, q="알츠하이머"), AssetSearch.objects.count()) == ([], 0)


# Who sees which of the owner's assets (leak_world): every account state, each query channel.
SEEN = {
    None: ["as-public"],
    "stranger": ["as-members", "as-public"],
    "partner": ["as-members", "as-partners", "as-public"],
    "cda": ["as-cda", "as-members", "as-partners", "as-public"],
    "owner": ["as-cda", "as-members", "as-partners", "as-public"],
    "loner": ["as-public"],
    "unverified": ["as-public"],
    "pending": ["as-public"],
    "removed": ["as-public"],
}


@pytest.mark.parametrize("who", list(SEEN))
def test_search_never_finds_or_counts_what_the_reader_may_not_see(leak_world, client, who):
    for asset in Asset.objects.all():
        asset.description = "위암 환자를 위한 이중항체"
        asset.save()
    if who is not None:
        client.force_login(leak_world["users"][who])
    expected = SEEN[who]
    for query in ("gastric cancer", "위암", "secretmab", "이중항체 위암"):
        assert sorted(api_ids(client, q=query)) == expected, query
        page = client.get("/assets/", {"q": query})
        assert asset_ids(page) == expected, query
        stages = next(f for f in page.context["facets"] if f.name == "stage")
        assert sum(n for _v, _l, n in stages.options) == len(expected), query
    user = leak_world["users"][who] if who is not None else None
    rows = search_assets(user, AssetFilter.from_params({"q": "위암"}))
    assert (sorted(a.pk for a in rows), rows.count()) == (expected, len(expected))


def test_command_line_refuses_bad_values_naming_the_option(db, capsys):
    with pytest.raises(Exception) as caught:
        call_command("assets", "search", "위암", "--stage", "phase9")
    assert "--stage: 'phase9' is not one of" in str(caught.value)


def test_organisation_signal_reindexes_its_assets(db):
    org = OrganizationFactory(id="org-b", name="Beta")
    AssetFactory(id="as-b", organization=org, name="B-1")
    org.name_ko = "베타제약"
    org.save()
    assert AssetSearch.objects.get(asset_id="as-b").org.split()[0] == "beta"
    assert "베타" in AssetSearch.objects.get(asset_id="as-b").org


def test_reindex_rewrites_every_document(db, capsys):
    AssetFactory(id="as-r", name="R-1", indications=["gastric cancer"])
    AssetSearch.objects.update(terms="")
    call_command("assets", "reindex")
    assert "zcgastriccancer" in AssetSearch.objects.get(asset_id="as-r").terms.split()
    assert capsys.readouterr().err.strip() == "1 assets indexed"


def test_updated_since_narrows_a_ranked_search_too(db, client, settings):
    import time_machine

    with time_machine.travel("2026-01-01T00:00:00Z", tick=False):
        AssetFactory(id="as-old", name="Old", indications=["gastric cancer"])
    with time_machine.travel("2026-06-01T00:00:00Z", tick=False):
        AssetFactory(id="as-new", name="New", indications=["gastric cancer"])
    assert api_ids(client, q="위암", updated_since="2026-03-01") == ["as-new"]
    assert api_ids(client, q="위암", updated_since="2026-03-01", sort="name") == ["as-new"]


def test_the_target_mer_is_not_the_mers_virus(db, client):
    """The target MER (MERTK) and the MERS virus are different words: plural stripping keeps
    them apart."""
    org = OrganizationFactory(id="org-mer", name="Qurient")
    AssetFactory(
        id="as-q702",
        organization=org,
        name="Adrixetinib (Q702)",
        description="Oral triple inhibitor of the Axl, Mer and CSF1R kinases",
        targets=["AXL", "MER", "CSF1R"],
        indications=["advanced solid tumours"],
    )
    AssetFactory(
        id="as-gls5300",
        organization=org,
        name="GLS-5300",
        description="Plasmid DNA vaccine against MERS-CoV delivered with electroporation",
        indications=["MERS coronavirus prevention"],
        therapeutic_area="infectious_disease",
    )
    assert api_ids(client, q="MER") == ["as-q702"]
    assert api_ids(client, q="MERS") == ["as-gls5300"]
    assert api_ids(client, q="메르스") == ["as-gls5300"]
