"""Messages pages and API: the two sides read and reply (htmx), the header count, the e-mail
settings page; everyone else gets the answer of a missing thread, from pages and API alike."""

from __future__ import annotations

import pytest

from dari.accounts.domain.tokens import create_token
from dari.events.domain.requests import request_meeting
from dari.messaging.domain.prefs import preferences_of
from dari.messaging.domain.queries import unread_count
from dari.messaging.domain.threads import post_message
from dari.messaging.models import Message, NoticeSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread(world):
    request = request_meeting(world["minseo"], target=world["emma"], message="Hello Emma")
    post_message(world["emma"].user, request.pk, "Secret terms: 12% royalty")
    return request


def test_the_two_sides_read_the_thread_and_reply_with_htmx(world, thread, client):
    client.force_login(world["minseo"].user)
    page = client.get(f"/messages/{thread.pk}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert text.index("Hello Emma") < text.index("Secret terms: 12% royalty")
    assert unread_count(world["minseo"].user) == 1
    assert client.post(f"/messages/{thread.pk}/read").status_code == 204
    assert unread_count(world["minseo"].user) == 0
    answer = client.post(
        f"/messages/{thread.pk}/reply", {"body": "12% is fine"}, HTTP_HX_REQUEST="true"
    )
    assert (answer.status_code, answer.templates[0].name) == (200, "messaging/_thread.html")
    assert "12% is fine" in answer.content.decode()
    assert list(Message.objects.values_list("body", flat=True)) == [
        "Secret terms: 12% royalty",
        "12% is fine",
    ]
    empty = client.post(f"/messages/{thread.pk}/reply", {"body": ""}, HTTP_HX_REQUEST="true")
    assert empty.status_code == 400


@pytest.mark.parametrize("who", ["colleague", "organiser", "other_organiser", "outsider", None])
def test_no_one_else_reads_writes_or_counts_a_thread(world, thread, client, who):
    if who is not None:
        user = world[who].user if who == "colleague" else world[who]
        client.force_login(user)
    pages = [
        client.get(f"/messages/{thread.pk}/").status_code,
        client.post(f"/messages/{thread.pk}/reply", {"body": "hi"}).status_code,
        client.post(f"/messages/{thread.pk}/read").status_code,
    ]
    assert pages == ([404, 404, 404] if who else [302, 302, 302])
    assert (
        "unread-count"
        not in client.get("/messages/unread", HTTP_HX_REQUEST="true").content.decode()
    )
    if who:
        inbox = client.get("/messages/").content.decode()
        assert ("Secret terms" in inbox, "Emma" in inbox) == (False, False)
    api = client.get(f"/api/events/threads/{thread.pk}")
    assert api.status_code == (404 if who else 401)
    assert "Secret" not in api.content.decode()
    assert Message.objects.count() == 1


def test_the_header_shows_my_unread_count(world, thread, client):
    client.force_login(world["minseo"].user)
    badge = client.get("/messages/unread", HTTP_HX_REQUEST="true").content.decode()
    assert '<span class="unread-badge" id="unread-count"' in badge
    assert ">1</span>" in badge
    home = client.get("/").content.decode()
    assert 'hx-get="/messages/unread"' in home


def test_the_api_lists_reads_and_replies(world, thread, client):
    _token, secret = create_token(world["minseo"].user, "phone", write=True)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    listing = client.get("/api/events/threads", **auth).json()
    assert (listing["unread"], [t["request_id"] for t in listing["threads"]]) == (1, [thread.pk])
    one = client.get(f"/api/events/threads/{thread.pk}", **auth).json()
    assert [m["body"] for m in one["messages"]] == ["Hello Emma", "Secret terms: 12% royalty"]
    made = client.post(
        f"/api/events/threads/{thread.pk}/messages",
        {"body": "Agreed"},
        content_type="application/json",
        **auth,
    )
    assert (made.status_code, made.json()["messages"][-1]["body"]) == (201, "Agreed")
    empty = client.post(
        f"/api/events/threads/{thread.pk}/messages",
        {"body": " "},
        content_type="application/json",
        **auth,
    )
    assert (empty.status_code, empty.json()["errors"][0]["field"]) == (400, "body")


def test_the_settings_page_saves_language_reminder_and_kinds(world, client):
    user = world["emma"].user
    client.force_login(user)
    client.post("/i18n/setlang/", {"language": "ko"})
    page = client.get("/messages/preferences")
    assert "이메일 설정" in page.content.decode()
    answer = client.post(
        "/messages/preferences",
        {"language": "ko", "reminder_minutes": "30", "on": ["message", "reminder"]},
    )
    assert answer.status_code == 302
    prefs = preferences_of(user)
    assert (
        prefs.language,
        prefs.reminder_minutes,
        prefs.wants("digest"),
        prefs.wants("message"),
    ) == (
        "ko",
        30,
        False,
        True,
    )
    bad = client.post("/messages/preferences", {"language": "fr", "reminder_minutes": "7"})
    assert bad.status_code == 200
    assert NoticeSettings.objects.get(user=user).reminder_minutes == 30


def test_signing_in_remembers_the_language_of_e_mails(world, client):
    user = world["emma"].user
    client.post("/i18n/setlang/", {"language": "ko"})
    client.post("/accounts/login/", {"login": user.username, "password": "pw-Dari-2026"})
    assert preferences_of(user).language == "ko"


def test_the_inbox_names_organisations_in_the_readers_language(world, thread, client):
    organization = world["minseo"].organization
    organization.name_ko = "에이비엘바이오"
    organization.save()
    client.force_login(world["emma"].user)
    korean = client.get("/messages/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    english = client.get("/messages/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Minseo Park (에이비엘바이오)" in korean
    assert f"Minseo Park ({organization.name})" in english


@pytest.mark.parametrize(("lang", "who", "zone"), [("ko", "minseo", "KST"), ("en", "emma", "GMT")])
def test_inbox_and_thread_times_read_as_every_other_page_with_their_zone(
    world, thread, client, lang, who, zone
):
    """'2026년 12월 7일 1:08 오후' without a zone, beside '2026-12-07 13:08 KST' on the requests
    page of the same meeting: the messages pages now write times as the others do."""
    import re

    client.force_login(world[who].user)
    client.cookies["django_language"] = lang
    stamp = rf"\d{{4}}-\d\d-\d\d \d\d:\d\d {zone}"
    inbox = client.get("/messages/").content.decode()
    rows = re.findall(
        r'<div class="small muted">([^<]*)</div>', inbox.split('class="rows threads"')[1]
    )
    assert len(rows) == 1 and re.search(stamp + "$", rows[0])
    page = client.get(f"/messages/{thread.pk}/").content.decode()
    times = re.findall(r"</strong>[^<]* · ([^<]+)</div>", page)
    assert len(times) == 2 and all(re.fullmatch(stamp, t) for t in times)
