"""On a 390 px phone, in Korean and English: the participant list shows its request buttons
without scrolling the table sideways (they were a screen to the right, past the country and
the time zone), the events list and the cluster table fit the screen, and "remember me" sits
beside its box. Screenshots go to var/screenshots."""

from __future__ import annotations

import pytest

from tests.browser.conftest import screenshot
from tests.events import conftest as event_fixtures
from tests.factories import ClusterFactory, OrganizationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

world = event_fixtures.world
PHONE = {"width": 390, "height": 844}
# The table's own width beyond its box: 0 when it fits, > 0 when it scrolls sideways.
OVERFLOW = "el => el.scrollWidth - el.clientWidth"


@pytest.mark.parametrize("language", ["en", "ko"])
def test_a_phone_sees_the_request_buttons_and_whole_tables(open_as, live_server, world, language):
    # A cluster whose Korean name is one word (kept whole) beside the count columns, as on the
    # home page's table.
    cluster = ClusterFactory(
        id="cl-daegu",
        name="Daegu-Gyeongbuk High-Tech Medical Complex",
        name_ko="대구경북첨단의료복합단지",
        region="Daegu (Innovation City, Dong-gu)",
    )
    OrganizationFactory(id="org-yangsan", name="Yangsan Bio", cluster=cluster)
    page = open_as(world["minseo"].user, language)
    page.set_viewport_size(PHONE)

    page.goto(f"{live_server.url}/events/test-virtual/")
    button = page.locator(f"a.button[href$='/request?participant={world['emma'].pk}']").first
    box = button.bounding_box()
    participants = page.locator("section:has(> h2 .count) .table-wrap")
    assert (
        box is not None and box["x"] + box["width"] <= PHONE["width"],
        participants.evaluate(OVERFLOW),
    ) == (True, 0)
    screenshot(page, f"phone-event-{language}.png")

    page.goto(f"{live_server.url}/events/")
    assert page.locator(".table-wrap").evaluate(OVERFLOW) == 0

    page.goto(f"{live_server.url}/")
    assert page.locator(".table-wrap").first.evaluate(OVERFLOW) == 0
    screenshot(page, f"phone-home-{language}.png")


def test_remember_me_sits_beside_its_box(browser, live_server):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    box = page.locator("input[name=remember]").bounding_box()
    label = page.locator("label[for=id_remember]").bounding_box()
    context.close()
    # One line: the label starts right of the box, their middles level.
    assert (
        label["x"] > box["x"] + box["width"],
        abs((label["y"] + label["height"] / 2) - (box["y"] + box["height"] / 2)) < 6,
    ) == (True, True)
