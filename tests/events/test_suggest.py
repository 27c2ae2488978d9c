"""Suggested meetings: the recommender restricted to the event's organisations."""

from __future__ import annotations

import re

import pytest

from dari.events.domain.controls import add_rule
from dari.events.domain.queries import event_directory
from dari.events.domain.requests import request_meeting
from dari.events.domain.suggest import suggest_meetings
from dari.events.models import Participant
from tests.events.factories import make_event, person
from tests.factories import AssetFactory

pytestmark = pytest.mark.django_db


def test_suggestions_rank_event_organisations_and_skip_those_already_asked(client):
    event = make_event()
    me = person(event, "bd", "org-bio", "Asia/Seoul")
    seeker = person(event, "scout", "org-seeker", "Europe/London")
    other = person(event, "other", "org-other", "America/New_York")
    seeker.organization.kind = "pharma"
    seeker.organization.interest_therapeutic_areas = ["oncology"]
    seeker.organization.interest_modalities = ["adc"]
    seeker.organization.save()
    other.organization.interest_therapeutic_areas = ["dermatology"]
    other.organization.save()
    AssetFactory(id="as-bio-adc", organization=me.organization, name="BIO-ADC", modality="adc")
    got = suggest_meetings(me.user, me)
    assert [s.organization.pk for s in got][:1] == ["org-seeker"]
    assert got[0].about == "BIO-ADC"  # the asset named once, not before every reason
    assert got[0].reasons and not any(r.startswith("BIO-ADC") for r in got[0].reasons)
    client.force_login(me.user)
    page = client.get(f"/events/{event.slug}/suggestions", HTTP_HX_REQUEST="true")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Matched on BIO-ADC" in html and "BIO-ADC: " not in html
    # A strength bar out of ten against the best suggestion, as on the directory's lists.
    bars = re.findall(r'class="strength-bar strength-(\d+)"', page.content.decode())
    assert (bars[:1], 'class="score"' in page.content.decode()) == (["10"], False)
    request_meeting(me, target=seeker)
    assert "org-seeker" not in [s.organization.pk for s in suggest_meetings(me.user, me)]
    client.force_login(person(make_event(slug="other-event"), "x", "org-x", "Asia/Seoul").user)
    assert (
        client.get(f"/events/{event.slug}/suggestions", HTTP_HX_REQUEST="true").status_code == 404
    )


def test_no_partners_are_sought_for_an_asset_not_offered_for_partnering():
    event = make_event()
    me = person(event, "bd", "org-bio", "Asia/Seoul")
    seeker = person(event, "scout", "org-seeker", "Europe/London")
    _seeking(seeker)
    AssetFactory(
        id="as-bio-brand",
        organization=me.organization,
        name="BIO-BRAND",
        modality="adc",
        therapeutic_area="oncology",
        available=False,
    )
    assert [s.about for s in suggest_meetings(me.user, me)] == []
    AssetFactory(id="as-bio-adc", organization=me.organization, name="BIO-ADC", modality="adc")
    got = suggest_meetings(me.user, me)
    assert [(s.organization.pk, s.about) for s in got][:1] == [("org-seeker", "BIO-ADC")]
    assert "BIO-BRAND" not in [s.about for s in got]


def test_a_match_without_any_reason_is_not_suggested(monkeypatch):
    from types import SimpleNamespace

    from dari.events.domain import suggest

    event = make_event()
    me = person(event, "bd", "org-assoc", "Asia/Seoul")
    said = person(event, "a", "org-said", "Europe/London")
    silent = person(event, "b", "org-silent", "Europe/London")
    AssetFactory(id="as-said", organization=said.organization, name="SAID-1")
    AssetFactory(id="as-silent", organization=silent.organization, name="SILENT-1")
    rows = [
        (silent.organization.assets.get(), SimpleNamespace(score=0.9, reasons=[])),
        (said.organization.assets.get(), SimpleNamespace(score=0.5, reasons=["oncology: named"])),
    ]
    monkeypatch.setattr(suggest, "recommend_asset_rows", lambda user, org, top: rows)
    got = suggest.suggest_meetings(me.user, me)
    assert [(s.organization.pk, s.reasons) for s in got] == [("org-said", ["oncology: named"])]


def _seeking(participant, kind="pharma"):
    org = participant.organization
    org.kind = kind
    org.interest_therapeutic_areas = ["oncology"]
    org.interest_modalities = ["adc"]
    org.save()


@pytest.mark.parametrize("hidden", ["awaiting_approval", "outside_the_rules"])
def test_an_organisation_my_directory_does_not_list_is_never_suggested(hidden):
    """Only organisations of people my directory lists (approved, within the organiser's rules,
    still representing): a suggestion of any other would tell me that it registered."""
    event = make_event()
    me = person(event, "bd", "org-bio", "Asia/Seoul")
    me.organization.kind = "biotech"
    me.organization.save()
    shown = person(event, "scout", "org-seeker", "Europe/London")
    hid = person(event, "kenji", "org-hidden", "Asia/Tokyo")
    _seeking(shown)
    _seeking(hid, kind="cro")
    AssetFactory(id="as-bio-adc", organization=me.organization, name="BIO-ADC", modality="adc")
    before = sorted(s.organization.pk for s in suggest_meetings(me.user, me))
    assert before == ["org-hidden", "org-seeker"]
    if hidden == "awaiting_approval":
        Participant.objects.filter(pk=hid.pk).update(approved=False)
    else:
        add_rule(event, "kind", "pharma", "biotech")
    listed = sorted({p.organization_id for p in event_directory(event, me=me).people})
    assert listed == ["org-bio", "org-seeker"]
    assert [s.organization.pk for s in suggest_meetings(me.user, me)] == ["org-seeker"]
