"""A trial site takes part in partnering events like any organisation: a confirmed member of a
hospital found by the site finder registers, and a sponsor asks the site to meet."""

from __future__ import annotations

import time_machine

from dari.events.domain.requests import request_meeting
from dari.events.domain.setup import register_participant
from dari.trials.importer import import_files
from dari.trials.models import TrialSite
from tests.events.factories import make_event, person
from tests.factories import UserFactory
from tests.trials.synthetic import page, study


def test_a_site_registers_and_is_asked_to_meet(db, write_json):
    import_files(
        [
            write_json(
                "p.json",
                page(
                    [
                        study(
                            "NCT96000001",
                            sites=[("Asan Medical Center", "Seoul", "Korea, Republic of")],
                        )
                    ]
                ),
            )
        ]
    )
    site = TrialSite.objects.get().organization
    assert site.kind == "hospital"
    with time_machine.travel("2026-02-01T00:00:00Z", tick=False):
        event = make_event()
        coordinator = UserFactory(username="syn-site", organization=site, timezone="Asia/Seoul")
        at_site = register_participant(event, coordinator)
        sponsor = person(event, "syn-sponsor", "org-syn-sponsor", "Europe/London")
        meeting = request_meeting(sponsor, organization_id=site.pk, message="SYNTHETIC feasibility")
    assert (at_site.organization_id, meeting.target_organization_id) == (site.pk, site.pk)
