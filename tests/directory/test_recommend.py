"""Recommendations through the access funnel: never recommend or explain what one may not see."""

from __future__ import annotations

import ast
import json
from pathlib import Path
from string import Formatter

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import CommandError, call_command
from django.utils import translation

from dari.directory.domain import reason_catalogue
from dari.directory.domain.editing import update_asset
from dari.directory.domain.recommend import (
    TerritoryError,
    deal_history,
    recommend_assets,
    recommend_partners,
)
from dari.directory.models import Asset
from dari.matching.reasons import catalogue
from tests.factories import AssetFactory, DealFactory, OrganizationFactory


@pytest.fixture
def market(leak_world):
    """leak_world plus a pharma that seeks oncology antibodies and a public oncology asset."""
    seeker = OrganizationFactory(
        id="org-seeker",
        name="Seeker Pharma",
        kind="pharma",
        country="US",
        interest_therapeutic_areas=["oncology"],
        interest_modalities=["antibody", "adc"],
        interest_stages=["phase1", "phase2"],
        interest_deal_types=["license"],
        interest_description="We in-license oncology antibodies in early clinical stages.",
    )
    AssetFactory(
        id="as-open",
        organization=leak_world["orgs"][3],
        name="Openmab",
        description="oncology antibody",
    )
    return seeker


def ids(recs):
    return [r.id for r in recs]


@pytest.mark.parametrize("who", ["anonymous", "stranger", "partner", "cda", "owner"])
def test_private_assets_are_never_recommended(market, leak_world, who):
    user = AnonymousUser() if who == "anonymous" else leak_world["users"][who]
    got = set(ids(recommend_assets(user, "org-seeker", top=50)))
    expected = {"as-public", "as-open"} | ({"as-members"} if who != "anonymous" else set())
    assert got == expected


def test_partners_of_an_asset_one_may_not_see_is_a_miss(market, leak_world):
    with pytest.raises(Asset.DoesNotExist):
        recommend_partners(leak_world["users"]["stranger"], "as-cda")
    with pytest.raises(Asset.DoesNotExist):
        recommend_partners(AnonymousUser(), "as-members")
    recs = recommend_partners(leak_world["users"]["cda"], "as-cda", top=10)
    assert "org-owner" not in ids(recs)  # the asset's own organisation is excluded
    assert ids(recs)[0] == "org-seeker"
    assert all(r.reasons for r in recs[:1])


def test_the_index_follows_edits_to_assets(market, leak_world):
    owner = leak_world["users"]["owner"]
    asset = Asset.objects.get(pk="as-public")
    assert "as-public" in ids(recommend_assets(owner, "org-seeker", top=50))
    update_asset(asset, {"visibility": "cda"})
    assert "as-public" not in ids(recommend_assets(owner, "org-seeker", top=50))


def test_api_answers_a_refused_asset_like_a_missing_one(market, client):
    refused = client.get("/api/assets/as-cda/partners")
    missing = client.get("/api/assets/as-nope/partners")
    assert (refused.status_code, missing.status_code) == (404, 404)
    assert refused.json() == {"detail": "Not found: asset 'as-cda'", "errors": []}
    assert missing.json() == {"detail": "Not found: asset 'as-nope'", "errors": []}


def test_api_lists_partners_and_recommended_assets(market, client):
    partners = client.get("/api/assets/as-public/partners?top=3").json()
    assert partners[0]["organization"] == "org-seeker"
    assert partners[0]["reasons"] != []
    assets = client.get("/api/organizations/org-seeker/recommended-assets?top=10").json()
    assert sorted(a["asset"] for a in assets) == ["as-open", "as-public"]


def test_cli_prints_json_keyed_by_asset(market, capsys):
    call_command("recommend", "partners", "--asset", "as-public", "--top", "2", "--json")
    out = json.loads(capsys.readouterr().out)
    assert list(out) == ["as-public"]
    assert [set(r) for r in out["as-public"]] == [{"organization", "score", "reasons"}] * len(
        out["as-public"]
    )
    assert out["as-public"][0]["organization"] == "org-seeker"


