"""``dari schedule INSTANCE.json [-o RESULT.json]``: solve a partnering-schedule/1 file.

The grammar of every command (dari.cli.grammar): the result goes to -o FILE, or to standard
output with `-o -` or no -o (the summary line then goes to stderr); exit codes 0 solved, 2 bad
usage or input (every problem listed on stderr, no traceback).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from dari.cli.grammar import (
    BAD_INPUT,
    OUTPUT_HELP,
    CommandLineError,
    fail,
    json_text,
    to_stdout,
    write_output,
)

from .model import result_to_dict
from .solve import SolveOptions, solve
from .validate import ScheduleInputError, load_instance, parse_json, validate_result_dict

USAGE_EPILOG = """\
switches for the secondary goals (applied after the weight is maximal, never lowering it):
  --compact     fewer idle gaps between a participant's meetings on the same day (the set of
                scheduled meetings and locked meetings never change)
  --max-break-spread D   with --compact: max - min gaps per participant <= D (CP-SAT sizes)
  --fairness    give participants with accepted meetings but none scheduled one, by swaps
re-optimisation:
  meetings with "locked_slot" never move; --previous RESULT.json makes a re-run keep the other
  meetings of that earlier result in their slots where the weight allows.
"""


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="dari schedule",
        description="Schedule the meetings of a partnering event (partnering-schedule/1).",
        epilog=USAGE_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("instance", help="partnering-schedule/1 JSON file ('-' for stdin)")
    p.add_argument(
        "-o",
        "--output",
        metavar="RESULT.json",
        help=f"the result (partnering-schedule-result/1): {OUTPUT_HELP}",
    )
    p.add_argument(
        "--time-limit",
        type=float,
        default=None,
        metavar="SECONDS",
        help="wall-clock budget (default: automatic, 1.5 s per 1,000 meetings, at least 1.5 s)",
    )
    p.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    p.add_argument("--compact", action="store_true", help="reduce idle gaps (secondary goal)")
    p.add_argument(
        "--max-break-spread",
        type=int,
        default=None,
        metavar="D",
        help="with --compact: at most D more gaps for one participant than for another",
    )
    p.add_argument(
        "--fairness", action="store_true", help="nobody left without a meeting if a swap helps"
    )
    p.add_argument("--previous", metavar="RESULT.json", help="earlier result to stay close to")
    p.add_argument(
        "--exact",
        choices=("auto", "always", "never"),
        default="auto",
        help="use the exact CP-SAT model: auto (small/medium instances), always, never",
    )
    p.add_argument("--workers", type=int, default=2, help="CP-SAT worker threads (default 2)")
    p.add_argument(
        "--explain",
        action="store_true",
        help="also print why each unscheduled meeting is unscheduled",
    )
    p.add_argument(
        "--no-explanations",
        action="store_true",
        help="do not put explanations in the result file",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no summary line")
    return p


def _read_json(path: str, what: str) -> Any:
    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ScheduleInputError([f"{path}: cannot read {what}: {exc.strerror or exc}"]) from None
    except UnicodeDecodeError as exc:
        raise ScheduleInputError([f"{path}: not UTF-8 text ({exc.reason})"]) from None
    return parse_json(text, path)


def _previous(path: str) -> dict[str, str]:
    doc = _read_json(path, "previous result")
    errors = validate_result_dict(doc)
    if errors:
        raise ScheduleInputError([f"{path}: {e}" for e in errors])
    return {a["meeting"]: a["slot"] for a in doc["assignments"]}


PROG = "dari schedule"


def main(argv: list[str]) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed its message
        return int(exc.code) if isinstance(exc.code, int) else BAD_INPUT
    try:
        instance = load_instance(_read_json(args.instance, "instance"))
        previous = _previous(args.previous) if args.previous else None
    except ScheduleInputError as exc:
        print(f"{PROG}: {len(exc.messages)} error(s) in the input:", file=sys.stderr)
        for msg in exc.messages:
            print(f"  {msg}", file=sys.stderr)
        return BAD_INPUT
    if args.max_break_spread is not None and args.max_break_spread < 0:
        return fail(PROG, CommandLineError("--max-break-spread: must be >= 0"))
    if args.time_limit is not None and args.time_limit <= 0:
        return fail(PROG, CommandLineError("--time-limit: must be positive"))
    if args.workers < 1:
        return fail(PROG, CommandLineError("--workers: must be at least 1"))
    options = SolveOptions(
        exact=args.exact,
        previous=previous,
        compact=args.compact or args.max_break_spread is not None,
        max_break_spread=args.max_break_spread,
        fairness=args.fairness,
        explain=not args.no_explanations or args.explain,
        workers=args.workers,
    )
    result = solve(instance, time_limit=args.time_limit, seed=args.seed, options=options)
    if args.no_explanations:
        explanations = result.explanations
        result.explanations = {}
    else:
        explanations = result.explanations
    try:
        write_output(json_text(result_to_dict(result)), args.output)
    except CommandLineError as exc:
        return fail(PROG, exc)
    # Remarks go where the data does not: stdout when the result is in a file, else stderr.
    remarks = sys.stderr if to_stdout(args.output) else sys.stdout
    st = result.stats
    if not args.quiet:
        print(
            f"scheduled {st['scheduled']}/{st['meetings']} meetings, weight {st['weight']}, "
            f"bound {st['bound']}, gap {100 * st['gap']:.2f}%, {st['seconds']:.2f} s "
            f"({st['method']})",
            file=remarks,
        )
    if args.explain:
        for mid, text in explanations.items():
            print(f"{mid}: {text}", file=remarks)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
