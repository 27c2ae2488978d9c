"""What users met walking whole tasks in both languages: the time-zone lists offer places,
not aliases; the reasons a meeting has no time count people as people; a move offers times
with their zone; the calendar speaks the reader's language; the ingest form names languages."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from dari.web.forms import TimezoneForm
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_time_zone_lists_offer_places_not_aliases_or_internals():
    values = [value for value, _ in TimezoneForm().fields["timezone"].choices]
    assert "Asia/Seoul" in values
    assert values[-1] == "UTC"
    for internal in ("localtime", "Factory", "W-SU", "GB-Eire", "US/Eastern", "Etc/GMT+9", "ROK"):
        assert internal not in values


def test_the_account_page_offers_the_time_zones_by_place():
    client = Client()
    client.force_login(UserFactory(username="tz-reader"))
    page = client.get("/me/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Europe/London" in page
    assert ">localtime<" not in page
    assert ">Factory<" not in page


@pytest.mark.parametrize(
    ("language", "greeting", "subject"),
    [("en", "Hello from Dari!", "[Dari] "), ("ko", "안녕하세요 다리입니다!", "[다리] ")],
)
def test_the_sign_up_mail_names_dari_not_the_servers_host(
    client, mailoutbox, language, greeting, subject
):
    client.cookies["django_language"] = language
    client.post(
        "/accounts/signup/",
        {
            "email": "fresh@example.org",
            "username": "fresh",
            "password1": "a-Long-pass-2026",
            "password2": "a-Long-pass-2026",
        },
    )
    (mail,) = mailoutbox
    assert mail.subject.startswith(subject)
    assert mail.body.startswith(greeting)
    assert "testserver" not in mail.subject
    assert "/accounts/confirm-email/" in mail.body


def test_a_newcomer_joins_an_organisation_by_typing_its_name_in_either_language():
    """The join form was a select of every organisation in the directory (857 in the demo,
    trial sponsors among them); it now takes a name or an id, suggested as one types."""
    from dari.accounts.models import Membership
    from tests.factories import OrganizationFactory

    OrganizationFactory(id="org-acme", name="Acme Bio", name_ko="에이크미바이오")
    OrganizationFactory(id="org-acme-2", name="Acme Bioscience")
    client = Client()
    client.force_login(UserFactory(username="newbie", organization=None))
    client.cookies["django_language"] = "ko"
    page = client.get("/me/").content.decode()
    assert 'list="organization-options"' in page
    assert "Acme Bioscience</option>" not in page  # no select of every organisation
    refused = client.post("/me/", {"action": "join", "organization": "Acme"})
    assert refused.status_code == 200
    assert Membership.objects.count() == 0
    error = re.search(r'<ul class="errorlist"[^>]*>(.*?)</ul>', refused.content.decode(), re.S)
    assert "에이크미바이오 (org-acme)" in error.group(1)
    assert "Acme Bioscience (org-acme-2)" in error.group(1)
    done = client.post("/me/", {"action": "join", "organization": "에이크미바이오"})
    assert (done.status_code, done["Location"]) == (302, "/me/")
    assert Membership.objects.get().organization_id == "org-acme"


@pytest.mark.parametrize("url", ["/assets/as-gastric/edit", "/organizations/org-hanbit/assets/new"])
def test_the_asset_forms_name_the_organisation_as_the_reader_knows_it(client, directory, url):
    client.force_login(directory["admin"])
    client.cookies["django_language"] = "ko"
    page = client.get(url).content.decode()
    assert re.search(r'<p class="crumbs"><a href="/organizations/org-hanbit/">한빛바이오</a>', page)


def test_the_sign_in_form_says_it_keeps_you_signed_in(client):
    """allauth's Korean says 아이디 저장 ("save my ID") for what keeps the session."""
    client.cookies["django_language"] = "ko"
    page = client.get("/accounts/login/").content.decode()
    assert "로그인 상태 유지" in page
    assert "아이디 저장" not in page
