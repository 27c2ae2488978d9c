"""Descriptions of bundled records in Korean (dari/data/labels/*descriptions_ko.json: clusters,
programmes (calls), facilities, organisations, assets, deals, investments) read by
`local_description` and the template filter of the same name. A Korean reader of the bundled data reads them in Korean, an English reader as
recorded; a record created here (no entry), or one whose English was edited since it was
rendered, shows its own description. (Organisation pages: test_korean_organization_descriptions.)"""

from __future__ import annotations

import html
import json
import re

import pytest
from django.template import Context, Template
from django.utils import translation

from dari.core.names import descriptions_ko, korean_description, local_description, text_hash
from dari.directory.bundled import bundled_files
from dari.directory.models import Asset, Cluster, Deal, Facility, Organization, Program
from tests.web.pages import page_text as _page

KINDS = {
    "clusters": "cluster",
    "programs": "program",
    "facilities": "facility",
    "organizations": "organization",
    "assets": "asset",
    "deals": "deal",
    "investments": "investment",
}
# How many bundled records of each kind carry a description (and so a rendering), at least.
AT_LEAST = {
    "cluster": 20,
    "program": 29,
    "facility": 28,
    "organization": 498,  # 499 until the duplicate arvelle-therapeutics was merged
    "asset": 923,
    "deal": 280,
    "investment": 22,
}


def bundled_english() -> dict[str, dict[str, str]]:
    """Kind -> bundled record id -> its English description (records that have one)."""
    texts: dict[str, dict[str, str]] = {kind: {} for kind in KINDS.values()}
    for path in bundled_files():
        records = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(records, dict):
            continue
        for key, kind in KINDS.items():
            texts[kind].update(
                (r["id"], r["description"]) for r in records.get(key) or [] if r.get("description")
            )
    return texts


def bundled_ids() -> dict[str, set[str]]:
    return {kind: set(texts) for kind, texts in bundled_english().items()}


@pytest.mark.parametrize("kind", sorted(AT_LEAST))
def test_every_described_bundled_record_has_a_korean_description(kind):
    found = bundled_ids()[kind]
    assert len(found) >= AT_LEAST[kind]
    assert sorted(found - set(descriptions_ko()[kind])) == []
    # and no rendering of a record the bundle does not hold
    assert sorted(set(descriptions_ko()[kind]) - found) == []


def test_each_korean_description_is_korean():
    for kind, texts in descriptions_ko().items():
        for record_id, korean in texts.items():
            hangul = len(re.findall("[가-힣]", korean.text))
            assert hangul >= 10, (kind, record_id)


def test_each_rendering_names_the_english_text_it_renders():
    """An edit of a bundled description fails here until its Korean is rendered again (or the
    entry removed): a stale rendering would otherwise silently fall back to the English."""
    english = bundled_english()
    stale = [
        (kind, record_id)
        for kind, texts in descriptions_ko().items()
        for record_id, rendering in texts.items()
        if rendering.source != text_hash(english[kind].get(record_id, ""))
    ]
    assert stale == []


def test_codes_and_amounts_survive_the_rendering():
    """Product codes stay as written and amounts are carried over in Korean units."""
    english, korean = bundled_english(), descriptions_ko()
    codes = re.compile(r"\b[A-Z]{2,5}-?\d{2,5}\b")
    dropped = [
        (kind, record_id, code)
        for kind, texts in korean.items()
        for record_id, rendering in texts.items()
        for code in codes.findall(english[kind][record_id])
        if code not in rendering.text
        and code.replace("-", "") not in rendering.text
        and code != "COVID-19"  # Korean writes 코로나19
    ]
    assert dropped == []
    assert "7,500만 달러" in korean["deal"]["dl-abl-bio-sanofi-2022"].text
    assert "1,200억 원" in korean["deal"]["dl-aribio-newco-pharma-2024"].text


def _english_of(kind: str, record_id: str) -> str:
    return bundled_english()[kind][record_id]


def test_a_description_reads_in_korean_for_a_korean_reader_only():
    osong = _english_of("cluster", "cl-osong")
    cluster = Cluster(id="cl-osong", name="Osong", description=osong)
    assert local_description(cluster, "ko").startswith("청주 오송에 정부가 조성한 바이오 단지")
    assert local_description(cluster, "en") == osong
    hwasun = _english_of("facility", "fac-gc-hwasun")
    facility = Facility(id="fac-gc-hwasun", name="Plant", description=hwasun)
    assert local_description(facility, "ko").startswith("2008년 화순에 문을 연 독감 백신 공장")
    # Once the English is edited, the rendering of the old text is no longer shown.
    edited = Cluster(id="cl-osong", name="Osong", description="Government-built bio complex")
    assert local_description(edited, "ko") == "Government-built bio complex"
    # A record created here has no entry: its description as written.
    mine = Facility(id="fac-ours", name="Ours", description="Our own plant")
    assert local_description(mine, "ko") == "Our own plant"
    # A record without a description stays without one in Korean too.
    assert local_description(Cluster(id="cl-osong", name="Osong"), "ko") == ""


def test_the_rendering_of_another_english_text_is_not_shown():
    english = _english_of("organization", "abl-bio")
    korean = descriptions_ko()["organization"]["abl-bio"].text
    org = Organization(id="abl-bio", name="ABL Bio", description=english)
    assert korean_description(org) == korean
    assert (local_description(org, "ko"), local_description(org, "en")) == (korean, english)
    org.description = english + " It moved its headquarters."
    assert korean_description(org) == ""
    assert local_description(org, "ko") == org.description


