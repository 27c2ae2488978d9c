"""Every known party renamed: `python bench/ingest.py --unknown-all`.

The untouched splits name at least one party the graph lacks in nearly every deal, often
both. This probe renames EVERY party of a training deal that the graph knows (each form the
text uses: English and Korean names, short forms, the corporate ending kept) to its own
made-up name no list holds: a foreign-sounding one for a foreign company, a Korean-sounding
one for a Korean company, in the script of each mention ("Zorevi"/"조레비",
"Daonsel"/"다온셀"). The gazetteer cannot help at all: only where a name stands tells it.
Printed per language: deals whose parties are right as written, and right after renaming,
with the ids lost.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import ingest  # noqa: E402

from dari.extraction import extract  # noqa: E402

_HANGUL = re.compile(r"[가-힣]")
# the corporate ending a renamed mention keeps ("Hanmi Pharmaceutical" -> "Daonsel
# Pharmaceutical", "한미약품" -> "다온셀약품")
_LATIN_END = re.compile(
    r"(?:,?\s+(?:Inc\.?|Co\.,?\s*Ltd\.?|Co\.|Ltd\.?|Corporation|Corp\.?|AG|GmbH|plc|"
    r"Pharmaceuticals?|Pharma|Therapeutics|Biosciences?|Biologics|Biotech|Bio|Holdings))+$",
    re.IGNORECASE,
)
_KO_END = re.compile(
    r"(?:제약|약품|바이오로직스|바이오사이언스|바이오텍|바이오팜|바이오|테라퓨틱스|파마|"
    r"생명과학|헬스케어|홀딩스|\s*\(주\)|㈜)$"
)
# 셀트리온 in 셀트리온제약 or 에이치엘비 in 에이치엘비USA is a sister company: left alone
_KO_SISTER = (
    r"(?!제약|바이오|파마|홀딩스|헬스케어|인베스트먼트|생명과학|사이언스|셀|USA|\s?미국법인)"
)
_KO_START = re.compile(r"^(?:\(주\)|㈜)\s*")

# foreign-sounding: consonant-vowel syllables, Latin and Hangul side by side
_F_CONS = [("k", 15), ("l", 5), ("m", 6), ("n", 2), ("r", 5), ("s", 9), ("t", 16), ("v", 7),
           ("d", 3), ("z", 12)]  # fmt: skip
_F_VOW = [("a", 0), ("e", 5), ("i", 20), ("o", 8), ("u", 13)]
# Korean-sounding: syllables with a final consonant or none
_K_CONS = [("d", 3), ("h", 18), ("s", 9), ("b", 7), ("g", 0), ("j", 12), ("m", 6), ("n", 2),
           ("", 11)]  # fmt: skip
_K_VOW = [("a", 0), ("eo", 4), ("o", 8), ("u", 13), ("i", 20), ("ae", 1)]
_K_FIN = [("", 0), ("n", 4), ("m", 16), ("l", 8), ("ng", 21), ("t", 19)]


def _syllable(initial: int, medial: int, final: int = 0) -> str:
    return chr(0xAC00 + (initial * 21 + medial) * 28 + final)


def _candidates(seed: int = 7) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Made-up (Latin, Hangul) names, foreign-sounding and Korean-sounding, in a fixed order."""
    rnd = random.Random(seed)
    foreign, korean = [], []
    for _ in range(4000):
        parts = [(rnd.choice(_F_CONS), rnd.choice(_F_VOW)) for _ in range(3)]
        latin = "".join(c[0] + v[0] for c, v in parts).capitalize()
        foreign.append((latin, "".join(_syllable(c[1], v[1]) for c, v in parts)))
        ks = [(rnd.choice(_K_CONS), rnd.choice(_K_VOW), rnd.choice(_K_FIN)) for _ in range(3)]
        latin = "".join(c[0] + v[0] + f[0] for c, v, f in ks).capitalize()
        korean.append((latin, "".join(_syllable(c[1], v[1], f[1]) for c, v, f in ks)))
    return foreign, korean


class Names:
    """Hands out made-up names that no text, graph name or earlier made-up name contains,
    and that contain none of them."""

    def __init__(self, texts: list[str], gaz: Any):
        self.blob = "\n".join(texts).lower()
        self.graph = [f for f in gaz.forms if len(f) >= 3]
        self.gaz = gaz
        self.foreign, self.korean = _candidates()
        self.used: list[str] = []

    def _free(self, latin: str, hangul: str) -> bool:
        for name in (latin.lower(), hangul):
            if name in self.blob or any(name in u or u in name for u in self.used):
                return False
            if any(name in g or g in name for g in self.graph):
                return False
            if self.gaz.find(f" {latin} {hangul} "):
                return False
        return True

    def take(self, korean: bool) -> tuple[str, str]:
        pool = self.korean if korean else self.foreign
        while pool:
            latin, hangul = pool.pop(0)
            if self._free(latin, hangul):
                self.used += [latin.lower(), hangul]
                return latin, hangul
        raise RuntimeError("no made-up name left")


def _new_form(old: str, latin: str, hangul: str) -> str:
    if _HANGUL.search(old):
        start = _KO_START.match(old)
        end = _KO_END.search(old[start.end() if start else 0 :])
        return (start.group(0) if start else "") + hangul + (end.group(0) if end else "")
    end = _LATIN_END.search(old)
    return latin + (end.group(0) if end and end.start() > 0 else "")


