"""The learned tagger of `dari.extraction.tagger`: train it, and measure it out of sample.

    python bench/ingest_tagger.py            # train on every labelled text, write the weights
    python bench/ingest.py --cv-tagger       # leave-one-split-out cross-validation

Every labelled text (bench/data/ingest/texts.jsonl) is run once through the rules; each
company they find gives one example (its true role, or none), each money mention one (the
slot whose true amount it states, or none). Two multinomial logistic regressions (numpy,
L2, full-batch Adam from zeros for a fixed number of steps: deterministic) are fit on the
features seen at least twice. The cross-validation trains on all splits but one and scores
the held-out split with the rules alone and with each learned decision, as the bench counts.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import ingest  # noqa: E402

from dari.extraction import extract, learned, tagger  # noqa: E402
from dari.extraction.model import Candidate  # noqa: E402
from dari.extraction.pipeline import _party  # noqa: E402

SLOT_NAMES = ("upfront", "milestones", "total")
PRUNE = 0.05  # weights smaller than this are left out of the file (and of the CV's models)


def _slot(truth: dict[str, Any], value: float, currency: str) -> int:
    alt = truth.get("alt") or {}
    for name in SLOT_NAMES:
        for src in (truth, alt):
            v = src.get(name)
            if v and src.get("currency") == currency and abs(value - v) <= 0.005 * v:
                return tagger.SLOTS.index(name)
    return 0


def _family(truth: dict[str, Any]) -> int:
    said = {t["role"] for t in truth["parties"]}
    for name, sides in (("partner", ("partner",)), ("acquisition", ("acquirer", "target"))):
        if said & set(sides):
            return tagger.DEAL_FAMILIES.index(name)
    if said & {"investor", "investee"}:
        return tagger.DEAL_FAMILIES.index("investment")
    return 0


def collect(rows: list[dict[str, Any]], gaz: Any) -> list[dict[str, Any]]:
    """Per text: the rules' prediction and the features and labels of its mentions."""
    out = []
    for row in rows:
        tagger.RECORD = {}
        try:
            with learned.using(learned._load()), tagger.using(None):
                cands = extract(row["text"], gaz)
            rec = tagger.RECORD
        finally:
            tagger.RECORD = None
        truth = row["truth"]
        ents = [_party(gaz, m, "") for m in rec.get("parties", [])]
        labels = [0] * len(ents)
        for t in truth["parties"]:  # one company per true party, as the bench scores them
            hits = [i for i, e in enumerate(ents) if not labels[i] and ingest._same_party(t, e)]
            if hits:
                exact = [i for i in hits if t.get("organization") == ents[i]["organization"]]
                labels[(exact or hits)[0]] = tagger.ROLES.index(t["role"])
        money = rec.get("money", [])
        out.append(
            {
                "row": row,
                "pred": ingest.predicted(cands),
                "kind": cands[0].kind if cands else None,
                "ents": ents,
                "pf": rec.get("party_feats", []),
                "py": labels,
                "family": (rec.get("context") or {}).get("family"),
                "money": money,
                "mf": rec.get("money_feats", []),
                "my": [_slot(truth, *m.value) for m in money],
                "fields": rec.get("fields", {}),
                "tf": rec.get("text_feats"),
                "fy": _family(truth),
            }
        )
    return out


def _fit(
    feats: list[dict[str, float]],
    y: list[int],
    k: int,
    l2: float,
    steps: int = 150,
    weights: list[float] | None = None,
):
    counts = Counter(f for d in feats for f in d)
    vocab = sorted(f for f, c in counts.items() if c >= 2)
    index = {f: i for i, f in enumerate(vocab)}
    x = np.zeros((len(feats), len(vocab)), dtype=np.float32)
    for r, d in enumerate(feats):
        for f, v in d.items():
            if f in index:
                x[r, index[f]] = v
    yy = np.zeros((len(y), k), dtype=np.float32)
    yy[np.arange(len(y)), y] = 1.0
    if weights is not None:  # an example's weight scales its rows of the loss
        yy *= np.asarray(weights, dtype=np.float32)[:, None]
        x_weight = np.asarray(weights, dtype=np.float32)[:, None]
    else:
        x_weight = np.ones((len(y), 1), dtype=np.float32)
    norm = float(x_weight.sum())
    w = np.zeros((len(vocab), k), dtype=np.float32)
    b = np.zeros(k, dtype=np.float32)
    m_w, v_w, m_b, v_b = (np.zeros_like(w), np.zeros_like(w), np.zeros_like(b), np.zeros_like(b))
    lr, b1, b2 = 0.1, 0.9, 0.999
    for t in range(1, steps + 1):
        z = x @ w + b
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        g = (p * x_weight - yy) / norm
        gw = x.T @ g + l2 * w
        gb = g.sum(axis=0)
        m_w = b1 * m_w + (1 - b1) * gw
        v_w = b2 * v_w + (1 - b2) * gw * gw
        m_b = b1 * m_b + (1 - b1) * gb
        v_b = b2 * v_b + (1 - b2) * gb * gb
        w -= lr * (m_w / (1 - b1**t)) / (np.sqrt(v_w / (1 - b2**t)) + 1e-8)
        b -= lr * (m_b / (1 - b1**t)) / (np.sqrt(v_b / (1 - b2**t)) + 1e-8)
    rows = {f: [round(float(v), 3) for v in w[i]] for f, i in index.items()}
    rows = {f: r for f, r in rows.items() if max(abs(v) for v in r) >= PRUNE}
    return {"b": [round(float(v), 3) for v in b], "w": rows}


