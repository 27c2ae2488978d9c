"""The public aggregates of event meetings on the ecosystem page: Korea's share of each event's
meetings and the follow-up funnel over all events. Meetings, their participants and their
outcomes are not public, so every cell passes the small-cell rule (`dari.core.smallcell`):
shown only when at least K organisations account for it and for what subtraction would give;
otherwise it reads "fewer than K" and is left out of every total.

Who accounts for a cell (docs/insights.md): the organisations whose participation selects its
meetings: those of the filtered cluster when a cluster is chosen, else all participants'
organisations; for "with a Korean organisation", the Korean ones among them. The funnel is
added up from one cell per event year, so that no difference of two year ranges isolates a
cell that was held back.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from dari.core.names import local_name
from dari.core.smallcell import K, disclosable
from dari.events.domain.analytics import funnel_sets, funnel_stages
from dari.events.models import Event, Meeting, MeetingStatus

KOREA = "KR"

# (organisation id, cluster id, country) of one participant's organisation.
Org = tuple[str, str, str]
Keep = Callable[[Org], bool]


def fewer_than(k: int = K) -> str:
    """What a held-back cell reads, in the reader's language."""
    return str(_("fewer than %(k)s organisations") % {"k": k})


def shown(value: Any) -> bool:
    """Whether a cell holds a figure (not a held-back "fewer than K")."""
    return isinstance(value, int | float) and not isinstance(value, bool)


@dataclass(frozen=True)
class _Meeting:
    event: int
    year: int
    orgs: frozenset[Org]


def _years(
    rows: QuerySet[Any],
    year_from: int | None,
    year_to: int | None,
    start: str = "event__start_date",
) -> Any:
    """`rows` (meetings, or events with start="start_date") whose event starts in the range."""
    if year_from is not None:
        rows = rows.filter(**{f"{start}__year__gte": year_from})
    if year_to is not None:
        rows = rows.filter(**{f"{start}__year__lte": year_to})
    return rows


def _active(year_from: int | None, year_to: int | None) -> QuerySet[Meeting]:
    return _years(Meeting.objects.exclude(status=MeetingStatus.CANCELLED), year_from, year_to)


def _load(meetings: QuerySet[Meeting]) -> dict[int, _Meeting]:
    """Each meeting with its event, the event's year and its participants' organisations."""
    seats: defaultdict[int, set[Org]] = defaultdict(set)
    where: dict[int, tuple[int, int]] = {}
    for pk, event, start, org, cluster, country in meetings.values_list(
        "pk",
        "event_id",
        "event__start_date",
        "participants__organization_id",
        "participants__organization__cluster_id",
        "participants__organization__country",
    ):
        where[pk] = (event, start.year)
        if org:
            seats[pk].add((org, cluster or "", country or ""))
    return {pk: _Meeting(e, y, frozenset(seats[pk])) for pk, (e, y) in where.items()}


def _orgs(meetings: Iterable[_Meeting], keep: Keep) -> set[str]:
    return {org[0] for m in meetings for org in m.orgs if keep(org)}


def _any(org: Org) -> bool:
    return True


def _selector(cluster: str) -> Keep:
    """Whose participation selects a meeting under the cluster filter."""
    if not cluster:
        return _any
    return lambda org: org[1] == cluster


def _korean(keep: Keep) -> Keep:
    return lambda org: org[2] == KOREA and keep(org)


def _having(meetings: list[_Meeting], keep: Keep) -> list[_Meeting]:
    return [m for m in meetings if any(keep(org) for org in m.orgs)]


def _minus(whole: list[_Meeting], part: list[_Meeting]) -> list[_Meeting]:
    ids = {id(m) for m in part}
    return [m for m in whole if id(m) not in ids]


