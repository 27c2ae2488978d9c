"""What a review of the pages as their readers see them found, kept from coming back: a trial's
sponsor named as Dari names it (in Korean for a Korean reader), a funnel whose later stages are
held back says so under its one bar, a call with an opening date and no deadline reads "from",
the site finder before a search shows what it answers, the review queue names a source's site
instead of a cut address, and Korean wording that said "time zone" for a meeting slot.
SYNTHETIC records from the web fixtures."""

from __future__ import annotations

import pytest
from django.utils import translation

from dari.accounts.models import Role
from dari.curation.domain.ingest import ingest_text
from dari.directory.models import Program
from tests.curation.conftest import EN_DEAL, SOURCE
from tests.factories import UserFactory
from tests.web.conftest import hanbit_trial
from tests.web.html import text

pytestmark = pytest.mark.django_db


def test_a_trial_names_its_sponsor_as_dari_does_with_the_registrys_spelling_on_hover(
    client, directory
):
    hanbit_trial(directory, "NCT09999991")
    korean = client.get("/trials/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    english = client.get("/trials/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    link = '<a href="/organizations/org-hanbit/" title="Hanbit Bio Co., Ltd.">{}</a>'
    assert [link.format("한빛바이오") in korean, link.format("Hanbit Bio") in english] == [
        True,
        True,
    ]
    # A phone reads the phase, status, start and sponsor under the title (the columns are
    # for wider screens).
    assert (
        '<div class="small muted phone-only">Phase 2 · Recruiting · 2025-03 · Hanbit Bio</div>'
        in english
    )


def test_a_funnel_names_the_stages_it_does_not_draw(client):
    """With no meetings at all, every stage of the all-events funnel is held back: the chart
    has no bar, and the note under it says which stages and why."""
    html = client.get("/insights/ecosystem/").content.decode()
    funnel = html.split('id="funnel"', 1)[1].split("</section>", 1)[0]
    assert (
        '<p class="small muted held-back">Not drawn, as fewer than 3 organisations account '
        "for them: Meetings, CDA signed, Term sheet, Deal.</p>"
    ) in funnel
    korean = client.get("/insights/ecosystem/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert "관련 기관이 3곳 미만이라 그리지 않은 항목: 미팅, CDA 체결" in korean


def test_a_call_without_a_deadline_reads_from_its_opening_date(client, directory):
    Program.objects.create(
        id="p-open",
        name="SYNTHETIC Open Call",
        organizer=directory["pharma"],
        kind="open_innovation_call",
        start="2026-02-11",
    )
    english = text(client.get("/insights/calls/"))
    korean = text(client.get("/insights/calls/", HTTP_ACCEPT_LANGUAGE="ko"))
    assert ["from 2026-02-11" in english, "2026-02-11부터" in korean] == [True, True]


def test_the_site_finder_before_a_search_offers_example_searches(client):
    html = client.get("/trials/sites/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert '<a href="?condition=%EC%9C%84%EC%95%94&amp;phase=3">위암 · 임상 3상</a>' in html
    searched = client.get("/trials/sites/?condition=gastric+cancer").content.decode()
    assert "site-examples" not in searched


def test_the_review_queue_names_the_sources_site_with_the_address_on_hover(client):
    ingest_text(EN_DEAL, SOURCE)
    client.force_login(UserFactory(username="cura", role=Role.CURATOR, organization=None))
    html = client.get("/curation/").content.decode()
    assert (
        f'title="{SOURCE}" rel="noopener noreferrer external" target="_blank">koreabiomed.com</a>'
        in html
    )


def test_korean_says_slot_not_time_zone_for_a_meetings_time():
    """ "시간대" is the time zone everywhere else on the pages; a meeting's slot is not one."""
    with translation.override("ko"):
        words = [
            translation.gettext("Every accepted meeting has a slot."),
            translation.gettext("slot"),
            translation.gettext("Table"),
        ]
    assert words == ["수락된 모든 미팅에 시간이 배정되었습니다.", "미팅 슬롯", "표"]
