"""Why a meeting was left unscheduled: a structured reason per meeting (a code and its
parameters, JSON-serialisable, naming participants, meetings and slots by their ids), and the
plain English sentence the command line and the result file show.

The event layer stores the structured reason and renders it in the reader's language and time
zone; this module stays free of any translation machinery.

Codes:
- ``no_common_slot``: ``who`` (participant ids) share no available slot; ``lonely`` are those
  with no available slot at all.
- ``slots_taken``: the ``slots`` where all of ``who`` are available are taken. ``busy`` lists,
  per participant (``who``), the meetings they have there (``meets``: ``with`` = the other
  participants, ``meeting`` = its id); ``full`` are slots where all ``tables`` are taken;
  ``blockers`` says why the blocking meetings stayed: ``locked`` (all confirmed), ``higher``,
  ``same_or_higher`` (priority), ``stuck`` (moving them would unschedule more) or ``none``;
  ``locked`` counts the confirmed ones among them.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .core import Problem, State
from .model import Instance

Reason = dict[str, Any]


def _zone(name: str | None) -> tuple[ZoneInfo, str]:
    if name:
        try:
            return ZoneInfo(name), name
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return ZoneInfo("UTC"), "UTC"


def _label(start: datetime, tz: ZoneInfo, with_day: bool) -> str:
    local = start.astimezone(tz)
    # The engine's own English (CLI, result files); pages use the event layer's localized dates.
    return local.strftime("%a %d %b %H:%M") if with_day else local.strftime("%H:%M")


def _join(items: list[str], limit: int = 4) -> str:
    if len(items) > limit:
        items = [*items[:limit], f"{len(items) - limit} more"]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _blockers(prob: Problem, m: int, blockers: set[int]) -> tuple[str, int]:
    locked = [b for b in blockers if prob.locked[b] >= 0]
    if not blockers:
        return "none", 0
    movable = [b for b in blockers if prob.locked[b] < 0]
    if locked and not movable:
        return "locked", len(locked)
    ws = [prob.weight[b] for b in movable]
    w = prob.weight[m]
    if ws and min(ws) > w:
        return "higher", len(locked)
    if ws and min(ws) >= w:
        return "same_or_higher", len(locked)
    return "stuck", len(locked)


def reasons_unscheduled(prob: Problem, st: State) -> dict[str, Reason]:
    """Meeting id -> its structured reason, for every unscheduled meeting of ``st``."""
    out: dict[str, Reason] = {}
    for m in range(prob.n_meetings):
        if st.slot_of[m] >= 0:
            continue
        ps = prob.parts[m]
        who = [prob.part_ids[p] for p in ps]
        common = set(prob.avail[ps[0]])
        for p in ps[1:]:
            common &= prob.avail[p]
        if not common:
            lonely = [prob.part_ids[p] for p in ps if not prob.avail[p]]
            out[prob.meeting_ids[m]] = {"code": "no_common_slot", "who": who, "lonely": lonely}
            continue
        cs = sorted(common)
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
        busy = [
            {
                "who": prob.part_ids[p],
                "meets": [
                    {
                        "with": [prob.part_ids[q] for q in prob.parts[b] if q != p],
                        "meeting": prob.meeting_ids[b],
                    }
                    for b in busy_by[p]
                ],
            }
            for p in ps
            if busy_by.get(p)
        ]
        kind, n_locked = _blockers(prob, m, blockers)
        out[prob.meeting_ids[m]] = {
            "code": "slots_taken",
            "who": who,
            "slots": [prob.slot_ids[s] for s in cs],
            "busy": busy,
            "full": [prob.slot_ids[s] for s in table_full],
            "tables": prob.cap[table_full[0]] if table_full else None,
            "blockers": kind,
            "locked": n_locked,
        }
    return out


def english(reason: Reason, instance: Instance) -> str:
    """The plain English sentence of a structured reason (slot times in the event's zone)."""
    tz, tzname = _zone(instance.event_timezone)
    days = {s.start.astimezone(tz).date() for s in instance.slots}
    with_day = len(days) > 1
    labels = {s.id: _label(s.start, tz, with_day) for s in instance.slots}
    who = _join(list(reason["who"]), 4)
    both = "both" if len(reason["who"]) == 2 else "all"
    if reason["code"] == "no_common_slot":
        text = f"no slot in which {who} are {both} available"
        lonely = list(reason["lonely"])
        if lonely:
            verb = "has" if len(lonely) == 1 else "have"
            text += f" ({_join(lonely)} {verb} no available slot at all)"
        return text
    slots = list(reason["slots"])
    slot_text = _join([labels[s] for s in slots], 4)
    head = (
        f"the only slot in which {who} are {both} available, {slot_text} ({tzname}), is taken"
        if len(slots) == 1
        else f"the {len(slots)} slots in which {who} are {both} available, {slot_text} "
        f"({tzname}), are taken"
    )
    reasons: list[str] = []
    for line in reason["busy"]:
        partners = [" & ".join(x["with"]) + f" ({x['meeting']})" for x in line["meets"]]
        reasons.append(f"{line['who']} meets {_join(partners, 3)} there")
    if reason["full"]:
        full = _join([labels[s] for s in reason["full"]], 3)
        reasons.append(f"all {instance.tables} tables are taken in {full}")
    text = head + ": " + "; ".join(reasons)
    kind, n_locked = reason["blockers"], reason["locked"]
    if kind == "locked":
        text += ", which are confirmed (locked) meetings"
    elif kind != "none":
        prio = {
            "higher": "which have higher priority",
            "same_or_higher": "which have the same or higher priority",
            "stuck": "which could not be moved to other slots without unscheduling more",
        }[kind]
        if n_locked:
            prio = f"{n_locked} of them locked, the others {prio.removeprefix('which ')}"
        text += f", {prio}"
        text += "; no rearrangement found frees a common slot"
    return text


def explain_unscheduled(instance: Instance, prob: Problem, st: State) -> dict[str, str]:
    """Meeting id -> a sentence, for every unscheduled meeting of ``st``."""
    return {m: english(r, instance) for m, r in reasons_unscheduled(prob, st).items()}
