"""Approving through the API refuses what it cannot honour, naming the field, and writes
nothing: an asset the curator may not see answers exactly like a missing one (no existence
oracle, no public deal pointing at a confidential asset), a misspelt field name and a body that
is not a JSON object are refused instead of approving the proposal unchanged."""

from __future__ import annotations

import pytest

from dari.curation.models import Candidate
from dari.directory.models import Deal
from tests.curation.conftest import EN_DEAL, SOURCE, post, unchanged


def test_a_hidden_asset_answers_like_a_missing_one(graph, client, pending):
    url = f"/api/review/{pending}/approve"
    hidden = post(client, url, {"asset": "as-secret"})
    missing = post(client, url, {"asset": "as-nothing"})
    assert hidden.status_code == missing.status_code == 400
    assert hidden.json()["errors"][0]["field"] == "asset"
    assert hidden.content.decode().replace("as-secret", "X") == missing.content.decode().replace(
        "as-nothing", "X"
    )
    unchanged(pending)


def test_a_member_who_may_see_the_asset_links_it(graph, client, pending, curator):
    curator.organization = graph["testbio"]
    curator.save()
    from dari.accounts.models import Membership

    Membership.objects.create(user=curator, organization=graph["testbio"], state="confirmed")
    curator.emailaddress_set.update_or_create(
        email=curator.email, defaults={"verified": True, "primary": True}
    )
    ok = post(client, f"/api/review/{pending}/approve", {"asset": "as-secret"})
    assert ok.status_code == 200, ok.content
    assert Deal.objects.get().asset_id == "as-secret"


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_misspelt_field_is_refused_not_ignored(graph, client, pending, lang):
    response = post(
        client,
        f"/api/review/{pending}/approve",
        {"licenser": "globalpharma"},
        HTTP_ACCEPT_LANGUAGE=lang,
    )
    assert response.status_code == 400, response.content
    (error,) = response.json()["errors"]
    assert error["field"] == "body.licenser" and error["code"] == "extra_forbidden"
    if lang == "ko":
        assert error["message"] == "알 수 없는 필드입니다."
    unchanged(pending)


@pytest.mark.parametrize("raw", ["[]", "5", '"approve"', "null"])
def test_a_body_that_is_not_an_object_is_refused(graph, client, pending, raw):
    response = post(client, f"/api/review/{pending}/approve", raw)
    assert response.status_code == 400, response.content
    assert response.json()["errors"][0]["field"] == "body"
    unchanged(pending)


def test_a_duplicate_deal_never_names_an_asset_the_curator_may_not_see(
    graph, old_deal, curator, client
):
    from dari.curation.domain.ingest import ingest_text

    old_deal.asset = graph["secret"]
    old_deal.save()
    text = EN_DEAL.replace("its ADC TB-101", "an ADC")  # the candidate names no asset
    (cand,) = ingest_text(text, SOURCE).candidates.all()
    assert not cand.extracted.get("asset")
    client.force_login(curator)
    page = client.get(f"/curation/{cand.pk}/").content.decode()
    assert "dl-old" in page  # the duplicate is shown, its hidden asset is not
    assert "as-secret" not in page and "SECRET-77" not in page


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_source_longer_than_a_document_holds_is_refused_naming_it(graph, curator, client, lang):
    client.force_login(curator)
    source = SOURCE + "&x=" + "a" * 2100
    response = post(
        client, "/api/ingest", {"text": EN_DEAL, "source": source}, HTTP_ACCEPT_LANGUAGE=lang
    )
    assert response.status_code == 400, response.content
    (error,) = response.json()["errors"]
    assert (error["field"], error["code"]) == ("source", "too_long")
    if lang == "ko":
        assert error["message"] == "출처 주소가 2,000자를 넘습니다"
    assert not Candidate.objects.exists()


def test_review_refusals_are_in_korean(graph, member, curator, client, pending):
    response = client.get("/api/review/99999", HTTP_ACCEPT_LANGUAGE="ko")
    assert response.status_code == 404
    assert response.json()["detail"] == "그 번호의 후보 기록이 없습니다."
    unknown = post(
        client, f"/api/review/{pending}/approve", {"kind": "x"}, HTTP_ACCEPT_LANGUAGE="ko"
    )
    assert unknown.json()["errors"][0]["code"] == "unknown_field"
    assert unknown.json()["errors"][0]["message"].startswith(
        "'kind'은(는) 이 승인의 필드가 아닙니다"
    )
    client.force_login(member)
    refused = client.get("/api/review", HTTP_ACCEPT_LANGUAGE="ko")
    assert (refused.status_code, refused.json()["detail"]) == (
        403,
        "검토 대기열은 큐레이터만 씁니다.",
    )


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"description": "Licence\u0000 of TB-101"}, "body.description"),
        ({"investors": ["testcap", "new:Evil\u0000 Capital"]}, "body.investors"),
    ],
)
@pytest.mark.parametrize(
    ("lang", "message"),
    [("en", "A NUL character is not allowed."), ("ko", "NUL 문자를 쓸 수 없습니다.")],
)
def test_a_nul_character_in_the_json_body_is_refused_naming_the_field(
    graph, client, pending, body, field, lang, message
):
    # No text column holds one (PostgreSQL refuses it): it was a 500 there, stored on SQLite.
    response = post(client, f"/api/review/{pending}/approve", body, HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 400, response.content
    assert response.json()["errors"] == [
        {"field": field, "code": "null_character", "message": message}
    ]
    assert response.json()["detail"] == f"{field}: {message}"
    unchanged(pending)


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("en", "This text is not valid Unicode (half a surrogate pair)."),
        ("ko", "올바른 유니코드 텍스트가 아닙니다(짝이 없는 서로게이트)."),
    ],
)
def test_half_a_surrogate_pair_in_the_json_body_is_refused_naming_the_field(
    graph, client, pending, lang, message
):
    # "\ud800" is valid JSON but no database can store it: it was a 500 on both.
    raw = '{"description": "Licence \\ud800 of TB-101"}'
    response = post(client, f"/api/review/{pending}/approve", raw, HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 400, response.content
    assert response.json()["errors"] == [
        {"field": "body.description", "code": "invalid_unicode", "message": message}
    ]
    unchanged(pending)