def test_pages_show_partners_with_reasons_and_hide_refused_assets(market, client):
    page = client.get("/assets/as-public/partners", HTTP_HX_REQUEST="true")
    assert page.status_code == 200
    assert "Seeker Pharma" in page.content.decode()
    assert client.get("/assets/as-cda/partners", HTTP_HX_REQUEST="true").status_code == 404
    listing = client.get(
        "/organizations/org-seeker/recommended-assets", HTTP_HX_REQUEST="true"
    ).content.decode()
    assert ("Openmab" in listing, "Secretmab cda" in listing, "Secretmab members" in listing) == (
        True,
        False,
        False,
    )


def test_reasons_speak_to_the_organisation_only_when_its_own_people_read(market, django_user_model):
    """An organisation's suggested assets, read by anyone else, say "its profile", not "your
    profile" (nor 귀사 in Korean); one of its people reads "your"."""
    own = django_user_model.objects.create_user("seeker-bd", password="pw-seeker-bd-1")
    own.organization = market
    own.save()
    outsider = [r for rec in recommend_assets(AnonymousUser(), "org-seeker") for r in rec.reasons]
    mine = [r for rec in recommend_assets(own, "org-seeker") for r in rec.reasons]
    assert outsider and mine
    assert not any("your" in r.lower().split() for r in outsider)
    assert any(" its " in f" {r} " for r in outsider)
    assert any("your" in r for r in mine)
    with translation.override("ko"):
        korean = [r for rec in recommend_assets(AnonymousUser(), "org-seeker") for r in rec.reasons]
    assert korean and not any("귀사" in r for r in korean)


@pytest.fixture
def past_adc_deal(market, leak_world):
    """The seeker in-licensed a shared ADC from a Korean biotech in 2024; a deal of a
    privately shared asset exists too; the owner has a new ADC to place."""
    licensor = OrganizationFactory(id="org-kr-adc", name="KR ADC Bio", country="KR")
    past = AssetFactory(
        id="as-past-adc",
        organization=licensor,
        name="Pastmab",
        modality="adc",
        therapeutic_area="oncology",
        targets=["HER2"],
    )
    DealFactory(id="dl-past", licensor=licensor, licensee=market, asset=past, date="2024-05")
    owner, _, _, stranger = leak_world["orgs"]
    DealFactory(
        id="dl-private",
        licensor=owner,
        licensee=stranger,
        asset=leak_world["assets"]["cda"],
        date="2024-01",
    )
    AssetFactory(
        id="as-new-adc",
        organization=owner,
        name="Newmab",
        modality="adc",
        therapeutic_area="oncology",
        targets=["HER2"],
    )


def test_deal_history_gives_a_reason_and_never_carries_a_private_asset(past_adc_deal, leak_world):
    """A past in-licensing deal of a shared asset is evidence, and says so; a deal of a
    privately shared asset counts as the deal list shows it, like a deal with no asset."""
    recs = recommend_partners(leak_world["users"]["owner"], "as-new-adc", top=5)
    assert recs[0].id == "org-seeker"
    assert "in-licensed 1 asset against HER2 since 2024, e.g. from KR ADC Bio" in recs[0].reasons
    for tier in ("public", "members"):
        history = deal_history(tier)
        assert [r.id for r in history.records] == ["dl-past", "dl-private"]
        (private,) = history.by_licensee["org-stranger"].total.records
        assert (private.asset_id, private.targets, private.modality) == (None, (), None)


def test_reasons_are_in_the_active_language(past_adc_deal, leak_world):
    """One shared index, reasons rendered in the language of the request."""
    owner = leak_world["users"]["owner"]
    with translation.override("ko"):
        korean = recommend_partners(owner, "as-new-adc", top=5)
    with translation.override("en"):
        english = recommend_partners(owner, "as-new-adc", top=5)
    assert [(r.id, r.score) for r in korean] == [(r.id, r.score) for r in english]
    assert "in-licensed 1 asset against HER2 since 2024, e.g. from KR ADC Bio" in english[0].reasons
    assert "oncology ADC: in their stated interests" in english[0].reasons
    assert "2024년 이후 HER2 표적 자산 1건 도입(예: KR ADC Bio)" in korean[0].reasons
    assert "종양 항체-약물 접합체(ADC): 관심 분야로 밝힌 영역" in korean[0].reasons


