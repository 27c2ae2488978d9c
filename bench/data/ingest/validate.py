"""Check bench/data/ingest/texts.jsonl: every line parses, fields have the right types, ids are
unique, every source URL passes the source-host policy, every organisation id exists in the
bundled directory data, and truth amounts are plain non-negative numbers.

Plain Python (no Django): `python3 bench/data/ingest/validate.py`. Exits 1 and names each problem
(line and field) when something is wrong; prints the counts otherwise.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT))

from dari.directory.sourcehosts import source_host_problem  # noqa: E402

ROLES = {"licensor", "licensee", "acquirer", "target", "investor", "investee", "partner"}
CURRENCIES = {"USD", "KRW", "EUR", "JPY", "CNY", "CHF", "GBP", None}
DEAL_TYPES = {
    "license",
    "option",
    "acquisition",
    "co_development",
    "research_collaboration",
    "platform",
    "equity_investment",
    None,
}
AMOUNTS = ("upfront", "milestones", "total")
# The splits, in the order they were collected (the bench reports them in this order too).
SPLITS = (
    "dev",
    "dev2",
    "test",
    "test2",
    "test3",
    "test4",
    "test5",
    "test6",
    "test7",
    "test8",
    "test9",
    "test10",
    "test11",
    "dev3",
    "test12",
    "test13",
    "dev4",
    "test14",
    "dev5",
    "dev6",
    "dev7",
    "dev8",
    "test15",
    "test16",
    "test17",
    "dev9",
    "test18",
    "test19",
)
UNTOUCHED: tuple[str, ...] = ("test18", "test19")
"""Splits kept out of every training and tuning script (bench/ingest_learn.py,
bench/ingest_tagger.py); only bench/ingest.py's plain run scores them. test18 (helper t18, 40
deals and rounds on deals no earlier split tells) was collected in session 17 and is scored only
there. test19 (helper t19, 40 deals with a Korean party on deals no earlier split tells) was
collected in session 18 and is scored only by bench/ingest.py's plain run, in aggregate.
test12 to test15 were untouched until session 16, which read their errors and trained on
them (each had been measured only in aggregate: 0.53, 0.46, 0.42, 0.42 deals right at the end of
session 15); test16 and test17 (collected in session 16) until session 18, which read their
errors and trained on them (0.38 and 0.47 deals right at its start, measured in aggregate)."""
DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")


def organization_ids() -> set[str]:
    ids: set[str] = set()
    for path in (ROOT / "dari" / "data").glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict):
            for org in data.get("organizations", []):
                ids.add(org["id"])
    return ids


def is_amount(value: object) -> bool:
    return value is None or (
        isinstance(value, int | float) and not isinstance(value, bool) and value >= 0
    )


def check_truth(truth: dict, orgs: set[str]) -> list[str]:
    problems = []
    if truth.get("kind") not in ("deal", "investment"):
        problems.append("truth.kind must be deal or investment")
    parties = truth.get("parties")
    if not isinstance(parties, list) or not parties:
        problems.append("truth.parties must be a non-empty list")
        parties = []
    for i, party in enumerate(parties):
        if not isinstance(party.get("name"), str) or not party["name"]:
            problems.append(f"truth.parties[{i}].name must be a non-empty string")
        if party.get("role") not in ROLES:
            problems.append(f"truth.parties[{i}].role {party.get('role')!r} is not a known role")
        org = party.get("organization")
        if org is not None and org not in orgs:
            problems.append(f"truth.parties[{i}].organization {org!r} is not in dari/data")
    if truth.get("currency") not in CURRENCIES:
        problems.append(f"truth.currency {truth.get('currency')!r} is not a known currency")
    for field in AMOUNTS:
        if not is_amount(truth.get(field)):
            problems.append(f"truth.{field} must be a non-negative number or null")
    date = truth.get("date")
    if date is not None and not DATE.match(date):
        problems.append(f"truth.date {date!r} must be YYYY-MM-DD or YYYY-MM")
    if truth.get("deal_type") not in DEAL_TYPES:
        problems.append(f"truth.deal_type {truth.get('deal_type')!r} is not a known type")
    if truth.get("round") is not None and not isinstance(truth["round"], str):
        problems.append("truth.round must be a string or null")
    if not isinstance(truth.get("flags"), list):
        problems.append("truth.flags must be a list")
    alt = truth.get("alt")
    if alt is not None:
        if alt.get("currency") not in CURRENCIES - {None}:
            problems.append("truth.alt.currency must be a known currency")
        for field in AMOUNTS:
            if not is_amount(alt.get(field)):
                problems.append(f"truth.alt.{field} must be a non-negative number")
    return problems


def main() -> int:
    orgs = organization_ids()
    seen: set[str] = set()
    problems = []
    counts: Counter[tuple[str, str, str]] = Counter()
    path = HERE / "texts.jsonl"
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"line {n}: not JSON ({exc})")
            continue
        where = f"line {n} ({rec.get('id')})"
        found = []
        if not isinstance(rec.get("id"), str) or rec["id"] in seen:
            found.append("id missing or repeated")
        seen.add(rec.get("id"))
        if rec.get("lang") not in ("en", "ko"):
            found.append("lang must be en or ko")
        problem = source_host_problem(rec.get("source_url") or "")
        if problem:
            found.append(f"source_url refused: {problem}")
        if rec.get("published") is not None and not DATE.match(rec["published"]):
            found.append("published must be YYYY-MM-DD")
        if not isinstance(rec.get("text"), str) or len(rec["text"]) < 40:
            found.append("text missing or too short")
        if rec.get("split") not in SPLITS:
            found.append("split must be one of validate.SPLITS")
        found += check_truth(rec.get("truth") or {}, orgs)
        problems += [f"{where}: {p}" for p in found]
        if not found:
            counts[(rec["lang"], rec["truth"]["kind"], rec["split"])] += 1
    for problem in problems:
        print(problem)
    if problems:
        return 1
    print(f"{sum(counts.values())} texts, all valid")
    for key in sorted(counts):
        print("  " + " ".join(key), counts[key])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
