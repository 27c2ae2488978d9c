"""A request whose requester no longer speaks for the organisation they sent it for (removed,
moved to another organisation, registration replaced, approval withdrawn) is no longer valid:
accepting it is refused on the field `request` with a translated message and writes nothing,
and the requests page and API read it as no longer valid, with nothing to answer."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.utils import translation

from dari.accounts.domain.membership import do_confirm, remove_member
from dari.accounts.models import MembershipSource, Role
from dari.events.domain.controls import approve_participant
from dari.events.domain.errors import EventError
from dari.events.domain.requests import accept_request, request_meeting
from dari.events.domain.setup import register_participant
from dari.events.models import Meeting, MeetingRequest, Seat
from tests.events.pages import login, url
from tests.factories import OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _removed(world, made):
    admin = UserFactory(username="padmin", role=Role.PLATFORM_ADMIN, organization=None)
    remove_member(world["minseo"].organization, world["minseo"].user_id, admin)


def _moved(world, made):
    admin = UserFactory(username="padmin", role=Role.PLATFORM_ADMIN, organization=None)
    remove_member(world["minseo"].organization, world["minseo"].user_id, admin)
    newco = OrganizationFactory(id="celltrion", name="Celltrion")
    do_confirm(world["minseo"].user, newco, MembershipSource.PLATFORM_ADMIN, admin)
    world["minseo"].user.refresh_from_db()


def _replaced(world, made):
    _moved(world, made)
    register_participant(world["event"], world["minseo"].user, "Asia/Seoul")


def _unapproved(world, made):
    approve_participant(world["event"], world["minseo"].pk, approved=False)


GONE = [_removed, _moved, _replaced, _unapproved]


@pytest.mark.parametrize("gone", GONE)
def test_accepting_a_request_from_someone_gone_is_refused_and_writes_nothing(world, gone):
    made = request_meeting(world["minseo"], target=world["emma"], message="Hi")
    gone(world, made)
    with translation.override("ko"), pytest.raises(EventError) as refused:
        accept_request(made.pk, world["emma"])
    assert (refused.value.field, refused.value.code) == ("request", "no_longer_valid")
    assert "더 이상 유효하지 않습니다" in refused.value.message
    made.refresh_from_db()
    assert (made.status, made.answered_by_id) == ("pending", None)
    assert (Meeting.objects.count(), Seat.objects.count()) == (0, 0)


@pytest.mark.parametrize("gone", [_removed, _replaced])
def test_the_request_reads_as_no_longer_valid_in_the_page_and_api(client, world, gone):
    made = request_meeting(world["minseo"], organization_id="gsk", message="Hi GSK")
    gone(world, made)
    login(client, world["emma"])
    page = client.get(url("requests", "test-virtual")).content.decode()
    assert "no longer valid" in page
    assert url("accept", "test-virtual", made.pk) not in page
    [row] = client.get("/api/events/test-virtual/requests").json()["received"]
    assert (row["status"], row["may_answer"]) == ("no_longer_valid", False)
    answer = client.post(f"/api/events/test-virtual/requests/{made.pk}/accept")
    assert answer.status_code == 400
    assert [(e["field"], e["code"]) for e in answer.json()["errors"]] == [
        ("request_id", "no_longer_valid")
    ]
    response = client.post(url("accept", "test-virtual", made.pk), follow=True)
    said = [str(m) for m in get_messages(response.wsgi_request)]
    assert said == [
        "This request is no longer valid: Minseo Park no longer represents the organisation "
        "they sent it for."
    ]
    assert MeetingRequest.objects.get(pk=made.pk).status == "pending"
    assert Meeting.objects.count() == 0
