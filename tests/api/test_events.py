"""/api/events: the events, a participant's agenda and meeting requests, through the HTTP API
with a personal access token or a session. The same rules as the participant pages: the
caller's current registration only, assets named only when the caller may see them, a
confidential asset refused exactly like a missing one, and nothing written by a refused call."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from dari.accounts.domain.membership import do_confirm, remove_member
from dari.accounts.domain.tokens import create_token
from dari.accounts.models import MembershipSource, Role
from dari.events.domain.requests import accept_request, request_meeting
from dari.events.domain.schedule import schedule_event
from dari.events.domain.setup import register_participant
from dari.events.models import Event, Meeting, MeetingRequest, Participant, RequestStatus
from tests.events.factories import make_event, person
from tests.factories import AssetFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db

REFUSED = "no asset %r of your organisation or of the organisation you ask"


@pytest.fixture
def world(db):
    """A virtual event in Seoul's zone: Minseo (AbL Bio, Seoul), her colleague Jihoon, Emma
    (GSK, London) and John (Pfizer, New York); AbL Bio's ABL111 (members) and Secretmab (CDA
    only), GSK's own asset, a third organisation's public asset; another event with Noah."""
    kpbma = OrganizationFactory(id="kpbma", name="KPBMA", kind="association")
    event = make_event(organizer=kpbma)
    minseo = person(event, "minseo", "ablbio", "Asia/Seoul", first_name="Minseo", last_name="Park")
    jihoon_user = UserFactory(
        username="jihoon", organization=minseo.organization, first_name="Jihoon", last_name="Lee"
    )
    other = make_event(slug="other-event", name="Other Partnering")
    emma = person(event, "emma", "gsk", "Europe/London", first_name="Emma", last_name="Clarke")
    ablbio, gsk = minseo.organization, emma.organization
    return {
        "event": event,
        "other": other,
        "minseo": minseo,
        "jihoon": register_participant(event, jihoon_user, "Asia/Seoul"),
        "emma": emma,
        "john": person(
            event, "john", "pfizer", "America/New_York", first_name="John", last_name="Doe"
        ),
        "noah": person(other, "noah", "astra", "Asia/Seoul", first_name="Noah"),
        "outsider": UserFactory(
            username="outsider", organization=OrganizationFactory(id="hanmi", name="Hanmi")
        ),
        "abl111": AssetFactory(
            id="as-abl111", organization=ablbio, name="ABL111", visibility="members"
        ),
        "secret": AssetFactory(
            id="as-abl-secret", organization=ablbio, name="Secretmab", visibility="cda"
        ),
        "gsk": AssetFactory(id="as-gsk-own", organization=gsk, name="Gskmab", visibility="public"),
        "third": AssetFactory(
            id="as-third",
            organization=OrganizationFactory(id="celltrion", name="Celltrion"),
            name="Thirdmab",
            visibility="public",
        ),
    }


def token(who, write: bool = True) -> Client:
    """A client sending a personal access token of `who` (a participant or a user)."""
    user = getattr(who, "user", who)
    _token, secret = create_token(user, "crm", write=write)
    client = Client()
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {secret}"
    return client


def session(who) -> Client:
    client = Client()
    client.force_login(getattr(who, "user", who))
    return client


def post(client: Client, path: str, data=None, **extra):
    return client.post(path, data or {}, content_type="application/json", **extra)


def error(response) -> tuple[int, list[tuple[str, str]]]:
    """The status and the (field, code) of each error item of a refusal."""
    return response.status_code, [(e["field"], e["code"]) for e in response.json()["errors"]]


def agenda_url(slug: str = "test-virtual") -> str:
    return f"/api/events/{slug}/agenda"


def requests_url(slug: str = "test-virtual") -> str:
    return f"/api/events/{slug}/requests"


@pytest.fixture
def meeting(world):
    """Emma asked Minseo about ABL111 and Minseo accepted; the meeting is scheduled."""
    made = request_meeting(world["emma"], target=world["minseo"], asset_id="as-abl111")
    met = accept_request(made.pk, world["minseo"])
    schedule_event(world["event"].pk)
    met.refresh_from_db()
    return met


# Events ----------------------------------------------------------------------------------------


def test_anyone_lists_the_events_with_their_times_in_the_event_zone_and_utc(world):
    event = world["event"]
    listed = Client().get("/api/events")
    assert listed.status_code == 200
    rows = {row["slug"]: row for row in listed.json()}
    assert sorted(rows) == ["other-event", "test-virtual"]
    row = rows["test-virtual"]
    first, last = event.start_date.isoformat(), event.end_date.isoformat()
    assert (row["timezone"], row["first_day"], row["last_day"]) == ("Asia/Seoul", first, last)
    # Sessions from 09:00 to 18:00 in Seoul (UTC+9, no summer time).
    assert (row["starts"], row["starts_utc"]) == (f"{first}T09:00:00+09:00", f"{first}T00:00:00Z")
    assert (row["ends"], row["ends_utc"]) == (f"{last}T18:00:00+09:00", f"{last}T09:00:00Z")
    assert (row["organizer"], row["registered"], row["manages"]) == ("kpbma", False, False)
    mine = {r["slug"]: r["registered"] for r in token(world["emma"]).get("/api/events").json()}
    assert mine == {"other-event": False, "test-virtual": True}


# Agenda ----------------------------------------------------------------------------------------


def test_the_agenda_gives_each_meeting_in_utc_my_zone_and_theirs_with_the_video_link(
    world, meeting
):
    start = meeting.slot.start.astimezone(dt.UTC)
    answer = token(world["emma"], write=False).get(agenda_url())
    assert answer.status_code == 200
    body = answer.json()
    assert (body["event"], body["timezone"], body["schedule_published"]) == (
        "test-virtual",
        "Europe/London",
        False,
    )
    (m,) = body["meetings"]
    london = start.astimezone(dt.timezone(dt.timedelta(0)))  # GMT in the test's winter days
    seoul = start.astimezone(dt.timezone(dt.timedelta(hours=9)))
    assert (m["id"], m["status"], m["start_utc"], m["start"]) == (
        meeting.pk,
        "scheduled",
        start.isoformat().replace("+00:00", "Z"),
        london.isoformat().replace("+00:00", "Z"),
    )
    assert m["counterparts"] == [
        {
            "participant_id": world["minseo"].pk,
            "name": "Minseo Park",
            "organization": "ablbio",
            "organization_name": "Ablbio",
            "timezone": "Asia/Seoul",
            "start": seoul.isoformat(),
        }
    ]
    assert m["video_link"] == f"https://video.example.org/test-virtual-{meeting.room}"
    assert (m["table"], m["asset"]) == (None, {"id": "as-abl111", "name": "ABL111"})


def test_an_unscheduled_meeting_has_no_time_and_no_place_yet(world):
    accept_request(request_meeting(world["emma"], target=world["minseo"]).pk, world["minseo"])
    (m,) = session(world["minseo"]).get(agenda_url()).json()["meetings"]
    assert (m["status"], m["start"], m["start_utc"], m["video_link"], m["table"]) == (
        "unscheduled",
        None,
        None,
        None,
        None,
    )


def test_a_confidential_asset_is_named_only_to_those_who_may_see_it(world):
    """Minseo asks Emma about AbL Bio's CDA-only asset: Minseo reads it, Emma never does."""
    made = request_meeting(world["minseo"], target=world["emma"], asset_id="as-abl-secret")
    emma_requests = token(world["emma"]).get(requests_url())
    assert emma_requests.json()["received"][0]["asset"] is None
    accept_request(made.pk, world["emma"])
    emma_agenda = token(world["emma"]).get(agenda_url())
    assert emma_agenda.json()["meetings"][0]["asset"] is None
    for answer in (emma_requests, emma_agenda):
        text = answer.content.decode()
        assert (text.count("Secretmab"), text.count("as-abl-secret")) == (0, 0)
    mine = token(world["minseo"]).get(agenda_url()).json()["meetings"][0]["asset"]
    assert mine == {"id": "as-abl-secret", "name": "Secretmab"}


