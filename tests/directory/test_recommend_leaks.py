"""Recommendations leak nothing through side channels: what a reader gets (order, scores,
reasons, counts) is identical whether or not assets that reader may not see exist, and
whether a deal's asset is one the reader may not see or no asset at all (issue 11, section 6).

Each test builds the responses of every recommendation channel (pages, API, event
suggestions), adds assets and deal assets the reader may not see next to the same data, asks
again and compares."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from dari.accounts.models import LinkKind
from dari.directory.domain.recommend import deal_history, recommend_partners
from dari.directory.models import Deal, bump_generation
from dari.events.domain.setup import create_event, register_participant
from dari.events.domain.suggest import suggest_meetings
from tests.factories import AssetFactory, DealFactory, OrganizationFactory, UserFactory, link

ONCOLOGY = dict(therapeutic_area="oncology", modality="antibody", stage="phase1")


@pytest.fixture
def world(leak_world):
    """leak_world plus candidate pharmas, public assets of several owners and past deals,
    two of them with no asset (their asset is added by the tests, hidden from the reader)."""
    orgs = leak_world["orgs"]
    seeker = OrganizationFactory(
        id="org-seeker",
        name="Seeker Pharma",
        kind="pharma",
        country="US",
        interest_therapeutic_areas=["oncology"],
        interest_modalities=["antibody", "adc"],
        interest_description="We in-license HER2 and TROP2 antibodies for breast cancer.",
    )
    rival = OrganizationFactory(
        id="org-rival",
        name="Rival Pharma",
        kind="pharma",
        country="JP",
        therapeutic_areas=["oncology"],
        description="Antibodies against TROP2 in gastric cancer; bispecifics.",
    )
    hider = OrganizationFactory(
        id="org-hider",
        name="Hider Bio",
        kind="biotech",
        country="KR",
        description="Antibody discovery for solid tumours.",
    )
    AssetFactory(
        id="as-q1",
        organization=orgs[0],
        name="Herbimab",
        description="An anti-HER2 antibody for HER2-positive breast cancer.",
        targets=["HER2"],
        indications=["breast cancer"],
        **ONCOLOGY,
    )
    AssetFactory(
        id="as-q2",
        organization=rival,
        name="Tropimab",
        description="A TROP2 antibody in gastric cancer.",
        targets=["TROP2"],
        indications=["gastric cancer"],
        **ONCOLOGY,
    )
    AssetFactory(
        id="as-q3",
        organization=hider,
        name="Solidmab",
        description="A PD-L1 antibody for solid tumours.",
        targets=["PD-L1"],
        indications=["non-small cell lung cancer"],
        **ONCOLOGY,
    )
    for i, licensee in enumerate((seeker, seeker, rival, orgs[3])):
        DealFactory(
            id=f"dl-w{i}", licensor=hider, licensee=licensee, date=f"202{i + 1}-03", asset=None
        )
    # The partner reader's organisation states what it seeks, so that its suggested meetings
    # carry reasons (a match without any is never suggested) and the comparison has rows.
    partner_org = leak_world["users"]["partner"].organization
    partner_org.interest_therapeutic_areas = ["oncology"]
    partner_org.interest_modalities = ["antibody"]
    partner_org.save()
    return {"seeker": seeker, "rival": rival, "hider": hider, **leak_world}


def hide_assets(world, reader):
    """Assets and deal assets `reader` may not see, close to the visible data: a `partners`
    and a `cda` asset of an organisation with no partner or CDA list, and (for a reader who
    does not see `members` assets) a `members` one; two deals without asset get them."""
    visibilities = ["partners", "cda"] + (["members"] if reader == "anonymous" else [])
    hidden = [
        AssetFactory(
            id=f"as-hidden-{v}",
            organization=world["hider"],
            name=f"Hiddenmab {v}",
            description="An anti-HER2 TROP2 antibody for breast and gastric cancer.",
            visibility=v,
            targets=["HER2", "TROP2"],
            indications=["breast cancer", "gastric cancer"],
            **ONCOLOGY,
        )
        for v in visibilities
    ]
    Deal.objects.filter(pk="dl-w0").update(asset=hidden[-1])
    Deal.objects.filter(pk="dl-w2").update(asset=hidden[0])
    bump_generation()


def reader_client(client, world, reader):
    if reader != "anonymous":
        client.force_login(world["users"][reader])
    return client


def responses(client, world, reader):
    """Every recommendation channel as this reader gets it."""
    got = {}
    for asset_id in ("as-q1", "as-q2", "as-q3"):
        api = client.get(f"/api/assets/{asset_id}/partners?top=50")
        got[f"api partners {asset_id}"] = (api.status_code, api.json())
        page = client.get(f"/assets/{asset_id}/partners", HTTP_HX_REQUEST="true")
        got[f"page partners {asset_id}"] = (page.status_code, page.content.decode())
    for org_id in ("org-seeker", "org-rival", "org-stranger", "org-partner"):
        api = client.get(f"/api/organizations/{org_id}/recommended-assets?top=50")
        got[f"api assets {org_id}"] = (api.status_code, api.json())
        page = client.get(f"/organizations/{org_id}/recommended-assets", HTTP_HX_REQUEST="true")
        got[f"page assets {org_id}"] = (page.status_code, page.content.decode())
    if reader == "partner":  # an asset shared with the reader, not in the shared index
        api = client.get("/api/assets/as-partners/partners?top=50")
        got["api partners as-partners"] = (api.status_code, api.json())
    return got


def event_participant(world, reader):
    """The reader at an event with the owner, CDA, partner, unrelated and candidate
    organisations (the hider among them)."""
    event = create_event(
        slug="leak-event",
        name="Leak Event",
        mode="virtual",
        timezone="Asia/Seoul",
        start_date=dt.date.today() + dt.timedelta(days=30),
        end_date=dt.date.today() + dt.timedelta(days=31),
        meeting_minutes=30,
        auto_schedule=False,
        video_url_template="https://video.example.org/{event}-{room}",
    )
    me = register_participant(event, world["users"][reader])
    others = [world["users"][n] for n in ("owner", "cda", "stranger", "partner") if n != reader]
    others += [UserFactory(organization=world[n]) for n in ("seeker", "rival", "hider")]
    for user in others:
        register_participant(event, user)
    return me


def suggestions(me):
    return [(s.organization.pk, s.score, s.reasons, s.about) for s in suggest_meetings(me.user, me)]


@pytest.mark.parametrize("reader", ["anonymous", "stranger", "partner"])
def test_responses_are_the_same_with_and_without_assets_the_reader_may_not_see(
    world, client, reader
):
    client = reader_client(client, world, reader)
    before = responses(client, world, reader)
    assert all(status == 200 for status, _ in before.values())
    assert before["api partners as-q1"][1] != []
    assert before["api assets org-seeker"][1] != []
    me = None if reader == "anonymous" else event_participant(world, reader)
    before_suggestions = [] if me is None else suggestions(me)
    assert (before_suggestions == []) == (me is None)
    hide_assets(world, reader)
    assert responses(client, world, reader) == before
    assert ([] if me is None else suggestions(me)) == before_suggestions


def test_members_assets_move_nothing_for_anonymous_readers_but_count_for_members(world):
    """The two tiers: a `members` asset is evidence for readers who see it, never for others."""
    anonymous = recommend_partners(AnonymousUser(), "as-q1", top=50)
    member = recommend_partners(world["users"]["stranger"], "as-q1", top=50)
    hide_assets(world, "anonymous")
    assert recommend_partners(AnonymousUser(), "as-q1", top=50) == anonymous
    hider_after = next(
        r
        for r in recommend_partners(world["users"]["stranger"], "as-q1", top=50)
        if r.id == "org-hider"
    )
    hider_before = next(r for r in member if r.id == "org-hider")
    assert "their pipeline has Hiddenmab members, also against HER2" in hider_after.reasons
    assert "their pipeline has Hiddenmab members, also against HER2" not in hider_before.reasons


def test_reasons_count_the_deals_the_deal_list_shows(world, client):
    """A deal whose asset the reader may not see counts like a deal with no asset, as in the
    deal list: both deals of the seeker are counted, for every reader."""
    hide_assets(world, "anonymous")
    listed = client.get("/api/deals?limit=100").json()["items"]
    of_seeker = [d for d in listed if d["licensee"] == "org-seeker"]
    assert sorted((d["id"], d["asset"]) for d in of_seeker) == [("dl-w0", None), ("dl-w1", None)]
    for tier in ("public", "members"):
        history = deal_history(tier)
        assert history.by_licensee["org-seeker"].total.count == len(of_seeker)
        assert history.by_licensee["org-seeker"].licensor["org-hider"].count == 2
    (record,) = [r for r in deal_history("members").records if r.id == "dl-w0"]
    assert (record.asset_id, record.targets) == ("as-hidden-members", ("HER2", "TROP2"))
    (record,) = [r for r in deal_history("public").records if r.id == "dl-w0"]
    assert (record.asset_id, record.targets) == (None, ())
    recs = recommend_partners(AnonymousUser(), "as-q3", top=50)
    seeker = next(r for r in recs if r.id == "org-seeker")
    assert "licensed from Hider Bio before: 2 deals since 2021" in seeker.reasons


def test_partner_lists_do_not_change_what_others_get(world, client):
    """Linking the hider to the partner's organisation changes nothing for a stranger."""
    client = reader_client(client, world, "stranger")
    hide_assets(world, "stranger")
    before = responses(client, world, "stranger")
    link(world["hider"], world["orgs"][1], LinkKind.PARTNER)
    bump_generation()
    assert responses(client, world, "stranger") == before
