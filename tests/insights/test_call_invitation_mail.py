"""The e-mail inviting a call's shortlist to an event goes through the messaging app: in each
recipient's language, only to those who did not turn it off, naming the call and the event
and no asset (an application's asset may be hidden from some of its readers)."""

from __future__ import annotations

import pytest

from dari.insights.domain import calls
from dari.messaging.domain.prefs import set_preferences
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("event_ahead")]

SITE = "https://dari.example.org"


@pytest.fixture
def invited(world, organiser, settings, mailoutbox, django_capture_on_commit_callbacks):
    """a1 applied with its CDA-only ADC and is invited: Sujin reads Korean, Tom turned the
    invitation e-mails off, Ann keeps the defaults (English)."""
    settings.DARI_BASE_URL = SITE
    a1 = world["orgs"]["a1"]
    sujin = UserFactory(username="sujin", organization=a1)
    tom = UserFactory(username="tom", organization=a1)
    ann = UserFactory(username="ann", organization=a1)
    set_preferences(sujin, language="ko", reminder_minutes=15, off=[])
    set_preferences(tom, language="en", reminder_minutes=15, off=["call_invited"])
    application = calls.apply_to_call(ann, "p-call", "as-adc", "Our confidential ADC.")
    calls.shortlist_application(organiser, application.pk)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        calls.invite_shortlist(organiser, "p-call", world["event"].pk)
    return {"sujin": sujin, "tom": tom, "ann": ann, "application": application}


def _mail_to(mailoutbox, user):
    return [m for m in mailoutbox if m.to == [user.email]]


def test_each_recipient_gets_their_own_email_and_an_opted_out_one_none(invited, mailoutbox):
    recipients = sorted(m.to[0] for m in mailoutbox)
    assert invited["tom"].email not in recipients
    assert recipients == sorted([invited["sujin"].email, invited["ann"].email, "pa@example.org"])


def test_a_korean_recipient_reads_korean_and_the_call_and_event_are_named(
    invited, world, mailoutbox
):
    event = world["event"]
    (korean,) = _mail_to(mailoutbox, invited["sujin"])
    assert korean.subject == f"[Dari] {event.name} 초청"
    assert "후보로 선정되었습니다" in korean.body
    assert invited["application"].program.name in korean.body
    assert event.name in korean.body
    assert f"{SITE}/events/{event.slug}/" in korean.body
    (english,) = _mail_to(mailoutbox, invited["ann"])
    assert english.subject == f"[Dari] Invitation to {event.name}"
    assert "shortlisted" in english.body


def test_no_email_names_the_asset(invited, mailoutbox):
    asset = invited["application"].asset
    for m in mailoutbox:
        text = m.subject + m.body
        assert (asset.name in text, asset.pk in text) == (False, False)


def test_a_member_with_an_unverified_address_gets_none(
    world, organiser, mailoutbox, django_capture_on_commit_callbacks
):
    """Recipients are vetted members (`accounts.access.vetted_members`), as everywhere else:
    an address nobody confirmed receives no invitation naming the call and the event."""
    a1 = world["orgs"]["a1"]
    ann = UserFactory(username="ann", organization=a1)
    unverified = UserFactory(username="newbie", organization=a1, verified=False)
    application = calls.apply_to_call(ann, "p-call", "as-adc", "Our ADC.")
    calls.shortlist_application(organiser, application.pk)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        calls.invite_shortlist(organiser, "p-call", world["event"].pk)
    recipients = {m.to[0] for m in mailoutbox}
    assert ann.email in recipients
    assert unverified.email not in recipients