def _drop(feats: dict[str, float], prefixes: tuple[str, ...]) -> dict[str, float]:
    return {k: v for k, v in feats.items() if not k.startswith(prefixes)} if prefixes else feats


BOOST = 0.0  # extra weight of a company whose role the rules got wrong


def _boosted(feats: list[dict[str, float]], y: list[int]) -> list[float] | None:
    if not BOOST:
        return None
    return [
        1.0 + BOOST * (f"rule={tagger.ROLES[label]}" not in f)
        for f, label in zip(feats, y, strict=True)
    ]


def train(
    data: list[dict[str, Any]], l2: float = 1e-3, drop: tuple[str, ...] = ()
) -> dict[str, Any]:
    pf = [_drop(f, drop) for d in data for f in d["pf"]]
    py = [y for d in data for y in d["py"]]
    mf = [f for d in data for f in d["mf"]]
    my = [y for d in data for y in d["my"]]
    tf = [d["tf"] for d in data if d["tf"]]
    ty = [d["fy"] for d in data if d["tf"]]
    return {
        "family": _fit(tf, ty, len(tagger.DEAL_FAMILIES), l2 * 10),
        "party": _fit(pf, py, len(tagger.ROLES), l2, weights=_boosted(pf, py)),
        "money": _fit(mf, my, len(tagger.SLOTS), l2),
    }


def apply(d: dict[str, Any], model: dict[str, Any], use: dict[str, bool]) -> dict[str, Any]:
    """The text's prediction with the model's decisions in place of the rules' (offline)."""
    pred = dict(d["pred"])
    if use.get("hybrid_parties") and d["pf"]:
        p = [tagger.probs(model["party"], f) for f in d["pf"]]
        keys = [(e["organization"], e["mentioned_as"]) for e in d["ents"]]
        rule = {}
        for q in pred.get("parties", []):
            for i, e in enumerate(d["ents"]):
                if e["organization"] == q["organization"] and (
                    e["organization"] or e["mentioned_as"] == q["mentioned_as"]
                ):
                    rule[i] = q["role"]
                    break
        if len(rule) == len(pred.get("parties", [])):
            chosen = tagger.hybrid_parties(p, rule, use["hybrid_parties"])
            pred["parties"] = [{**d["ents"][i], "role": r} for i, r in chosen]
        del keys
    if use.get("hybrid_amounts") and d["mf"] and d["kind"]:
        p = [tagger.probs(model["money"], f) for f in d["mf"]]
        cand = Candidate(d["kind"], fields=dict(d["fields"]))
        veto, sure = use["hybrid_amounts"]
        tagger.hybrid_amounts(cand, p, d["money"], veto, sure)
        for name in SLOT_NAMES:
            pred[name] = cand.fields.get(name)
        if d["kind"] == "investment":
            pred["total"] = cand.fields.get("amount")
    if use.get("family") and d["tf"]:
        p = tagger.probs(model["family"], d["tf"])
        rule = []
        for q in pred.get("parties", []):
            rule.append((q, q["role"], 0.5))
        pred["parties"] = [{**q, "role": r} for q, r, _ in tagger.renamed(rule, p, use["family"])]
    if use.get("mixed_amounts") and d["mf"] and d["kind"]:
        p = [tagger.probs(model["money"], f) for f in d["mf"]]
        cand = Candidate(d["kind"], fields=dict(d["fields"]))
        tagger.mixed_amounts(cand, p, d["money"], use["mixed_amounts"])
        for name in (*SLOT_NAMES, "currency"):
            pred[name] = cand.fields.get(name)
        if d["kind"] == "investment":
            pred["total"] = cand.fields.get("amount")
    if use.get("parties") and d["pf"]:
        p = [tagger.probs(model["party"], f) for f in d["pf"]]
        fixed = d["family"] if d["family"] == "investment" or use.get("keep") else None
        chosen = tagger.decode_parties(p, fixed, ("licence", "acquisition", "partner"))
        pred["parties"] = [{**d["ents"][i], "role": r} for i, r in chosen]
    if use.get("amounts") and d["mf"] and d["kind"]:
        p = [tagger.probs(model["money"], f) for f in d["mf"]]
        cand = Candidate(d["kind"], fields=dict(d["fields"]))
        chosen = tagger.decode_amounts(p, d["money"], 0.5, d["fields"].get("currency"))
        tagger.apply_amounts(cand, chosen)
        for name in (*SLOT_NAMES, "currency"):
            pred[name] = cand.fields.get(name)
        if d["kind"] == "investment":
            pred["total"] = cand.fields.get("amount")
    return pred