def test_the_agenda_is_not_found_for_whoever_is_not_registered(world, meeting):
    outsider = token(world["outsider"]).get(agenda_url())
    assert error(outsider) == (404, [("slug", "not_registered")])
    # A participant of another event is no participant of this one.
    noah = token(world["noah"])
    assert error(noah.get(agenda_url())) == (404, [("slug", "not_registered")])
    assert error(noah.get(requests_url())) == (404, [("slug", "not_registered")])
    assert noah.get(agenda_url("other-event")).json()["meetings"] == []
    missing = token(world["emma"]).get(agenda_url("no-such-event"))
    assert (missing.status_code, missing.json()["detail"]) == (
        404,
        "Not found: event 'no-such-event'",
    )
    for answer in (outsider, noah.get(agenda_url())):
        assert "Emma" not in answer.content.decode()


def test_anonymous_callers_are_asked_to_sign_in(world, meeting):
    anonymous = Client()
    for answer in (
        anonymous.get(agenda_url()),
        anonymous.get(requests_url()),
        post(anonymous, requests_url(), {"participant": world["minseo"].pk}),
        post(anonymous, f"{requests_url()}/{meeting.request_id}/accept"),
    ):
        assert (answer.status_code, answer.json()["errors"]) == (401, [])
    assert MeetingRequest.objects.count() == 1


