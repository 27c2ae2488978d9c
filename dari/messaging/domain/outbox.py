"""Reminders before meetings and digests of requests waiting for an answer: what is due at a
moment, and sending it once.

- A reminder goes to each participant of a scheduled meeting when the meeting is as near as the
  person chose (15 minutes unless they changed it), keyed by the meeting and its start, so a
  moved meeting is reminded again and an unmoved one never twice.
- A digest of the requests waiting for my answer goes daily (once my local clock has passed
  DIGEST_HOUR) and once more in the 48 hours before an event's request deadline. A person with
  nothing waiting gets nothing.
The periodic jobs (`dari periodic`) and `dari notify` call `send_due(now)`; `due(now)` is what
`dari notify --dry-run --at` prints.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Q
from django.urls import reverse

from dari.events.access import answering_condition, may_reach_people, represents
from dari.events.models import Meeting, MeetingRequest, MeetingStatus, Participant, RequestStatus
from dari.messaging.access import thread_members
from dari.messaging.domain.mail import Outgoing, compose, deliver_once, site_url
from dari.messaging.domain.notices import label, meeting_context
from dari.messaging.domain.prefs import preferences_by_user
from dari.messaging.models import REMINDER_CHOICES, NoticeKind, SentNotice

DIGEST_HOUR = 8
BEFORE_DEADLINE = timedelta(hours=48)
LONGEST_LEAD = timedelta(minutes=max(m for m, _label in REMINDER_CHOICES))


def _stamp(moment: datetime) -> str:
    return moment.astimezone(ZoneInfo("UTC")).strftime("%Y%m%dT%H%MZ")


def _sent(kind: str, wanted: list[tuple[int, str]]) -> set[tuple[int, str]]:
    """Which of the (user id, key) pairs of `kind` were already sent (one query)."""
    if not wanted:
        return set()
    rows = SentNotice.objects.filter(
        kind=kind, user_id__in={u for u, _k in wanted}, key__in={k for _u, k in wanted}
    ).values_list("user_id", "key")
    return set(rows)


def due_reminders(now: datetime) -> list[Outgoing]:
    """Reminders whose moment has come and whose meeting has not started, not yet sent.
    What is not due costs no rendering and no access check: those run for due ones only."""
    meetings = list(
        Meeting.objects.filter(
            status=MeetingStatus.SCHEDULED,
            slot__start__gt=now,
            slot__start__lte=now + LONGEST_LEAD,
        )
        .select_related("event", "slot", "request")
        .prefetch_related("participants__user", "participants__organization")
        .order_by("slot__start", "pk")
    )
    prefs = preferences_by_user({p.user_id for m in meetings for p in m.participants.all()})
    due_now = []
    for m in meetings:
        assert m.slot is not None
        key = f"meeting:{m.pk}:{_stamp(m.slot.start)}"
        for p in m.participants.all():
            mine = prefs[p.user_id]
            lead = timedelta(minutes=mine.reminder_minutes)
            if mine.wants(NoticeKind.REMINDER) and p.user.email and m.slot.start - lead <= now:
                due_now.append((m, p, key))
    sent = _sent(NoticeKind.REMINDER, [(p.user_id, key) for _m, p, key in due_now])
    out = []
    members: dict[int, set[int]] = {}
    for m, p, key in due_now:
        if (p.user_id, key) in sent:
            continue
        if m.pk not in members:
            members[m.pk] = {q.pk for q in thread_members(m.request)}
        if p.pk not in members[m.pk]:
            continue
        people = list(m.participants.all())
        context = {"me": p, **meeting_context(m, p, people)}
        mine = prefs[p.user_id]
        out.append(compose(NoticeKind.REMINDER, "reminder", p.user, mine, p.timezone, context, key))
    return out


def _waiting(now: datetime) -> dict[Any, list[MeetingRequest]]:
    """Per user, the pending requests they may answer (open: deadline not passed)."""
    pending = list(
        MeetingRequest.objects.filter(status=RequestStatus.PENDING)
        .filter(Q(event__request_deadline__isnull=True) | Q(event__request_deadline__gt=now))
        .select_related("event", "requester__user", "requester__organization", "target__user")
        .order_by("event_id", "created", "pk")
    )
    by_org: dict[tuple[int, str], list[Participant]] = defaultdict(list)
    orgs = {(r.event_id, r.target_organization_id) for r in pending if r.target_id is None}
    if orgs:
        condition = Q(pk__in=[])
        for event_id, org_id in orgs:
            condition |= Q(event_id=event_id, organization_id=org_id)
        # Only those who answer for it (`answering_condition`: approved, still representing it)
        # hear of requests to their organisation.
        answering = Participant.objects.filter(condition).filter(answering_condition())
        for p in answering.select_related("user"):
            by_org[(p.event_id, p.organization_id or "")].append(p)
    waiting: dict[Any, list[MeetingRequest]] = defaultdict(list)
    users: dict[int, Any] = {}
    for r in pending:
        answerers = (
            [r.target] if r.target is not None else by_org[(r.event_id, r.target_organization_id)]
        )
        for p in answerers:
            if p is None:
                continue
            # One user object per person, so their vetting is asked once (it is cached on it).
            p.user = users.setdefault(p.user_id, p.user)
            # Someone who moved to another organisation answers nothing for the old one.
            if represents(p):
                waiting[p.user_id].append(r)
    return {
        users[uid]: requests for uid, requests in waiting.items() if may_reach_people(users[uid])
    }


def _digest(
    user: Any, prefs: Any, requests: list[MeetingRequest], key: str, deadline: bool
) -> Outgoing:
    events: dict[int, dict[str, Any]] = {}
    for r in requests:
        group = events.setdefault(
            r.event_id,
            {
                "event": r.event,
                "link": site_url(reverse("events:requests", args=[r.event.slug])),
                "requests": [],
            },
        )
        group["requests"].append(
            {"requester": label(r.requester), "message": r.message, "created": r.created}
        )
    context = {"events": list(events.values()), "count": len(requests), "deadline": deadline}
    return compose(NoticeKind.DIGEST, "digest", user, prefs, user.timezone, context, key)


def due_digests(now: datetime) -> list[Outgoing]:
    """Digests due now (daily, and before a request deadline), never an empty one."""
    waiting = _waiting(now)
    prefs = preferences_by_user([u.pk for u in waiting])
    planned: list[tuple[Any, list[MeetingRequest], str, bool]] = []
    for user, requests in sorted(waiting.items(), key=lambda item: item[0].pk):
        if not prefs[user.pk].wants(NoticeKind.DIGEST) or not user.email:
            continue
        local = now.astimezone(ZoneInfo(user.timezone))
        if local.hour >= DIGEST_HOUR:
            planned.append((user, requests, f"daily:{local.date().isoformat()}", False))
        closing: dict[int, list[MeetingRequest]] = defaultdict(list)
        for r in requests:
            deadline = r.event.request_deadline
            if deadline is not None and deadline - BEFORE_DEADLINE <= now < deadline:
                closing[r.event_id].append(r)
        for event_id, some in closing.items():
            deadline = some[0].event.request_deadline
            assert deadline is not None
            planned.append((user, some, f"deadline:{event_id}:{_stamp(deadline)}", True))
    sent = _sent(NoticeKind.DIGEST, [(user.pk, key) for user, _r, key, _d in planned])
    return [
        _digest(user, prefs[user.pk], requests, key, deadline)
        for user, requests, key, deadline in planned
        if (user.pk, key) not in sent
    ]


def due(now: datetime) -> list[Outgoing]:
    """Every reminder and digest due at `now` and not yet sent."""
    return due_reminders(now) + due_digests(now)


def send_due(now: datetime) -> int:
    """Send what is due now, each once across all workers; how many were sent."""
    return sum(deliver_once(o) for o in due(now))


def send_due_reminders(now: datetime) -> int:
    return sum(deliver_once(o) for o in due_reminders(now))


def send_due_digests(now: datetime) -> int:
    return sum(deliver_once(o) for o in due_digests(now))
