"""What a call seeks ("areas sought": therapeutic areas, modalities, a minimum stage) and its
Korean name and description: set when a call is created or edited, validated field by field
(nothing written on a refusal), shown in the reader's language, filterable, and used to
suggest the viewer's own assets when applying, never another organisation's hidden ones."""

from __future__ import annotations

import pytest
from django.utils import translation

from dari.accounts.models import Role
from dari.directory.exporter import export_directory
from dari.directory.importer import import_directory
from dari.directory.models import Asset, Program
from dari.directory.vocab import reaches_stage
from dari.insights.domain import call_scope, calls
from dari.insights.domain.errors import CallError
from tests.factories import AssetFactory, UserFactory

pytestmark = pytest.mark.django_db

SCOPE = {
    "name_ko": "항암 오픈이노베이션 공모",
    "description_ko": "임상 1상 이상의 항암 자산을 찾습니다.",
    "therapeutic_areas": ["oncology", "immunology"],
    "modalities": ["antibody"],
    "min_stage": "phase1",
}


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def call(world):
    return calls.edit_call(
        UserFactory(username="padmin", role=Role.PLATFORM_ADMIN, organization=None),
        "p-call",
        SCOPE,
    )


@pytest.fixture
def member(world):
    return UserFactory(username="amember", organization=world["orgs"]["a1"])


# Domain ------------------------------------------------------------------------------------


def test_the_minimum_stage_is_a_rung_of_the_ladder():
    assert [reaches_stage(s, "phase1") for s in ("preclinical", "phase1", "phase3")] == [
        False, True, True,
    ]  # fmt: skip
    assert (reaches_stage("platform", "phase1"), reaches_stage("", ""), reaches_stage("x", "")) == (
        False, True, True,
    )  # fmt: skip


def test_a_call_is_created_with_what_it_seeks_and_its_korean_text(world, organiser):
    created = calls.create_call(organiser, {"name": "Onco call", "organizer": "bigpharma"} | SCOPE)
    created.refresh_from_db()
    assert (
        created.name_ko, created.description_ko, created.seeks_therapeutic_areas,
        created.seeks_modalities, created.seeks_min_stage,
    ) == (
        "항암 오픈이노베이션 공모", "임상 1상 이상의 항암 자산을 찾습니다.",
        ["oncology", "immunology"], ["antibody"], "phase1",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"therapeutic_areas": ["oncology", "astrology"]}, "therapeutic_areas",
         "Unknown therapeutic area 'astrology'."),
        ({"modalities": ["telepathy"]}, "modalities", "Unknown modality 'telepathy'."),
        ({"min_stage": "platform"}, "min_stage",
         "Choose a minimum stage between Discovery and Approved."),
        ({"min_stage": "phase9"}, "min_stage",
         "Choose a minimum stage between Discovery and Approved."),
        ({"name_ko": "가" * 301}, "name_ko", "The Korean name is too long (at most 300 characters)."),
        ({"therapeutic_areas": "oncology"}, "therapeutic_areas", "Choose from the list."),
    ],
)  # fmt: skip
def test_bad_scope_names_its_field_and_writes_nothing(world, organiser, values, field, message):
    before = Program.objects.count()
    with pytest.raises(CallError) as raised:
        calls.create_call(organiser, {"name": "Onco call", "organizer": "bigpharma"} | values)
    assert (raised.value.field, str(raised.value)) == (field, message)
    with pytest.raises(CallError) as raised:
        calls.edit_call(organiser, "p-call", values)
    assert raised.value.field == field
    assert Program.objects.count() == before
    stored = Program.objects.get(pk="p-call")
    assert (stored.name_ko, stored.seeks_therapeutic_areas, stored.seeks_min_stage) == ("", [], "")


def test_the_korean_message_of_a_bad_area(world, organiser):
    with translation.override("ko"), pytest.raises(CallError) as raised:
        calls.edit_call(organiser, "p-call", {"therapeutic_areas": ["astrology"]})
    assert str(raised.value) == "알 수 없는 치료 분야입니다: 'astrology'."


def test_only_the_calls_owners_edit_it(world, member):
    stranger = UserFactory(
        username="borganiser", role=Role.ORGANISER, organization=world["orgs"]["b1"]
    )
    for user in (None, member, stranger):
        with pytest.raises(CallError) as raised:
            calls.edit_call(user, "p-call", {"name_ko": "가로채기"})
        assert (raised.value.field, raised.value.code) == (None, "forbidden")
    assert Program.objects.get(pk="p-call").name_ko == ""
    with pytest.raises(CallError) as raised:
        calls.edit_call(member, "p-train", {"name_ko": "x"})
    assert raised.value.code == "not_found"


def test_an_edit_changes_only_the_fields_given(call, organiser):
    edited = calls.edit_call(organiser, "p-call", {"modalities": [], "name": "Oncology Call 2"})
    edited.refresh_from_db()
    assert (edited.name, edited.name_ko, edited.seeks_modalities, edited.seeks_min_stage) == (
        "Oncology Call 2", "항암 오픈이노베이션 공모", [], "phase1",
    )  # fmt: skip
    with pytest.raises(CallError) as raised:
        calls.edit_call(organiser, "p-call", {"name": "  "})
    assert raised.value.field == "name"
    with pytest.raises(CallError) as raised:
        calls.edit_call(organiser, "p-call", {"start": "2026-05-01", "end": "2026-04-01"})
    assert raised.value.field == "end"