def test_the_korean_page_shows_korean_reasons(market, client):
    with translation.override("en"):  # restores the language the middleware activates
        page = client.get(
            "/assets/as-public/partners", HTTP_HX_REQUEST="true", headers={"accept-language": "ko"}
        )
    assert page.status_code == 200
    assert "관심 분야로 밝힌 영역" in page.content.decode()


def test_the_catalogue_marks_every_reason_string_for_makemessages():
    """reason_catalogue lists, as gettext_noop literals, exactly the strings the core passes
    through its translator (regenerate it with `python -m dari.directory.domain.reason_catalogue`)."""
    calls = [
        node
        for node in ast.walk(ast.parse(Path(reason_catalogue.__file__).read_text(encoding="utf-8")))
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "gettext_noop"
    ]
    assert all(
        len(c.args) == 1
        and isinstance(c.args[0], ast.Constant)
        and isinstance(c.args[0].value, str)
        for c in calls
    )
    assert [c.args[0].value for c in calls] == catalogue()
    assert list(reason_catalogue.STRINGS) == catalogue()


def test_every_reason_string_has_a_korean_translation_with_the_same_fields():
    def fields(text):
        return sorted(name for _, name, _, _ in Formatter().parse(text) if name is not None)

    same_in_korean = {"RNA"}
    with translation.override("ko"):
        for text in catalogue():
            korean = translation.gettext(text)
            assert korean != text or text in same_in_korean, text
            assert fields(korean) == fields(text), text


def test_own_pipeline_reasons_never_show_an_asset_the_reader_may_not_see(leak_world):
    """A pharma's own assets are evidence ('their pipeline has ...'): a members asset only
    for signed-in readers, a privately shared one never."""
    pharma = OrganizationFactory(id="org-pipe", name="Pipe Pharma", kind="pharma")
    for visibility, name in (("members", "Membermab"), ("cda", "Hiddenmab")):
        AssetFactory(
            id=f"as-pipe-{visibility}",
            organization=pharma,
            name=name,
            visibility=visibility,
            therapeutic_area="oncology",
            targets=["TROP2"],
            indications=["triple-negative breast cancer"],
        )
    AssetFactory(
        id="as-query",
        organization=leak_world["orgs"][0],
        name="Querymab",
        visibility="public",
        therapeutic_area="oncology",
        targets=["TROP2"],
        indications=["triple-negative breast cancer"],
    )
    signed_in = recommend_partners(leak_world["users"]["stranger"], "as-query", top=10)
    pipe = next(r for r in signed_in if r.id == "org-pipe")
    assert "their pipeline has Membermab, also against TROP2" in pipe.reasons
    anonymous = recommend_partners(AnonymousUser(), "as-query", top=10)
    for rec in (*signed_in, *anonymous):
        assert not any("Hiddenmab" in r for r in rec.reasons)
    for rec in anonymous:
        assert not any("Membermab" in r for r in rec.reasons)


def test_history_carries_asset_fields_of_the_tiers_assets_only(leak_world):
    licensee = OrganizationFactory(id="org-lic", name="Licensee Pharma", kind="pharma")
    owner = leak_world["orgs"][0]
    members = leak_world["assets"]["members"]
    members.targets = ["SECRET1"]
    members.save()
    DealFactory(id="dl-members", licensor=owner, licensee=licensee, asset=members, date="2024")
    (record,) = [r for r in deal_history("public").records if r.id == "dl-members"]
    assert record.targets == () and record.modality is None and record.asset_id is None
    (record,) = [r for r in deal_history("members").records if r.id == "dl-members"]
    assert (record.targets, record.asset_id) == (("SECRET1",), "as-members")


