"""Extraction quality on real texts: `python bench/ingest.py` (make bench-ingest).

Scores `dari.extraction.extract` per field (precision and recall) on bench/data/ingest/
texts.jsonl, 284 real excerpts with their true fields, against a baseline measured in the same
run (the first two organisations named as licensor and licensee, or investee and investor; the
largest amount as the total; the first date). The dev split was used to build the rules; the
test split was kept apart in the first round and looked at in the second; test2 (31 deals) was
collected before the second round and tuned on in the third; test3 (42 deals) was collected
before the third round and measured once at its end; test4 (30 deals) was collected before the
fourth round and measured untouched before it and once at its end; dev2 (17 texts) was
collected during the fourth round to tune on; test5 (10 texts) after test4's final
measurement; test6 (32), test7 (15) and test8 (15) in the fifth round, each measured once
untouched (0.31, 0.27, 0.40 right) before its failures were looked at; test9 (20) and
test10 (21) before the sixth round, measured untouched (0.35, 0.52 deals right) before any
change and once after it (unchanged), their per-text errors not looked at; in the seventh
round every split was tuned on, test9 and test10 included, and a learned party model
(`dari/extraction/learned.py`) was added: `--cv` prints its leave-one-split-out
cross-validation (bench/ingest_learn.py), `--cv-tagger` that of the learned mention
tagger (`dari/extraction/tagger.py`, bench/ingest_tagger.py), `--unknown` how the parties
hold up when a known company is renamed to one no list holds (bench/ingest_unknown.py),
`--unknown-all` when every known party of a deal is (bench/ingest_unknown_all.py).
Each is reported apart; `--splits=dev,dev2,test,test2,test3` leaves the later splits out
while tuning. Session 12 tuned only on the training splits (dev5, dev6 and dev4 gained most)
and printed test12/13/14 in aggregate before and after (README "Session 12"); its second
helper directed English licences and purchases by their money and rights flows
(`dari/extraction/flows.py`), made partners by the bench's convention, and measured the new
English training split dev7 once untouched (0.57 deals right) before reading it; a helper of
issue 14's third extraction round did the same for Korean texts (`dari/extraction/flows_ko.py`),
tuned on the training splits only. Session 13's third round added Korean parties
(`proposers_ko.py`, `bystanders_ko.py`), English parties (`consortium.py`, proposer and
bystander rules) and amount assignment (`termwords.py`, `restated.py`); the new split dev8
(40 texts) was measured once untouched before the round (0.35 deals right) and then became a
training split (one helper read its English errors during the round). test15 (40 deals,
en 20, ko 20) was collected after that round and is untouched (`validate.UNTOUCHED`), like
test12/13/14: only this plain run scores it, in aggregate. Issue 14's fifth
English round added general party mechanisms, tuned on the training splits and the
`--unknown` probe only: a unit named after its parent read as the unit (`units_en.py`),
unknown names from the slots a party stands in (`proposers_en.py`), and companies named in
passing dropped (`passing_en.py`). Session 16 read the errors of test12-15 (then
0.46 deals right pooled) and made them training splits; test16 (40 deals, en 20, ko 20) was
collected first by a helper and is untouched, like test17 (40 deals, collected during the round):
both are scored here in aggregate only (session 15's rules: 0.35 and 0.42 deals right). dev9 (60
deals, training) was measured once before its errors were read (0.40 deals right). test18 (40
texts, en 20, ko 20: 34 deals and 6 rounds no earlier split tells, helper t18) is untouched too:
only this plain run scores it, in aggregate. Session 18 read the errors of test16 and test17
(0.38 and 0.47 deals right) and made them training splits. The judge's
figure is "deal right": every true party found with its role, no other party, and the
upfront, milestones and total (or the round's amount) all right.

`--model-url URL [--model-name NAME] [--model-timeout S]` scores a local model beside the
rules as well (`dari.extraction.extract_with`, an OpenAI-compatible server such as llama.cpp's
or Ollama's; docs/curation.md): a row "ours+model" under each "ours", and how many texts the
model changed or failed on. Every text is sent to that address: give only a local one.
Without it the run is the rules' alone, as before.

The gazetteer is built from the bundled dataset (dari/data/*.json): every organisation and
every public asset, as the review queue builds it from the database. Plain Python, no Django.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dari.extraction import Candidate, ModelError, Suggestion, extract, extract_with  # noqa: E402
from dari.extraction.chat import ChatModel  # noqa: E402
from dari.extraction.gazetteer import Entry, Gazetteer  # noqa: E402
from dari.extraction.money import amounts  # noqa: E402
from dari.extraction.text import dates  # noqa: E402

sys.path.insert(0, str(ROOT / "bench" / "data" / "ingest"))
from validate import SPLITS, UNTOUCHED  # noqa: E402

TEXTS = ROOT / "bench" / "data" / "ingest" / "texts.jsonl"
TRAINING = tuple(split for split in SPLITS if split not in UNTOUCHED)
"""The splits a training or cross-validation script may read: all but the untouched ones."""


def training_rows() -> list[dict[str, Any]]:
    """The labelled texts of the TRAINING splits, in file order."""
    rows = (json.loads(line) for line in TEXTS.read_text(encoding="utf-8").splitlines() if line)
    return [row for row in rows if row.get("split") in TRAINING]


AMOUNTS = ("upfront", "milestones", "total")
FIELDS = ("kind", "parties", *AMOUNTS, "currency", "date", "deal_type")


def gazetteer() -> Gazetteer:
    entries: list[Entry] = []
    for path in sorted((ROOT / "dari" / "data").glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        for o in doc.get("organizations", []):
            names = tuple(n for n in (o.get("name_ko"),) if n)
            entries.append(Entry("organization", o["id"], o["name"], o.get("country", ""), names))
        for a in doc.get("assets", []):
            if a.get("visibility", "public") == "public":
                entries.append(Entry("asset", a["id"], a["name"]))
    return Gazetteer(entries)


def predicted(cands: list[Candidate]) -> dict[str, Any]:
    """One record per text: the first candidate, with an investment's amount as its total."""
    if not cands:
        return {"kind": None, "parties": []}
    c = cands[0]
    out = {"kind": c.kind, **c.fields}
    if c.kind == "investment":
        out["total"] = c.fields.get("amount")
    return out


