"""In a real browser, in English and Korean: Minseo asks to move a confirmed meeting from her
agenda, Emma accepts from hers and the meeting has a new time; the organiser's controls page
and the webhook page. Screenshots go to var/screenshots."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from dari.events.domain.schedule import publish_schedule
from dari.events.models import Meeting, MoveRequest
from dari.events.rules import MoveStatus
from tests.browser.conftest import screenshot
from tests.events import conftest as event_fixtures

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The event pages' fixtures: Minseo (Seoul), Emma (London), the organiser, a scheduled meeting.
world = event_fixtures.world
scheduled = event_fixtures.scheduled
immediate_tasks = event_fixtures.immediate_tasks


def test_both_sides_move_a_meeting_in_their_languages(open_as, live_server, world, scheduled):
    publish_schedule(world["event"].pk)
    before = Meeting.objects.get(pk=scheduled.pk).slot_id
    minseo = open_as(world["minseo"].user, "ko")
    minseo.goto(f"{live_server.url}/events/test-virtual/agenda")
    minseo.locator(".meeting-actions summary").first.click()
    minseo.fill("input[name=reason]", "비행기가 늦어집니다")
    minseo.click(f"#ask-move-{scheduled.pk}")
    expect(minseo.locator("#moves")).to_be_visible()
    screenshot(minseo, "move-asked-ko.png")
    move = MoveRequest.objects.get()
    emma = open_as(world["emma"].user, "en")
    emma.goto(f"{live_server.url}/events/test-virtual/agenda")
    expect(emma.locator("#moves")).to_contain_text("비행기가 늦어집니다")
    screenshot(emma, "move-received-en.png")
    emma.click(f"#accept-move-{move.pk}")
    expect(emma.locator(".messages")).to_contain_text("You accepted the move.")
    move.refresh_from_db()
    after = Meeting.objects.get(pk=scheduled.pk)
    assert (move.status, after.slot_id != before, move.to_slot_id) == (
        MoveStatus.ACCEPTED,
        True,
        after.slot_id,
    )
    screenshot(emma, "move-accepted-en.png")


@pytest.mark.parametrize("language", ["en", "ko"])
def test_controls_and_webhooks_pages(open_as, live_server, world, language):
    page = open_as(world["organiser"], language)
    page.goto(f"{live_server.url}/events/test-virtual/manage/controls")
    page.select_option("select[name=side_a]", "kind:pharma")
    page.select_option("select[name=side_b]", "kind:biotech")
    page.locator("form[action$='/manage/rules'] button").click()
    expect(page.locator("body")).to_contain_text("↔")
    screenshot(page, f"controls-{language}.png")
    page.goto(f"{live_server.url}/webhooks/")
    page.fill("input[name=url]", "https://hooks.example.com/dari")
    page.locator("main form button[type=submit], form button[type=submit]").last.click()
    expect(page.locator("#secret")).to_contain_text("whsec_")
    screenshot(page, f"webhook-{language}.png")
