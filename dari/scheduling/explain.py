"""Plain-language reasons why a meeting was left unscheduled."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .core import Problem, State
from .model import Instance


def _zone(name: str | None) -> tuple[ZoneInfo, str]:
    if name:
        try:
            return ZoneInfo(name), name
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return ZoneInfo("UTC"), "UTC"


def _label(start: datetime, tz: ZoneInfo, with_day: bool) -> str:
    local = start.astimezone(tz)
    return local.strftime("%a %d %b %H:%M") if with_day else local.strftime("%H:%M")


def _join(items: list[str], limit: int = 4) -> str:
    if len(items) > limit:
        items = [*items[:limit], f"{len(items) - limit} more"]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def explain_unscheduled(instance: Instance, prob: Problem, st: State) -> dict[str, str]:
    """Meeting id -> a sentence, for every unscheduled meeting of ``st``."""
    tz, tzname = _zone(instance.event_timezone)
    days = {s.start.astimezone(tz).date() for s in instance.slots}
    with_day = len(days) > 1
    labels = [_label(s.start, tz, with_day) for s in instance.slots]
    out: dict[str, str] = {}
    for m in range(prob.n_meetings):
        if st.slot_of[m] >= 0:
            continue
        ps = prob.parts[m]
        names = [prob.part_ids[p] for p in ps]
        both = "both" if len(ps) == 2 else "all"
        who = _join(names, 4)
        common = set(prob.avail[ps[0]])
        for p in ps[1:]:
            common &= prob.avail[p]
        if not common:
            lonely = [prob.part_ids[p] for p in ps if not prob.avail[p]]
            text = f"no slot in which {who} are {both} available"
            if lonely:
                verb = "has" if len(lonely) == 1 else "have"
                text += f" ({_join(lonely)} {verb} no available slot at all)"
            out[prob.meeting_ids[m]] = text
            continue
        cs = sorted(common)
        w = prob.weight[m]
        busy_by: dict[int, list[int]] = defaultdict(list)  # participant -> blocking meetings
        table_full: list[int] = []
        blockers: set[int] = set()
        for s in cs:
            found = False
            for p in ps:
                b = st.busy[p][s]
                if b >= 0:
                    found = True
                    if b not in busy_by[p]:
                        busy_by[p].append(b)
                    blockers.add(b)
            if not found and st.load[s] >= prob.cap[s]:
                table_full.append(s)
        slot_text = _join([labels[s] for s in cs], 4)
        head = (
            f"the only slot in which {who} are {both} available, {slot_text} ({tzname}), is taken"
            if len(cs) == 1
            else f"the {len(cs)} slots in which {who} are {both} available, {slot_text} "
            f"({tzname}), are taken"
        )
        reasons: list[str] = []
        for p in ps:
            bl = busy_by.get(p)
            if not bl:
                continue
            partners: list[str] = []
            for b in bl:
                others = [prob.part_ids[q] for q in prob.parts[b] if q != p]
                partners.append(" & ".join(others) + f" ({prob.meeting_ids[b]})")
            reasons.append(f"{prob.part_ids[p]} meets {_join(partners, 3)} there")
        if table_full:
            tables = instance.tables
            reasons.append(
                f"all {tables} tables are taken in {_join([labels[s] for s in table_full], 3)}"
            )
        locked = [b for b in blockers if prob.locked[b] >= 0]
        text = head + ": " + "; ".join(reasons)
        if blockers:
            movable = [b for b in blockers if prob.locked[b] < 0]
            if locked and not movable:
                text += ", which are confirmed (locked) meetings"
            else:
                ws = [prob.weight[b] for b in movable]
                if ws and min(ws) > w:
                    prio = "which have higher priority"
                elif ws and min(ws) >= w:
                    prio = "which have the same or higher priority"
                else:
                    prio = "which could not be moved to other slots without unscheduling more"
                if locked:
                    prio = f"{len(locked)} of them locked, the others {prio.removeprefix('which ')}"
                text += f", {prio}"
                text += "; no rearrangement found frees a common slot"
        out[prob.meeting_ids[m]] = text
    return out