def renamed_all(
    row: dict[str, Any], gaz: Any, names: Names
) -> tuple[str, dict[str, Any], dict[str, str]] | None:
    """The text with every known party renamed, the truth to match, and each made-up Latin
    form's Hangul twin (a name may be written in both scripts, "다온셀(Daonsel)")."""
    truth = row["truth"]
    ids = [p["organization"] for p in truth["parties"] if p.get("organization")]
    if not ids:
        return None
    text = row["text"]
    made: dict[str, tuple[str, str]] = {}
    for org in dict.fromkeys(ids):
        made[org] = names.take(_country(gaz, org) == "KR")
    # the forms the text uses: what the gazetteer finds, and what the extractor linked to
    # the graph as written, and the truth's own spelling (a transliteration no list holds,
    # "레오파마" for LEO Pharma, already found without the graph)
    forms: dict[str, str] = {}
    for m in gaz.find(text):
        if m.value[0] == "organization" and m.value[1] in made:
            forms[m.text] = m.value[1]
    for p in ingest.predicted(extract(text, gaz)).get("parties", []):
        if p.get("organization") in made and p.get("mentioned_as"):
            forms.setdefault(p["mentioned_as"], p["organization"])
    for p in truth["parties"]:  # a name the truth writes as the text does ("레오파마")
        if p.get("organization") in made and p.get("name") and p["name"] in text:
            forms.setdefault(p["name"], p["organization"])
    for form in sorted(forms, key=len, reverse=True):
        edge = "" if _HANGUL.search(form) else r"(?<![A-Za-z0-9])"
        tail = _KO_SISTER if _HANGUL.search(form) else r"(?![A-Za-z0-9])"
        new = _new_form(form, *made[forms[form]])
        text = re.sub(edge + re.escape(form) + tail, lambda _m, n=new: n, text)
    for _ in range(3):  # a renamed text may reveal a shorter known form
        found = [m for m in gaz.find(text) if m.value[0] == "organization" and m.value[1] in made]
        if not found:
            break
        for m in sorted(found, key=lambda m: -m.start):
            text = text[: m.start] + _new_form(m.text, *made[m.value[1]]) + text[m.end :]
    for latin, hangul in made.values():  # "세벨라(Norvexa)": the transliteration goes too
        text = re.sub(
            r"[가-힣][가-힣A-Za-z]*(?=\s?\(" + re.escape(latin) + ")",
            lambda m, h=hangul: _new_form(m.group(0), h, h),
            text,
        )
    hangul_text = bool(_HANGUL.search(text)) and row["lang"] == "ko"
    parties = []
    for p in truth["parties"]:
        if p.get("organization") in made:
            latin, hangul = made[p["organization"]]
            p = {**p, "organization": None, "name": hangul if hangul_text else latin}
        parties.append(p)
    twins = {latin.lower(): hangul for latin, hangul in made.values()}
    if not hangul_text:
        twins = {hangul: latin for latin, hangul in made.values()}
    return text, {**truth, "parties": parties}, twins


def _country(gaz: Any, org: str) -> str:
    return str(gaz.country(("organization", org)))


def _parties_right(text: str, truth: dict[str, Any], gaz: Any, twins: dict[str, str]) -> bool:
    pred = ingest.predicted(extract(text, gaz))
    parties = []
    for p in pred.get("parties", []):
        name = p.get("mentioned_as") or p.get("name") or ""
        for other, canon in twins.items():  # either script of a made-up name is that name
            name = re.sub(re.escape(other), canon, name, flags=re.IGNORECASE)
        parties.append({**p, "mentioned_as": name})
    tp, n_pred, n_true = ingest.score(truth, {**pred, "parties": parties})["parties"]
    return tp == n_pred == n_true


def main() -> None:
    rows = ingest.training_rows()  # the untouched splits are never probed (ids included)
    gaz = ingest.gazetteer()
    names = Names([r["text"] for r in rows], gaz)
    verbose = "-v" in sys.argv
    for lang in ("en", "ko"):
        total = before = after = 0
        lost, gained = [], []
        for row in rows:
            if row["lang"] != lang or row["truth"]["kind"] != "deal":
                continue
            probe = renamed_all(row, gaz, names)
            if probe is None:
                continue
            ok_before = _parties_right(row["text"], row["truth"], gaz, {})
            ok_after = _parties_right(probe[0], probe[1], gaz, probe[2])
            total += 1
            before += ok_before
            after += ok_after
            if ok_before and not ok_after:
                lost.append(row["id"])
                if verbose:
                    print(row["id"], probe[1]["parties"])
                    print(ingest.predicted(extract(probe[0], gaz)).get("parties"))
                    print(probe[0][:1500], "\n")
            if ok_after and not ok_before:
                gained.append(row["id"])
        print(f"{lang}, every known party renamed: {total} deals; parties right as written")
        print(f"    {before}, renamed {after}; lost {len(lost)}:", " ".join(lost) or "none")
        print(f"    right only renamed {len(gained)}:", " ".join(gained) or "none")


if __name__ == "__main__":
    main()
