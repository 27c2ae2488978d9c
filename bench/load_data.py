"""SYNTHETIC data for bench/load.py only: a partnering event at BIO scale (20,000 participants,
60,000 accepted and scheduled meetings, pending requests to accept during the load), written
with bulk_create into the load database (`dari_load`), beside the real directory.

Every person and meeting here is invented (users `load-NNNNN`, event slug `load-bio-synthetic`,
`Event.synthetic` set); the organisations they belong to are the real ones of the bundled
directory. Never loaded anywhere but the benchmark's own database.
"""

from __future__ import annotations

import random
import secrets
import uuid
from datetime import UTC, datetime, time, timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone as djtz

SLUG = "load-bio-synthetic"
PARTICIPANTS = 20_000
ROUNDS = 6
"""Meetings per participant: each round pairs everybody once, in its own slot, so nobody is
booked twice in a slot; ROUNDS * PARTICIPANTS / 2 = 60,000 meetings."""
PENDING = 8_000
TARGETS = 400
"""Pending requests go to the first TARGETS participants (20 each), the people the benchmark
signs in, so that each has requests to accept for the whole run."""
ZONES = ["Asia/Seoul", "Europe/London", "America/New_York", "Asia/Tokyo", "Europe/Berlin"]
BATCH = 5_000


def ensure_synthetic_event(seed: int = 17) -> dict[str, int]:
    """Create the SYNTHETIC event once (a second call finds it and returns its counts)."""
    from dari.accounts.models import User
    from dari.directory.models import Organization
    from dari.events.models import (
        Event,
        Meeting,
        MeetingRequest,
        MeetingStatus,
        Participant,
        RequestStatus,
        Seat,
        Slot,
    )

    event = Event.objects.filter(slug=SLUG).first()
    if event is not None:
        return {
            "participants": Participant.objects.filter(event=event).count(),
            "meetings": Meeting.objects.filter(event=event).count(),
            "pending": MeetingRequest.objects.filter(
                event=event, status=RequestStatus.PENDING
            ).count(),
        }
    rng = random.Random(seed)
    orgs = list(Organization.objects.values_list("pk", flat=True))
    today = djtz.now().date()
    with transaction.atomic():
        event = Event.objects.create(
            slug=SLUG,
            name="SYNTHETIC BIO-scale partnering (load benchmark)",
            start_date=today + timedelta(days=30),
            end_date=today + timedelta(days=32),
            request_deadline=djtz.now() + timedelta(days=25),
            max_pending_requests=1_000,
            synthetic=True,
        )
        slots = []
        for day in range(3):
            start = datetime.combine(event.start_date + timedelta(days=day), time(0, 0), UTC)
            slots += [
                Slot(event=event, start=start + timedelta(minutes=30 * i), minutes=30)
                for i in range(18)
            ]
        slots = Slot.objects.bulk_create(slots)
        password = make_password("load-synthetic-2026")
        users = User.objects.bulk_create(
            [
                User(
                    username=f"load-{i:05d}",
                    email=f"load-{i:05d}@example.invalid",
                    first_name=f"Synthetic{i:05d}",
                    last_name="Person",
                    password=password,
                )
                for i in range(PARTICIPANTS)
            ],
            batch_size=BATCH,
        )
        people = Participant.objects.bulk_create(
            [
                Participant(
                    event=event,
                    user=u,
                    organization_id=rng.choice(orgs),
                    timezone=rng.choice(ZONES),
                    calendar_token=secrets.token_urlsafe(24),
                )
                for u in users
            ],
            batch_size=BATCH,
        )
        pairs = []
        for r in range(ROUNDS):
            order = list(range(PARTICIPANTS))
            rng.shuffle(order)
            slot = slots[r * 9]
            pairs += [(order[j], order[j + 1], slot) for j in range(0, PARTICIPANTS, 2)]
        requests = MeetingRequest.objects.bulk_create(
            [
                MeetingRequest(
                    event=event,
                    requester=people[a],
                    target=people[b],
                    target_organization_id=people[b].organization_id,
                    status=RequestStatus.ACCEPTED,
                    answered=djtz.now(),
                )
                for a, b, _ in pairs
            ],
            batch_size=BATCH,
        )
        meetings = Meeting.objects.bulk_create(
            [
                Meeting(
                    event=event,
                    request=req,
                    slot=slot,
                    status=MeetingStatus.SCHEDULED,
                    uid=uuid.uuid4(),
                    room=secrets.token_urlsafe(16),
                )
                for req, (_a, _b, slot) in zip(requests, pairs, strict=True)
            ],
            batch_size=BATCH,
        )
        Seat.objects.bulk_create(
            [
                Seat(meeting=m, participant=people[who], slot=slot)
                for m, (a, b, slot) in zip(meetings, pairs, strict=True)
                for who in (a, b)
            ],
            batch_size=BATCH,
        )
        pending = []
        for _ in range(PENDING):
            b = rng.randrange(TARGETS)
            a = rng.randrange(TARGETS, PARTICIPANTS)
            pending.append(
                MeetingRequest(
                    event=event,
                    requester=people[a],
                    target=people[b],
                    target_organization_id=people[b].organization_id,
                )
            )
        MeetingRequest.objects.bulk_create(pending, batch_size=BATCH)
    return {"participants": len(people), "meetings": len(meetings), "pending": PENDING}
