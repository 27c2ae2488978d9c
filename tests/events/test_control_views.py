"""The organiser's controls page and the agenda's move actions through the test client:
who may use them, refusals as messages, the outcome in the database, both languages."""

from __future__ import annotations

import pytest

from dari.events.domain.requests import request_meeting
from dari.events.domain.schedule import publish_schedule
from dari.events.models import MeetingRule, MoveRequest, Participant, RequestQuota
from dari.events.rules import MoveStatus
from tests.events.pages import get_in_korean, html, login, url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("immediate_tasks")]


def test_controls_are_for_organisers_only(client, world):
    for who in ("minseo", "outsider", "other_organiser"):
        login(client, world[who])
        assert client.get(url("controls", "test-virtual")).status_code == 404
        assert client.post(url("rule-add", "test-virtual"), {}).status_code == 404
    login(client, world["organiser"])
    assert client.get(url("controls", "test-virtual")).status_code == 200


def test_organiser_sets_rules_quotas_and_approval(client, world):
    login(client, world["organiser"])
    client.post(
        url("rule-add", "test-virtual"), {"side_a": "kind:pharma", "side_b": "kind:biotech"}
    )
    response = client.post(
        url("rule-add", "test-virtual"),
        {"side_a": "kind:pharma", "side_b": "role:buyer"},
        follow=True,
    )
    assert "Pair two organisation kinds or two roles." in html(response)
    client.post(url("quota", "test-virtual"), {"role": "buyer", "max_requests": "3"})
    client.post(url("approval", "test-virtual"), {"required": "on"})
    assert list(MeetingRule.objects.values_list("dimension", "side_a", "side_b")) == [
        ("kind", "biotech", "pharma")
    ]
    assert list(RequestQuota.objects.values_list("role", "max_requests")) == [("buyer", 3)]
    world["event"].refresh_from_db()
    assert world["event"].registration_approval is True
    page = html(get_in_korean(client, url("controls", "test-virtual")))
    assert "누가 누구를 만날 수 있는지" in page
    # a role without a quota reads as no limit, not as a dash
    assert "제한 없음" in page and '<td class="num">3</td>' in page
    rule = MeetingRule.objects.get()
    client.post(url("rule-remove", "test-virtual", rule.pk))
    assert MeetingRule.objects.count() == 0


def test_a_waiting_registration_is_approved_from_the_console(client, world):
    Participant.objects.filter(pk=world["emma"].pk).update(approved=False)
    login(client, world["minseo"])
    response = client.get(url("detail", "test-virtual"))
    assert "Emma" not in html(response).split("Participants")[-1]
    login(client, world["organiser"])
    assert "Emma" in html(client.get(url("controls", "test-virtual")))
    client.post(url("approve", "test-virtual", world["emma"].pk))
    assert Participant.objects.get(pk=world["emma"].pk).approved is True
    assert request_meeting(world["minseo"], target=world["emma"]).status == "pending"


def test_the_two_sides_move_a_meeting_from_their_agendas(march_2026, client, world, scheduled):
    publish_schedule(world["event"].pk)
    before = scheduled.slot_id
    login(client, world["minseo"])
    response = client.post(
        url("move-ask", "test-virtual", scheduled.pk), {"reason": "비행기 지연"}, follow=True
    )
    assert "Your request to move the meeting was sent." in html(response)
    move = MoveRequest.objects.get()
    login(client, world["emma"])
    page = html(client.get(url("agenda", "test-virtual")))
    assert ("비행기 지연" in page, f"accept-move-{move.pk}" in page) == (True, True)
    # The time to be moved, in Emma's own zone.
    moves = page.split('id="moves"')[1].split("</section>")[0]
    assert "(Tue 08:00 GMT)" in moves
    client.post(url("move-accept", "test-virtual", move.pk))
    scheduled.refresh_from_db()
    move.refresh_from_db()
    assert (move.status, scheduled.slot_id != before, move.to_slot_id) == (
        MoveStatus.ACCEPTED,
        True,
        scheduled.slot_id,
    )
    ics = client.get(url("agenda-ics", "test-virtual")).content.decode()
    assert f"SEQUENCE:{scheduled.sequence}" in ics


def test_outsiders_cannot_answer_a_move(client, world, scheduled):
    login(client, world["minseo"])
    client.post(url("move-ask", "test-virtual", scheduled.pk))
    move = MoveRequest.objects.get()
    response = client.post(url("move-accept", "test-virtual", move.pk), follow=True)
    assert "Only the other side of the meeting can answer this request." in html(response)
    login(client, world["colleague"])
    response = client.post(url("move-accept", "test-virtual", move.pk), follow=True)
    assert MoveRequest.objects.get().status == MoveStatus.PENDING


def test_the_agenda_days_read_in_each_languages_order(client, world, scheduled):
    """English "Tuesday March 3", Korean "3월 3일 화요일" (the weekday after the date)."""
    publish_schedule(world["event"].pk)
    login(client, world["minseo"])
    heads = [
        html(r).split('class="day-head">')[1].split("<")[0]
        for r in (
            client.get(url("agenda", "test-virtual")),
            get_in_korean(client, url("agenda", "test-virtual")),
        )
    ]
    english, korean = heads
    assert english.split()[0].endswith("day") and korean.endswith("요일")
    assert korean.split()[0].endswith("월")