def korea_meeting_share(
    cluster: str = "", year_from: int | None = None, year_to: int | None = None, k: int = K
) -> list[dict[str, Any]]:
    """Per event in the year range (by start date): key, label, meetings, with_korea (meetings
    with a participant of a Korean organisation) and share; a held-back cell reads
    `fewer_than(k)` (its share None)."""
    events = _years(Event.objects.all(), year_from, year_to, start="start_date")
    per_event: defaultdict[int, list[_Meeting]] = defaultdict(list)
    for m in _load(_active(year_from, year_to)).values():
        per_event[m.event].append(m)
    keep = _selector(cluster)
    korean = _korean(keep)
    rows = []
    for event in events.order_by("start_date", "pk"):
        everyone = per_event.get(event.pk, [])
        cell = _having(everyone, keep)
        with_korea = _having(cell, korean)
        left_out = _minus(everyone, cell)
        meetings_ok = disclosable(_orgs(cell, keep), [_orgs(left_out, _any)] if cluster else [], k)
        complements = [_orgs(_minus(cell, with_korea), keep)]
        if cluster:
            complements.append(_orgs(_having(left_out, _korean(_any)), _korean(_any)))
        korea_ok = meetings_ok and disclosable(_orgs(with_korea, korean), complements, k)
        rows.append(
            {
                "key": event.slug,
                "label": local_name(event),
                "meetings": len(cell) if meetings_ok else fewer_than(k),
                "with_korea": len(with_korea) if korea_ok else fewer_than(k),
                "share": round(len(with_korea) / len(cell), 4) if korea_ok else None,
            }
        )
    return rows


def korea_share_total(rows: list[dict[str, Any]], k: int = K) -> dict[str, Any]:
    """The figures over all events of `korea_meeting_share` rows, from the cells shown only
    (a held-back cell is in no total): meetings, with_korea, share (None without any). With
    events but no cell shown, the totals read `fewer_than(k)` too."""
    meetings = [r["meetings"] for r in rows if shown(r["meetings"])]
    pairs = [(r["with_korea"], r["meetings"]) for r in rows if shown(r["with_korea"])]
    korea, of = sum(w for w, _m in pairs), sum(m for _w, m in pairs)
    return {
        "meetings": sum(meetings) if meetings or not rows else fewer_than(k),
        "with_korea": korea if pairs or not rows else fewer_than(k),
        "share": round(korea / of, 4) if of else None,
    }


def funnel(
    cluster: str = "", year_from: int | None = None, year_to: int | None = None, k: int = K
) -> list[dict[str, Any]]:
    """The follow-up funnel (`funnel_sets`) of all events' meetings under the filters: key,
    label, meetings, share_of_previous. Added up over event years from the cells shown; a stage
    no cell of which may be shown reads `fewer_than(k)`."""
    active = _active(year_from, year_to)
    stage_ids = funnel_sets(active)
    info = _load(active)
    keep = _selector(cluster)
    stages = funnel_stages()
    totals = [0] * len(stages)
    before = [0] * len(stages)  # the stage before, over the years this stage is shown in
    any_shown = [False] * len(stages)
    for year in sorted({m.year for m in info.values()}):
        # Stage 0 is taken from the accepted meetings the event rows count, so that the
        # unscheduled ones (their difference) must pass the rule too.
        previous = _having([m for m in info.values() if m.year == year], keep)
        ok = True
        for i, ids in enumerate(stage_ids):
            everyone = [info[pk] for pk in sorted(ids) if info[pk].year == year]
            cell = _having(everyone, keep)
            complements = [_orgs(_minus(previous, cell), keep)]
            if cluster:
                complements.append(_orgs(_minus(everyone, cell), _any))
            ok = ok and disclosable(_orgs(cell, keep), complements, k)
            if ok:
                totals[i] += len(cell)
                before[i] += len(previous)
                any_shown[i] = True
            previous = cell
    return [
        {
            "key": key,
            "label": label,
            "meetings": totals[i] if any_shown[i] else fewer_than(k),
            "share_of_previous": (
                round(totals[i] / before[i], 4) if i and any_shown[i] and before[i] else None
            ),
        }
        for i, (key, label) in enumerate(stages)
    ]
