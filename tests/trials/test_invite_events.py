"""The site finder offers to invite a site to the organiser's events that are not over: an event
is over when its last day is over in the event's own zone (events' `event_over`), not in the
reader's (pages run in the signed-in reader's zone, so the reader's date was used before: a
London organiser was offered a Seoul event already over, a Seoul organiser was not offered a
Los Angeles event still under way)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from dari.accounts.models import Role
from dari.trials.importer import import_files
from tests.events.factories import make_event
from tests.factories import OrganizationFactory, UserFactory
from tests.trials.synthetic import page, study

pytestmark = pytest.mark.django_db

FINDER = "/trials/sites/?condition=%EC%9C%84%EC%95%94&phase=2"
LAST_DAY = dt.date(2030, 3, 11)


def _offered(client, write_json, reader_zone, event_zone, now):
    """The events offered on the finder to an organiser reading in `reader_zone`, at `now`,
    for a SYNTHETIC site and one event in `event_zone` ending on LAST_DAY."""
    import_files(
        [
            write_json(
                "p.json",
                page(
                    [
                        study(
                            "NCT96000003",
                            phases=["PHASE2"],
                            sites=[("Asan Medical Center", "Seoul", "Korea, Republic of")],
                        )
                    ]
                ),
            )
        ]
    )
    host = OrganizationFactory(id="org-syn-host", name="SYNTHETIC Host")
    organiser = UserFactory(
        username="syn-organiser", organization=host, role=Role.ORGANISER, timezone=reader_zone
    )
    with time_machine.travel(dt.datetime(2030, 3, 1, tzinfo=dt.UTC), tick=False):
        event = make_event(
            organizer=host,
            timezone=event_zone,
            start_date=LAST_DAY - dt.timedelta(days=1),
            end_date=LAST_DAY,
        )
    with time_machine.travel(now, tick=True):
        client.force_login(organiser)
        html = client.get(FINDER).content.decode()
    return html.count(f'<option value="{event.slug}">')


def test_a_seoul_event_over_is_not_offered_to_a_reader_in_london(client, write_json):
    # 16:00 UTC on the last day: past midnight in Seoul, still the 11th in London.
    now = dt.datetime(2030, 3, 11, 16, 0, tzinfo=dt.UTC)
    assert _offered(client, write_json, "Europe/London", "Asia/Seoul", now) == 0


def test_a_los_angeles_event_under_way_is_offered_to_a_reader_in_seoul(client, write_json):
    # 01:00 UTC on the 12th: the 11th's evening in Los Angeles, the 12th in Seoul.
    now = dt.datetime(2030, 3, 12, 1, 0, tzinfo=dt.UTC)
    assert _offered(client, write_json, "Asia/Seoul", "America/Los_Angeles", now) == 1


def test_an_event_ahead_is_offered(client, write_json):
    now = dt.datetime(2030, 3, 11, 14, 0, tzinfo=dt.UTC)
    assert _offered(client, write_json, "Asia/Seoul", "Asia/Seoul", now) == 1
