"""Reporting the same outcome of a meeting twice keeps one report (the second updates its note
or deal), and the agenda shows one line, even when two reports arrive at once."""

from __future__ import annotations

import pytest

from dari.events import signals
from dari.events.domain.followup import report_outcome
from dari.events.domain.requests import accept_request, request_meeting
from dari.events.domain.schedule import schedule_event
from dari.events.models import FollowUp
from tests.events.factories import make_event, person
from tests.events.pages import login
from tests.events.test_concurrency import in_threads

pytestmark = pytest.mark.django_db


def test_the_same_outcome_twice_is_one_report(world, scheduled, django_capture_on_commit_callbacks):
    heard = []

    def listener(sender, **kwargs):
        heard.append(kwargs["outcome"])

    signals.followup_updated.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            first = report_outcome(scheduled.pk, world["minseo"], "cda_signed", note="Monday")
            again = report_outcome(scheduled.pk, world["minseo"], "cda_signed", note="Monday")
            updated = report_outcome(scheduled.pk, world["minseo"], "cda_signed", note="Tuesday")
    finally:
        signals.followup_updated.disconnect(listener)
    assert first.pk == again.pk == updated.pk
    assert list(FollowUp.objects.values_list("outcome", "note")) == [("cda_signed", "Tuesday")]
    assert heard == ["cda_signed", "cda_signed"]  # the repeat changed nothing: no news
    # Another outcome, or the same one by the other side, is a report of its own.
    report_outcome(scheduled.pk, world["minseo"], "term_sheet")
    report_outcome(scheduled.pk, world["emma"], "cda_signed")
    assert FollowUp.objects.count() == 3


def test_the_agenda_shows_a_repeated_report_once(client, world, scheduled):
    login(client, world["minseo"])
    path = f"/events/{world['event'].slug}/meetings/{scheduled.pk}/outcome"
    for _ in range(2):
        client.post(path, {"outcome": "cda_signed"})
    page = client.get(f"/events/{world['event'].slug}/agenda").content.decode()
    assert page.count('class="small followup"') == 1
    assert FollowUp.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_reports_at_once_make_one():
    event = make_event()
    a = person(event, "a", "org-a", "Europe/London")
    b = person(event, "b", "org-b", "Europe/London")
    meeting = accept_request(request_meeting(a, target=b).pk, b)
    schedule_event(event.pk)
    out = in_threads(*[lambda: report_outcome(meeting.pk, a, "cda_signed")] * 2)
    assert [type(o) for o in out] == [FollowUp, FollowUp], out
    assert out[0].pk == out[1].pk
    assert FollowUp.objects.count() == 1


def test_the_outcome_starts_unchosen_so_a_hurried_click_reports_nothing(client, world, scheduled):
    """The choice opened on 'No interest': 'Report outcome' pressed without choosing recorded
    that the meeting led nowhere. Now the first option is empty and such a click is refused."""
    import re

    login(client, world["minseo"])
    page = client.get(f"/events/{world['event'].slug}/agenda").content.decode()
    select = re.search(r'<select name="outcome"[^>]*>(.*?)</select>', page, re.S).group(1)
    values = re.findall(r'<option value="([^"]*)"', select)
    assert values[0] == "" and "selected" not in select.split("</option>")[1]
    path = f"/events/{world['event'].slug}/meetings/{scheduled.pk}/outcome"
    response = client.post(path, {"outcome": "", "note": ""}, follow=True)
    assert "Choose an outcome." in response.content.decode()
    assert FollowUp.objects.count() == 0
