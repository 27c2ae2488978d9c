"""A time zone reads as a place in the reader's language ("미국(인디애나폴리스)", "United
Kingdom"), never as the tz database id ("America/Indiana/Indianapolis"), wherever a page shows
one; forms keep the id as the value they send."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from dari.core.names import zone_name
from tests.events.pages import get_in_korean, html, login, url
from tests.factories import UserFactory


@pytest.mark.parametrize(
    ("zone", "en", "ko"),
    [
        ("America/Indiana/Indianapolis", "United States (Indianapolis)", "미국(인디애나폴리스)"),
        ("Asia/Seoul", "South Korea", "대한민국"),
        ("Europe/London", "United Kingdom", "영국"),
        ("UTC", "UTC", "UTC"),
        ("Mars/Olympus_Mons", "Mars/Olympus_Mons", "Mars/Olympus_Mons"),
        ("", "", ""),
    ],
)
def test_a_zone_reads_as_a_place_in_the_readers_language(zone, en, ko):
    assert (zone_name(zone, "en"), zone_name(zone, "ko")) == (en, ko)
    with translation.override("ko"):
        assert zone_name(zone) == ko


def _shown(page: str) -> str:
    """The page's text outside lists of options and attributes (where the id belongs: an
    option reads "Europe/London · 영국")."""
    return re.sub(r"<[^>]+>", " ", re.sub(r"<select.*?</select>", " ", page, flags=re.S))


@pytest.mark.django_db
def test_the_participant_list_names_zones_as_places(client, world):
    login(client, world["minseo"])
    page = html(get_in_korean(client, url("detail", world["event"].slug)))
    shown = _shown(page)
    assert "Europe/London" not in shown
    assert "Asia/Seoul" not in shown
    assert sorted(
        set(re.findall(r'<td class="nowrap[^"]*" title="([^"]+)">([^<]+)</td>', page))
    ) == [
        ("Asia/Seoul", "대한민국"),
        ("Europe/London", "영국"),
    ]
    english = html(client.get(url("detail", world["event"].slug), HTTP_ACCEPT_LANGUAGE="en"))
    assert "United Kingdom" in _shown(english)


@pytest.mark.django_db
def test_event_pages_name_zones_as_places(client, world):
    login(client, world["emma"])
    for name in ("detail", "agenda", "availability"):
        page = html(get_in_korean(client, url(name, world["event"].slug)))
        shown = _shown(page)
        assert ("Europe/London" in shown, "Asia/Seoul" in shown) == (False, False), name
    listing = _shown(html(get_in_korean(client, url("list"))))
    assert ("Asia/Seoul" in listing, "대한민국" in listing) == (False, True)


@pytest.mark.django_db
def test_the_account_page_names_the_zone_and_keeps_the_id_as_the_value(client):
    client.force_login(UserFactory(username="indy", timezone="America/Indiana/Indianapolis"))
    page = html(get_in_korean(client, "/me/"))
    assert re.findall(r"<dt>시간대</dt><dd([^>]*)>([^<]*)</dd>", page) == [
        (' title="America/Indiana/Indianapolis"', "미국(인디애나폴리스)")
    ]
    assert re.search(
        r'<option value="America/Indiana/Indianapolis" selected>'
        r"America/Indiana/Indianapolis · 미국\(인디애나폴리스\)</option>",
        page,
    )
