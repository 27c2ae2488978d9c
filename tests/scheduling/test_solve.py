"""The solver: hard constraints always hold, small instances are solved to optimality,
locked meetings never move, explanations are given, the result validates."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ortools.sat.python import cp_model

from dari.scheduling import (
    Instance,
    Meeting,
    Participant,
    Result,
    Slot,
    SolveOptions,
    result_to_dict,
    solve,
)
from dari.scheduling.validate import check_instance, validate_result_dict

T0 = datetime(2025, 3, 11, 9, tzinfo=UTC)


def slots(n: int) -> tuple[Slot, ...]:
    return tuple(Slot(f"s{i}", T0 + timedelta(minutes=30 * i), 30) for i in range(n))


def check_feasible(inst: Instance, res: Result) -> None:
    """Every hard constraint of partnering-schedule/1."""
    ids = [m.id for m in inst.meetings]
    placed = [a.meeting for a in res.assignments]
    assert len(placed) == len(set(placed)), "a meeting scheduled twice"
    assert sorted(placed + res.unscheduled) == sorted(ids), "every meeting listed exactly once"
    avail = {p.id: set(p.available) for p in inst.participants}
    by_id = {m.id: m for m in inst.meetings}
    used: set[tuple[str, str]] = set()
    load: dict[str, int] = {}
    for a in res.assignments:
        m = by_id[a.meeting]
        for p in m.participants:
            assert a.slot in avail[p], f"{a.slot} not available to {p}"
            assert (p, a.slot) not in used, f"{p} twice in {a.slot}"
            used.add((p, a.slot))
        load[a.slot] = load.get(a.slot, 0) + 1
    if inst.tables is not None:
        assert all(v <= inst.tables for v in load.values()), "too many meetings in a slot"
    where = res.slot_of()
    for m in inst.meetings:
        if m.locked_slot is not None:
            assert where.get(m.id) == m.locked_slot, f"locked {m.id} moved"
    w = sum(by_id[a.meeting].weight for a in res.assignments)
    assert abs(w - res.stats["weight"]) < 1e-6
    assert res.stats["bound"] >= w - 1e-6
    assert not validate_result_dict(result_to_dict(res))
    assert set(res.explanations) == set(res.unscheduled)


def cpsat_optimum(inst: Instance) -> float:
    """An independent exact model (weights scaled by 1000)."""
    model = cp_model.CpModel()
    avail = {p.id: set(p.available) for p in inst.participants}
    by_ps: dict[tuple[str, str], list[cp_model.IntVar]] = {}
    by_s: dict[str, list[cp_model.IntVar]] = {}
    obj = []
    for m in inst.meetings:
        row = []
        for s in inst.slots:
            if not all(s.id in avail[p] for p in m.participants):
                continue
            if m.locked_slot is not None and s.id != m.locked_slot:
                continue
            x = model.new_bool_var(f"{m.id}@{s.id}")
            row.append(x)
            by_s.setdefault(s.id, []).append(x)
            for p in m.participants:
                by_ps.setdefault((p, s.id), []).append(x)
            obj.append(round(m.weight * 1000) * x)
        if m.locked_slot is not None:
            model.add(sum(row) == 1)
        elif row:
            model.add_at_most_one(row)
    for lst in by_ps.values():
        model.add_at_most_one(lst)
    if inst.tables is not None:
        for lst in by_s.values():
            model.add(sum(lst) <= inst.tables)
    model.maximize(sum(obj))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = 20
    assert solver.solve(model) == cp_model.OPTIMAL
    return solver.objective_value / 1000


@st.composite
def instances(draw: st.DrawFn, max_meetings: int = 10) -> Instance:
    n_s = draw(st.integers(1, 5))
    n_p = draw(st.integers(2, 6))
    sl = slots(n_s)
    parts = []
    for i in range(n_p):
        av = draw(st.lists(st.sampled_from([s.id for s in sl]), unique=True, max_size=n_s))
        parts.append(Participant(f"P{i}", tuple(av)))
    tables = draw(st.one_of(st.none(), st.integers(0, 3)))
    n_m = draw(st.integers(0, max_meetings))
    meetings = []
    locked_busy: set[tuple[str, str]] = set()
    locked_load: dict[str, int] = {}
    for j in range(n_m):
        k = draw(st.integers(2, min(4, n_p)))
        who = draw(
            st.lists(st.sampled_from([p.id for p in parts]), unique=True, min_size=k, max_size=k)
        )
        w = draw(st.sampled_from([1.0, 1.0, 2.0, 3.0, 0.5]))
        lock = None
        if draw(st.integers(0, 4)) == 0:
            common = set.intersection(*(set(p.available) for p in parts if p.id in who))
            ok = sorted(
                s
                for s in common
                if all((p, s) not in locked_busy for p in who)
                and (tables is None or locked_load.get(s, 0) < tables)
            )
            if ok:
                lock = draw(st.sampled_from(ok))
                locked_load[lock] = locked_load.get(lock, 0) + 1
                locked_busy.update((p, lock) for p in who)
        meetings.append(Meeting(f"m{j}", tuple(who), w, lock))
    inst = Instance(sl, tuple(parts), tuple(meetings), tables)
    check_instance(inst)
    return inst


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_every_hard_constraint_holds_and_small_instances_are_optimal(inst: Instance) -> None:
    res = solve(inst, time_limit=5, seed=1)
    check_feasible(inst, res)
    assert abs(res.stats["weight"] - cpsat_optimum(inst)) < 1e-6


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(max_meetings=25))
def test_heuristics_alone_keep_the_hard_constraints(inst: Instance) -> None:
    res = solve(
        inst,
        time_limit=0.5,
        seed=2,
        options=SolveOptions(exact="never", compact=True, fairness=True),
    )
    check_feasible(inst, res)
    assert res.stats["weight"] >= res.stats["fcfs_weight"] - 1e-9


def brute_force(inst: Instance) -> float:
    avail = {p.id: set(p.available) for p in inst.participants}
    choices = []
    for m in inst.meetings:
        ok = [s.id for s in inst.slots if all(s.id in avail[p] for p in m.participants)]
        choices.append([m.locked_slot] if m.locked_slot else [None, *ok])
    best = 0.0
    for combo in itertools.product(*choices):
        used: set[tuple[str, str]] = set()
        load: dict[str, int] = {}
        good = True
        for m, s in zip(inst.meetings, combo, strict=True):
            if s is None:
                continue
            load[s] = load.get(s, 0) + 1
            for p in m.participants:
                if (p, s) in used:
                    good = False
                used.add((p, s))
        if inst.tables is not None and any(v > inst.tables for v in load.values()):
            good = False
        if good:
            best = max(best, sum(m.weight for m, s in zip(inst.meetings, combo, strict=True) if s))
    return best


def test_tight_instance_against_brute_force() -> None:
    # 4 people, round-robin of 6 meetings in 3 slots, 2 tables: all fit only in one way-family
    sl = slots(3)
    ids = tuple(s.id for s in sl)
    parts = tuple(Participant(x, ids) for x in "ABCD")
    pairs = list(itertools.combinations("ABCD", 2))
    meetings = tuple(Meeting(f"m{i}", pr, 1.0 + (i % 2)) for i, pr in enumerate(pairs))
    inst = Instance(sl, parts, meetings, tables=2)
    res = solve(inst, seed=3)
    check_feasible(inst, res)
    assert res.stats["weight"] == brute_force(inst) == 9
    assert res.stats["optimal"] is True
    inst1 = Instance(sl, parts, meetings, tables=1)
    res1 = solve(inst1, seed=3)
    check_feasible(inst1, res1)
    assert res1.stats["weight"] == brute_force(inst1)


def test_locked_meetings_never_move_when_requests_are_added() -> None:
    sl = slots(4)
    ids = tuple(s.id for s in sl)
    parts = tuple(Participant(x, ids) for x in "ABCDEF")
    base = [Meeting("m0", ("A", "B")), Meeting("m1", ("A", "C")), Meeting("m2", ("B", "C"))]
    first = solve(Instance(sl, parts, tuple(base), tables=2))
    check_feasible(Instance(sl, parts, tuple(base), tables=2), first)
    where = first.slot_of()
    # confirm (lock) what was scheduled, then add many new accepted requests and re-run
    locked = [Meeting(m.id, m.participants, m.weight, where[m.id]) for m in base]
    extra = [Meeting(f"n{i}", pr, 3.0) for i, pr in enumerate(itertools.combinations("ABCDEF", 2))]
    inst2 = Instance(sl, parts, tuple(locked + extra), tables=2)
    second = solve(inst2, seed=5)
    check_feasible(inst2, second)
    for m in base:
        assert second.slot_of()[m.id] == where[m.id]


def test_previous_assignment_is_kept_when_possible() -> None:
    sl = slots(6)
    ids = tuple(s.id for s in sl)
    parts = tuple(Participant(x, ids) for x in "ABCDE")
    meetings = tuple(
        Meeting(f"m{i}", pr) for i, pr in enumerate(itertools.combinations("ABCDE", 2))
    )
    inst = Instance(sl, parts, meetings, tables=None)
    first = solve(inst, seed=1)
    prev = first.slot_of()
    # a re-run with another seed and the previous result as hint keeps everything
    again = solve(inst, seed=99, options=SolveOptions(previous=prev))
    check_feasible(inst, again)
    assert again.slot_of() == prev
    assert again.stats["kept_from_previous"] == len(prev)
    # add a meeting: the weight stays maximal and most meetings stay where they were
    inst2 = Instance(sl, parts + (Participant("F", ids),), meetings + (Meeting("new", ("A", "F")),))
    third = solve(inst2, seed=7, options=SolveOptions(previous=prev))
    check_feasible(inst2, third)
    assert third.stats["weight"] == len(meetings) + 1
    assert third.stats["kept_from_previous"] >= len(prev) - 2


def test_explanations_name_the_reason() -> None:
    sl = slots(3)
    parts = (
        Participant("A", ("s0",)),
        Participant("B", ("s0", "s1")),
        Participant("C", ("s0",)),
        Participant("D", ("s2",)),
        Participant("E", ("s1",)),
        Participant("F", ("s1",)),
    )
    meetings = (
        Meeting("lock", ("A", "C"), 1.0, "s0"),
        Meeting("busy", ("A", "B"), 1.0),
        Meeting("never", ("B", "D"), 1.0),
        Meeting("table1", ("B", "E"), 2.0),
        Meeting("table2", ("E", "F"), 1.0),
    )
    inst = Instance(sl, parts, meetings, tables=1, event_timezone="Europe/London")
    res = solve(inst)
    check_feasible(inst, res)
    ex = res.explanations
    assert ex["never"] == "no slot in which B and D are both available"
    assert ex["busy"].startswith(
        "the only slot in which A and B are both available, 09:00 (Europe/London), is taken: "
        "A meets C (lock) there"
    )
    assert "confirmed (locked)" in ex["busy"]
    assert "all 1 tables are taken in 09:30" in ex["table2"] or "E meets B" in ex["table2"]
    # The same reasons structured, for a reader in another language (the event layer).
    assert res.reasons["never"] == {"code": "no_common_slot", "who": ["B", "D"], "lonely": []}
    assert res.reasons["busy"] == {
        "code": "slots_taken",
        "who": ["A", "B"],
        "slots": ["s0"],
        "busy": [{"who": "A", "meets": [{"with": ["C"], "meeting": "lock"}]}],
        "full": [],
        "tables": None,
        "blockers": "locked",
        "locked": 1,
    }
    assert set(res.reasons) == set(res.unscheduled)


def test_weights_and_fcfs_floor_on_a_crowded_instance() -> None:
    sl = slots(4)
    ids = tuple(s.id for s in sl)
    parts = tuple(Participant(f"P{i}", ids) for i in range(8))
    meetings = tuple(
        Meeting(f"m{k}", (f"P{a}", f"P{b}"), float(1 + (a + b) % 3))
        for k, (a, b) in enumerate(itertools.combinations(range(8), 2))
    )
    inst = Instance(sl, parts, meetings, tables=3)
    res = solve(inst, seed=0)
    check_feasible(inst, res)
    assert res.stats["weight"] >= res.stats["fcfs_weight"]
    assert abs(res.stats["weight"] - cpsat_optimum(inst)) < 1e-6
