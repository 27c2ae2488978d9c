import json

import pytest

from dari.accounts.models import Role
from dari.curation.models import Candidate
from dari.directory.models import Deal
from tests.factories import AssetFactory, DealFactory, OrganizationFactory, UserFactory

# Texts written for these tests in the shape of press releases (SYNTHETIC: the parties are
# test organisations, not real companies or deals).
EN_DEAL = (
    "SEOUL, March 4, 2025 - Testbio Co., Ltd. announced that it has licensed its ADC TB-101 "
    "to Globalpharma Inc. for worldwide development. Testbio will receive $40 million upfront "
    "and is eligible for up to $1.2 billion in total, plus tiered royalties."
)
KO_DEAL = (
    "테스트바이오는 2025년 3월 4일 글로벌파마에 TB-101을 기술이전했다고 밝혔다. "
    "계약금 500억원을 포함해 총 계약 규모는 최대 1조 2,000억원이다."
)
KO_ROUND = "테스트바이오가 시리즈B 투자 유치로 300억원을 확보했다. 테스트캐피탈 등이 참여했다."
SOURCE = "https://www.koreabiomed.com/news/articleView.html?idxno=1"


@pytest.fixture
def graph(db):
    testbio = OrganizationFactory(
        id="testbio", name="Testbio", name_ko="테스트바이오", country="KR"
    )
    globalpharma = OrganizationFactory(
        id="globalpharma", name="Globalpharma", name_ko="글로벌파마", country="US"
    )
    capital = OrganizationFactory(id="testcap", name="Test Capital", name_ko="테스트캐피탈")
    asset = AssetFactory(id="as-tb101", organization=testbio, name="TB-101", visibility="public")
    secret = AssetFactory(
        id="as-secret", organization=testbio, name="SECRET-77", visibility="members"
    )
    return {
        "testbio": testbio,
        "globalpharma": globalpharma,
        "capital": capital,
        "asset": asset,
        "secret": secret,
    }


@pytest.fixture
def curator(db):
    return UserFactory(username="cura", role=Role.CURATOR, organization=None)


@pytest.fixture
def member(db):
    return UserFactory(username="plain")


@pytest.fixture
def old_deal(graph):
    return DealFactory(
        id="dl-old", licensor=graph["testbio"], licensee=graph["globalpharma"], date="2025-03"
    )


def post(client, url, body, **extra):
    """POST a JSON body (a str is sent as it is: a body that is not JSON)."""
    raw = body if isinstance(body, str) else json.dumps(body)
    return client.post(url, raw, content_type="application/json", **extra)


@pytest.fixture
def pending(graph, curator, client):
    """A deal extracted from a text through the API, waiting for review; the curator signed in."""
    client.force_login(curator)
    response = post(client, "/api/ingest", {"text": EN_DEAL, "source": SOURCE})
    assert response.status_code == 201, response.content
    return response.json()["candidates"][0]["id"]


def unchanged(candidate_id):
    """Nothing was written: the candidate still waits and no deal exists."""
    assert Candidate.objects.get(pk=candidate_id).status == "pending"
    assert not Deal.objects.exists()
