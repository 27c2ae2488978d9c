"""Foreign organisations' Korean names (dari/data/labels/organization_names_ko.json): the name
the Korean press uses (사노피 for Sanofi), for the organisations that have an established one,
each with a Korean outlet's page using it. The bundled load stores it as `name_ko`, so the pages
(Korean to a Korean reader, English to an English one), the API and search all see it."""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

from dari.core.names import ORGANIZATION_NAMES_KO, organization_names_ko
from dari.directory.bundled import bundled_files, load_bundled_data, with_korean_names
from dari.directory.models import Asset, Organization
from dari.directory.sourcehosts import source_host_problem
from dari.extraction.aliases import ALIASES
from tests.web.html import asset_ids, org_ids, text

HANGUL = re.compile("[\uac00-\ud7a3]")
# Korean outlets outside .kr (news sites of Korean publishers on .com hosts).
KOREAN_OUTLETS_COM = {"kormedi.com", "medicaltimes.com", "hankyung.com", "dailypharm.com",
                      "yakup.com", "newsmp.com", "pharmnews.com", "biospectator.com", "donga.com",
                      "chosun.com", "medipana.com", "dailymedi.com", "sisajournal-e.com"}  # fmt: skip
# Organisations the aliases spell in Korean whose Korean display name is left out, and why: the
# name stays English where the Korean press has no one spelling.
KEPT_ENGLISH = {
    "msd": "머크 is MSD in some Korean texts and Merck KGaA in others; the press writes MSD",
    "merck-kgaa": "the aliases are the Korean arm's names (한국머크) or 독일 머크, a description",
    "cstone": "씨스톤 and 시스톤 are both in print",
    "simcere": "시믹, 시무어 and 심시어 are all in print",
    "mitsubishi-tanabe-pharma": "미쓰비시다나베 and 다나베미쓰비시 are both in print",
    "evommune": "no Korean outlet's page with 에보뮨 found yet",
}


def bundled_organizations() -> dict[str, dict]:
    found: dict[str, dict] = {}
    for path in bundled_files():
        doc = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(doc, dict):
            found.update((o["id"], o) for o in doc.get("organizations") or [])
    return found


def squeezed(name: str) -> str:
    return name.replace(" ", "")


def test_each_name_is_a_foreign_bundled_organisation_s_with_a_korean_outlet_s_page():
    entries = json.loads(ORGANIZATION_NAMES_KO.read_text(encoding="utf-8"))
    orgs = bundled_organizations()
    assert sorted(entries) == sorted(organization_names_ko())
    for key, entry in entries.items():
        assert sorted(entry) == ["ko", "source"], key
        assert key in orgs, key
        assert not orgs[key].get("name_ko"), key  # a record's own Korean name is never replaced
        assert orgs[key].get("country") != "KR", key
        assert HANGUL.search(entry["ko"]), key
        assert source_host_problem(entry["source"]) is None, key
        host = urlsplit(entry["source"]).hostname or ""
        domain = ".".join(host.split(".")[-2:])
        assert host.endswith(".kr") or domain in KOREAN_OUTLETS_COM, key


def test_the_names_agree_with_the_spellings_the_extraction_aliases_learnt_from_korean_texts():
    """aliases.py maps Korean press spellings to graph names: every foreign organisation it
    spells in Korean has its display name from those spellings (one of them, or one of them
    followed by the rest of the name: 픽시스 -> 픽시스 온콜로지), or is kept English for a
    stated reason."""
    by_name = {o["name"]: key for key, o in bundled_organizations().items()}
    spelled: dict[str, list[str]] = {}
    for alias, name in ALIASES.items():
        if HANGUL.search(alias) and name in by_name:
            spelled.setdefault(by_name[name], []).append(squeezed(alias))
    orgs, names = bundled_organizations(), organization_names_ko()
    foreign = {key for key in spelled if not orgs[key].get("name_ko")}
    assert sorted(foreign - set(names)) == sorted(KEPT_ENGLISH)
    assert not set(KEPT_ENGLISH) & set(names)
    for key in foreign & set(names):
        assert any(squeezed(names[key]).startswith(a) for a in spelled[key]), key


def test_only_organisations_without_a_korean_name_take_the_press_name():
    docs = [("a.json", {"organizations": [
        {"id": "sanofi", "name": "Sanofi"},
        {"id": "pfizer", "name": "Pfizer", "name_ko": "한국화이자제약"},
        {"id": "org-elsewhere", "name": "Elsewhere Bio"},
    ]})]  # fmt: skip
    records = with_korean_names(docs)[0][1]["organizations"]
    assert [r.get("name_ko") for r in records] == ["사노피", "한국화이자제약", None]


def _get(client, url: str, language: str, **params):
    client.cookies["django_language"] = language
    response = client.get(url, params, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200, url
    return response


def test_korean_readers_read_sanofi_as_사노피_on_pages_api_and_search(bundled, client):
    names = organization_names_ko()
    stored = dict(Organization.objects.filter(pk__in=names).values_list("pk", "name_ko"))
    assert stored == names
    assert Organization.objects.get(pk="celltrion").name_ko == "셀트리온"  # its own, unchanged

    korean = text(_get(client, "/organizations/sanofi/", "ko"))
    assert "<title>사노피" in korean
    assert '<h1>사노피 <span class="subtitle" lang="en">Sanofi</span>' in korean
    english = text(_get(client, "/organizations/sanofi/", "en"))
    assert "<title>Sanofi" in english
    assert '<h1>Sanofi <span class="subtitle" lang="ko">사노피</span>' in english
    # a deal page names the foreign party in Korean for a Korean reader
    deal = text(_get(client, "/deals/dl-abl-bio-sanofi-2022/", "ko"))
    assert "<h1>에이비엘바이오 – 사노피</h1>" in deal
    # an organisation with no established Korean name stays English
    assert "msd" not in names
    assert "<title>MSD (Merck &amp; Co.)" in text(_get(client, "/organizations/msd/", "ko"))

    assert client.get("/api/organizations/sanofi").json()["name_ko"] == "사노피"
    assert client.get("/api/organizations/msd").json().get("name_ko", "") == ""

    # search: the organisations list and the assets' full-text index (the owner's names)
    assert org_ids(_get(client, "/organizations/", "ko", q="사노피")) == ["sanofi"]
    sanofi_assets = set(Asset.objects.filter(organization_id="sanofi").values_list("pk", flat=True))
    found = set(asset_ids(_get(client, "/assets/", "ko", q="사노피")))
    assert sanofi_assets and sanofi_assets <= found
    api = client.get("/api/assets", {"q": "사노피", "limit": 500}).json()
    assert sanofi_assets <= {a["id"] for a in api["items"]}


def test_a_name_its_owner_set_on_the_page_survives_the_next_load(bundled):
    Organization.objects.filter(pk="sanofi").update(
        name_ko="사노피 아벤티스", edited_fields=["name_ko"]
    )
    load_bundled_data()
    assert Organization.objects.get(pk="sanofi").name_ko == "사노피 아벤티스"
