"""Exports: an event's tables (organisers only) and a participant's agenda, as CSV with a
byte-order mark and as XLSX; Hangul round-trips; assets only when the reader may see them."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from dari.events.domain.requests import accept_request, request_meeting
from dari.events.domain.schedule import schedule_event
from tests.events.pages import get_in_korean, login, url
from tests.factories import AssetFactory, link

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("immediate_tasks")]

HANGUL = "박민서"


@pytest.fixture
def korean(world):
    minseo = world["minseo"]
    minseo.user.last_name = HANGUL
    minseo.user.first_name = ""
    minseo.user.save()
    secret = AssetFactory(
        organization=minseo.organization, name="Secret bispecific", visibility="partners"
    )
    link(minseo.organization, world["emma"].organization)
    req = request_meeting(
        world["minseo"], target=world["emma"], message="안녕하세요", asset_id=secret.pk
    )
    accept_request(req.pk, world["emma"])
    schedule_event(world["event"].pk)
    return world


def _csv(response):
    body = response.content
    assert body.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def _xlsx(response):
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    return [
        [c if c is not None else "" for c in row] for row in book.active.iter_rows(values_only=True)
    ]


@pytest.mark.parametrize("table", ["meetings", "participants", "requests", "followups"])
def test_organisers_export_every_table_in_both_formats(client, korean, table):
    login(client, korean["organiser"])
    rows = _csv(client.get(url("export", "test-virtual", table)))
    sheet = _xlsx(client.get(url("export", "test-virtual", table), {"format": "xlsx"}))
    assert [[str(c) for c in r] for r in sheet] == rows
    if table in ("meetings", "participants", "requests"):
        assert any(HANGUL in cell for row in rows for cell in row)


def test_requests_export_names_the_asset_only_to_those_who_may_see_it(client, korean):
    login(client, korean["organiser"])
    rows = _csv(client.get(url("export", "test-virtual", "requests")))
    header, row = rows
    # Neither the partners-only asset nor the two sides' message reaches the organiser.
    assert (row[header.index("Asset")], "Message" in header, "안녕하세요" in row) == (
        "",
        False,
        False,
    )
    login(client, korean["emma"])
    agenda = _csv(client.get(url("agenda-export", "test-virtual")))
    assert agenda[1][agenda[0].index("Asset")] == "Secret bispecific"


def test_only_organisers_export_the_event_and_people_their_own_agenda(client, korean):
    for who in ("minseo", "outsider", "other_organiser"):
        login(client, korean[who])
        assert client.get(url("export", "test-virtual", "participants")).status_code == 404
    login(client, korean["organiser"])
    assert client.get(url("export", "test-virtual", "nothing")).status_code == 404
    login(client, korean["minseo"])
    rows = _csv(client.get(url("agenda-export", "test-virtual")))
    assert (len(rows), rows[0][1]) == (2, "Start (Asia/Seoul)")
    login(client, korean["outsider"])
    assert client.get(url("agenda-export", "test-virtual")).status_code == 302


def test_the_korean_interface_exports_korean_headings(client, korean):
    login(client, korean["organiser"])
    response = get_in_korean(client, url("export", "test-virtual", "meetings"), {"format": "xlsx"})
    assert _xlsx(response)[0][0] == "미팅"


def test_the_participants_export_gives_an_organisations_korean_name_in_its_own_column(
    client, korean
):
    org = korean["minseo"].organization
    org.name_ko = "에이비엘바이오"
    org.save()
    login(client, korean["organiser"])
    rows = _csv(client.get(url("export", "test-virtual", "participants")))
    header = rows[0]
    names = {
        r[header.index("Organisation")]: r[header.index("Organisation (Korean name)")]
        for r in rows[1:]
    }
    assert names[org.name] == "에이비엘바이오"
