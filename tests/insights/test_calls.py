"""Open-innovation calls: apply, rank, shortlist, decline and invite, with their errors; an
organiser never sees an asset the access funnel hides from them."""

from __future__ import annotations

import pytest
from django.conf import settings

from dari.accounts.models import Role
from dari.insights.domain import calls
from dari.insights.domain.errors import CallError
from dari.insights.models import CallApplication
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("event_ahead")]


@pytest.fixture
def member(world):
    return UserFactory(username="amember", organization=world["orgs"]["a1"])


def apply(user, asset_id="as-mab", pitch="A first-in-class antibody."):
    return calls.apply_to_call(user, "p-call", asset_id, pitch)


def test_a_member_applies_with_an_asset_of_their_organisation(member):
    application = apply(member)
    assert (
        application.program_id,
        application.organization_id,
        application.asset_id,
        application.status,
        application.score,
        application.submitted_by,
    ) == ("p-call", "a1", "as-mab", "submitted", 1.0, member)


@pytest.mark.parametrize(
    ("who", "asset_id", "pitch", "message"),
    [
        ("anonymous", "as-mab", "p", "Sign in to apply."),
        ("loner", "as-mab", "p", "Only members of an organisation can apply."),
        ("member", "as-sm", "p", "Choose one of your organisation's assets."),
        ("stranger", "as-adc", "p", "Choose one of your organisation's assets."),
        ("member", "as-none", "p", "Choose one of your organisation's assets."),
        ("member", "as-mab", "   ", "Write a short pitch."),
        ("member", "as-mab", "x" * 4001, "The pitch is too long (at most 4000 characters)."),
    ],
)
def test_apply_refuses_with_a_clear_error(world, member, who, asset_id, pitch, message):
    users = {
        "anonymous": None,
        "loner": UserFactory(username="loner", organization=None),
        "member": member,
        # A member of b1 may not enter a1's (CDA-only) asset.
        "stranger": UserFactory(username="bmember", organization=world["orgs"]["b1"]),
    }
    with pytest.raises(CallError) as raised:
        apply(users[who], asset_id, pitch)
    assert str(raised.value) == message
    assert CallApplication.objects.count() == 0


def test_apply_refuses_a_programme_that_is_not_a_call_and_a_second_entry(member):
    with pytest.raises(CallError, match="There is no open-innovation call 'p-train'"):
        calls.apply_to_call(member, "p-train", "as-mab", "p")
    apply(member)
    with pytest.raises(CallError) as raised:
        apply(member)
    assert str(raised.value) == "This asset has already been entered for this call."
    assert CallApplication.objects.count() == 1


def test_ranking_explains_the_fit_with_the_organisers_interests(member, admin_user):
    first = apply(member, "as-mab")
    second = apply(member, "as-adc")  # CDA-only: the applicant's own org sees it
    rows = calls.rank_applications(admin_user, "p-call")
    # Ranked by the recommender's score for the organiser as a partner of each asset.
    assert [r["application"] for r in rows] == [first, second]
    assert rows[0]["score"] > rows[1]["score"] > 0
    assert rows[0]["reasons"][:3] == [
        "Therapeutic area Oncology is one the organiser seeks.",
        "Modality Antibody is one the organiser seeks.",
        "Stage Phase 1 is one the organiser seeks.",
    ]
    assert rows[0]["reasons"][3:] != []  # and the recommender's own reasons
    assert rows[1]["reasons"][0] == "Modality Antibody-drug conjugate is one the organiser seeks."


def test_an_organiser_sees_only_the_pitch_of_an_asset_hidden_from_them(member, organiser, client):
    hidden = apply(member, "as-adc", "Our confidential ADC pitch.")
    visible = apply(member, "as-mab", "Our public antibody pitch.")
    rows = calls.rank_applications(organiser, "p-call")
    assert [(r["application"], r["asset"]) for r in rows] == [
        (visible, visible.asset),
        (hidden, None),
    ]
    assert (rows[0]["score"] > 0, rows[1]["score"]) == (True, None)
    assert rows[1]["reasons"] == ["The asset is not visible to you: only the pitch is shown."]
    client.force_login(organiser)
    html = client.get("/insights/calls/p-call/review").content.decode()
    assert "Our confidential ADC pitch." in html
    assert "Not visible to you" in html
    assert hidden.asset.name not in html
    assert "as-adc" not in html


def test_only_organisers_review_applications(member, client):
    apply(member)
    for user in (None, member):
        with pytest.raises(CallError, match="Only the call's organisers"):
            calls.rank_applications(user, "p-call")
    client.force_login(member)
    assert client.get("/insights/calls/p-call/review").status_code == 404


