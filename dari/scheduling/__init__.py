"""Meeting scheduler of partnering events (partnering-schedule/1), pure Python.

Public API::

    from dari.scheduling import load_instance, solve, result_to_dict, SolveOptions
    inst = load_instance(json_dict)          # raises ScheduleInputError(messages)
    res = solve(inst, time_limit=10, seed=0) # Result(assignments, unscheduled, stats, explanations)
    doc = result_to_dict(res)                # partnering-schedule-result/1
"""

from .model import Assignment, Instance, Meeting, Participant, Result, Slot, result_to_dict
from .solve import SolveOptions, solve
from .timezones import available_slots
from .validate import ScheduleInputError, load_instance, parse_json

__all__ = [
    "Assignment",
    "Instance",
    "Meeting",
    "Participant",
    "Result",
    "ScheduleInputError",
    "Slot",
    "SolveOptions",
    "available_slots",
    "load_instance",
    "parse_json",
    "result_to_dict",
    "solve",
]