def baseline(text: str, gaz: Gazetteer) -> dict[str, Any]:
    orgs = [m for m in gaz.find(text) if m.value[0] == "organization"]
    ids: list[str] = []
    for m in orgs:
        if m.value[1] not in ids:
            ids.append(m.value[1])
    funding = any(w in text.lower() for w in ("series", "funding", "raised", "투자 유치", "시리즈"))
    roles = ("investee", "investor") if funding else ("licensor", "licensee")
    found = list(amounts(text))
    biggest = max(found, key=lambda m: m.value[0], default=None)
    first_date = dates(text)
    return {
        "kind": "investment" if funding else "deal",
        "parties": [{"organization": i, "role": r} for i, r in zip(ids[:2], roles, strict=False)],
        "total": biggest.value[0] if biggest else None,
        "currency": biggest.value[1] if biggest else None,
        "date": first_date[0].value if first_date else None,
        "deal_type": "license" if not funding else None,
    }


def _same_amount(a: Any, b: Any) -> bool:
    return a is not None and b is not None and abs(float(a) - float(b)) <= 0.005 * abs(float(b))


def _same_party(t: dict[str, Any], p: dict[str, Any]) -> bool:
    """The same organisation: the same graph id, or (where either has none) names that
    contain one another."""
    if t.get("organization") and p.get("organization"):
        return bool(t["organization"] == p["organization"])
    a = (t.get("name") or "").lower()
    b = (p.get("mentioned_as") or p.get("name") or "").lower()
    return bool(a and b and (a in b or b in a))


def _party_counts(truth: list[dict[str, Any]], pred: list[dict[str, Any]]) -> tuple[int, int, int]:
    """(parties found with their role, parties predicted, true parties), one to one."""
    left = list(pred)
    hits = 0
    for t in truth:
        match = next((p for p in left if p.get("role") == t["role"] and _same_party(t, p)), None)
        if match is not None:
            left.remove(match)
            hits += 1
    return hits, len(pred), len(truth)


def score(truth: dict[str, Any], pred: dict[str, Any]) -> dict[str, tuple[int, int, int]]:
    """Per field: (true positives, predicted, true) counts."""
    out: dict[str, tuple[int, int, int]] = {}
    out["parties"] = _party_counts(truth.get("parties", []), pred.get("parties", []))
    alts = truth.get("alt") or {}
    for name in AMOUNTS:
        t, p = truth.get(name), pred.get(name)
        ok = _same_amount(p, t) and pred.get("currency") == truth.get("currency")
        alt_ok = _same_amount(p, alts.get(name)) and pred.get("currency") == alts.get("currency")
        ok = ok or alt_ok
        out[name] = (int(bool(ok)), int(p is not None), int(t is not None))
    for name in ("kind", "currency", "deal_type"):
        t, p = truth.get(name), pred.get(name)
        out[name] = (int(t is not None and p == t), int(p is not None), int(t is not None))
    t, p = truth.get("date"), pred.get("date")
    ok = bool(t and p and (p == t or (len(t) < len(p) and p.startswith(t))))
    out["date"] = (int(ok), int(p is not None), int(t is not None))
    return out


def deal_right(
    truth: dict[str, Any], pred: dict[str, Any], s: dict[str, tuple[int, int, int]]
) -> bool:
    tp, n_pred, n_true = s["parties"]
    if not (tp == n_true == n_pred):
        return False
    return all(s[name][0] == 1 or (s[name][1] == 0 and s[name][2] == 0) for name in AMOUNTS)


