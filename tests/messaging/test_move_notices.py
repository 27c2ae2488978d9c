"""A request to move a meeting reaches the other side (an e-mail in their language with a link
to the agenda where they answer, and a notice in their inbox and header badge); the answer
reaches the one who asked. Each kind honours the person's e-mail settings."""

from __future__ import annotations

import pytest

from dari.events.domain.moves import accept_move, ask_to_move, decline_move
from dari.messaging.domain.prefs import set_preferences
from dari.messaging.domain.queries import moves_to_answer
from dari.messaging.models import NoticeKind

pytestmark = pytest.mark.django_db

AGENDA = "http://127.0.0.1:8000/events/test-virtual/agenda#moves"


def test_the_other_side_hears_of_a_move_request_in_their_language(
    world, scheduled, mailoutbox, django_capture_on_commit_callbacks
):
    set_preferences(world["emma"].user, language="ko", reminder_minutes=15, off=[])
    with django_capture_on_commit_callbacks(execute=True):
        ask_to_move(scheduled.pk, world["minseo"], reason="A flight change")
    assert [(m.to, m.subject) for m in mailoutbox] == [
        (["emma@example.org"], "[Dari] Minseo Park (Ablbio) 님이 미팅 시간 변경을 요청합니다"),
    ]
    body = mailoutbox[0].body
    assert f"내 일정에서 시간 변경을 수락하거나 현재 시간을 유지하세요: {AGENDA}" in body
    assert "사유: A flight change" in body
    # Neither the asker nor the asker's colleague is told: they are on the asking side.
    assert [n.asked_by for n in moves_to_answer(world["emma"].user)] == ["Minseo Park (Ablbio)"]
    assert moves_to_answer(world["minseo"].user) == ()
    assert moves_to_answer(world["colleague"].user) == ()


def test_the_inbox_and_the_badge_show_a_move_waiting_for_my_answer(world, scheduled, client):
    move = ask_to_move(scheduled.pk, world["minseo"])
    client.force_login(world["emma"].user)
    badge = client.get("/messages/unread", HTTP_HX_REQUEST="true").content.decode()
    assert 'title="1 request to move a meeting waits for your answer">1</span>' in badge
    inbox = client.get("/messages/").content.decode()
    assert 'href="/events/test-virtual/agenda#moves">Answer on my agenda</a>' in inbox
    client.force_login(world["minseo"].user)
    assert (
        "unread-count"
        not in client.get("/messages/unread", HTTP_HX_REQUEST="true").content.decode()
    )
    decline_move(move.pk, world["emma"])
    client.force_login(world["emma"].user)
    assert (
        "unread-count"
        not in client.get("/messages/unread", HTTP_HX_REQUEST="true").content.decode()
    )


def test_the_asker_hears_the_answer(
    world, scheduled, mailoutbox, django_capture_on_commit_callbacks
):
    move = ask_to_move(scheduled.pk, world["minseo"])
    with django_capture_on_commit_callbacks(execute=True):
        decline_move(move.pk, world["emma"])
    assert [(m.to, m.subject) for m in mailoutbox] == [
        (["minseo@example.org"], "[Dari] Your request to move a meeting was declined"),
    ]
    assert "Emma Clarke (Gsk) declined to move your meeting at Test Virtual Partnering" in (
        mailoutbox[0].body
    )
    assert f"Your agenda: {AGENDA}" in mailoutbox[0].body
    mailoutbox.clear()
    move = ask_to_move(scheduled.pk, world["minseo"])
    with django_capture_on_commit_callbacks(execute=True):
        accept_move(move.pk, world["emma"])
    # The answer, then the new time (scheduled meetings that move are announced as moved).
    sent = [(m.to[0], m.subject.split(":")[0]) for m in mailoutbox]
    assert (sent[0], sorted(sent[1:])) == (
        ("minseo@example.org", "[Dari] Your request to move a meeting was accepted"),
        [
            ("emma@example.org", "[Dari] Meeting with Minseo Park (Ablbio) moved"),
            ("minseo@example.org", "[Dari] Meeting with Emma Clarke (Gsk) moved"),
        ],
    )
    assert "The meeting has a new time; you will receive it in a separate e-mail." in (
        mailoutbox[0].body
    )


def test_move_mails_honour_the_settings(
    world, scheduled, mailoutbox, django_capture_on_commit_callbacks
):
    set_preferences(
        world["emma"].user, language="en", reminder_minutes=15, off=[NoticeKind.MOVE_REQUESTED]
    )
    set_preferences(
        world["minseo"].user, language="en", reminder_minutes=15, off=[NoticeKind.MOVE_ANSWERED]
    )
    with django_capture_on_commit_callbacks(execute=True):
        move = ask_to_move(scheduled.pk, world["minseo"])
    with django_capture_on_commit_callbacks(execute=True):
        decline_move(move.pk, world["emma"])
    assert mailoutbox == []
