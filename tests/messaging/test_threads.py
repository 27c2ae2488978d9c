"""Threads: who reads and writes them (the two sides and colleagues added to the meeting,
nobody else: not organisers, admins or colleagues left out), unread counts, and no leak of a
thread through pages, counts or e-mail."""

from __future__ import annotations

import pytest

from dari.accounts.domain.membership import do_confirm, remove_member
from dari.accounts.models import MembershipSource, Role
from dari.events.domain.requests import (
    accept_request,
    add_colleague,
    decline_request,
    request_meeting,
)
from dari.messaging.access import visible_threads
from dari.messaging.domain.errors import MessagingError
from dari.messaging.domain.prefs import set_preferences
from dari.messaging.domain.queries import conversations, unread_count
from dari.messaging.domain.threads import mark_read, post_message
from dari.messaging.models import Message
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def readers(world, request):
    if "admin" not in world:
        world["admin"] = UserFactory(username="root", role=Role.PLATFORM_ADMIN)
    people = {
        "minseo": world["minseo"].user,
        "emma": world["emma"].user,
        "jihoon": world["colleague"].user,
        "organiser": world["organiser"],
        "other_organiser": world["other_organiser"],
        "outsider": world["outsider"],
        "admin": world["admin"],
    }
    return sorted(
        name for name, u in people.items() if visible_threads(u).filter(pk=request.pk).exists()
    )


def test_only_the_two_sides_and_added_colleagues_read_a_thread(world):
    request = request_meeting(world["minseo"], target=world["emma"], message="Hello Emma")
    assert readers(world, request) == ["emma", "minseo"]
    meeting = accept_request(request.pk, world["emma"])
    assert readers(world, request) == ["emma", "minseo"]
    add_colleague(meeting.pk, world["minseo"], world["colleague"])
    assert readers(world, request) == ["emma", "jihoon", "minseo"]


def test_a_request_to_an_organisation_is_read_by_its_participants_until_answered(world):
    request = request_meeting(world["emma"], organization_id="ablbio", message="Hi ABL")
    assert readers(world, request) == ["emma", "jihoon", "minseo"]
    accept_request(request.pk, world["minseo"])
    assert readers(world, request) == ["emma", "minseo"]


def test_a_member_whose_membership_ended_reads_no_thread(world):
    request = request_meeting(world["minseo"], target=world["emma"], message="Hello")
    emma = world["emma"].user
    emma.organization = None
    emma.save()
    assert (visible_threads(emma).count(), unread_count(emma)) == (0, 0)
    with pytest.raises(MessagingError):
        post_message(emma, request.pk, "still here?")


def test_a_member_who_moved_to_another_organisation_reads_no_thread_of_the_old_one(
    world, mailoutbox
):
    """Emma registered for GSK; confirmed at another organisation now, she no longer speaks
    for GSK: its threads (counterparts, topics) stop reaching her, on pages, counts and mail."""
    request = request_meeting(world["minseo"], target=world["emma"], message="Hello")
    emma = world["emma"].user
    admin = UserFactory(username="root2", role=Role.PLATFORM_ADMIN, organization=None)
    remove_member(emma.organization, emma.pk, admin)
    do_confirm(
        emma, UserFactory(username="elsewhere").organization, MembershipSource.PLATFORM_ADMIN, admin
    )
    emma = type(emma).objects.get(pk=emma.pk)
    assert (visible_threads(emma).count(), unread_count(emma)) == (0, 0)
    with pytest.raises(MessagingError):
        post_message(emma, request.pk, "still here?")
    mailoutbox.clear()
    post_message(world["minseo"].user, request.pk, "Are you there?")
    assert emma.email not in {a for m in mailoutbox for a in m.to}


def test_unread_counts_follow_reading_and_never_count_for_outsiders(world):
    request = request_meeting(world["minseo"], target=world["emma"], message="Hello Emma")
    minseo, emma = world["minseo"].user, world["emma"].user
    post_message(emma, request.pk, "Glad to meet")
    post_message(emma, request.pk, "Tuesday works")
    counts = [unread_count(u) for u in (minseo, emma, world["colleague"].user, world["organiser"])]
    assert counts == [2, 0, 0, 0]
    assert [(r.request_id, r.unread) for r in conversations(minseo)] == [(request.pk, 2)]
    assert conversations(world["organiser"]) == ()
    mark_read(minseo, request.pk)
    assert unread_count(minseo) == 0
    post_message(minseo, request.pk, "See you")
    assert (unread_count(minseo), unread_count(emma)) == (0, 1)


def test_outsiders_cannot_post_and_a_closed_thread_takes_no_reply(world):
    request = request_meeting(world["minseo"], target=world["emma"], message="Hello")
    for user in (world["colleague"].user, world["organiser"], world["outsider"]):
        with pytest.raises(MessagingError) as refused:
            post_message(user, request.pk, "let me in")
        assert refused.value.code == "not_found"
    with pytest.raises(MessagingError) as empty:
        post_message(world["emma"].user, request.pk, "   ")
    assert empty.value.field == "body"
    decline_request(request.pk, world["emma"], "not now")
    with pytest.raises(MessagingError) as closed:
        post_message(world["minseo"].user, request.pk, "please?")
    assert closed.value.code == "closed"
    assert Message.objects.count() == 0


def test_a_new_message_is_mailed_to_the_other_side_in_their_language(
    world, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.DARI_BASE_URL = "https://dari.example.org"
    request = request_meeting(world["minseo"], target=world["emma"], message="Hello")
    set_preferences(world["minseo"].user, language="ko", reminder_minutes=15, off=[])
    with django_capture_on_commit_callbacks(execute=True):
        message = post_message(world["emma"].user, request.pk, "Tuesday at ten?")
    [mail] = mailoutbox
    assert mail.to == ["minseo@example.org"]
    assert mail.subject == "[Dari] Emma Clarke (Gsk) 님의 새 메시지"
    assert "Tuesday at ten?" in mail.body
    assert f"https://dari.example.org/messages/{request.pk}/" in mail.body
    assert message.body == "Tuesday at ten?"


def test_a_message_mail_honours_the_preference_and_goes_to_no_outsider(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    request = request_meeting(world["minseo"], target=world["emma"], message="Hello")
    meeting = accept_request(request.pk, world["emma"])
    add_colleague(meeting.pk, world["minseo"], world["colleague"])
    set_preferences(world["minseo"].user, language="en", reminder_minutes=15, off=["message"])
    with django_capture_on_commit_callbacks(execute=True):
        post_message(world["emma"].user, request.pk, "Confidential terms attached")
    assert [m.to for m in mailoutbox] == [["jihoon@example.org"]]
