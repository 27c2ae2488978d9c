"""Seed the throwaway database of the service test (run in a subprocess with its environment):
a SYNTHETIC virtual event with many accepted meetings (so that a schedule run takes a moment),
pending requests for the test to accept over HTTP, and a signed-in session per person.

    python -m tests.ops.service_seed OUT.json [PEOPLE] [ACCEPTED] [PENDING]
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import sys


def seed(people: int, accepted: int, pending: int) -> dict[str, object]:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.test import override_settings

    from dari.events.domain.requests import accept_request, request_meeting
    from dari.events.models import Event
    from tests.events.factories import make_event, person
    from tests.factories import UserFactory

    def session_of(user) -> str:
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        return store.session_key

    rng = random.Random(17)
    start = dt.date.today() + dt.timedelta(days=10)
    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with override_settings(PASSWORD_HASHERS=hashers):
        event = make_event(
            slug="service-test",
            name="SYNTHETIC service test event",
            start_date=start,
            end_date=start + dt.timedelta(days=1),
            synthetic=True,
        )
        staff = [person(event, f"svc{i}", f"org-svc-{i}", rng.choice(ZONES)) for i in range(people)]
        organiser = UserFactory(username="svc-organiser", is_superuser=True, organization=None)
    pairs = set()
    while len(pairs) < accepted + pending:
        a, b = rng.sample(range(people), 2)
        if staff[a].organization_id != staff[b].organization_id:
            pairs.add((a, b))
    ordered = sorted(pairs)
    rng.shuffle(ordered)
    for a, b in ordered[:accepted]:
        req = request_meeting(staff[a], target=staff[b])
        accept_request(req.pk, staff[b])
    waiting = []
    for a, b in ordered[accepted:]:
        req = request_meeting(staff[a], target=staff[b])
        waiting.append({"id": req.pk, "target": staff[b].user.username})
    Event.objects.filter(pk=event.pk).update(auto_schedule=True)
    sessions = {p.user.username: session_of(p.user) for p in staff}
    sessions[organiser.username] = session_of(organiser)
    return {"slug": event.slug, "event_id": event.pk, "sessions": sessions, "pending": waiting}


ZONES = ["Asia/Seoul", "Europe/London", "America/New_York"]


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dari.settings")
    import django

    django.setup()
    people, accepted, pending = (int(x) for x in (sys.argv[2:] or ["60", "300", "120"]))
    from django.db import transaction

    with transaction.atomic():  # one commit: seeding is not what the test measures
        doc = seed(people, accepted, pending)
    with open(sys.argv[1], "w") as out:
        json.dump(doc, out)
