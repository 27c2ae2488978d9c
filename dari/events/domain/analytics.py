"""Aggregates of an event for its organisers: requests and acceptance, the share of accepted
meetings that got a slot, meetings by cluster, country and modality, and the follow-up funnel
meeting → CDA → term sheet → deal. Plain dicts and lists, ready for tables, charts and CSV.

Definitions (docs/events.md):
- acceptance rate = accepted ÷ requests answered or expired (pending and withdrawn requests
  have no answer yet or never needed one);
- "meetings" are accepted meetings that were not cancelled; scheduled share = scheduled ÷ meetings;
- a meeting counts once under each distinct cluster (country) of its participants'
  organisations, so a Seoul-London meeting counts for KR and for GB;
- clusters are Korean: an organisation in Korea outside every cluster counts under "elsewhere
  in Korea"; one abroad has no cluster by nature and is left out of the cluster chart
  (`cluster_coverage` says how many meetings involve one, and how many no cluster at all);
- modality is that of the asset named in the request, when the viewer may see the asset
  (`visible_assets`); otherwise the meeting counts as "not stated";
- the funnel starts from scheduled meetings; a meeting counts at every stage up to the furthest
  one either side reported (a term sheet implies a CDA).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _

from dari.core.names import country_name, local_name
from dari.core.smallcell import K, disclosable
from dari.directory.access import visible_assets
from dari.directory.vocab import Modality, label_of
from dari.events.access import representing
from dari.events.domain.controls import meetable, open_to_everyone
from dari.events.models import (
    FUNNEL,
    Event,
    FollowUp,
    Meeting,
    MeetingRequest,
    MeetingStatus,
    Participant,
    RequestStatus,
)

DIMENSIONS = ("cluster", "country", "modality")
KOREA = "KR"


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def request_summary(event: Event) -> dict[str, Any]:
    """Requests by status and meetings by state, with acceptance rate and scheduled share."""
    by_status = dict(
        MeetingRequest.objects.filter(event=event)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    counts = {s: by_status.get(s, 0) for s in RequestStatus.values}
    answered = (
        counts[RequestStatus.ACCEPTED]
        + counts[RequestStatus.DECLINED]
        + counts[RequestStatus.EXPIRED]
    )
    meetings = dict(
        Meeting.objects.filter(event=event)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    active = meetings.get(MeetingStatus.SCHEDULED, 0) + meetings.get(MeetingStatus.UNSCHEDULED, 0)
    scheduled = meetings.get(MeetingStatus.SCHEDULED, 0)
    return {
        "requests": sum(counts.values()),
        "by_status": counts,
        "answered": answered,
        "acceptance_rate": _rate(counts[RequestStatus.ACCEPTED], answered),
        "meetings": active,
        "scheduled": scheduled,
        "unscheduled": meetings.get(MeetingStatus.UNSCHEDULED, 0),
        "cancelled": meetings.get(MeetingStatus.CANCELLED, 0),
        "scheduled_share": _rate(scheduled, active),
    }


def requests_by_status(event: Event) -> list[dict[str, Any]]:
    """One row per request status: key, label, requests."""
    counts = request_summary(event)["by_status"]
    return [
        {"key": s.value, "label": str(s.label), "requests": counts[s.value]} for s in RequestStatus
    ]


def meetings_by(event: Event, dimension: str, user: Any) -> list[dict[str, Any]]:
    """Meetings (accepted, not cancelled) by cluster, country or modality: key, label, meetings;
    most meetings first, then by label, the key "" ("elsewhere in Korea", "unknown", "not
    stated": what is left over, not a group of its own) last."""
    if dimension not in DIMENSIONS:
        raise ValueError(f"unknown dimension {dimension!r}")
    meetings = (
        Meeting.objects.filter(event=event)
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("request")
        .prefetch_related("participants__organization__cluster")
    )
    counts: Counter[str] = Counter()
    labels: dict[str, str] = {}
    if dimension == "modality":
        asset_ids = {m.request.asset_id for m in meetings if m.request.asset_id}
        modality_of = dict(
            visible_assets(user).filter(pk__in=asset_ids).values_list("pk", "modality")
        )
        for m in meetings:
            key = modality_of.get(m.request.asset_id, "") if m.request.asset_id else ""
            counts[key] += 1
            labels[key] = label_of(Modality, key) if key else _("Not stated")
    else:
        for m in meetings:
            keys: dict[str, str] = {}
            for p in m.participants.all():
                org = p.organization
                if dimension == "cluster":
                    if org is None or (org.cluster is None and org.country != KOREA):
                        continue
                    key = org.cluster.pk if org.cluster is not None else ""
                    keys[key] = local_name(org.cluster) if key else _("Elsewhere in Korea")
                else:
                    key = org.country if org is not None else ""
                    keys[key] = country_name(key) or _("Unknown")
            for key, label in keys.items():
                counts[key] += 1
                labels[key] = label
    rows = [{"key": k, "label": labels[k], "meetings": n} for k, n in counts.items()]
    return sorted(rows, key=lambda r: (r["key"] == "", -r["meetings"], r["label"]))


def cluster_coverage(event: Event) -> dict[str, int]:
    """What the cluster chart leaves out: of the meetings (accepted, not cancelled), how many
    involve an organisation abroad (`abroad`, counted by country instead) and how many involve
    no organisation of a cluster (`unclustered`)."""
    meetings = (
        Meeting.objects.filter(event=event)
        .exclude(status=MeetingStatus.CANCELLED)
        .prefetch_related("participants__organization")
    )
    total = abroad = unclustered = 0
    for m in meetings:
        orgs = [p.organization for p in m.participants.all() if p.organization is not None]
        total += 1
        abroad += any(o.country != KOREA for o in orgs)
        unclustered += all(o.cluster_id is None for o in orgs)
    return {"meetings": total, "abroad": abroad, "unclustered": unclustered}


def funnel_stages() -> list[tuple[str, str]]:
    """The funnel's stages: key and label, the scheduled meetings first."""
    return [("meeting", _("Meetings"))] + [(o.value, str(o.label)) for o in FUNNEL]


def funnel_sets(meetings: QuerySet[Meeting]) -> list[set[int]]:
    """Per stage of `funnel_stages`, the ids of the scheduled ones among `meetings` that
    reached it (each set holds the next)."""
    scheduled = set(meetings.filter(status=MeetingStatus.SCHEDULED).values_list("pk", flat=True))
    furthest: dict[int, int] = {}
    reports = FollowUp.objects.filter(meeting_id__in=scheduled, outcome__in=FUNNEL)
    for meeting_id, outcome in reports.values_list("meeting_id", "outcome"):
        furthest[meeting_id] = max(furthest.get(meeting_id, 0), FUNNEL.index(outcome) + 1)
    return [scheduled] + [
        {m for m, s in furthest.items() if s >= k} for k in range(1, len(FUNNEL) + 1)
    ]


def funnel_of(meetings: QuerySet[Meeting]) -> list[dict[str, Any]]:
    """The scheduled ones among `meetings`, then how many reached a CDA, a term sheet and a
    deal: key, label, meetings and the share of the stage before (None after an empty stage).
    An event's funnel; the funnel over all events adds up the same `funnel_sets` per event
    year, small cells held back (dari.insights.domain.meeting_cells.funnel)."""
    counts = [len(ids) for ids in funnel_sets(meetings)]
    stages = funnel_stages()
    return [
        {
            "key": key,
            "label": label,
            "meetings": n,
            "share_of_previous": None if i == 0 else _rate(n, counts[i - 1]),
        }
        for i, ((key, label), n) in enumerate(zip(stages, counts, strict=True))
    ]


def funnel(event: Event) -> list[dict[str, Any]]:
    """The follow-up funnel of one event's meetings (`funnel_of`)."""
    return funnel_of(Meeting.objects.filter(event=event))


def linked_deals(event: Event) -> list[str]:
    """Ids of directory deals that follow-ups of this event's meetings name, sorted."""
    return sorted(
        set(
            FollowUp.objects.filter(meeting__event=event, deal__isnull=False).values_list(
                "deal_id", flat=True
            )
        )
    )


def listed_participants(event: Event, k: int = K, viewer: Participant | None = None) -> int | None:
    """The participant count a page shows to someone who does not manage the event: never a
    total that includes people hidden from them, or the count minus their directory would
    tell how many the organiser's approval and rules hide. For a `viewer` with a directory
    (registered, still speaking for their organisation): the people that directory lists
    (themselves and those they may meet). For anyone else: those every participant's
    directory lists (`open_to_everyone`: approved, still speaking for their organisation,
    hidden by no rule from any kind or role). None when they come from fewer than `k`
    organisations (`dari.core.smallcell`): then the page reads "fewer than k"."""
    people = list(
        representing(Participant.objects.filter(event=event, approved=True)).select_related(
            "organization"
        )
    )
    if viewer is not None:
        shown = [viewer, *meetable(viewer, [p for p in people if p.pk != viewer.pk])]
    else:
        shown = open_to_everyone(people, event.pk)
    # A participant without an organisation counts as one of their own.
    organisations = {p.organization_id or f"person-{p.pk}" for p in shown}
    return len(shown) if disclosable(organisations, k=k) else None
