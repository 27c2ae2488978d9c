"""Integer-indexed form of an Instance and the mutable schedule state used by the heuristics.

Locked meetings are placed first and never touched again: their slot is removed from the
options of every other meeting that shares a participant with them, and they use up a table.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from .model import Instance

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


@dataclass
class Problem:
    n_slots: int
    n_parts: int
    n_meetings: int
    slot_ids: list[str]
    part_ids: list[str]
    meeting_ids: list[str]
    parts: list[list[int]]  # participants of each meeting
    weight: list[float]
    locked: list[int]  # slot of a locked meeting, else -1
    opts: list[list[int]]  # feasible slots of each unlocked meeting (locked: [slot])
    avail: list[set[int]]  # available slots of each participant
    cap: list[int]  # tables per slot (a large number when unlimited)
    limited: bool  # tables limit present
    meetings_of: list[list[int]] = field(default_factory=list)

    @property
    def total_weight(self) -> float:
        return float(sum(self.weight))


BIG = 1 << 30


def compile_instance(inst: Instance) -> Problem:
    slot_ids = [s.id for s in inst.slots]
    sidx = {s: i for i, s in enumerate(slot_ids)}
    part_ids = [p.id for p in inst.participants]
    pidx = {p: i for i, p in enumerate(part_ids)}
    avail = [{sidx[s] for s in p.available} for p in inst.participants]
    n_slots = len(slot_ids)
    limited = inst.tables is not None
    cap = [inst.tables if inst.tables is not None else BIG] * n_slots
    parts = [[pidx[p] for p in m.participants] for m in inst.meetings]
    weight = [float(m.weight) for m in inst.meetings]
    locked = [sidx[m.locked_slot] if m.locked_slot is not None else -1 for m in inst.meetings]
    locked_busy: list[set[int]] = [set() for _ in part_ids]
    locked_load = [0] * n_slots
    for m, s in enumerate(locked):
        if s >= 0:
            locked_load[s] += 1
            for p in parts[m]:
                locked_busy[p].add(s)
    full = {s for s in range(n_slots) if locked_load[s] >= cap[s]}
    opts: list[list[int]] = []
    for m, ps in enumerate(parts):
        if locked[m] >= 0:
            opts.append([locked[m]])
            continue
        common = set(avail[ps[0]])
        for p in ps[1:]:
            common &= avail[p]
        for p in ps:
            common -= locked_busy[p]
        common -= full
        opts.append(sorted(common))
    meetings_of: list[list[int]] = [[] for _ in part_ids]
    for m, ps in enumerate(parts):
        for p in ps:
            meetings_of[p].append(m)
    return Problem(
        n_slots=n_slots,
        n_parts=len(part_ids),
        n_meetings=len(parts),
        slot_ids=slot_ids,
        part_ids=part_ids,
        meeting_ids=[m.id for m in inst.meetings],
        parts=parts,
        weight=weight,
        locked=locked,
        opts=opts,
        avail=avail,
        cap=cap,
        limited=limited,
        meetings_of=meetings_of,
    )


class State:
    """A schedule under construction: who is busy when, how many tables are used."""

    def __init__(self, prob: Problem) -> None:
        self.prob = prob
        self.slot_of = [-1] * prob.n_meetings
        self.busy: list[list[int]] = [[-1] * prob.n_slots for _ in range(prob.n_parts)]
        self.load = [0] * prob.n_slots
        self.in_slot: list[set[int]] = [set() for _ in range(prob.n_slots)]
        self.weight = 0.0
        self.log: list[tuple[int, int, int]] = []  # (meeting, old slot, new slot)
        for m, s in enumerate(prob.locked):
            if s >= 0:
                self.assign(m, s)
        self.log.clear()

    def copy(self) -> State:
        new = State.__new__(State)
        new.prob = self.prob
        new.slot_of = list(self.slot_of)
        new.busy = [list(b) for b in self.busy]
        new.load = list(self.load)
        new.in_slot = [set(x) for x in self.in_slot]
        new.weight = self.weight
        new.log = []
        return new

    def free(self, m: int, s: int) -> bool:
        if self.load[s] >= self.prob.cap[s]:
            return False
        busy = self.busy
        for p in self.prob.parts[m]:
            if busy[p][s] >= 0:
                return False
        return True

    def assign(self, m: int, s: int) -> None:
        self.slot_of[m] = s
        for p in self.prob.parts[m]:
            self.busy[p][s] = m
        self.load[s] += 1
        self.in_slot[s].add(m)
        self.weight += self.prob.weight[m]
        self.log.append((m, -1, s))

    def unassign(self, m: int) -> None:
        s = self.slot_of[m]
        self.slot_of[m] = -1
        for p in self.prob.parts[m]:
            self.busy[p][s] = -1
        self.load[s] -= 1
        self.in_slot[s].discard(m)
        self.weight -= self.prob.weight[m]
        self.log.append((m, s, -1))

    def rollback(self, mark: int) -> None:
        """Undo every change logged after position ``mark``."""
        log = self.log
        while len(log) > mark:
            m, old, new = log.pop()
            if new >= 0:
                self.unassign(m)
            else:
                self.assign(m, old)
            log.pop()

    def blockers(self, m: int, s: int) -> set[int]:
        """Meetings using a participant of ``m`` in slot ``s``."""
        out: set[int] = set()
        for p in self.prob.parts[m]:
            b = self.busy[p][s]
            if b >= 0:
                out.add(b)
        return out
