"""A registration the event's directory does not list to me (awaiting approval, outside the
organiser's rules, removed from or moved out of its organisation, replaced by a registration
for a new organisation, of another event) is refused by `request_meeting` itself exactly like
a number no one has: the same field, code and words, in English and Korean, whoever calls the
domain (a page, the API, a script), so that no refusal tells that the registration exists or
why it is hidden. The same for a request to an organisation whose people are all hidden."""

from __future__ import annotations

import pytest
from django.utils import translation

from dari.accounts.domain.membership import do_confirm, remove_member
from dari.accounts.models import MembershipSource, Role
from dari.events.domain.controls import add_rule
from dari.events.domain.errors import EventError
from dari.events.domain.requests import participant_to_ask, request_meeting
from dari.events.domain.setup import register_participant
from dari.events.models import MeetingRequest, Participant
from tests.events.factories import make_event, person
from tests.factories import OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _admin():
    return UserFactory(username="padmin", role=Role.PLATFORM_ADMIN, organization=None)


def _waiting(kenji, event):
    Participant.objects.filter(pk=kenji.pk).update(approved=False)
    kenji.refresh_from_db()


def _ruled_out(kenji, event):
    kenji.organization.kind = "cro"
    kenji.organization.save()
    add_rule(event, "kind", "pharma", "biotech")


def _removed(kenji, event):
    remove_member(kenji.organization, kenji.user_id, _admin())
    kenji.refresh_from_db()
    kenji.user.refresh_from_db()


def _moved(kenji, event):
    admin = _admin()
    remove_member(kenji.organization, kenji.user_id, admin)
    do_confirm(kenji.user, OrganizationFactory(id="newco"), MembershipSource.PLATFORM_ADMIN, admin)
    kenji.user.refresh_from_db()
    kenji.refresh_from_db()


def _replaced(kenji, event):
    _moved(kenji, event)
    register_participant(event, kenji.user, "Asia/Tokyo")
    kenji.refresh_from_db()


def _elsewhere(kenji, event):
    Participant.objects.filter(pk=kenji.pk).update(event=make_event(slug="other", name="Other"))
    kenji.refresh_from_db()


HIDE = [_waiting, _ruled_out, _removed, _moved, _replaced, _elsewhere]


@pytest.fixture
def fair(db):
    event = make_event()
    emma = person(event, "emma", "gsk", "Europe/London")
    OrganizationFactory._meta.model.objects.filter(pk="gsk").update(kind="pharma")
    emma.organization.refresh_from_db()
    kenji = person(event, "kenji", "takeda", "Asia/Tokyo", first_name="Kenji")
    OrganizationFactory._meta.model.objects.filter(pk="takeda").update(kind="biotech")
    kenji.organization.refresh_from_db()
    return {"event": event, "emma": emma, "kenji": kenji}


def _refusal(*args, **kwargs):
    with pytest.raises(EventError) as refused:
        request_meeting(*args, **kwargs)
    return refused.value.field, refused.value.code, refused.value.message


@pytest.mark.parametrize("language", ["en", "ko"])
@pytest.mark.parametrize("hide", HIDE)
def test_a_hidden_participant_is_refused_like_a_missing_one(fair, hide, language):
    emma, kenji = fair["emma"], fair["kenji"]
    hide(kenji, fair["event"])
    with translation.override(language):
        with pytest.raises(EventError) as missing:
            participant_to_ask(emma, 10**6)
        expected = (missing.value.field, missing.value.code, missing.value.message)
        assert _refusal(emma, target=kenji, message="Hello") == expected
    assert MeetingRequest.objects.count() == 0


@pytest.mark.parametrize("language", ["en", "ko"])
@pytest.mark.parametrize("hide", HIDE)
def test_an_organisation_of_hidden_people_is_refused_like_a_missing_one(fair, hide, language):
    emma, kenji = fair["emma"], fair["kenji"]
    hide(kenji, fair["event"])
    OrganizationFactory(id="nobody", name="Nobody")
    with translation.override(language):
        field, code, message = _refusal(emma, organization_id="nobody")
        assert _refusal(emma, organization_id="takeda") == (
            field,
            code,
            message.replace("nobody", "takeda"),
        )
    assert MeetingRequest.objects.count() == 0