def test_find_calls_by_area_modality_and_stage(call, world):
    other = Program.objects.create(
        id="p-call2", name="Neuro Call", kind="open_innovation_call",
        seeks_therapeutic_areas=["neurology"],
    )  # fmt: skip
    assert call_scope.find_calls() == [other, call] or call_scope.find_calls() == [call, other]
    assert call_scope.find_calls(therapeutic_area="oncology") == [call]
    assert call_scope.find_calls(therapeutic_area="neurology") == [other]
    assert call_scope.find_calls(modality="antibody") == [call]
    # a stage filter keeps the calls an asset at that stage may enter (no minimum: any)
    assert call_scope.find_calls(stage="preclinical") == [other]
    assert {c.pk for c in call_scope.find_calls(stage="phase2")} == {"p-call", "p-call2"}


def test_suggestions_are_the_viewers_own_matching_assets_only(call, world, member):
    AssetFactory(
        id="as-onco2", organization=world["orgs"]["a1"], modality="antibody",
        therapeutic_area="immunology", stage="phase2", visibility="cda",
    )  # fmt: skip
    AssetFactory(
        id="as-early", organization=world["orgs"]["a1"], modality="antibody",
        therapeutic_area="oncology", stage="preclinical", visibility="public",
    )  # fmt: skip
    # b1's own confidential asset that fits the call: never suggested to a1's member
    AssetFactory(
        id="as-bsecret", organization=world["orgs"]["b1"], modality="antibody",
        therapeutic_area="oncology", stage="phase3", visibility="cda",
    )  # fmt: skip
    assert {a.pk for a in call_scope.matching_assets(member, call)} == {"as-mab", "as-onco2"}
    b_member = UserFactory(username="bmember", organization=world["orgs"]["b1"])
    assert [a.pk for a in call_scope.matching_assets(b_member, call)] == ["as-bsecret"]
    assert call_scope.matching_assets(None, call) == []
    # once entered, an asset is no longer suggested
    calls.apply_to_call(member, "p-call", "as-mab", "Fits.")
    assert [a.pk for a in call_scope.matching_assets(member, call)] == ["as-onco2"]


def test_a_call_that_seeks_nothing_suggests_nothing(world, member):
    assert call_scope.matching_assets(member, world["call"]) == []


def test_the_directory_format_leaves_the_new_fields_out_and_an_import_keeps_them(call):
    (record,) = [p for p in export_directory()["programs"] if p["id"] == "p-call"]
    assert set(record) <= {"id", "name", "organizer", "kind", "start", "end", "description",
                           "sources"}  # fmt: skip
    import_directory([("again.json", {"format": "dari-directory/1", "programs": [record]})])
    stored = Program.objects.get(pk="p-call")
    assert (stored.name_ko, stored.seeks_therapeutic_areas, stored.seeks_min_stage) == (
        "항암 오픈이노베이션 공모", ["oncology", "immunology"], "phase1",
    )  # fmt: skip


# Pages -------------------------------------------------------------------------------------