def run(rows: list[dict[str, Any]], method: Callable[[str], dict[str, Any]]) -> dict[str, Any]:
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    right = deals = deals_right = 0
    for row in rows:
        pred = method(row["text"])
        s = score(row["truth"], pred)
        for name, counts in s.items():
            for i in range(3):
                totals[name][i] += counts[i]
        ok = deal_right(row["truth"], pred, s)
        right += ok
        if row["truth"]["kind"] == "deal":
            deals += 1
            deals_right += ok
    return {
        "fields": dict(totals),
        "right": right,
        "n": len(rows),
        "deals": deals,
        "deals_right": deals_right,
    }


def _pr(c: list[int]) -> str:
    tp, n_pred, n_true = c
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_true if n_true else 0.0
    return f"{p:4.2f}/{r:4.2f}"


class _Counted:
    """A model that counts its calls and failures (a failure is the rules' reading)."""

    def __init__(self, model: ChatModel):
        self.model = model
        self.calls = self.failures = 0

    def suggest(self, text: str, lang: str, candidates: list[Candidate]) -> Suggestion:
        self.calls += 1
        try:
            return self.model.suggest(text, lang, candidates)
        except ModelError:
            self.failures += 1
            raise


def _model_options(args: list[str]) -> tuple[list[str], dict[str, str]]:
    """`args` without --model-url, --model-name and --model-timeout (as `--opt=V` or `--opt V`),
    and their values."""
    rest: list[str] = []
    options: dict[str, str] = {}
    names = ("--model-url", "--model-name", "--model-timeout")
    i = 0
    while i < len(args):
        name, eq, value = args[i].partition("=")
        if name in names and not eq:
            if i + 1 >= len(args):
                raise SystemExit(f"{name} needs a value")
            value, i = args[i + 1], i + 1
        if name in names:
            options[name[2:]] = value
        else:
            rest.append(args[i])
        i += 1
    return rest, options


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    args, options = _model_options(args)
    if args and args[0] == "--cv":  # the learned party model, leave-one-split-out
        from ingest_learn import cv

        cv()
        return
    if args and args[0] == "--cv-tagger":  # the learned tagger, leave-one-split-out
        from ingest_tagger import cv as cv_tagger

        cv_tagger()
        return
    if args and args[0] == "--unknown":  # robustness to companies the graph lacks
        from ingest_unknown import main as unknown

        unknown()
        return
    if args and args[0] == "--unknown-all":  # every known party renamed: the graph no help
        from ingest_unknown_all import main as unknown_all

        unknown_all()
        return
    splits = (*SPLITS, "all")
    if args and args[0].startswith("--splits="):
        splits = tuple(args[0].split("=", 1)[1].split(","))
    rows = [json.loads(line) for line in TEXTS.read_text(encoding="utf-8").splitlines() if line]
    if "all" not in splits:
        rows = [r for r in rows if r["split"] in splits]
    gaz = gazetteer()

    def ours(text: str) -> dict[str, Any]:
        return predicted(extract(text, gaz))

    def base(text: str) -> dict[str, Any]:
        return baseline(text, gaz)

    methods: list[tuple[str, Callable[[str], dict[str, Any]]]] = [("ours", ours)]
    model = changed = None
    if "model-url" in options:
        model = _Counted(
            ChatModel(
                options["model-url"],
                options.get("model-name", ""),
                float(options.get("model-timeout", "60")),
            )
        )
        read: dict[str, dict[str, Any]] = {}  # each text sent once, however many rows show it
        changed = set()

        def with_model(text: str) -> dict[str, Any]:
            if text not in read:
                cands = extract_with(text, gaz, "auto", model)
                read[text] = predicted(cands)
                if cands and cands[0].suggested:
                    changed.add(text)
            return read[text]

        methods.append(("ours+model", with_model))
    methods.append(("baseline", base))

    print(f"Extraction on {len(rows)} real texts (precision/recall per field; 'right' = parties")
    print("with roles and every amount right). dev: built on; test, test2: held out, then tuned")
    print("on; test3, test4: collected before the third and fourth rounds, measured at their end;")
    print("dev2: collected during the fourth round to tune on.\n")
    header = f"| split | method | n | right | deals right | {' | '.join(FIELDS)} |"
    print(header)
    print("|" + "---|" * (5 + len(FIELDS)))
    for split in splits:
        for lang in ("en", "ko", "all"):
            part = [r for r in rows if split in ("all", r["split"]) and lang in ("all", r["lang"])]
            if not part:
                continue
            for label, method in methods:
                res = run(part, method)
                cells = " | ".join(_pr(res["fields"][f]) for f in FIELDS)
                share = res["right"] / res["n"]
                deals = f"{res['deals_right'] / res['deals']:4.2f}" if res["deals"] else "–"
                print(
                    f"| {split} {lang} | {label} | {res['n']} | {share:4.2f} | {deals} | {cells} |"
                )
    if model is not None and changed is not None:
        print(
            f"\nModel at {model.model.url}: {model.calls} texts sent, {model.failures} failed "
            f"(the rules' reading kept), {len(changed)} changed by its suggestions."
        )


if __name__ == "__main__":
    main()
