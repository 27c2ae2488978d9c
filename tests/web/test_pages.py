"""Every page renders, in English and in Korean."""

from __future__ import annotations

import pytest

from tests.web.html import asset_ids, text, title

PAGES = [
    ("/", "Dari: Korea's virtual bio cluster · Dari", "다리: 한국의 가상 바이오 클러스터 · 다리"),
    ("/clusters/", "Clusters · Dari", "클러스터 · 다리"),
    ("/clusters/cl-osong/", "Osong Bio Cluster · Dari", "오송 바이오클러스터 · 다리"),
    ("/organizations/", "Organisations · Dari", "기관 · 다리"),
    ("/organizations/org-hanbit/", "Hanbit Bio · Dari", "한빛바이오 · 다리"),
    ("/assets/", "Assets · Dari", "자산 · 다리"),
    ("/assets/as-gastric/", "HB-101 · Dari", "HB-101 · 다리"),
    ("/deals/", "Deals · Dari", "거래 · 다리"),
    ("/investments/", "Investments · Dari", "투자 · 다리"),
]
ADMIN_PAGES = [
    ("/me/", "My account · Dari", "내 계정 · 다리"),
    ("/organizations/org-hanbit/edit", "Edit organisation · Dari", "기관 정보 수정 · 다리"),
    ("/organizations/org-hanbit/links", "Partners and CDAs · Dari", "파트너 및 CDA · 다리"),
    ("/organizations/org-hanbit/assets/new", "New asset · Dari", "새 자산 · 다리"),
    ("/assets/as-gastric/edit", "Edit asset · Dari", "자산 수정 · 다리"),
]
ACCOUNT_PAGES = [
    ("/accounts/login/", "Sign In · Dari", "로그인 · 다리"),
    ("/accounts/signup/", "Signup · Dari", "회원가입 · 다리"),
    ("/accounts/password/reset/", "Password Reset · Dari", "비밀번호 초기화 · 다리"),
]


@pytest.mark.parametrize(("url", "english", "korean"), PAGES)
def test_public_pages_render_in_english_and_korean(client, directory, url, english, korean):
    response = client.get(url)
    assert (response.status_code, title(response)) == (200, english)
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="ko")
    assert (response.status_code, title(response)) == (200, korean)
    assert '<html lang="ko">' in text(response)


@pytest.mark.parametrize(("url", "english", "korean"), ADMIN_PAGES)
def test_signed_in_pages_render_in_english_and_korean(client, directory, url, english, korean):
    client.force_login(directory["admin"])
    response = client.get(url)
    assert (response.status_code, title(response)) == (200, english)
    client.cookies["django_language"] = "ko"
    response = client.get(url)
    assert (response.status_code, title(response)) == (200, korean)


@pytest.mark.parametrize(("url", "english", "korean"), ACCOUNT_PAGES)
def test_account_pages_use_the_dari_layout(client, db, url, english, korean):
    response = client.get(url)
    assert (response.status_code, title(response)) == (200, english)
    assert 'class="site-header"' in text(response)
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="ko")
    assert (response.status_code, title(response)) == (200, korean)


def test_language_switch_sets_korean(client, directory):
    response = client.post("/i18n/setlang/", {"language": "ko", "next": "/assets/"})
    assert (response.status_code, response["Location"]) == (302, "/assets/")
    response = client.get("/assets/")
    assert title(response) == "자산 · 다리"


def test_home_shows_clusters_and_recent_activity(client, directory):
    response = client.get("/")
    clusters = response.context["clusters"]
    assert [(c.pk, c.counts.organizations, c.counts.assets) for c in clusters] == [
        ("cl-osong", 1, 2)
    ]
    assert (clusters[0].counts.facilities, clusters[0].counts.programs) == (1, 1)
    totals = response.context["totals"]
    # The totals also count what lies outside any cluster (Global Pharma and its asset).
    assert (totals.organizations, totals.assets, totals.facilities, totals.programs) == (
        2,
        3,
        1,
        1,
    )
    assert [d.pk for d in response.context["deals"]] == ["dl-hanbit-global"]
    assert [i.pk for i in response.context["investments"]] == ["inv-hanbit-a"]