def test_the_agenda_reads_in_a_fixed_number_of_queries(world, meeting):
    # A session: a token records its last use once a while, one more query at times.
    minseo, client = world["minseo"], session(world["minseo"])
    accept_request(request_meeting(world["john"], target=minseo).pk, minseo)
    with CaptureQueriesContext(connection) as two:
        assert len(client.get(agenda_url()).json()["meetings"]) == 2
    accept_request(request_meeting(minseo, target=world["emma"]).pk, world["emma"])
    lea = person(world["event"], "lea", "roche", "Europe/Zurich", first_name="Lea")
    accept_request(request_meeting(lea, target=minseo).pk, minseo)
    with CaptureQueriesContext(connection) as four:
        assert len(client.get(agenda_url()).json()["meetings"]) == 4
    assert len(four) == len(two)


# Requests --------------------------------------------------------------------------------------


def test_a_scout_asks_about_the_counterparts_asset_and_the_recipient_accepts(world):
    emma, minseo = world["emma"], world["minseo"]
    made = post(
        token(emma),
        requests_url(),
        {"participant": minseo.pk, "message": "ABL111?", "asset": "as-abl111", "priority": 3},
    )
    assert made.status_code == 201, made.content
    sent = made.json()
    request = MeetingRequest.objects.get()
    assert (sent["id"], sent["direction"], sent["status"], sent["priority"]) == (
        request.pk,
        "sent",
        "pending",
        3,
    )
    assert sent["counterpart"] == {
        "participant_id": minseo.pk,
        "name": "Minseo Park",
        "organization": "ablbio",
        "organization_name": "Ablbio",
    }
    assert (sent["asset"], sent["may_withdraw"], sent["may_answer"]) == (
        {"id": "as-abl111", "name": "ABL111"},
        True,
        False,
    )
    received = session(minseo).get(requests_url()).json()
    assert ([r["id"] for r in received["received"]], received["sent"]) == ([request.pk], [])
    assert received["received"][0]["may_answer"] is True
    accepted = post(session(minseo), f"{requests_url()}/{request.pk}/accept")
    assert (accepted.status_code, accepted.json()["status"]) == (200, "accepted")
    assert Meeting.objects.get().request_id == request.pk
    assert [m["status"] for m in token(emma).get(agenda_url()).json()["meetings"]] == [
        "unscheduled"
    ]


