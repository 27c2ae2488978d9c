"""A participant whose person no longer represents the organisation they registered for
(`dari.events.access.represents`: removed from it, or moved to another) is no one to meet: they
leave the other participants' directory and suggestions, and a meeting request to them, to
their organisation through them alone, or adding them to a meeting as a colleague is refused on
its field (nobody would be told, so the request would wait unanswered). The organisers still
see them, marked."""

from __future__ import annotations

import csv
import io

import pytest
from django.utils import translation

from dari.accounts.domain.membership import do_confirm, remove_member
from dari.accounts.models import MembershipSource, Role
from dari.events.access import representing, represents
from dari.events.domain.errors import EventError
from dari.events.domain.exports import participants_table
from dari.events.domain.queries import colleagues, event_directory
from dari.events.domain.requests import add_colleague, request_meeting
from dari.events.domain.setup import register_participant
from dari.events.domain.suggest import suggest_meetings
from dari.events.models import Participant
from tests.events.factories import make_event, person
from tests.factories import AssetFactory, OrganizationFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("immediate_tasks")]


def _admin():
    return UserFactory(username="padmin", role=Role.PLATFORM_ADMIN, organization=None)


def _remove(p, admin):
    remove_member(p.organization, p.user_id, admin)
    p.refresh_from_db()
    p.user.refresh_from_db()


def _move(p, admin, org_id="newco"):
    _remove(p, admin)
    newco = OrganizationFactory(id=org_id, name=org_id.title())
    do_confirm(p.user, newco, MembershipSource.PLATFORM_ADMIN, admin)
    p.user.refresh_from_db()


def _names(directory):
    return sorted(p.name for p in directory.people)


@pytest.mark.parametrize("change", [_remove, _move])
def test_the_directory_of_the_others_leaves_them_out(client, world, change):
    event, emma = world["event"], world["emma"]
    change(world["minseo"], _admin())
    assert _names(event_directory(event, me=emma)) == ["Emma Clarke", "Jihoon Lee"]
    client.force_login(emma.user)
    page = client.get(f"/events/{event.slug}/").content.decode()
    assert (page.count("Minseo Park"), page.count("Jihoon Lee")) == (0, 1)


def test_the_organisers_still_see_them_marked(client, world):
    event = world["event"]
    _remove(world["minseo"], _admin())
    assert _names(event_directory(event)) == ["Emma Clarke", "Jihoon Lee", "Minseo Park"]
    client.force_login(world["organiser"])
    page = client.get(f"/events/{event.slug}/").content.decode()
    row = next(r for r in page.split("<tr>") if "Minseo Park" in r)
    other = next(r for r in page.split("<tr>") if "Jihoon Lee" in r)
    marks = ("no longer represents" in row, "no longer represents" in other)
    assert marks == (True, False)


def test_the_participants_export_marks_them(client, world, scheduled):
    event, admin = world["event"], _admin()
    _move(world["minseo"], admin)
    register_participant(event, world["minseo"].user, "Asia/Seoul")  # retires the old one
    _remove(world["colleague"], admin)
    table = participants_table(event, world["organiser"])
    assert ("represents", "Represents the organisation") in table["columns"]
    got = sorted((r["name"], r["organization"], r["represents"]) for r in table["rows"])
    assert got == [
        ("Emma Clarke", "Gsk", "yes"),
        ("Jihoon Lee", "Ablbio", "no: no longer a member"),
        ("Minseo Park", "Ablbio", "no: registered again for another organisation"),
        ("Minseo Park", "Newco", "yes"),
    ]
    client.force_login(world["organiser"])
    listed = client.get(f"/events/{event.slug}/manage/export/participants")
    rows = list(csv.reader(io.StringIO(listed.content.decode())))
    assert rows[0][-1] == "Represents the organisation"


@pytest.mark.parametrize(
    ("language", "message"),
    [
        # Like a number no one has: the refusal tells nothing of them (test_hidden_refusals).
        ("en", "this participant is not registered for the event"),
        ("ko", "이 참가자는 행사에 등록되어 있지 않습니다."),
    ],
)
@pytest.mark.parametrize("change", [_remove, _move])
def test_a_request_to_them_is_refused_on_its_field(world, change, language, message):
    change(world["minseo"], _admin())
    with translation.override(language), pytest.raises(EventError) as refused:
        request_meeting(world["emma"], target=world["minseo"])
    assert (refused.value.field, refused.value.message) == ("target", message)
    # Their colleague still speaks for the organisation: a request to it is made.
    assert request_meeting(world["emma"], organization_id="ablbio").target_organization_id == (
        "ablbio"
    )


def test_a_request_to_an_organisation_no_one_represents_any_more_is_refused(client, world):
    noah = person(world["event"], "noah", "astra", "Asia/Seoul", first_name="Noah")
    _remove(noah, _admin())
    with pytest.raises(EventError) as refused:
        request_meeting(world["emma"], organization_id="astra")
    assert (refused.value.field, refused.value.message) == (
        "target",
        "no one from organisation 'astra' is registered",
    )
    client.force_login(world["emma"].user)
    page = client.get(f"/events/{world['event'].slug}/requests/new?organization=astra")
    assert page.status_code == 404


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "The colleague no longer represents your organisation."),
        ("ko", "이 동료는 더 이상 귀 기관을 대표하지 않습니다."),
    ],
)
def test_a_colleague_who_left_is_not_offered_nor_added(world, scheduled, language, message):
    minseo, jihoon = world["minseo"], world["colleague"]
    assert list(colleagues(minseo)) == [jihoon]
    _remove(jihoon, _admin())
    assert list(colleagues(minseo)) == []
    with translation.override(language), pytest.raises(EventError) as refused:
        add_colleague(scheduled.pk, minseo, jihoon)
    assert (refused.value.field, refused.value.message) == ("colleague", message)
    assert list(scheduled.participants.order_by("pk")) == [minseo, world["emma"]]


def test_the_suggestions_leave_out_an_organisation_no_one_represents_any_more():
    event = make_event()
    me = person(event, "bd", "org-bio", "Asia/Seoul")
    seeker = person(event, "scout", "org-seeker", "Europe/London")
    seeker.organization.kind = "pharma"
    seeker.organization.interest_therapeutic_areas = ["oncology"]
    seeker.organization.interest_modalities = ["adc"]
    seeker.organization.save()
    AssetFactory(id="as-bio-adc", organization=me.organization, name="BIO-ADC", modality="adc")
    assert [s.organization.pk for s in suggest_meetings(me.user, me)][:1] == ["org-seeker"]
    _remove(seeker, _admin())
    got = [s.organization.pk for s in suggest_meetings(me.user, me)]
    assert [pk for pk in got if pk == "org-seeker"] == []


def test_the_query_form_agrees_with_represents(world, scheduled):
    """`representing` (lists) and `represents` (one participant) are one rule: removed, moved,
    registered again, an admin registered for no organisation or for one, a colleague staying."""
    event, admin = world["event"], _admin()
    _move(world["minseo"], admin)
    register_participant(event, world["minseo"].user, "Asia/Seoul")
    _remove(world["emma"], admin)
    register_participant(event, admin, "Asia/Seoul")
    boss = UserFactory(username="boss", role=Role.PLATFORM_ADMIN, verified=False)
    register_participant(event, boss, "Asia/Seoul")
    people = Participant.objects.filter(event=event).select_related("user").order_by("pk")
    expected = [p.pk for p in people if represents(p)]
    assert len(expected) == 4  # Jihoon, Minseo's new registration, the two admins
    assert list(representing(people).values_list("pk", flat=True)) == expected
