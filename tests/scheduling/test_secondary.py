"""Secondary goals (gaps, fairness) never lower the weight; explanations read well."""

from __future__ import annotations

import itertools
import random
import time
from datetime import UTC, datetime, timedelta

import pytest

from dari.scheduling import Instance, Meeting, Participant, Slot, SolveOptions, solve
from dari.scheduling.core import State, compile_instance
from dari.scheduling.heuristics import fcfs
from dari.scheduling.post import (
    _day_layout,
    break_spread,
    compact,
    compact_gaps,
    count_gaps,
    fairness_swaps,
)
from dari.scheduling.solve import _state_from

from .test_solve import check_feasible

T0 = datetime(2025, 11, 3, 9, tzinfo=UTC)


def slots(n: int, per_day: int = 100) -> tuple[Slot, ...]:
    return tuple(
        Slot(f"s{i}", T0 + timedelta(days=i // per_day, minutes=30 * (i % per_day)), 30)
        for i in range(n)
    )


def test_compact_removes_a_gap_without_changing_the_weight() -> None:
    sl = slots(3)
    ids = tuple(s.id for s in sl)
    parts = (
        Participant("A", ids),
        Participant("B", ("s0",)),
        Participant("C", ("s1", "s2")),
    )
    meetings = (Meeting("ab", ("A", "B")), Meeting("ac", ("A", "C")))
    inst = Instance(sl, parts, meetings, tables=None)
    prob = compile_instance(inst)
    st = fcfs(prob)
    st.unassign(1)
    st.assign(1, 2)  # A: s0 and s2, idle in s1: one gap
    days = _day_layout(inst, prob)
    assert count_gaps(st, days) == 1
    w = st.weight
    assert compact_gaps(st, inst, deadline=1e18) == (1, 0)
    assert st.weight == w and st.slot_of == [0, 1]
    res = solve(inst, options=SolveOptions(compact=True))
    assert res.stats["gaps_after"] == 0 and res.stats["weight"] == 2


def test_gaps_are_counted_per_day() -> None:
    sl = slots(4, per_day=2)  # s0 s1 on day 1, s2 s3 on day 2
    ids = tuple(s.id for s in sl)
    parts = (Participant("A", ("s0", "s3")), Participant("B", ids), Participant("C", ids))
    meetings = (Meeting("ab", ("A", "B"), 1.0, "s0"), Meeting("ac", ("A", "C"), 1.0, "s3"))
    inst = Instance(sl, parts, meetings, tables=None)
    res = solve(inst, options=SolveOptions(compact=True))
    assert res.stats["gaps_before"] == res.stats["gaps_after"] == 0


def test_fairness_gives_a_meeting_to_someone_left_without() -> None:
    sl = slots(2)
    parts = (
        Participant("A", ("s0", "s1")),
        Participant("B", ("s0", "s1")),
        Participant("C", ("s1",)),
        Participant("D", ("s1",)),
        Participant("P", ("s0",)),
    )
    meetings = (
        Meeting("ab", ("A", "B")),
        Meeting("ac", ("A", "C")),
        Meeting("bd", ("B", "D")),
        Meeting("ap", ("A", "P")),
    )
    inst = Instance(sl, parts, meetings, tables=None)
    prob = compile_instance(inst)
    st = fcfs(prob)  # ab@s0, ac@s1, bd blocked by... B busy s0 only -> bd@s1; ap unscheduled
    assert st.slot_of[3] == -1
    w = st.weight
    assert fairness_swaps(st) == 1
    assert st.weight >= w and st.slot_of[3] == 0
    res = solve(inst, options=SolveOptions(fairness=True))
    placed = {a.meeting for a in res.assignments}
    assert "ap" in placed and res.stats["weight"] == 3


def test_secondary_goals_keep_the_weight_on_a_crowded_instance() -> None:
    sl = slots(6, per_day=3)
    ids = tuple(s.id for s in sl)
    parts = tuple(Participant(f"P{i}", ids[i % 2 :]) for i in range(7))
    meetings = tuple(
        Meeting(f"m{k}", (f"P{a}", f"P{b}"), float(1 + k % 2))
        for k, (a, b) in enumerate(itertools.combinations(range(7), 2))
    )
    inst = Instance(sl, parts, meetings, tables=2)
    plain = solve(inst, seed=4)
    both = solve(inst, seed=4, options=SolveOptions(compact=True, fairness=True))
    assert both.stats["weight"] == plain.stats["weight"]
    assert both.stats["gaps_after"] <= both.stats["gaps_before"]


def test_explanation_grammar_for_several_lonely_participants() -> None:
    sl = slots(2)
    parts = (Participant("A", ()), Participant("B", ()), Participant("C", ("s0",)))
    inst = Instance(sl, parts, (Meeting("m", ("A", "B", "C")),), tables=None)
    res = solve(inst)
    assert res.explanations["m"] == (
        "no slot in which A, B and C are all available (A and B have no available slot at all)"
    )


# --------------------------------------------------------------------------- compaction (strong)
def random_instance(seed: int, n_parts: int = 9, n_meet: int = 22, n_slots: int = 8) -> Instance:
    rng = random.Random(seed)
    sl = slots(n_slots, per_day=n_slots // 2)
    ids = [s.id for s in sl]
    parts = tuple(
        Participant(f"P{i}", tuple(s for s in ids if rng.random() < 0.8)) for i in range(n_parts)
    )
    pairs = rng.sample(list(itertools.combinations(range(n_parts), 2)), n_meet)
    meetings = tuple(
        Meeting(f"m{k}", (f"P{a}", f"P{b}"), float(rng.choice([1, 1, 2])))
        for k, (a, b) in enumerate(pairs)
    )
    inst = Instance(sl, parts, meetings, tables=rng.choice([None, 3]))
    # lock two meetings where FCFS put them (consistent by construction)
    placed = solve(inst, seed=seed, options=SolveOptions(explain=False)).slot_of()
    lock = [m for m in meetings if m.id in placed][:2]
    meetings = tuple(
        Meeting(m.id, m.participants, m.weight, placed[m.id]) if m in lock else m for m in meetings
    )
    return Instance(sl, parts, meetings, tables=inst.tables)


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("exact_max", [0, 100_000])
def test_compaction_keeps_the_scheduled_set_weight_and_locked_meetings(
    seed: int, exact_max: int
) -> None:
    inst = random_instance(seed)
    prob = compile_instance(inst)
    res = solve(inst, seed=seed, options=SolveOptions(explain=False))
    sid = {s: i for i, s in enumerate(prob.slot_ids)}
    where = res.slot_of()
    st = _state_from(prob, [sid[where[m]] if m in where else -1 for m in prob.meeting_ids])
    before_set = {m for m, s in enumerate(st.slot_of) if s >= 0}
    locked = {m: s for m, s in enumerate(prob.locked) if s >= 0}
    w = st.weight
    days = _day_layout(inst, prob)
    b0 = count_gaps(st, days)
    rep = compact(st, inst, time.monotonic() + 0.5, seed=seed, exact_max_options=exact_max)
    assert {m for m, s in enumerate(st.slot_of) if s >= 0} == before_set
    assert st.weight == w
    assert all(st.slot_of[m] == s for m, s in locked.items())
    assert rep.before == b0 and rep.after == count_gaps(st, days) <= b0
    if exact_max and rep.method == "cp-sat-optimal":
        assert rep.after == rep.bound
    # hard constraints, through the public result
    full = solve(inst, 0.5, seed=seed, options=SolveOptions(compact=True, explain=True))
    check_feasible(inst, full)  # (its weight may differ from res: another time limit)
    assert full.stats["gaps_after"] <= full.stats["gaps_before"]
    assert all(full.slot_of()[m.id] == m.locked_slot for m in inst.meetings if m.locked_slot)


def kempe_instance() -> Instance:
    """One day of 4 slots.  A meets B (s0) and C (s2); C also meets D (s1).  Moving one
    meeting alone cannot close A's gap (s1 is taken for C, s3 is not available to B or C), but
    exchanging the slots of ac and cd can: the optimum has 0 breaks."""
    sl = slots(4)
    parts = (
        Participant("A", ("s0", "s1", "s2")),
        Participant("B", ("s0",)),
        Participant("C", ("s1", "s2")),
        Participant("D", ("s1", "s2")),
        Participant("E", ("s0", "s1", "s2", "s3")),
    )
    meetings = (
        Meeting("ab", ("A", "B"), 1.0, "s0"),  # locked
        Meeting("ac", ("A", "C")),
        Meeting("cd", ("C", "D")),
        Meeting("de", ("D", "E")),
    )
    return Instance(sl, parts, meetings, tables=None)


@pytest.mark.parametrize("exact_max", [0, 100_000])
def test_compaction_reaches_the_known_optimum(exact_max: int) -> None:
    inst = kempe_instance()
    prob = compile_instance(inst)
    sid = {s: i for i, s in enumerate(prob.slot_ids)}
    # ab@s0 (locked), cd@s1, ac@s2, de@s3: A idle in s1 (1 break), D idle in s2 (1 break)
    st = _state_from(prob, [sid["s0"], sid["s2"], sid["s1"], sid["s3"]])
    days = _day_layout(inst, prob)
    assert count_gaps(st, days) == 2
    rep = compact(st, inst, time.monotonic() + 2.0, exact_max_options=exact_max)
    assert rep.after == 0 == count_gaps(st, days)
    assert st.slot_of[0] == sid["s0"] and all(s >= 0 for s in st.slot_of)
    if exact_max:
        assert rep.method == "cp-sat-optimal" and rep.bound == 0
    res = solve(inst, options=SolveOptions(compact=True, max_break_spread=0))
    check_feasible(inst, res)
    assert res.stats["gaps_after"] == 0 and res.stats["break_spread_met"] is True


def test_max_break_spread_is_met_when_possible() -> None:
    inst = random_instance(3, n_parts=8, n_meet=20, n_slots=8)
    res = solve(inst, 0.5, seed=1, options=SolveOptions(compact=True, max_break_spread=1))
    check_feasible(inst, res)
    prob = compile_instance(inst)
    sid = {s: i for i, s in enumerate(prob.slot_ids)}
    where = res.slot_of()
    st = _state_from(prob, [sid[where[m]] if m in where else -1 for m in prob.meeting_ids])
    spread = break_spread(st, _day_layout(inst, prob))
    assert spread == res.stats["break_spread"]
    if res.stats["break_spread_met"]:
        assert spread <= 1


# --------------------------------------------------------------------------- fairness (issue)
def fairness_violations(st: State) -> list[tuple[int, int]]:
    """(participant, meeting) pairs for which the issue's promise is broken: the participant has
    accepted meetings but none scheduled, and one of them could be placed in a free slot or in
    place of a single equal-or-lighter unlocked meeting whose participants keep another one."""
    prob = st.prob
    count = [0] * prob.n_parts
    for m, s in enumerate(st.slot_of):
        if s >= 0:
            for p in prob.parts[m]:
                count[p] += 1
    out = []
    for p in range(prob.n_parts):
        if count[p] or not prob.meetings_of[p]:
            continue
        for m in prob.meetings_of[p]:
            if st.slot_of[m] >= 0:
                continue
            for s in prob.opts[m]:
                bl = st.blockers(m, s)
                if not bl and st.load[s] < prob.cap[s]:
                    out.append((p, m))
                    break
                cands = list(bl) if len(bl) == 1 else (list(st.in_slot[s]) if not bl else [])
                if any(
                    prob.locked[b] < 0
                    and prob.weight[b] <= prob.weight[m]
                    and all(count[q] >= 2 for q in prob.parts[b])
                    for b in cands
                ):
                    out.append((p, m))
                    break
    return out


@pytest.mark.parametrize("seed", range(8))
def test_fairness_keeps_its_promise_on_generated_instances(seed: int) -> None:
    rng = random.Random(seed)
    n = 14
    sl = slots(4)
    ids = [s.id for s in sl]
    parts = tuple(
        Participant(f"P{i}", tuple(s for s in ids if rng.random() < 0.6)) for i in range(n)
    )
    # a few popular participants draw most requests, so some others are left without
    pairs = {(rng.randrange(3), rng.randrange(3, n)) for _ in range(26)}
    meetings = tuple(
        Meeting(f"m{k}", (f"P{a}", f"P{b}"), float(rng.choice([1, 2])))
        for k, (a, b) in enumerate(sorted(pairs))
    )
    inst = Instance(sl, parts, meetings, tables=rng.choice([None, 2]))
    plain = solve(inst, seed=seed, options=SolveOptions(explain=False))
    res = solve(inst, seed=seed, options=SolveOptions(fairness=True))
    check_feasible(inst, res)
    assert res.stats["weight"] >= plain.stats["weight"]
    prob = compile_instance(inst)
    sid = {s: i for i, s in enumerate(prob.slot_ids)}
    where = res.slot_of()
    st = _state_from(prob, [sid[where[m]] if m in where else -1 for m in prob.meeting_ids])
    assert fairness_violations(st) == []


def test_fairness_swap_with_a_full_table() -> None:
    """One table per slot: Q's only meeting needs s1, held by an equal-weight meeting of two
    participants who both have another meeting; fairness swaps them."""
    sl = slots(2)
    parts = (
        Participant("A", ("s0", "s1")),
        Participant("B", ("s0", "s1")),
        Participant("Q", ("s1",)),
        Participant("R", ("s1",)),
    )
    meetings = (
        Meeting("ab1", ("A", "B")),
        Meeting("ab2", ("A", "B")),
        Meeting("qr", ("Q", "R")),
    )
    inst = Instance(sl, parts, meetings, tables=1)
    prob = compile_instance(inst)
    st = _state_from(prob, [0, 1, -1])
    assert fairness_violations(st) == [(2, 2), (3, 2)]
    assert fairness_swaps(st) == 1
    assert st.slot_of[2] == 1 and st.weight == 2
    assert fairness_violations(st) == []