def test_a_request_to_an_organisation_is_answered_by_any_of_its_participants(world):
    made = post(token(world["emma"]), requests_url(), {"organization": "ablbio"})
    assert made.status_code == 201, made.content
    rid = made.json()["id"]
    received = token(world["jihoon"]).get(requests_url()).json()["received"]
    assert [(r["id"], r["to_organization"]) for r in received] == [(rid, True)]
    declined = post(token(world["jihoon"]), f"{requests_url()}/{rid}/decline", {"reason": "Busy"})
    assert (declined.status_code, declined.json()["status"]) == (200, "declined")
    sent = token(world["emma"]).get(requests_url()).json()["sent"][0]
    # Declined by the organisation: no one of it became the counterpart.
    assert (sent["status"], sent["decline_reason"], sent["counterpart"]) == (
        "declined",
        "Busy",
        {
            "participant_id": None,
            "name": "",
            "organization": "ablbio",
            "organization_name": "Ablbio",
        },
    )


@pytest.mark.parametrize("asset", ["as-abl-secret", "as-third", "as-missing"])
def test_a_hidden_third_or_missing_asset_is_refused_alike_and_nothing_is_written(world, asset):
    answer = post(
        token(world["emma"]), requests_url(), {"participant": world["minseo"].pk, "asset": asset}
    )
    body = answer.json()
    assert (answer.status_code, body["errors"]) == (
        400,
        [{"field": "body.asset", "code": "invalid", "message": REFUSED % asset}],
    )
    assert (MeetingRequest.objects.count(), answer.content.decode().count("Secretmab")) == (0, 0)


def test_a_refusal_is_translated(world):
    with translation.override(None):
        answer = post(
            token(world["emma"]),
            requests_url(),
            {"participant": world["minseo"].pk, "asset": "as-abl-secret"},
            HTTP_ACCEPT_LANGUAGE="ko",
        )
        missing = token(world["outsider"]).get(agenda_url(), HTTP_ACCEPT_LANGUAGE="ko")
        both = post(
            token(world["emma"]),
            requests_url(),
            {"participant": world["minseo"].pk, "organization": "ablbio"},
            HTTP_ACCEPT_LANGUAGE="ko",
        )
    assert error(answer) == (400, [("body.asset", "invalid")])
    assert answer.json()["errors"][0]["message"] == (
        "소속 기관이나 요청한 상대 기관에 'as-abl-secret' 자산이 없습니다."
    )
    assert missing.json()["detail"] == "먼저 행사에 등록하세요."
    assert both.json()["errors"][0]["message"] == "참가자나 조직 중 하나만 지정하세요."


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"participant": 10**6}, (400, [("body.participant", "invalid")])),
        ({"participant": "noah"}, (400, [("body.participant", "invalid")])),
        ({"participant": "x1"}, (400, [("body.participant", "invalid_integer")])),
        ({"organization": "ablbio"}, (400, [("body.organization", "invalid")])),
        ({"participant": "jihoon"}, (400, [("body.participant", "invalid")])),
        ({}, (400, [("body.participant", "invalid")])),
        ({"participant": "emma", "organization": "gsk"}, (400, [("body.organization", "both")])),
        ({"participant": "emma", "message": "x" * 2001}, (400, [("body.message", "max_length")])),
        ({"participant": "emma", "priority": 5}, (400, [("body.priority", "invalid")])),
        ({"participant": "emma", "colour": "red"}, (400, [("body.colour", "extra_forbidden")])),
    ],
)
def test_each_bad_request_is_refused_on_its_field_and_nothing_is_written(world, data, expected):
    """Minseo asks: a number of no participant, Noah (of another event), not a number, her own
    organisation, her colleague, no one, two counterparts, a long message, a bad priority, an
    unknown field."""
    named = {"noah": world["noah"].pk, "jihoon": world["jihoon"].pk, "emma": world["emma"].pk}
    if "participant" in data:
        data = {**data, "participant": named.get(data["participant"], data["participant"])}
    answer = post(token(world["minseo"]), requests_url(), data)
    assert error(answer) == expected
    assert MeetingRequest.objects.count() == 0