def test_a_calls_own_korean_description_comes_first():
    english = _english_of("program", "prog-kddf")
    call = Program(id="prog-kddf", name="KDDF", description=english)
    assert local_description(call, "ko").startswith("선도물질부터 임상 2상까지")
    call.description_ko = "편집자가 쓴 설명"
    assert local_description(call, "ko") == "편집자가 쓴 설명"
    assert local_description(call, "en") == english


def test_the_template_filter_follows_the_active_language():
    template = Template("{% load dari_web %}{{ record|local_description }}")
    english = _english_of("cluster", "cl-siheung")
    context = Context({"record": Cluster(id="cl-siheung", name="Siheung", description=english)})
    with translation.override("ko"):
        assert template.render(context).startswith("송도와 바다를 사이에 둔 시흥")
    with translation.override("en"):
        assert template.render(context) == html.escape(english)
    assert Template("{% load dari_web %}{{ none|local_description }}").render(Context()) == ""


def _korean(kind: str, record_id: str, length: int = 60) -> str:
    return descriptions_ko()[kind][record_id].text[:length]


def _english(model: type, record_id: str, length: int = 60) -> str:
    return str(model.objects.get(pk=record_id).description)[:length]


@pytest.mark.parametrize(
    ("url", "kind", "model", "record_id"),
    [
        ("/clusters/cl-songdo/", "cluster", Cluster, "cl-songdo"),
        ("/clusters/cl-songdo/", "facility", Facility, "fac-samsung-biologics-plant1"),
        ("/organizations/kpbma/", "program", Program, "prog-kpbma-cic-office"),
        ("/insights/clusters/cl-songdo/", "facility", Facility, "fac-sartorius-songdo"),
        ("/insights/calls/", "program", Program, "prog-az-k-bio-expressway"),
        ("/insights/calls/prog-dgmif-nddc-rd-call/", "program", Program, "prog-dgmif-nddc-rd-call"),
        ("/insights/capabilities/?q=GMP", "facility", Facility, "fac-gc-ochang"),
        ("/organizations/abl-bio/", "organization", Organization, "abl-bio"),
        ("/organizations/celltrion/", "organization", Organization, "celltrion"),
        ("/organizations/kpbma/", "organization", Organization, "kpbma"),
        ("/assets/as-abl-bio-abl301/", "asset", Asset, "as-abl-bio-abl301"),
        ("/deals/dl-abl-bio-sanofi-2022/", "deal", Deal, "dl-abl-bio-sanofi-2022"),
    ],
)
def test_pages_show_korean_descriptions_to_korean_readers(
    bundled, client, url, kind, model, record_id
):
    korean, english = _page(client, url, "ko"), _page(client, url, "en")
    assert _korean(kind, record_id) in korean
    assert _english(model, record_id) not in korean
    assert _english(model, record_id) in english
    assert _korean(kind, record_id) not in english


def test_the_capability_finder_finds_a_facility_by_its_korean_description(bundled, client):
    korean = _page(client, "/insights/capabilities/?q=알리글로", "ko")
    assert _korean("facility", "fac-gc-ochang") in korean


def test_a_facility_created_here_shows_its_own_description_to_korean_readers(bundled, client):
    Facility.objects.create(
        id="fac-ours",
        organization_id="kpbma",
        cluster_id="cl-songdo",
        name="Our Pilot Plant",
        kind="gmp_manufacturing",
        description="A pilot plant we added ourselves",
    )
    korean = _page(client, "/clusters/cl-songdo/", "ko")
    assert "A pilot plant we added ourselves" in korean
    assert _korean("facility", "fac-samsung-biologics-plant2") in korean


def test_a_clusters_focus_tags_read_in_the_readers_language(bundled, client):
    korean, english = (
        _page(client, "/clusters/cl-songdo/", "ko"),
        _page(client, "/clusters/cl-songdo/", "en"),
    )
    assert '<span class="tag">바이오시밀러</span>' in korean
    assert '<span class="tag">biosimilars</span>' not in korean
    assert '<span class="tag">biosimilars</span>' in english


def test_the_api_gives_the_korean_rendering_beside_the_english(bundled, client):
    for url, kind, record_id in [
        ("/api/assets/as-abl-bio-abl301", "asset", "as-abl-bio-abl301"),
        ("/api/deals/dl-abl-bio-sanofi-2022", "deal", "dl-abl-bio-sanofi-2022"),
    ]:
        record = client.get(url).json()
        assert record["description"] == bundled_english()[kind][record_id]
        assert record["description_ko"] == descriptions_ko()[kind][record_id].text


def test_after_an_edit_the_korean_page_and_the_api_give_the_new_english(bundled, client):
    org = Organization.objects.get(pk="abl-bio")
    old_korean = descriptions_ko()["organization"]["abl-bio"].text
    assert client.get("/api/organizations/abl-bio").json()["description_ko"] == old_korean
    org.description = "Bispecific antibody developer in Seongnam (edited by its owner)."
    org.save()
    page = _page(client, "/organizations/abl-bio/", "ko")
    assert f'<p class="description">{org.description}</p>' in page
    assert old_korean not in page
    record = client.get("/api/organizations/abl-bio").json()
    assert (record["description"], "description_ko" in record) == (org.description, False)