def test_shortlist_decline_and_invite_the_shortlist(
    member, organiser, world, mailoutbox, django_capture_on_commit_callbacks
):
    colleague = UserFactory(username="acolleague", organization=world["orgs"]["a1"])
    b_member = UserFactory(username="bmember", organization=world["orgs"]["b1"])
    ours = apply(member)
    theirs = calls.apply_to_call(b_member, "p-call", "as-sm", "Small molecule.")
    assert calls.shortlist_application(organiser, ours.pk).status == "shortlisted"
    assert calls.decline_application(organiser, theirs.pk).status == "declined"
    event = world["event"]
    with django_capture_on_commit_callbacks(execute=True):
        invited = calls.invite_shortlist(organiser, "p-call", event.pk)
    assert invited == [ours]
    ours.refresh_from_db()
    theirs.refresh_from_db()
    assert (ours.status, ours.event, theirs.status) == ("invited", event, "declined")
    # The invited organisation is on the event's invitations (its members' registrations need
    # no approval); the declined one is not.
    assert sorted(event.invitations.values_list("organization_id", flat=True)) == [
        ours.organization_id
    ]
    # One e-mail per member of the invited organisation (tests/insights/test_call_invitation_mail).
    assert sorted((m.subject, m.to[0]) for m in mailoutbox) == [
        (f"[Dari] Invitation to {event.name}", email)
        for email in sorted([member.email, colleague.email, "pa@example.org"])
    ]
    assert f"/events/{event.slug}/" in mailoutbox[0].body
    with pytest.raises(CallError, match="already been invited"):
        calls.decline_application(organiser, ours.pk)


def test_invite_errors(member, organiser, world):
    apply(member)
    with pytest.raises(CallError, match="shortlist is empty"):
        calls.invite_shortlist(organiser, "p-call", world["event"].pk)
    with pytest.raises(CallError, match="No such event"):
        calls.invite_shortlist(organiser, "p-call", 999999)
    with pytest.raises(CallError, match="Only the call's organisers"):
        calls.invite_shortlist(member, "p-call", world["event"].pk)
    with pytest.raises(CallError, match="No such application"):
        calls.shortlist_application(organiser, 999999)


def test_the_apply_review_and_invite_pages(
    member, world, client, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(member)
    page = client.get("/insights/calls/p-call/").content.decode()
    assert 'name="pitch"' in page
    response = client.post("/insights/calls/p-call/", {"asset": "as-mab", "pitch": "Fit."})
    assert response.status_code == 302
    application = CallApplication.objects.get()
    assert "Submitted" in client.get("/insights/calls/p-call/").content.decode()
    organiser = UserFactory(
        username="org2", role=Role.ORGANISER, organization=world["orgs"]["bigpharma"]
    )
    client.force_login(organiser)
    url = f"/insights/calls/p-call/applications/{application.pk}/shortlist"
    assert client.post(url).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/insights/calls/p-call/invite", {"event": world["event"].pk})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "1 applicant invited to" in page  # one applicant, not "1 applicants"
    assert "Its organisers manage the call too." in page  # the call's, not the event's
    application.refresh_from_db()
    assert application.status == "invited"
    assert sorted(m.to[0] for m in mailoutbox) == sorted([member.email, "pa@example.org"])
    # Like every notification, the link is built on DARI_BASE_URL.
    assert f"{settings.DARI_BASE_URL}/events/{world['event'].slug}/" in mailoutbox[0].body
    assert client.get("/insights/calls/").status_code == 200
    assert client.get("/insights/calls/p-train/").status_code == 404


def test_own_applications_load_assets_through_the_access_funnel(member, world):
    from dari.directory.models import Asset

    application = apply(member)
    (own,) = calls.own_applications(member, application.program)
    assert own.asset is not None and own.asset.name == Asset.objects.get(pk="as-mab").name
    # the asset moves to another organisation and becomes confidential to it
    Asset.objects.filter(pk="as-mab").update(organization=world["orgs"]["b1"], visibility="cda")
    (own,) = calls.own_applications(member, application.program)
    assert own.asset is None


def test_the_review_names_an_assets_kind_without_a_dangling_separator(member, world, client):
    """An asset with no stage reads "modality · area", never "modality · area ·"."""
    from dari.directory.models import Asset

    Asset.objects.filter(pk="as-mab").update(stage="")
    apply(member)
    organiser = UserFactory(
        username="org3", role=Role.ORGANISER, organization=world["orgs"]["bigpharma"]
    )
    client.force_login(organiser)
    page = client.get("/insights/calls/p-call/review").content.decode()
    row = page.split('<table class="data applications">')[1].split("</tr>")[1]
    kind = row.split('<span class="small">')[1].split("</span>")[0]
    assert kind and not kind.rstrip().endswith("·") and " ·  · " not in kind