def test_a_read_only_token_may_read_but_not_request(world):
    client = token(world["emma"], write=False)
    assert client.get(requests_url()).status_code == 200
    answer = post(client, requests_url(), {"participant": world["minseo"].pk})
    assert answer.status_code == 403
    assert MeetingRequest.objects.count() == 0


def test_a_duplicate_request_is_refused(world):
    post(token(world["emma"]), requests_url(), {"participant": world["minseo"].pk})
    again = post(token(world["emma"]), requests_url(), {"participant": world["minseo"].pk})
    assert error(again) == (400, [("body", "invalid")])
    assert MeetingRequest.objects.count() == 1


def test_only_the_recipient_answers_and_only_once(world):
    made = request_meeting(world["emma"], target=world["minseo"])
    path = f"{requests_url()}/{made.pk}"
    # The requester reads the request but may not answer it.
    assert error(post(token(world["emma"]), f"{path}/accept")) == (
        403,
        [("request_id", "forbidden")],
    )
    # Whoever neither sent nor received it (Minseo's colleague: the request names Minseo),
    # and a participant of another event: not found.
    assert error(post(token(world["jihoon"]), f"{path}/accept")) == (404, [])
    assert error(post(token(world["john"]), f"{path}/decline")) == (404, [])
    assert error(
        post(token(world["noah"]), f"/api/events/other-event/requests/{made.pk}/accept")
    ) == (
        404,
        [],
    )
    assert MeetingRequest.objects.get().status == RequestStatus.PENDING
    assert post(token(world["minseo"]), f"{path}/accept").status_code == 200
    again = post(token(world["minseo"]), f"{path}/decline")
    assert error(again) == (409, [("request_id", "decided")])
    assert (MeetingRequest.objects.get().status, Meeting.objects.count()) == ("accepted", 1)


def test_past_the_deadline_a_pending_request_reads_as_expired_and_nothing_is_written(world):
    made = request_meeting(world["emma"], target=world["minseo"])
    past = made.created - dt.timedelta(seconds=1)
    Event.objects.filter(pk=world["event"].pk).update(request_deadline=past)
    received = token(world["minseo"]).get(requests_url()).json()["received"]
    assert [(r["status"], r["may_answer"]) for r in received] == [("expired", False)]
    assert MeetingRequest.objects.get().status == RequestStatus.PENDING
    refused = post(token(world["minseo"]), f"{requests_url()}/{made.pk}/accept")
    assert error(refused) == (400, [("request_id", "deadline_passed")])
    assert MeetingRequest.objects.get().status == RequestStatus.PENDING


# Moved and removed members ---------------------------------------------------------------------


def test_a_removed_member_gets_nothing_of_the_old_organisation(world, meeting):
    minseo = world["minseo"]
    admin = UserFactory(username="padmin", role=Role.PLATFORM_ADMIN, organization=None)
    remove_member(minseo.organization, minseo.user_id, admin)
    client = token(minseo)
    for answer in (
        client.get(agenda_url()),
        client.get(requests_url()),
        post(client, requests_url(), {"participant": world["john"].pk}),
        post(client, f"{requests_url()}/{meeting.request_id}/decline"),
    ):
        assert error(answer) == (403, [("slug", "not_representing")])
        assert ("Emma" in answer.content.decode(), "ABL111" in answer.content.decode()) == (
            False,
            False,
        )
    assert (MeetingRequest.objects.count(), Meeting.objects.get().status) == (1, "scheduled")


def test_a_moved_member_sees_only_the_new_registration(world, meeting):
    minseo = world["minseo"]
    admin = UserFactory(username="padmin", role=Role.PLATFORM_ADMIN, organization=None)
    remove_member(minseo.organization, minseo.user_id, admin)
    do_confirm(
        minseo.user,
        OrganizationFactory(id="newco", name="Newco Bio"),
        MembershipSource.PLATFORM_ADMIN,
        admin,
    )
    minseo.user.refresh_from_db()
    register_participant(world["event"], minseo.user, "Asia/Seoul")
    client = token(minseo)
    assert client.get(agenda_url()).json()["meetings"] == []
    assert client.get(requests_url()).json() == {"received": [], "sent": []}
    old = post(client, f"{requests_url()}/{meeting.request_id}/decline")
    assert error(old) == (404, [])
    assert Meeting.objects.get().status == "scheduled"