@pytest.fixture
def twin_in_japan(market):
    """The seeker's twin, based in Japan: the same profile, so only a territory tells them apart."""
    return OrganizationFactory(
        id="org-twin-jp",
        name="Twin Pharma KK",
        kind="pharma",
        country="JP",
        interest_therapeutic_areas=market.interest_therapeutic_areas,
        interest_modalities=market.interest_modalities,
        interest_stages=market.interest_stages,
        interest_deal_types=market.interest_deal_types,
        interest_description=market.interest_description,
    )


def test_a_territory_to_try_reranks_without_saving(twin_in_japan, leak_world):
    owner = leak_world["users"]["owner"]
    as_is = ids(recommend_partners(owner, "as-public", top=3))
    assert as_is.index("org-seeker") < as_is.index("org-twin-jp")  # a tie, broken by id
    recs = recommend_partners(owner, "as-public", top=3, territories=["Japan"])
    assert recs[0].id == "org-twin-jp"
    assert "based in Japan, within the territories on offer (Japan)" in recs[0].reasons
    assert Asset.objects.get(pk="as-public").territories == []  # nothing saved
    with pytest.raises(TerritoryError, match="unknown territory 'Narnia'"):
        recommend_partners(owner, "as-public", territories=["Japan", "Narnia"])
    with pytest.raises(Asset.DoesNotExist):  # the funnel answers first
        recommend_partners(leak_world["users"]["stranger"], "as-cda", territories=["Narnia"])


def test_api_cli_and_page_take_a_territory_to_try(twin_in_japan, client, capsys):
    url = "/api/assets/as-public/partners?top=2&territory=Japan"
    assert client.get(url).json()[0]["organization"] == "org-twin-jp"
    bad = client.get("/api/assets/as-public/partners?territory=Narnia")
    assert bad.status_code == 400
    assert bad.json()["detail"].startswith("territory: unknown territory 'Narnia'")
    call_command("recommend", "partners", "--asset", "as-public", "--territory", "Japan", "--json")
    assert json.loads(capsys.readouterr().out)["as-public"][0]["organization"] == "org-twin-jp"
    with pytest.raises(CommandError, match="--territory: unknown territory 'Narnia'"):
        call_command("recommend", "partners", "--asset", "as-public", "--territory", "Narnia")
    page = client.get(
        "/assets/as-public/partners?territory=Japan", HTTP_HX_REQUEST="true"
    ).content.decode()
    assert page.index("Twin Pharma KK") < page.index("Seeker Pharma")
    refused = client.get("/assets/as-public/partners?territory=Narnia", HTTP_HX_REQUEST="true")
    assert refused.status_code == 400
    assert "unknown territory &#x27;Narnia&#x27;" in refused.content.decode()
    detail = client.get("/assets/as-public/").content.decode()
    assert '<option value="Greater China">What if: Greater China</option>' in detail


def test_an_indication_in_a_reason_reads_in_korean(leak_world):
    """An indication a reason names goes through the glossary for a Korean reader (SYNTHETIC
    organisations)."""
    OrganizationFactory(
        id="org-gastric",
        name="Gastric Pharma",
        kind="pharma",
        country="US",
        interest_therapeutic_areas=["oncology"],
        interest_modalities=["antibody"],
        interest_description="We in-license antibodies for gastric cancer.",
    )
    AssetFactory(
        id="as-gastric",
        organization=leak_world["orgs"][3],
        name="Gastromab",
        description="an antibody for gastric cancer",
        indications=["gastric cancer"],
    )
    owner = leak_world["users"]["owner"]
    with translation.override("en"):
        english = {r.id: r.reasons for r in recommend_partners(owner, "as-gastric", top=20)}
    with translation.override("ko"):
        korean = {r.id: r.reasons for r in recommend_partners(owner, "as-gastric", top=20)}
    assert any(r.startswith("gastric cancer:") for r in english["org-gastric"])
    assert any(r.startswith("위암:") for r in korean["org-gastric"])
    # their own words are quoted as they wrote them
    assert any("“We in-license antibodies for gastric cancer.”" in r for r in korean["org-gastric"])
