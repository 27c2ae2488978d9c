"""One rule against publishing a deal twice, in the curation domain (`approve`), so the page,
the API and the command line all keep it: a new deal between parties the directory already
records a deal between near that date is refused on `update` (code `duplicate`), naming the
recorded deal, and nothing is written; the curator amends the recorded deal (`update`) or
says the text reports another deal (`separate`).

Deals are public (their parties, date and id are on the organisations' pages and in
/api/deals), their asset is not: a recorded deal whose asset the curator may not see is
compared, and named, as if it had no asset, so the refusal never names that asset and reads
the same whatever it is (no oracle); a curator who may see the asset, and so sees that the two
deals are about different assets, is not stopped."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from dari.accounts.models import Role
from dari.cli import main
from dari.curation.domain.errors import CurationError, DuplicateDeal
from dari.curation.domain.ingest import ingest_text
from dari.curation.domain.queries import initial
from dari.curation.domain.review import approve
from dari.curation.models import Candidate
from dari.directory.models import Deal, Organization
from tests.curation.conftest import EN_DEAL, SOURCE
from tests.factories import DealFactory, UserFactory

pytestmark = pytest.mark.django_db

SECRETS = ("as-secret", "SECRET-77")


@pytest.fixture
def cand(graph, old_deal):
    """A candidate for a Testbio → Globalpharma licence of TB-101 dated 2025-03-04, and the
    deal dl-old (Testbio → Globalpharma, 2025-03, no asset) the directory already has."""
    (candidate,) = ingest_text(EN_DEAL, SOURCE).candidates.all()
    fields = initial(candidate)
    assert (fields["licensor"], fields["licensee"], fields["asset"]) == (
        "testbio",
        "globalpharma",
        "as-tb101",
    )
    return candidate


@pytest.fixture
def insider(graph):
    """A curator who is a vetted member of Testbio: sees its members-only asset SECRET-77."""
    return UserFactory(username="insider", role=Role.CURATOR, organization=graph["testbio"])


def _nothing_written(candidate):
    assert list(Deal.objects.values_list("pk", flat=True)) == ["dl-old"]
    assert Deal.objects.get(pk="dl-old").sources == []
    assert Organization.objects.count() == 3
    candidate.refresh_from_db()
    assert (candidate.status, candidate.record_id) == ("pending", "")


def _published_twice(candidate):
    assert Deal.objects.count() == 2
    candidate.refresh_from_db()
    assert candidate.status == "approved" and candidate.record_id != "dl-old"
    assert Deal.objects.get(pk=candidate.record_id).sources == [SOURCE]


def _amended(candidate):
    assert list(Deal.objects.values_list("pk", flat=True)) == ["dl-old"]
    assert Deal.objects.get(pk="dl-old").sources == [SOURCE]
    candidate.refresh_from_db()
    assert (candidate.status, candidate.record_id) == ("approved", "dl-old")


# The domain ------------------------------------------------------------------------------------


def test_the_domain_refuses_a_repeat_on_update_naming_the_recorded_deal(cand, curator):
    with pytest.raises(DuplicateDeal) as exc:
        approve(cand.pk, curator, initial(cand))
    assert (exc.value.field, exc.value.code) == ("update", "duplicate")
    assert exc.value.deals == [("dl-old", "2025-03")]
    assert "dl-old (2025-03)" in exc.value.message
    _nothing_written(cand)


def test_the_domain_adds_a_separate_deal_or_amends_the_recorded_one(cand, curator):
    approve(cand.pk, curator, initial(cand), separate=True)
    _published_twice(cand)
    assert "separate" not in cand.approved


def test_amending_and_adding_a_separate_deal_at_once_is_refused(cand, curator):
    with pytest.raises(CurationError) as exc:
        approve(cand.pk, curator, {**initial(cand), "update": "dl-old"}, separate=True)
    assert (exc.value.field, exc.value.code) == ("update", "conflict")
    _nothing_written(cand)


def test_a_deal_far_from_the_recorded_one_is_not_a_repeat(cand, curator):
    Deal.objects.filter(pk="dl-old").update(date="2019-06")
    approve(cand.pk, curator, initial(cand))
    _published_twice(cand)


def test_an_undated_repeat_is_not_said_to_be_near_a_date(cand, curator):
    with pytest.raises(DuplicateDeal) as exc:
        approve(cand.pk, curator, {**initial(cand), "date": ""})
    assert "near this date" not in exc.value.message
    assert "already recorded: dl-old (2025-03)." in exc.value.message
    with translation.override("ko"):
        assert (
            exc.value.recorded()
            == "이 두 기관 사이의 거래가 이미 기록되어 있습니다: dl-old (2025-03)."
        )
    _nothing_written(cand)


# The three interfaces --------------------------------------------------------------------------


def _page(client, user, candidate, extra):
    client.force_login(user)
    data = {k: "" if v is None else v for k, v in {**initial(candidate), **extra}.items()}
    if data.pop("separate", False):
        data["separate"] = "on"
    response = client.post(f"/curation/{candidate.pk}/approve", data)
    return response.status_code == 302, response.content.decode()


def _api(client, user, candidate, extra, lang="en"):
    client.force_login(user)
    response = client.post(
        f"/api/review/{candidate.pk}/approve",
        json.dumps(extra),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE=lang,
    )
    return response.status_code == 200, response.content.decode()


def _cli(client, user, candidate, extra):
    args = ["review", "approve", str(candidate.pk), "--as-user", user.username]
    for name, value in extra.items():
        args += ["--separate"] if name == "separate" else [f"--{name}", value]
    try:
        call_command(*args, stdout=io.StringIO(), stderr=io.StringIO())
    except CommandError as exc:
        assert exc.returncode == 1
        return False, str(exc)
    return True, ""


INTERFACES = {"page": _page, "api": _api, "cli": _cli}
interfaces = pytest.mark.parametrize("via", INTERFACES)


@interfaces
def test_a_repeat_is_refused_naming_the_recorded_deal_and_nothing_is_written(
    cand, curator, client, via
):
    done, said = INTERFACES[via](client, curator, cand, {})
    assert not done
    assert "dl-old (2025-03)" in said
    _nothing_written(cand)


@interfaces
def test_a_separate_deal_is_published(cand, curator, client, via):
    done, _said = INTERFACES[via](client, curator, cand, {"separate": True})
    assert done
    _published_twice(cand)


@interfaces
def test_the_recorded_deal_is_amended(cand, curator, client, via):
    done, _said = INTERFACES[via](client, curator, cand, {"update": "dl-old"})
    assert done
    _amended(cand)


@interfaces
def test_a_recorded_deal_about_a_hidden_asset_never_names_it(cand, curator, insider, client, via):
    """dl-old becomes a deal about SECRET-77, which the curator may not see: the refusal is
    word for word the one for a deal with no asset (named by its public id and date only);
    the insider, who sees that the two deals are about different assets, publishes at once."""
    _done, plain = INTERFACES[via](client, curator, cand, {})
    Deal.objects.filter(pk="dl-old").update(asset_id="as-secret")
    done, said = INTERFACES[via](client, curator, cand, {})
    assert not done
    assert not any(secret in said for secret in SECRETS)
    if via != "page":  # the page shows the form again, with its CSRF token
        assert said == plain
    _nothing_written(cand)
    done, _said = INTERFACES[via](client, insider, cand, {})
    assert done
    _published_twice(cand)


def test_the_api_answers_409_in_the_house_shape_in_the_callers_language(cand, curator, client):
    client.force_login(curator)
    url = f"/api/review/{cand.pk}/approve"
    response = client.post(url, "{}", content_type="application/json")
    assert response.status_code == 409
    body = response.json()
    (error,) = body["errors"]
    assert (error["field"], error["code"]) == ("update", "duplicate")
    assert '"update"' in error["message"] and '"separate": true' in error["message"]
    assert body["detail"] == f"update: {error['message']}"
    # the ids as data: a client offers "update" without parsing a sentence in some language
    assert error["deals"] == ["dl-old"]
    ko = client.post(url, "{}", content_type="application/json", HTTP_ACCEPT_LANGUAGE="ko")
    assert ko.status_code == 409
    assert "이미 기록되어 있습니다: dl-old (2025-03)" in ko.json()["errors"][0]["message"]
    assert ko.json()["errors"][0]["deals"] == ["dl-old"]
    _nothing_written(cand)


def test_the_409_s_deal_ids_are_the_ones_to_send_as_update(cand, curator, client):
    """The structured field is usable as is: sending its id as `update` amends that deal."""
    client.force_login(curator)
    url = f"/api/review/{cand.pk}/approve"
    (error,) = client.post(url, "{}", content_type="application/json").json()["errors"]
    (deal_id,) = error["deals"]
    body = json.dumps({"update": deal_id})
    done = client.post(url, body, content_type="application/json")
    assert done.status_code == 200, done.content
    assert (done.json()["status"], done.json()["record"]) == ("approved", "dl-old")


def test_the_api_refuses_a_separate_that_is_not_a_boolean_with_no_deals_field(
    cand, curator, client
):
    client.force_login(curator)
    response = client.post(
        f"/api/review/{cand.pk}/approve",
        json.dumps({"separate": "perhaps"}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "body.separate"
    # only the duplicate refusal names deals
    assert [sorted(e) for e in response.json()["errors"]] == [["code", "field", "message"]]
    _nothing_written(cand)


# Through the real `dari` entry point: commands close the connection, so committed data.
@pytest.mark.django_db(transaction=True)
def test_the_command_line_says_so_on_stderr_and_exits_1(graph, curator, capsysbinary):
    DealFactory(
        id="dl-old", licensor=graph["testbio"], licensee=graph["globalpharma"], date="2025-03"
    )
    (candidate,) = ingest_text(EN_DEAL, SOURCE).candidates.all()
    capsysbinary.readouterr()
    code = main(["review", "approve", str(candidate.pk), "--as-user", "cura"])
    out, err = capsysbinary.readouterr()
    assert (code, out) == (1, b"")
    assert err.decode().startswith("dari review: A deal between these organisations")
    assert "dl-old (2025-03)" in err.decode() and "--separate" in err.decode()
    assert list(Deal.objects.values_list("pk", flat=True)) == ["dl-old"]
    assert Candidate.objects.get(pk=candidate.pk).status == "pending"
    both = ["--update", "dl-old", "--separate"]
    assert main(["review", "approve", str(candidate.pk), "--as-user", "cura", *both]) == 2
    assert Candidate.objects.get(pk=candidate.pk).status == "pending"
