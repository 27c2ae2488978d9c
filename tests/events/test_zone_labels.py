"""A time zone reads as a place in the reader's language ("미국(인디애나폴리스)", "United
Kingdom") in sentences (agenda, availability, account page); where a table or an event's header
names a zone beside a country, it reads as its tz database id and offset ("Asia/Seoul (UTC+9)",
the place as its title), not as a second country; forms keep the id as the value they send."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from dari.core.names import zone_label, zone_name
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
def test_the_participant_list_names_zones_by_id_and_offset(client, world):
    login(client, world["minseo"])
    event = world["event"]
    page = html(get_in_korean(client, url("detail", event.slug)))
    assert sorted(
        set(re.findall(r'<td class="nowrap[^"]*" title="([^"]+)">([^<]+)</td>', page))
    ) == [
        ("대한민국", zone_label("Asia/Seoul", event.start_date)),
        ("영국", zone_label("Europe/London", event.start_date)),
    ]
    assert zone_label("Asia/Seoul", event.start_date) == "Asia/Seoul (UTC+9)"
    english = html(client.get(url("detail", event.slug), HTTP_ACCEPT_LANGUAGE="en"))
    assert 'title="United Kingdom"' in english


@pytest.mark.django_db
def test_event_pages_name_zones_as_places_in_sentences_and_by_id_in_the_header(client, world):
    login(client, world["emma"])
    event = world["event"]
    for name in ("agenda", "availability"):
        page = html(get_in_korean(client, url(name, event.slug)))
        shown = _shown(re.sub(r'<p class="event-when.*?</p>', " ", page, flags=re.S))
        assert ("Europe/London" in shown, "Asia/Seoul" in shown) == (False, False), name
        assert '<span class="nowrap" title="대한민국">Asia/Seoul (UTC+9)</span>' in page, name
    listing = html(get_in_korean(client, url("list")))
    assert '<td class="wide-only nowrap" title="대한민국">Asia/Seoul (UTC+9)</td>' in listing


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
