"""Why a meeting has no slot, as a participant reads it: the meetings in the way are named only
by people of that meeting or of the reader's own organisation. Who else the counterpart meets
(another company's people) stays between them and the organisers, whose console and exports
name everyone."""

from __future__ import annotations

import csv
import io

import pytest

from dari.events.domain.requests import accept_request, request_meeting
from dari.events.models import Meeting, Slot
from tests.events.factories import person
from tests.events.pages import get_in_korean, html, login, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_the_way(world):
    """Minseo (Ablbio) and Emma (GSK) have no slot: in their one common slot Minseo meets Jack
    of Pfizer (a third company) and her colleague Jihoon."""
    minseo, emma, jihoon = world["minseo"], world["emma"], world["colleague"]
    jack = person(
        world["event"], "jack", "pfizer", "America/New_York", first_name="Jack", last_name="Ma"
    )
    meeting = accept_request(request_meeting(minseo, target=emma).pk, emma)
    slot = Slot.objects.filter(event=world["event"]).order_by("start").first()
    reason = {
        "code": "slots_taken",
        "who": [f"p{minseo.pk}", f"p{emma.pk}"],
        "slots": [str(slot.pk)],
        "busy": [
            {
                "who": f"p{minseo.pk}",
                "meets": [{"with": [f"p{jack.pk}", f"p{jihoon.pk}"], "meeting": "m9"}],
            }
        ],
        "full": [],
        "tables": None,
        "blockers": "none",
        "locked": 0,
    }
    Meeting.objects.filter(pk=meeting.pk).update(status="unscheduled", unscheduled_reason=reason)
    return {**world, "jack": jack}


def _csv(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_counterparts_other_meetings_name_no_third_company(client, in_the_way):
    page = html(login(client, in_the_way["emma"]).get(url("agenda", "test-virtual")))
    assert "Minseo Park (Ablbio) meets 2 other participants then." in page
    assert "Jack" not in page
    assert "Pfizer" not in page
    assert "Jihoon" not in page
    export = _csv(client.get(url("agenda-export", "test-virtual")))
    why = export[1][export[0].index("Why not scheduled")]
    assert why.endswith("Minseo Park (Ablbio) meets 2 other participants then.")


def test_in_korean_too(client, in_the_way):
    login(client, in_the_way["emma"])
    page = html(get_in_korean(client, url("agenda", "test-virtual")))
    assert "그 시간에 Minseo Park (Ablbio) 님은 다른 참가자 2명과 미팅이 있습니다." in page
    assert "Pfizer" not in page


def test_a_colleague_is_named_to_their_own_organisation(client, in_the_way):
    page = html(login(client, in_the_way["minseo"]).get(url("agenda", "test-virtual")))
    assert "Minseo Park (Ablbio) meets Jihoon Lee (Ablbio) and 1 other then." in page
    assert "Pfizer" not in page


def test_the_organisers_read_every_name(client, in_the_way):
    login(client, in_the_way["organiser"])
    rows = _csv(client.get(url("export", "test-virtual", "meetings")))
    why = [r[rows[0].index("Why not scheduled")] for r in rows[1:]]
    assert len(why) == 1
    assert why[0].endswith(
        "Minseo Park (Ablbio) meets Jack Ma (Pfizer) and Jihoon Lee (Ablbio) then."
    )
