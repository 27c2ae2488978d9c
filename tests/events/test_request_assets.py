"""A meeting request names an asset of either side: a pharma scout (Emma, GSK) asks a Korean
biotech (Minseo, ABL Bio) about the biotech's ABL111, the most common request at a partnering
event. Only assets the requester may see are offered, named or accepted, even by a crafted POST;
the counterpart reads the asset in the request, the agenda, the e-mail and the exports exactly
as for an own asset."""

from __future__ import annotations

import csv
import io

import pytest
from django.utils import translation

from dari.accounts.models import LinkKind
from dari.directory.access import AssetRef
from dari.events.domain.errors import EventError
from dari.events.domain.queries import agenda, request_list
from dari.events.domain.requests import accept_request, request_meeting
from dari.events.models import MeetingRequest
from dari.messaging.domain.prefs import set_preferences
from tests.events.pages import get_in_korean, html, login, url
from tests.factories import AssetFactory, OrganizationFactory, link

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("immediate_tasks")]

REFUSED = "no asset %r of your organisation or of the organisation you ask"


@pytest.fixture
def assets(world):
    """ABL Bio's ABL111 (members) and a confidential asset (CDA only), GSK's own asset, and a
    public asset of a third organisation that is not part of the request."""
    ablbio, gsk = world["minseo"].organization, world["emma"].organization
    return {
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


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def _column(rows: list[list[str]], name: str) -> list[str]:
    return [row[rows[0].index(name)] for row in rows[1:]]


def test_the_form_offers_our_assets_and_the_counterparts_that_we_may_see(client, world, assets):
    login(client, world["emma"])
    for query in ({"participant": world["minseo"].pk}, {"organization": "ablbio"}):
        response = client.get(url("request-new", "test-virtual"), query)
        assert response.context["form"].fields["asset"].choices == [
            ("", "(none)"),
            ("Our assets", [("as-gsk-own", "Gskmab")]),
            ("Assets of Ablbio", [("as-abl111", "ABL111")]),
        ]
        page = html(response)
        assert (page.count("Secretmab"), page.count("as-abl-secret"), page.count("Thirdmab")) == (
            0,
            0,
            0,
        )


def test_a_scout_asks_about_the_counterparts_asset_and_both_sides_see_it(
    client, world, assets, mailoutbox, django_capture_on_commit_callbacks
):
    emma, minseo = world["emma"], world["minseo"]
    login(client, emma)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("request-new", "test-virtual"),
            {"participant": minseo.pk, "asset": "as-abl111", "priority": "3", "message": "ABL111?"},
        )
    assert response.status_code == 302
    request = MeetingRequest.objects.get()
    abl111 = AssetRef("as-abl111", "ABL111")
    assert (
        request.asset_id,
        request_list(emma.user, emma).outgoing[0].shown_asset,
        request_list(minseo.user, minseo).incoming[0].shown_asset,
    ) == ("as-abl111", abl111, abl111)
    page = html(login(client, minseo).get(url("requests", "test-virtual")))
    assert page.count('href="/assets/as-abl111/"') == 1
    (received,) = [m for m in mailoutbox if minseo.user.email in m.to]
    assert [line for line in received.body.splitlines() if "ABL111" in line] == [
        "About the asset: ABL111",
        "ABL111?",
    ]
    accept_request(request.pk, minseo)
    assert (
        agenda(minseo.user, minseo).unscheduled[0].shown_asset,
        agenda(emma.user, emma).unscheduled[0].shown_asset,
    ) == (abl111, abl111)
    agenda_rows = _csv(login(client, minseo).get(url("agenda-export", "test-virtual")))
    assert _column(agenda_rows, "Asset") == ["ABL111"]
    requests = _csv(
        login(client, world["organiser"]).get(url("export", "test-virtual", "requests"))
    )
    assert _column(requests, "Asset") == ["ABL111"]


