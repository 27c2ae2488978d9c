"""What a walk through the pages in Korean found, kept from coming back: indications,
modalities and areas read in Korean wherever a page lists an asset (the glossary's names; a
phrase it has no entry for stays as written); a bundled facility reads by its Korean name; the
events list and an event's pages name the event's time zone by its id and offset ("Asia/Seoul
(UTC+9)"), not by a country beside the country column; a suggestion without reasons leaves no
empty list; Korea's trial share reads KoNECT's notes and the national target in Korean.
SYNTHETIC records from the web fixtures (the facility carries a bundled record's id
and English name, as the import stores it)."""

from __future__ import annotations

import re

import pytest
from django.template import Context, Template
from django.utils import translation

from dari.accounts.models import Role
from dari.directory.models import Facility
from dari.insights.bundled import load_targets
from tests.events.factories import make_event
from tests.factories import OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db

SEOUL = "Asia/Seoul (UTC+9)"


def get(client, path: str, language: str = "ko") -> str:
    """A page in `language`; the language the request activates ends with it."""
    with translation.override(None):
        return client.get(path, HTTP_ACCEPT_LANGUAGE=language).content.decode()


@pytest.fixture
def indications(directory):
    asset = directory["assets"]["gastric"]
    asset.indications = ["gastric cancer", "SYNTHETIC toe disease"]
    asset.modality, asset.therapeutic_area = "antibody", "oncology"
    asset.save()
    return asset


def test_indications_modality_and_area_read_in_korean_wherever_an_asset_is_listed(
    client, directory, indications
):
    pages = {
        "asset": f"/assets/{indications.pk}/",
        "search": "/assets/?q=%EC%9C%84%EC%95%94",
        "organisation": f"/organizations/{directory['biotech'].pk}/",
        "compare": f"/assets/compare?id={indications.pk}&id=as-lung",
    }
    for name, path in pages.items():
        korean, english = get(client, path), get(client, path, "en")
        assert "위암, SYNTHETIC toe disease" in korean, name
        assert "gastric cancer, SYNTHETIC toe disease" in english, name
        assert "gastric cancer" not in korean, name
    listing = get(client, pages["search"])
    assert ("항체" in listing, "종양학(항암)" in listing) == (True, True)


def test_a_bundled_facility_reads_by_its_korean_name_on_organisation_and_capability_pages(
    client, directory
):
    Facility.objects.create(
        id="fac-gc-ochang",
        organization=directory["biotech"],
        name="GC Biopharma Ochang plant",
        kind="gmp_manufacturing",
        capabilities=["aseptic filling"],
    )
    org = get(client, f"/organizations/{directory['biotech'].pk}/")
    assert '<strong>GC녹십자 오창 공장</strong> <span class="muted" lang="en">' in org
    assert "무균 충전" in org  # its capability, as before
    assert "<strong>Hanbit GMP plant</strong>" in org  # no rendering: its own name
    finder = get(client, "/insights/capabilities/")
    assert '<strong title="GC Biopharma Ochang plant">GC녹십자 오창 공장</strong>' in finder
    english = get(client, f"/organizations/{directory['biotech'].pk}/", "en")
    assert "<strong>GC Biopharma Ochang plant</strong>" in english


@pytest.fixture
def event(db):
    kpbma = OrganizationFactory(id="kpbma", name="KPBMA", kind="association")
    return make_event(organizer=kpbma, timezone="Asia/Seoul")


def test_the_events_list_names_the_events_time_zone_not_a_country(client, event):
    cell = '<td class="wide-only nowrap" title="{}">{}</td>'
    assert cell.format("대한민국", SEOUL) in get(client, "/events/")
    assert cell.format("South Korea", SEOUL) in get(client, "/events/", "en")
    organiser = UserFactory(username="organiser", organization=event.organizer, role=Role.ORGANISER)
    client.force_login(organiser)
    signed_in = get(client, "/events/")
    assert cell.format("대한민국", SEOUL) in signed_in
    assert "관리" in signed_in  # the organiser's row, with its zone as for anyone
    # A phone reads it under the event's name, the same way.
    assert f'온라인 · <span class="nowrap">{SEOUL}</span> · KPBMA' in signed_in


def test_an_events_header_names_its_time_zone_as_the_list_does(client, event):
    page = get(client, f"/events/{event.slug}/")
    header = re.search(r'<p class="event-when muted">(.*?)</p>', page, re.S).group(1)
    assert header.endswith(f' · 온라인 · <span class="nowrap" title="대한민국">{SEOUL}</span>')


def test_a_suggestion_without_reasons_leaves_no_empty_list():
    render = Template('{% include "web/partials/reasons.html" with reasons=reasons %}').render
    assert 'class="reasons"' not in render(Context({"reasons": []}))
    assert '<ul class="reasons"><li>위암</li></ul>' in render(Context({"reasons": ["위암"]}))


def test_koreas_trial_share_reads_its_sources_notes_and_the_national_target_in_korean(client):
    load_targets()
    korean, english = get(client, "/trials/korea/"), get(client, "/trials/korea/", "en")
    # KoNECT's figures (dari/data/trials/konect.json, note_ko beside note)
    assert "KoNECT(2025년 3월 보고서): 2024년 전 세계 임상시험 4,667건" in korean
    assert "KoNECT (March 2025 report): 4,667 global trials in 2024" in english
    assert "4,667 global trials" not in korean
    # the national target's metric and observations, as the targets dashboard reads them
    assert "전 세계 제약사 주도 임상시험 점유율에서 한국의 순위" in korean
    assert "KoNECT: 2023년 점유율 4.04%로 4위." in korean
    assert "rank by share of industry-sponsored" not in korean
    assert "rank by share of industry-sponsored" in english
    # sources named by their site, as on the dashboard
    assert ">koreabiomed.com</a>" in korean