def tally(data: list[dict[str, Any]], preds: list[dict[str, Any]]) -> dict[str, float]:
    deals = right = tp = n_pred = n_true = amt = 0
    for d, pred in zip(data, preds, strict=True):
        truth = d["row"]["truth"]
        s = ingest.score(truth, pred)
        ok = ingest.deal_right(truth, pred, s)
        a, b, c = s["parties"]
        tp, n_pred, n_true = tp + a, n_pred + b, n_true + c
        amt += all(s[n][0] == 1 or (s[n][1] == 0 and s[n][2] == 0) for n in SLOT_NAMES)
        if truth["kind"] == "deal":
            deals += 1
            right += ok
    f1 = 2 * tp / (n_pred + n_true) if n_pred + n_true else 0.0
    return {"deals": deals, "right": right, "f1": f1, "amt": amt / max(1, len(data))}


DROP: tuple[str, ...] = ()
# What the cross-validation adopted (pooled deals right above the rules', see the README):
# the party model overruling a role only when it is 90% sure, and moving one of two parties
# the rules put on the same side. The family and amount models stay off (they won on the
# splits the rules were never tuned on, test11 and dev3, and lost more on the others).
ADOPTED: dict[str, Any] = {"parties": 0.9, "family": None, "amounts": None}
VARIANTS = {
    "rules": {},
    "parties .9 (adopted)": {"hybrid_parties": 0.9},
    "parties full": {"parties": True},
    "family .9": {"family": 0.9},
    "amounts full": {"amounts": True},
    "amounts keep .5": {"mixed_amounts": 0.5},
    "parties .9 + amounts keep .5": {"hybrid_parties": 0.9, "mixed_amounts": 0.5},
}


def cached() -> list[dict[str, Any]]:
    """The collected texts, kept in /tmp between runs of the same code and data."""
    import hashlib
    import pickle

    src = (
        b"".join(p.read_bytes() for p in sorted((ROOT / "dari" / "extraction").glob("*.py")))
        + ingest.TEXTS.read_bytes()
        + Path(__file__).read_bytes()
    )
    path = Path("/tmp") / f"tagger-{hashlib.sha1(src).hexdigest()[:12]}.pickle"
    if path.exists():
        return pickle.loads(path.read_bytes())
    data = collect(ingest.training_rows(), ingest.gazetteer())
    path.write_bytes(pickle.dumps(data))
    return data


def cv(variants: dict[str, dict[str, Any]] = VARIANTS) -> None:
    data = cached()
    print("Leave-one-split-out CV of the tagger (trained on the other splits): deals right,")
    print("parties F1, share of texts with all three amounts right.\n")
    print("| held out | deals | " + " | ".join(variants) + " |")
    print("|---|---|" + "---|" * len(variants))
    pooled = {v: [0, 0] for v in variants}
    for split in ingest.TRAINING:
        part = [d for d in data if d["row"]["split"] == split]
        if not part:
            continue
        model = train([d for d in data if d["row"]["split"] != split], drop=DROP)
        cells = []
        for name, use in variants.items():
            t = tally(part, [apply(d, model, use) for d in part])
            pooled[name][0] += t["right"]
            pooled[name][1] += t["deals"]
            share = t["right"] / max(1, t["deals"])
            cells.append(f"{share:.2f} / {t['f1']:.2f} / {t['amt']:.2f}")
        n_deals = sum(1 for d in part if d["row"]["truth"]["kind"] == "deal")
        print(f"| {split} | {n_deals} | " + " | ".join(cells) + " |")
    print(
        "| pooled deals right | | "
        + " | ".join(f"{r / n:.3f} ({r})" for r, n in pooled.values())
        + " |"
    )


def main() -> None:
    data = cached()
    model = train(data)
    parts = {"parties": "party", "family": "family", "amounts": "money"}
    model = {parts[k]: model[parts[k]] for k, on in ADOPTED.items() if on is not None}
    model["use"] = ADOPTED
    tagger.WEIGHTS.write_text(
        json.dumps(model, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    print(f"wrote {tagger.WEIGHTS.relative_to(ROOT)}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--cv"]:
        import os

        BOOST = float(os.environ.get("TAGGER_BOOST", "0"))
        DROP = tuple(sys.argv[2:])
        cv()
    else:
        main()