def test_the_call_page_in_korean_and_english(call, client):
    ko = client.get("/insights/calls/p-call/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert "항암 오픈이노베이션 공모" in ko and "임상 1상 이상의 항암 자산을 찾습니다." in ko
    assert "찾는 분야" in ko
    with translation.override("en"):
        en = client.get("/insights/calls/p-call/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<h1>Oncology Open Call</h1>" in en and "항암" not in en
    assert "Areas sought" in en and "Oncology" in en and "Phase 1 or later" in en


def test_the_call_page_suggests_the_members_matching_assets(call, world, member, client):
    client.force_login(member)
    page = client.get("/insights/calls/p-call/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Your assets that fit this call" in page
    assert Asset.objects.get(pk="as-mab").name in page
    # the metabolic ADC is a1's own but does not fit; b1's public asset is not a1's
    suggestions = page.split('id="suggested"')[1].split("</section>")[0]
    assert Asset.objects.get(pk="as-adc").name not in suggestions
    assert Asset.objects.get(pk="as-sm").name not in suggestions


def test_the_call_list_shows_and_filters_what_calls_seek(call, world, client):
    Program.objects.create(
        id="p-call2", name="Neuro Call", kind="open_innovation_call",
        seeks_therapeutic_areas=["neurology"],
    )  # fmt: skip
    page = client.get("/insights/calls/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Oncology Open Call" in page and "Neuro Call" in page and "Immunology" in page
    onco = client.get("/insights/calls/?therapeutic_area=oncology", HTTP_ACCEPT_LANGUAGE="en")
    assert [c.pk for c in onco.context["calls"]] == ["p-call"]
    bad = client.get("/insights/calls/?therapeutic_area=astrology", HTTP_ACCEPT_LANGUAGE="en")
    assert bad.status_code == 200 and "therapeutic_area" in bad.context["filter_form"].errors
    ko = client.get("/insights/calls/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert "항암 오픈이노베이션 공모" in ko


def test_the_new_call_page_sets_what_the_call_seeks(world, organiser, client):
    client.force_login(organiser)
    response = client.post(
        "/insights/calls/new",
        {
            "name": "Onco call", "organizer": "bigpharma", "name_ko": "항암 공모",
            "therapeutic_areas": ["oncology", "immunology"], "modalities": ["antibody"],
            "min_stage": "phase1",
        },
    )  # fmt: skip
    assert response.status_code == 302
    created = Program.objects.get(name="Onco call")
    assert (created.name_ko, created.seeks_therapeutic_areas, created.seeks_min_stage) == (
        "항암 공모", ["oncology", "immunology"], "phase1",
    )  # fmt: skip
    bad = client.post(
        "/insights/calls/new",
        {"name": "Bad call", "organizer": "bigpharma", "therapeutic_areas": ["astrology"]},
    )
    assert bad.status_code == 200 and "therapeutic_areas" in bad.context["form"].errors
    assert not Program.objects.filter(name="Bad call").exists()


def test_the_edit_page_for_owners_only(call, world, organiser, member, client):
    url = "/insights/calls/p-call/edit"
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(member)
    assert client.get(url).status_code == 404
    assert client.post(url, {"name": "Hijacked", "organizer": "bigpharma"}).status_code == 404
    client.force_login(organiser)
    form = client.get(url)
    assert form.status_code == 200 and 'value="항암 오픈이노베이션 공모"' in form.content.decode()
    assert (
        'href="/insights/calls/p-call/edit"'
        in client.get("/insights/calls/p-call/").content.decode()
    )
    response = client.post(
        url,
        {"name": "Oncology Open Call", "name_ko": "새 이름", "therapeutic_areas": ["oncology"],
         "min_stage": "phase2", "start": "2026-01-01"},
    )  # fmt: skip
    assert response.status_code == 302 and response["Location"] == "/insights/calls/p-call/"
    stored = Program.objects.get(pk="p-call")
    assert (stored.name, stored.name_ko, stored.seeks_therapeutic_areas) == (
        "Oncology Open Call", "새 이름", ["oncology"],
    )  # fmt: skip
    assert (stored.seeks_modalities, stored.seeks_min_stage, stored.organizer_id) == (
        [], "phase2", "bigpharma",
    )  # fmt: skip
    bad = client.post(url, {"name": "", "min_stage": "phase2"})
    assert bad.status_code == 200 and "name" in bad.context["form"].errors
    assert Program.objects.get(pk="p-call").name == "Oncology Open Call"


def test_the_fit_reads_what_the_call_seeks_before_the_organisers_interests(call, member):
    fits = calls.apply_to_call(member, "p-call", "as-mab", "Fits.")
    misses = calls.apply_to_call(member, "p-call", "as-adc", "Does not.")
    assert (fits.score, misses.score) == (1.0, 0.0)
    admin = UserFactory(username="padmin2", role=Role.PLATFORM_ADMIN, organization=None)
    rows = {r["application"].pk: r for r in calls.rank_applications(admin, "p-call")}
    assert rows[fits.pk]["reasons"][:3] == [
        "Therapeutic area Oncology is one the call seeks.",
        "Modality Antibody is one the call seeks.",
        "Stage Phase 1 is at or past the call's earliest stage, Phase 1.",
    ]
    assert not any("call seeks" in r for r in rows[misses.pk]["reasons"])


def test_the_call_list_reads_in_a_fixed_number_of_queries(call, world, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/insights/calls/?stage=phase2").status_code == 200
        return len(captured)

    one = queries()
    for n, org in enumerate(["a1", "b1", "us1"]):
        Program.objects.create(
            id=f"p-more-{n}", name=f"More {n}", kind="open_innovation_call",
            organizer=world["orgs"][org], seeks_therapeutic_areas=["oncology"],
        )  # fmt: skip
    assert queries() == one


def test_the_korean_call_pages_show_no_english_ui_string(call, world, organiser, member, client):
    from tests.korean import data_strings, english_in_page

    client.cookies["django_language"] = "ko"
    client.force_login(organiser)
    pages = {
        "edit": client.get("/insights/calls/p-call/edit", HTTP_ACCEPT_LANGUAGE="ko"),
        "bad edit": client.post(
            "/insights/calls/p-call/edit",
            {"name": "", "therapeutic_areas": ["astrology"]},
            HTTP_ACCEPT_LANGUAGE="ko",
        ),
        "list": client.get("/insights/calls/?stage=x", HTTP_ACCEPT_LANGUAGE="ko"),
    }
    client.force_login(member)
    client.cookies["django_language"] = "ko"
    pages["call"] = client.get("/insights/calls/p-call/", HTTP_ACCEPT_LANGUAGE="ko")
    assert "이 공모에 맞는 우리 기관의 자산" in pages["call"].content.decode()
    data = data_strings()
    found = {name: english_in_page(r.content.decode(), data) for name, r in pages.items()}
    assert found == {"edit": [], "bad edit": [], "list": [], "call": []}
