"""A decline's reason is read by the requester (page, API, e-mail): at most 2,000 characters,
like a request's message. A longer one, or one the form refuses (a NUL character), is refused
with a translated message naming the reason, and the request stays pending: the page never
declines with the reason silently dropped."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.utils import translation

from dari.events.domain.errors import EventError
from dari.events.domain.requests import decline_request, request_meeting
from dari.events.models import MeetingRequest, RequestStatus
from tests.events.pages import login, url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "words"),
    [("en", "The reason is too long (at most 2000 characters)."), ("ko", "2000")],
)
def test_the_domain_refuses_a_reason_over_2000_characters(world, language, words):
    made = request_meeting(world["emma"], target=world["minseo"])
    with translation.override(language), pytest.raises(EventError) as refused:
        decline_request(made.pk, world["minseo"], "x" * 2001)
    assert (refused.value.field, refused.value.code) == ("reason", "max_length")
    assert words in refused.value.message
    assert MeetingRequest.objects.get().status == RequestStatus.PENDING
    assert decline_request(made.pk, world["minseo"], "y" * 2000).status == RequestStatus.DECLINED


@pytest.mark.parametrize(("reason", "status"), [("x" * 2001, 302), ("bad\x00byte", 400)])
def test_the_page_declines_nothing_with_a_refused_reason(client, world, reason, status):
    made = request_meeting(world["emma"], target=world["minseo"])
    login(client, world["minseo"])
    answer = client.post(url("decline", "test-virtual", made.pk), {"reason": reason})
    assert answer.status_code == status
    if status == 400:  # the request hardening names the field ("reason") for any URL
        assert answer.content.decode() == "A NUL character is not allowed in reason."
        assert MeetingRequest.objects.get().status == RequestStatus.PENDING
        return
    shown = [(m.level_tag, str(m)) for m in get_messages(answer.wsgi_request)]
    assert len(shown) == 1 and shown[0][0] == "error"
    stored = MeetingRequest.objects.get()
    assert (stored.status, stored.decline_reason) == (RequestStatus.PENDING, "")
