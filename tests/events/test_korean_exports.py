"""A Korean reader's calendar and event tables name organisations as the pages do (에이비엘바이오,
not ABL Bio), with translated headings, while ids and times stay machine-readable; the
subscription feed (no cookie) speaks the language the person chose for their e-mails."""

from __future__ import annotations

import csv
import io
from zoneinfo import ZoneInfo

import icalendar
import pytest

from dari.messaging.domain.prefs import set_preferences
from tests.events.pages import get_in_korean, login, url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("immediate_tasks")]


@pytest.fixture
def korean_name(world):
    organization = world["minseo"].organization
    organization.name_ko = "에이비엘바이오"
    organization.save()
    return organization


def _summary(content: bytes) -> str:
    (vevent,) = icalendar.Calendar.from_ical(content).walk("VEVENT")
    return str(vevent["summary"])


def test_the_ics_names_the_other_side_in_the_readers_language(
    client, world, scheduled, korean_name
):
    login(client, world["emma"])
    korean = get_in_korean(client, url("agenda-ics", "test-virtual"))
    english = client.get(url("agenda-ics", "test-virtual"), HTTP_ACCEPT_LANGUAGE="en")
    assert _summary(korean.content).endswith("Minseo Park (에이비엘바이오)")
    assert _summary(english.content).endswith(f"Minseo Park ({korean_name.name})")


def test_the_feed_speaks_the_language_chosen_for_e_mails_and_changes_its_etag(
    client, world, scheduled, korean_name
):
    feed = f"/events/calendar/{world['emma'].calendar_token}.ics"
    before = client.get(feed, HTTP_ACCEPT_LANGUAGE="en")
    assert _summary(before.content).endswith(f"({korean_name.name})")
    set_preferences(world["emma"].user, language="ko", reminder_minutes=15, off=[])
    after = client.get(feed, HTTP_ACCEPT_LANGUAGE="en")
    assert (
        _summary(after.content).endswith("(에이비엘바이오)"),
        after["ETag"] != before["ETag"],
    ) == (
        True,
        True,
    )


def test_a_new_language_alone_is_a_new_calendar(client, world, scheduled):
    """A calendar app keeps what a 304 tells it: the ETag moves with the feed's language even
    when nothing else changed."""
    feed = f"/events/calendar/{world['emma'].calendar_token}.ics"
    set_preferences(world["emma"].user, language="ko", reminder_minutes=15, off=[])
    korean = client.get(feed)
    set_preferences(world["emma"].user, language="en", reminder_minutes=15, off=[])
    english = client.get(feed, HTTP_IF_NONE_MATCH=korean["ETag"])
    assert (english.status_code, english["ETag"] != korean["ETag"]) == (200, True)


def _rows(response) -> list[list[str]]:
    assert response.content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_agenda_csv_is_korean_for_a_korean_reader_but_keeps_ids_and_times(
    client, world, scheduled, korean_name
):
    login(client, world["emma"])
    header, row = _rows(get_in_korean(client, url("agenda-export", "test-virtual")))
    start = scheduled.slot.start.astimezone(ZoneInfo("Europe/London"))
    assert (header[:4], row[:4], row[5]) == (
        ["미팅", "시작 (Europe/London)", "분", "상태"],
        [str(scheduled.pk), f"{start:%Y-%m-%d %H:%M}", str(scheduled.slot.minutes), "일정 확정"],
        f"Minseo Park (에이비엘바이오); Emma Clarke ({world['emma'].organization.name})",
    )
