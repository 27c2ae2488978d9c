"""An event's Korean name and description (`name_ko`, `description_ko`): an organiser sets them
in the event form; Korean readers see them on the list, the event's pages, the calendar and the
e-mails; English readers see the name and description as before; an event without them reads
the same in both languages."""

from __future__ import annotations

import icalendar
import pytest
from django.core import mail as django_mail

from dari.events.domain.requests import request_meeting
from dari.messaging.domain.prefs import set_preferences
from tests.events.pages import get_in_korean, html, login, url

pytestmark = pytest.mark.django_db

NAME_KO = "바이오 파트너링 주간"
ABOUT_KO = "한국 바이오텍과 해외 파트너가 만나는 행사입니다."


def _name_in_korean(event):
    event.description = "Korean biotechs meet partners from abroad."
    event.name_ko, event.description_ko = NAME_KO, ABOUT_KO
    event.save(update_fields=["description", "name_ko", "description_ko"])


def test_an_organiser_sets_the_korean_name_in_the_event_form(client, world):
    event = world["event"]
    login(client, world["organiser"])
    form = client.get(url("edit", event.slug)).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(name_ko=NAME_KO, description_ko=ABOUT_KO, breaks="", auto_schedule="")
    data.update(day_start="09:00", day_end="18:00")
    assert client.post(url("edit", event.slug), data).status_code == 302
    event.refresh_from_db()
    assert (event.name, event.name_ko, event.description_ko) == (
        data["name"],
        NAME_KO,
        ABOUT_KO,
    )


def test_korean_readers_see_the_korean_name_and_english_readers_the_name(client, world):
    event = world["event"]
    _name_in_korean(event)
    login(client, world["minseo"])
    for path in (url("list"), url("detail", event.slug)):
        korean = html(get_in_korean(client, path))
        english = html(client.get(path, HTTP_ACCEPT_LANGUAGE="en"))
        assert (NAME_KO in korean, event.name in korean) == (True, False)
        assert (NAME_KO in english, event.name in english) == (False, True)
    detail = html(get_in_korean(client, url("detail", event.slug)))
    assert (ABOUT_KO in detail, event.description in detail) == (True, False)
    english = html(client.get(url("detail", event.slug), HTTP_ACCEPT_LANGUAGE="en"))
    assert (ABOUT_KO in english, event.description in english) == (False, True)


def test_an_event_without_a_korean_name_keeps_its_name_in_korean(client, world):
    event = world["event"]
    login(client, world["minseo"])
    assert event.name in html(get_in_korean(client, url("detail", event.slug)))


def test_the_calendar_names_the_event_in_the_readers_language(client, world, scheduled):
    event = world["event"]
    _name_in_korean(event)
    login(client, world["minseo"])
    korean = icalendar.Calendar.from_ical(
        get_in_korean(client, url("agenda-ics", event.slug)).content
    )
    english = icalendar.Calendar.from_ical(
        client.get(url("agenda-ics", event.slug), HTTP_ACCEPT_LANGUAGE="en").content
    )
    assert str(korean["x-wr-calname"]) == f"Dari: {NAME_KO}"
    assert str(english["x-wr-calname"]) == f"Dari: {event.name}"
    (vevent,) = korean.walk("VEVENT")
    assert str(vevent["summary"]).startswith(f"{NAME_KO}: ")


def test_the_emails_name_the_event_in_the_recipients_language(
    world, django_capture_on_commit_callbacks
):
    event = world["event"]
    _name_in_korean(event)
    minseo, emma = world["minseo"], world["emma"]
    set_preferences(minseo.user, language="ko", reminder_minutes=15, off=[])
    set_preferences(emma.user, language="en", reminder_minutes=15, off=[])
    django_mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        request_meeting(emma, target=minseo)
    with django_capture_on_commit_callbacks(execute=True):
        request_meeting(minseo, target=emma)
    bodies = {m.to[0]: m.body for m in django_mail.outbox}
    korean, english = bodies[minseo.user.email], bodies[emma.user.email]
    assert (NAME_KO in korean, event.name in korean) == (True, False)
    assert (NAME_KO in english, event.name in english) == (False, True)