def test_a_decline_needs_no_body(world):
    made = request_meeting(world["emma"], target=world["minseo"])
    answer = token(world["minseo"]).post(
        f"{requests_url()}/{made.pk}/decline", "", content_type="application/json"
    )
    assert (answer.status_code, answer.json()["decline_reason"]) == (200, "")
    assert MeetingRequest.objects.get().status == RequestStatus.DECLINED


def test_a_write_with_a_session_needs_its_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world["emma"].user)
    answer = post(client, requests_url(), {"participant": world["minseo"].pk})
    assert (answer.status_code, answer.json()["errors"]) == (403, [])
    assert MeetingRequest.objects.count() == 0


def test_a_registration_the_organiser_has_not_approved_may_not_request(world):
    Participant.objects.filter(pk=world["emma"].pk).update(approved=False)
    answer = post(token(world["emma"]), requests_url(), {"participant": world["minseo"].pk})
    assert error(answer) == (400, [("requester", "not_approved")])
    assert MeetingRequest.objects.count() == 0


def test_a_participant_the_directory_does_not_list_is_refused_like_a_missing_number(world):
    """Emma's registration awaits approval and John was removed from Pfizer: neither is in
    Minseo's directory of the event, so naming either answers exactly as a number of no
    participant does (not "not approved", not "no longer representing")."""
    Participant.objects.filter(pk=world["emma"].pk).update(approved=False)
    admin = UserFactory(username="padmin", role=Role.PLATFORM_ADMIN, organization=None)
    remove_member(world["john"].organization, world["john"].user_id, admin)
    client = token(world["minseo"])
    answers = [
        post(client, requests_url(), {"participant": pk})
        for pk in (world["emma"].pk, world["john"].pk, 10**6)
    ]
    assert [(error(a), a.json()["detail"]) for a in answers] == [
        (error(answers[2]), answers[2].json()["detail"])
    ] * 3
    assert error(answers[2]) == (400, [("body.participant", "invalid")])
    assert MeetingRequest.objects.count() == 0


def test_an_organisation_the_directory_does_not_list_is_refused_like_an_unknown_one(world):
    """GSK's only registration (Emma's) awaits approval: asking GSK answers exactly as asking
    an organisation of no registration does, so no answer tells that GSK registered."""
    Participant.objects.filter(pk=world["emma"].pk).update(approved=False)
    client = token(world["minseo"])
    gsk, unknown = (post(client, requests_url(), {"organization": o}) for o in ("gsk", "nobio"))
    assert error(gsk) == error(unknown) == (400, [("body.organization", "invalid")])
    assert gsk.json()["detail"] == unknown.json()["detail"].replace("nobio", "gsk")
    assert MeetingRequest.objects.count() == 0


def test_a_decline_reason_over_2000_characters_is_refused_on_its_field(world):
    made = request_meeting(world["emma"], target=world["minseo"])
    path = f"{requests_url()}/{made.pk}/decline"
    answer = post(token(world["minseo"]), path, {"reason": "x" * 2001})
    assert error(answer) == (400, [("body.reason", "max_length")])
    assert MeetingRequest.objects.get().status == RequestStatus.PENDING


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"participant": True}, "body.participant"),
        ({"participant": "12"}, "body.participant"),
        ({"organization": "gsk", "priority": True}, "body.priority"),
        ({"organization": "gsk", "priority": "3"}, "body.priority"),
    ],
)
def test_a_number_of_the_wrong_json_type_is_refused_not_coerced(world, body, field):
    answer = post(token(world["minseo"]), requests_url(), body)
    assert error(answer) == (400, [(field, "invalid_integer")])
    assert MeetingRequest.objects.count() == 0
