"""The availability toggle refuses a slot that is no number, or one out of any id's range, with
a translated message naming the slot (in the grid for htmx, as a message otherwise) and
blocks nothing: a number past 2^63 was a 500 (SQLite cannot bind it) and a bad value an empty
400."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.utils import translation

from dari.events.domain.errors import EventError
from dari.events.domain.setup import set_blocked_slots
from tests.events.pages import login, url

pytestmark = pytest.mark.django_db

BAD = ["99999999999999999999999", "0", "-1", "abc", ""]


@pytest.mark.parametrize("value", BAD)
def test_htmx_gets_the_grid_with_the_refusal(client, world, value):
    login(client, world["minseo"])
    answer = client.post(
        url("toggle-slot", "test-virtual"), {"slot": value}, HTTP_HX_REQUEST="true"
    )
    assert answer.status_code == 200
    assert 'class="alert error"' in answer.content.decode()
    assert "Time slot:" in answer.content.decode()
    assert list(world["minseo"].blocked_slots.all()) == []


@pytest.mark.parametrize("value", BAD)
def test_a_page_post_gets_a_message(client, world, value):
    login(client, world["minseo"])
    answer = client.post(url("toggle-slot", "test-virtual"), {"slot": value})
    assert answer.status_code == 302
    shown = [(m.level_tag, str(m)) for m in get_messages(answer.wsgi_request)]
    assert [level for level, _text in shown] == ["error"]
    assert shown[0][1].startswith("Time slot:")
    assert list(world["minseo"].blocked_slots.all()) == []


def test_in_korean(client, world):
    login(client, world["minseo"])
    with translation.override("ko"):
        answer = client.post(
            url("toggle-slot", "test-virtual"),
            {"slot": "abc"},
            HTTP_HX_REQUEST="true",
            HTTP_ACCEPT_LANGUAGE="ko",
        )
    assert "시간대" in answer.content.decode()


def test_the_domain_refuses_ids_out_of_range(world):
    with pytest.raises(EventError):
        set_blocked_slots(world["minseo"], [2**70])
