"""Robustness to companies the graph lacks: `python bench/ingest.py --unknown`.

Unseen texts name foreign partners the graph does not hold (Hospira, Pharmasyntez, Stendhal
in test9/test10). This probe takes each labelled deal with a foreign party the graph
knows, renames that party everywhere in the text to a made-up name no list holds ("Norvexa"),
and checks that its parties (with their roles) are still found: the gazetteer can no longer
help, only where the name stands. Printed: how many deals keep their parties right, and the
ones that lose them (the extractor's misses, not the texts').
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import ingest  # noqa: E402

from dari.extraction import extract  # noqa: E402

NEW = "Norvexa"  # made up: no company of that name in the graph or the stop lists
NEW_KO = "노르벡스"  # the same, as a Korean text would write it
KR, KR_KO = "Daonsel", "다온셀"  # a made-up Korean company, in either script


def _parties_right(text: str, truth: dict[str, Any], gaz: Any) -> bool:
    pred = ingest.predicted(extract(text, gaz))
    tp, n_pred, n_true = ingest.score(truth, pred)["parties"]
    return tp == n_pred == n_true


def renamed(
    row: dict[str, Any], gaz: Any, korean: bool = False
) -> tuple[str, dict[str, Any]] | None:
    """The text with its first foreign (or Korean) known party renamed, and the truth to
    match."""
    truth = row["truth"]
    chosen = [
        p["organization"]
        for p in truth["parties"]
        if p.get("organization")
        and (gaz.country(("organization", p["organization"])) == "KR") == korean
    ]
    if not chosen:
        return None
    target = ("organization", chosen[0])
    found = [m for m in gaz.find(row["text"]) if m.value == target]
    if not found:
        return None
    if any(row["text"][max(0, m.start - 1) : m.start] in ("(", "（") for m in found):
        return None  # the original after a transliteration: the text still names it
    text = row["text"]
    latin, hangul = (KR, KR_KO) if korean else (NEW, NEW_KO)
    for m in sorted(found, key=lambda m: -m.start):
        new = hangul if re.search(r"[가-힣]", m.text) else latin
        text = text[: m.start] + new + text[m.end :]
    name = hangul if all(re.search(r"[가-힣]", m.text) for m in found) else latin
    parties = [
        {**p, "organization": None, "name": name} if p.get("organization") == target[1] else p
        for p in truth["parties"]
    ]
    return text, {**truth, "parties": parties}


def main() -> None:
    rows = ingest.training_rows()  # the untouched splits are never probed (ids included)
    gaz = ingest.gazetteer()
    for korean in (False, True):
        for lang in ("en", "ko"):
            total = before = after = 0
            lost = []
            for row in rows:
                if row["lang"] != lang or row["truth"]["kind"] != "deal":
                    continue
                probe = renamed(row, gaz, korean)
                if probe is None:
                    continue
                ok_before = _parties_right(row["text"], row["truth"], gaz)
                ok_after = _parties_right(*probe, gaz)
                total += 1
                before += ok_before
                after += ok_after
                if ok_before and not ok_after:
                    lost.append(row["id"])
            side = "Korean" if korean else "foreign"
            print(f"{lang}, a {side} party renamed: {total} deals; parties right as written")
            print(f"    {before}, renamed {after}; lost:", " ".join(lost) or "none")


if __name__ == "__main__":
    main()