def test_cluster_page_lists_its_members(client, directory):
    response = client.get("/clusters/cl-osong/")
    assert [o.pk for o in response.context["organizations"]] == ["org-hanbit"]
    assert [f.pk for f in response.context["facilities"]] == ["fac-hanbit"]
    assert [p.pk for p in response.context["programs"]] == ["prog-osong"]
    assert response.context["counts"].assets == 2


def test_missing_cluster_and_organisation_are_404(client, directory):
    assert client.get("/clusters/cl-nope/").status_code == 404
    assert client.get("/organizations/org-nope/").status_code == 404


def test_organisation_page_shows_profile_deals_investments(client, directory):
    response = client.get("/organizations/org-hanbit/")
    assert asset_ids(response) == ["as-gastric", "as-lung"]
    assert [d.pk for d in response.context["deals"]] == ["dl-hanbit-global"]
    assert [i.pk for i in response.context["investments_received"]] == ["inv-hanbit-a"]
    page = text(response)
    assert 'href="https://example.org/hanbit"' in page
    assert "Partners for Phase 2" in page
    assert response.context["can_edit"] is False


def test_organisation_page_shows_the_listing_as_exchange_and_ticker(client, directory):
    from dari.directory.models import Organization

    Organization.objects.filter(pk="org-hanbit").update(listed="KOSDAQ:123456")  # synthetic
    assert "KOSDAQ · 123456" in text(client.get("/organizations/org-hanbit/"))
    Organization.objects.filter(pk="org-hanbit").update(listed="Nasdaq")
    assert "Nasdaq" in text(client.get("/organizations/org-hanbit/"))


def test_organisation_list_filters(client, directory):
    def ids(query):
        return [o.pk for o in client.get("/organizations/" + query).context["page"]]

    assert ids("") == ["org-global", "org-hanbit"]
    assert ids("?kind=pharma") == ["org-global"]
    assert ids("?country=us") == ["org-global"]
    assert ids("?cluster=cl-osong") == ["org-hanbit"]
    assert ids("?q=hanbit") == ["org-hanbit"]
    assert ids("?q=한빛바이오") == ["org-hanbit"]


def test_organisation_list_rejects_unknown_kind(client, directory):
    response = client.get("/organizations/?kind=alien")
    assert response.status_code == 400
    assert "kind: &#x27;alien&#x27; is not one of" in text(response)


def test_deal_list_filters(client, directory):
    def ids(query):
        return [d.pk for d in client.get("/deals/" + query).context["page"]]

    assert ids("") == ["dl-hanbit-global"]
    assert ids("?year=2025") == ["dl-hanbit-global"]
    assert ids("?year=2024") == []
    assert ids("?deal_type=acquisition") == []
    assert ids("?country=US") == ["dl-hanbit-global"]
    assert ids("?country=KR") == []
    assert client.get("/deals/?year=20x5").status_code == 400


def test_investment_list_filters(client, directory):
    def ids(query):
        return [i.pk for i in client.get("/investments/" + query).context["page"]]

    assert ids("") == ["inv-hanbit-a"]
    assert ids("?year=2024&kind=series_a&country=KR") == ["inv-hanbit-a"]
    assert ids("?kind=ipo") == []
    assert client.get("/investments/?kind=lottery").status_code == 400


def test_deal_list_pages_by_25(client, directory):
    from tests.factories import DealFactory

    for n in range(30):
        DealFactory(id=f"dl-{n:02}", date="2020-01-01")
    first = client.get("/deals/")
    second = client.get("/deals/?page=2")
    assert (len(first.context["page"]), len(second.context["page"])) == (25, 6)
