"""What a participant met on the agenda: the times offered for a move carry their zone, the
move's reason says what it is for, the deal field says what to type, and the calendar
download speaks the reader's language."""

from __future__ import annotations

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def agenda_of(world, scheduled):
    slug = world["event"].slug

    def _open(who: str, language: str) -> str:
        client = Client()
        client.force_login(world[who].user)
        client.cookies["django_language"] = language
        return client.get(f"/events/{slug}/agenda").content.decode()

    return _open


def test_the_times_offered_for_a_move_carry_the_readers_zone(agenda_of):
    seoul = agenda_of("minseo", "ko")
    london = agenda_of("emma", "en")
    options_seoul = re.findall(r'<select name="preferred"[^>]*>(.*?)</select>', seoul, re.S)[0]
    options_london = re.findall(r'<select name="preferred"[^>]*>(.*?)</select>', london, re.S)[0]
    assert re.findall(r">[^<]+<", options_seoul)[0].endswith(" KST<")
    assert re.findall(r">[^<]+<", options_london)[0].endswith(" GMT<")
    assert "시간 변경 사유" in seoul
    assert "Reason for the move" in london


def test_the_deal_field_says_what_to_type(agenda_of):
    assert "dl-abl-bio-gsk-2025" in agenda_of("emma", "en")


def test_the_calendar_download_speaks_the_readers_language(world, scheduled):
    import icalendar

    client = Client()
    client.force_login(world["minseo"].user)
    slug = world["event"].slug
    client.cookies["django_language"] = "ko"
    korean = icalendar.Calendar.from_ical(client.get(f"/events/{slug}/agenda.ics").content)
    client.cookies["django_language"] = "en"
    english = icalendar.Calendar.from_ical(client.get(f"/events/{slug}/agenda.ics").content)
    (ko_event,) = korean.walk("VEVENT")
    (en_event,) = english.walk("VEVENT")
    name = world["event"].name
    assert str(ko_event["DESCRIPTION"]) == f"Emma Clarke (Gsk) 님과의 파트너링 미팅 ({name})"
    assert str(en_event["DESCRIPTION"]) == f"Partnering meeting at {name} with Emma Clarke (Gsk)."


def test_the_organiser_reads_an_unscheduled_meetings_priority_and_wait_in_words(world):
    from dari.events.domain.requests import accept_request, request_meeting

    accept_request(request_meeting(world["minseo"], target=world["emma"]).pk, world["emma"])
    client = Client()
    client.force_login(world["organiser"])
    client.cookies["django_language"] = "ko"
    page = client.get(f"/events/{world['event'].slug}/manage").content.decode()
    row = re.search(r'<td data-label="우선순위">(.*?)</td><td class="text-col">(.*?)</td>', page)
    assert row.groups() == ("보통", "다음 일정 배정 실행을 기다리는 중입니다.")


def test_the_outcomes_read_as_korean_business_people_write_them(agenda_of):
    page = agenda_of("minseo", "ko")
    select = re.search(r'<select name="outcome"[^>]*>(.*?)</select>', page, re.S).group(1)
    assert re.findall(r">([^<]+)</option>", select) == [
        "결과 선택",
        "관심 없음",
        "CDA 체결",
        "텀시트(주요 조건 합의서)",
        "거래 성사",
    ]


def test_a_video_call_is_a_button_with_its_address_on_hover_and_beside_it_on_wide_screens(
    agenda_of, scheduled
):
    """The address, one unbreakable word, broke mid-address on a phone: the button carries it
    in its title, and the address beside it is for wide screens only."""
    from dari.events.domain.links import video_link

    link = video_link(scheduled)
    page = agenda_of("minseo", "ko")
    where = re.search(r'<div class="where">(.*?)</div>', page, re.S).group(1)
    assert where == (
        f'<a class="button small" href="{link}" title="{link}" target="_blank" '
        f'rel="noopener">화상회의 참여</a> <span class="small muted wide-only">{link}</span>'
    )


def test_the_run_says_its_seconds_are_the_optimisers_run_time(world, scheduled):
    client = Client()
    client.force_login(world["organiser"])
    client.cookies["django_language"] = "ko"
    page = client.get(f"/events/{world['event'].slug}/manage").content.decode()
    stat = re.search(r'<div class="stat" title="([^"]+)"><dt class="stat-l">([^<]+)</dt>', page)
    header = re.search(r'<th class="num" title="([^"]+)">([^<]+)</th><th>방법</th>', page)
    assert (stat.groups(), header.groups(), ">초<" in page) == (
        ("최적화 엔진이 실행된 시간(초)", "실행 시간(초)"),
        ("최적화 엔진이 실행된 시간(초)", "실행 시간(초)"),
        False,
    )
