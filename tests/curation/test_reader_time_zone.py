"""Times on pages read in the signed-in reader's own zone (their account's time zone), with
the zone named; visitors and unknown zones get the site's zone, Asia/Seoul."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from dari.accounts.models import Role
from dari.curation.domain.ingest import ingest_text
from tests.curation.conftest import EN_DEAL, SOURCE
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

INGESTED = dt.datetime(2030, 1, 15, 1, 30, tzinfo=dt.UTC)  # 10:30 in Seoul, 01:30 in London


@pytest.mark.parametrize(
    ("zone", "shown"),
    [
        ("Europe/London", "2030-01-15 01:30 GMT"),
        ("America/New_York", "2030-01-14 20:30 EST"),
        ("Asia/Seoul", "2030-01-15 10:30 KST"),
        ("Not/AZone", "2030-01-15 10:30 KST"),
    ],
)
def test_the_review_queue_reads_in_the_curators_zone(graph, client, zone, shown):
    with time_machine.travel(INGESTED, tick=False):
        ingest_text(EN_DEAL, SOURCE)
    curator = UserFactory(username="cura", role=Role.CURATOR, organization=None, timezone=zone)
    client.force_login(curator)
    page = client.get("/curation/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert shown in page
