"""Candidate recall of the true parties: `python bench/ingest_recall.py [--show=dev3,...]`.

A true party is recalled when one of the companies the pipeline hands to the party
decision (the rules and the learned tagger, `tagger.RECORD["parties"]`) is the same
organisation as the bench counts it (`ingest._same_party`: the graph id, or names that
contain one another). Reads the TRAINING splits only (never `validate.UNTOUCHED`);
`--show=` prints the parties missed in the splits named (never dev4's: it is the
untouched check of the recall work).
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import ingest  # noqa: E402

from dari.extraction import extract, tagger  # noqa: E402
from dari.extraction.pipeline import _party  # noqa: E402

HIDDEN = ("dev4",)  # recall and counts only: its misses are not shown


def found(text: str, gaz: Any) -> list[dict[str, Any]]:
    """The companies the pipeline proposes as parties of `text`."""
    tagger.RECORD = {}
    try:
        extract(text, gaz)
        rec = tagger.RECORD
    finally:
        tagger.RECORD = None
    return [_party(gaz, m, "") for m in rec.get("parties", [])]


def main(argv: list[str]) -> None:
    show: tuple[str, ...] = ()
    for arg in argv:
        if arg.startswith("--show="):
            show = tuple(s for s in arg.split("=", 1)[1].split(",") if s not in HIDDEN)
    gaz = ingest.gazetteer()
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    missed: list[tuple[str, str, str]] = []
    for row in ingest.training_rows():
        ents = found(row["text"], gaz)
        c = counts[row["split"]]
        c[2] += len(ents)
        for t in row["truth"]["parties"]:
            c[1] += 1
            if any(ingest._same_party(t, e) for e in ents):
                c[0] += 1
            elif row["split"] in show:
                missed.append((row["split"], row["id"], t.get("name") or t.get("organization")))
    print("| split | true parties | recalled | recall | candidates |")
    print("|---|---|---|---|---|")
    total = [0, 0, 0]
    for split in ingest.TRAINING:
        if split not in counts:
            continue
        hit, n, cands = counts[split]
        total = [total[0] + hit, total[1] + n, total[2] + cands]
        print(f"| {split} | {n} | {hit} | {hit / max(1, n):.3f} | {cands} |")
    print(f"| all | {total[1]} | {total[0]} | {total[0] / max(1, total[1]):.3f} | {total[2]} |")
    for split, rid, name in missed:
        print(f"missed {split} {rid}: {name}")


if __name__ == "__main__":
    main(sys.argv[1:])