@pytest.mark.parametrize("asset", ["as-abl-secret", "as-third", "as-missing"])
def test_a_crafted_post_naming_an_asset_not_offered_is_refused_on_the_asset_field(
    client, world, assets, asset
):
    """The counterpart's confidential asset answers exactly like a missing one."""
    login(client, world["emma"])
    response = client.post(
        url("request-new", "test-virtual"),
        {"participant": world["minseo"].pk, "asset": asset, "priority": "2"},
    )
    form = response.context["form"]
    assert (response.status_code, form.errors.as_data()["asset"][0].message) == (
        200,
        REFUSED % asset,
    )
    assert (MeetingRequest.objects.count(), html(response).count("Secretmab")) == (0, 0)


def test_the_domain_refuses_the_counterparts_confidential_asset_like_a_missing_one(world, assets):
    emma, minseo = world["emma"], world["minseo"]
    refusals = []
    for asset in ("as-abl-secret", "as-missing"):
        with pytest.raises(EventError) as caught:
            request_meeting(emma, target=minseo, asset_id=asset)
        refusals.append((caught.value.field, caught.value.code, caught.value.message))
    assert refusals == [
        ("asset", "invalid", REFUSED % "as-abl-secret"),
        ("asset", "invalid", REFUSED % "as-missing"),
    ]
    assert MeetingRequest.objects.count() == 0


def test_a_confidential_asset_is_offered_and_accepted_once_its_owner_shares_it(
    client, world, assets
):
    link(world["minseo"].organization, world["emma"].organization, LinkKind.CDA)
    login(client, world["emma"])
    form = client.get(url("request-new", "test-virtual"), {"organization": "ablbio"}).context[
        "form"
    ]
    assert form.fields["asset"].choices[2] == (
        "Assets of Ablbio",
        [("as-abl111", "ABL111"), ("as-abl-secret", "Secretmab")],
    )
    request = request_meeting(world["emma"], organization_id="ablbio", asset_id="as-abl-secret")
    assert request.asset_id == "as-abl-secret"


def test_the_e_mail_names_an_asset_only_to_a_recipient_who_may_see_it(
    world, assets, mailoutbox, django_capture_on_commit_callbacks
):
    """Minseo asks Emma about ABL Bio's own confidential asset: Emma's e-mail does not name it."""
    minseo, emma = world["minseo"], world["emma"]
    with django_capture_on_commit_callbacks(execute=True):
        request_meeting(minseo, target=emma, asset_id="as-abl-secret")
    (received,) = [m for m in mailoutbox if emma.user.email in m.to]
    assert (received.body.count("Secretmab"), received.body.count("About the asset")) == (0, 0)


def test_korean_wording_of_the_form_the_refusal_and_the_e_mail(
    client, world, assets, mailoutbox, django_capture_on_commit_callbacks
):
    emma, minseo = world["emma"], world["minseo"]
    login(client, emma)
    response = get_in_korean(client, url("request-new", "test-virtual"), {"participant": minseo.pk})
    field = response.context["form"].fields["asset"]
    with translation.override("ko"):
        wording = (str(field.label), [str(group) for group, _ in field.choices[1:]])
    assert wording == ("관련 자산", ["우리 기관 자산", "Ablbio 자산"])
    with translation.override("ko"):
        with pytest.raises(EventError) as caught:
            request_meeting(emma, target=minseo, asset_id="as-abl-secret")
    assert (
        caught.value.message == "소속 기관이나 요청한 상대 기관에 'as-abl-secret' 자산이 없습니다."
    )
    set_preferences(minseo.user, language="ko", reminder_minutes=15, off=[])
    with django_capture_on_commit_callbacks(execute=True):
        request_meeting(emma, target=minseo, asset_id="as-abl111")
    (received,) = [m for m in mailoutbox if minseo.user.email in m.to]
    assert [line for line in received.body.splitlines() if "ABL111" in line] == [
        "관련 자산: ABL111"
    ]
