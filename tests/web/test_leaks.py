"""Leak tests: every page that shows assets, or counts them, shows exactly what visibility
allows, next to assets of every visibility that could leak (the `leak_world` fixture)."""

from __future__ import annotations

import pytest

from dari.directory.models import Cluster, Deal, Organization
from tests.web.html import asset_ids, without_csrf

VISIBLE = {
    "anonymous": ["as-public"],
    "loner": ["as-public"],
    "unverified": ["as-public"],
    "pending": ["as-public"],
    "removed": ["as-public"],
    "stranger": ["as-members", "as-public"],
    "partner": ["as-members", "as-partners", "as-public"],
    "cda": ["as-cda", "as-members", "as-partners", "as-public"],
    "owner": ["as-cda", "as-members", "as-partners", "as-public"],
}
ALL = ["as-cda", "as-members", "as-partners", "as-public"]


@pytest.fixture(params=list(VISIBLE))
def viewer(request, client, leak_world):
    """(name, signed-in client) for each kind of viewer."""
    name = request.param
    if name != "anonymous":
        client.force_login(leak_world["users"][name])
    return name, client


def test_asset_list(viewer):
    name, client = viewer
    assert asset_ids(client.get("/assets/")) == VISIBLE[name]


def test_search_results(viewer):
    name, client = viewer
    assert asset_ids(client.get("/assets/?q=secretmab")) == VISIBLE[name]
    assert asset_ids(client.get("/assets/?q=cda")) == [a for a in VISIBLE[name] if a == "as-cda"]


def test_htmx_partial(viewer):
    name, client = viewer
    response = client.get("/assets/?q=secretmab", HTTP_HX_REQUEST="true")
    assert asset_ids(response) == VISIBLE[name]


def test_facet_counts(viewer):
    name, client = viewer
    response = client.get("/assets/")
    n = len(VISIBLE[name])
    counts = {f.name: {v: c for v, _, c in f.options if c} for f in response.context["facets"]}
    assert counts == {
        "therapeutic_area": {"oncology": n},
        "modality": {"antibody": n},
        "stage": {"phase1": n},
        "seeking": {},
        "cluster": {},
        "country": {"KR": n},
    }
    assert response.context["page"].paginator.count == n


def test_organisation_page(viewer):
    name, client = viewer
    response = client.get("/organizations/org-owner/")
    assert asset_ids(response) == VISIBLE[name]
    assert [a.pk for a in response.context["assets"]] == sorted(
        VISIBLE[name], key=lambda i: f"Secretmab {i[3:]}"
    )


def test_organisation_list_counts(viewer):
    name, client = viewer
    response = client.get("/organizations/?kind=biotech")
    assert [(o.pk, o.visible_asset_count) for o in response.context["page"]] == [
        ("org-owner", len(VISIBLE[name]))
    ]


def test_asset_detail_refused_is_identical_to_missing(viewer):
    name, client = viewer
    missing = client.get("/assets/as-absent/")
    assert missing.status_code == 404
    for asset_id in ALL:
        response = client.get(f"/assets/{asset_id}/")
        if asset_id in VISIBLE[name]:
            assert response.status_code == 200
        else:
            assert response.status_code == 404
            assert without_csrf(response).replace(asset_id, "X") == without_csrf(missing).replace(
                "as-absent", "X"
            )


def test_edit_of_invisible_asset_is_404(viewer, leak_world):
    name, client = viewer
    for asset_id in ALL:
        response = client.get(f"/assets/{asset_id}/edit")
        if name == "anonymous":
            assert response.status_code == 302  # to the sign-in page, whatever the id
        else:
            assert response.status_code == 404


def test_home_and_cluster_counts(viewer, leak_world):
    name, client = viewer
    cluster = Cluster.objects.create(id="cl-leak", name="Leak Cluster")
    Organization.objects.filter(pk="org-owner").update(cluster=cluster)
    n = len(VISIBLE[name])
    home = client.get("/")
    assert [(c.pk, c.counts.assets) for c in home.context["clusters"]] == [("cl-leak", n)]
    assert home.context["totals"].assets == n
    listing = client.get("/clusters/")
    assert [(c.pk, c.counts.assets) for c in listing.context["clusters"]] == [("cl-leak", n)]
    detail = client.get("/clusters/cl-leak/")
    assert detail.context["counts"].assets == n


def test_deals_show_the_asset_only_when_visible(viewer, leak_world):
    name, client = viewer
    owner, partner = leak_world["orgs"][:2]
    for asset in leak_world["assets"].values():
        Deal.objects.create(
            id=f"dl-{asset.pk}",
            licensor=owner,
            licensee=partner,
            asset=asset,
            deal_type="license",
            date="2025-01-01",
        )
    for url in ("/deals/", "/", "/organizations/org-owner/", "/organizations/org-partner/"):
        assert asset_ids(client.get(url)) == VISIBLE[name], url
    deals = client.get("/deals/").context["page"]
    assert sorted(d.pk for d in deals) == [f"dl-{a}" for a in ALL]  # deals are public
    for asset in ALL:  # each deal's own page names its asset exactly when the list would
        page = client.get(f"/deals/dl-{asset}/")
        assert page.status_code == 200
        assert asset_ids(page) == [a for a in VISIBLE[name] if a == asset]


def test_platform_admin_sees_everything(client, leak_world):
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="root", organization=None, role="platform_admin"))
    assert asset_ids(client.get("/assets/")) == ALL
