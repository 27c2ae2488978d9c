"""Why deals go wrong: each failing deal text of the TRAINING splits put in one error class.

    python bench/ingest_errors.py                # the table, per split group
    python bench/ingest_errors.py --show=dev3    # one line per failing text of one split

Classes (the first that applies): `kind` (no deal read), `related` (a true party missing and
another company taken in its place whose name shares a word with it: a parent, an arm, a
subsidiary), `substitute` (a true party missing, an unrelated company in its place: a
bystander), `missing` (a true party not found, nothing in its place), `extra` (every true party
found, a bystander added), `swap` (both parties found, giver and taker the other way round),
`partner` (a symmetric deal given a direction), `role` (found, another role: partner for
licensor, licensee for acquirer ...), `amount` (parties right, an amount wrong). Only
ingest.training_rows() is read: the untouched splits are never scored here.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import ingest  # noqa: E402

from dari.extraction import extract  # noqa: E402

CLASSES = ("kind", "related", "substitute", "missing", "extra", "swap", "partner", "role", "amount")
GIVER = {"licensor": "g", "target": "g", "licensee": "t", "acquirer": "t"}
_STOP = {"inc", "co", "ltd", "corp", "the", "and", "pharmaceutical", "pharmaceuticals", "bio"}


def _words(name: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+|[가-힣]{2,}", name.lower()) if w not in _STOP}


def classify(truth: dict[str, Any], pred: dict[str, Any]) -> str | None:
    """The error class of one deal text, or None when the deal is right."""
    s = ingest.score(truth, pred)
    if ingest.deal_right(truth, pred, s):
        return None
    if pred.get("kind") != truth.get("kind"):
        return "kind"
    tparties, pparties = truth.get("parties", []), list(pred.get("parties", []))
    found, missing = [], []
    for t in tparties:
        p = next((p for p in pparties if ingest._same_party(t, p)), None)
        if p is None:
            missing.append(t)
        else:
            pparties.remove(p)
            found.append((t, p))
    extra = pparties
    if missing and extra:
        for t in missing:
            tw = _words(t.get("name") or "")
            for p in extra:
                pw = _words((p.get("name") or "") + " " + (p.get("mentioned_as") or ""))
                if tw & pw:
                    return "related"
        return "substitute"
    if missing:
        return "missing"
    if extra:
        return "extra"
    wrong = [(t, p) for t, p in found if t["role"] != p.get("role")]
    if wrong:
        flips = [GIVER.get(t["role"]) != GIVER.get(p.get("role")) for t, p in wrong]
        sided = all(GIVER.get(t["role"]) and GIVER.get(p.get("role")) for t, p in wrong)
        if len(wrong) == 2 and all(flips) and sided:
            return "swap"
        if all(t["role"] == "partner" for t, _ in wrong):
            return "partner"  # a symmetric deal given a direction
        return "role"
    return "amount"


def table(rows: list[dict[str, Any]], groups: dict[str, tuple[str, ...]]) -> None:
    gaz = ingest.gazetteer()
    counts: dict[str, Counter[str]] = {g: Counter() for g in groups}
    for row in rows:
        if row["truth"]["kind"] != "deal":
            continue
        pred = ingest.predicted(extract(row["text"], gaz))
        cls = classify(row["truth"], pred) or "right"
        for g, splits in groups.items():
            if row["split"] in splits:
                counts[g][cls] += 1
                counts[g]["deals"] += 1
    print("| splits | deals | right | " + " | ".join(CLASSES) + " |")
    print("|---" * (3 + len(CLASSES)) + "|")
    for g, c in counts.items():
        cells = " | ".join(str(c[k]) for k in CLASSES)
        print(f"| {g} | {c['deals']} | {c['right']} | {cells} |")


def show(rows: list[dict[str, Any]], split: str) -> None:
    gaz = ingest.gazetteer()
    for row in rows:
        if row["split"] != split or row["truth"]["kind"] != "deal":
            continue
        pred = ingest.predicted(extract(row["text"], gaz))
        cls = classify(row["truth"], pred)
        if cls is None:
            continue
        t = [(p.get("organization") or p["name"], p["role"]) for p in row["truth"]["parties"]]
        p = [(q.get("organization") or q["name"], q["role"]) for q in pred.get("parties", [])]
        amounts = {k: (row["truth"].get(k), pred.get(k)) for k in ingest.AMOUNTS}
        print(f"{row['id']} {cls}\n  truth {t}\n  pred  {p}\n  amounts {amounts}")


def main() -> None:
    rows = ingest.training_rows()
    args = sys.argv[1:]
    if args and args[0].startswith("--show="):
        show(rows, args[0].split("=", 1)[1])
        return
    tuned = tuple(s for s in ingest.TRAINING if s not in ("dev3", "dev4", "test11"))
    groups = {
        "dev3+dev4": ("dev3", "dev4"),
        "test11": ("test11",),
        "tuned (dev, dev2, test..test10)": tuned,
        "all TRAINING": ingest.TRAINING,
    }
    table(rows, groups)


if __name__ == "__main__":
    main()
