"""A unit named after its parent is not the parent: "Celltrion Healthcare", "HLB USA",
"Takeda Oncology", "Boryung Partners".

The gazetteer matches the longest graph name it knows, so where the graph holds the parent
only, "Celltrion Healthcare" is read as Celltrion and a deal of the unit is given to the
parent. A known name followed by a word that names a line of business, a place of business or
an investing arm (not a corporate ending a company takes for its own name: "Pharm", "Bio",
"Therapeutics", "Inc.") is the unit's own name: its graph entry when the graph holds it under a
close spelling ("HLB LifeScience" for HLB Life Science), else a new organisation. Plain Python.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from dari.extraction.gazetteer import Gazetteer
from dari.extraction.model import Mention

# words no company takes as its own ending: a unit's line or place of business, or an
# investing arm. "Korea", "UK", "Japan" are left out: "MSD Korea", "AstraZeneca UK" are
# local offices the texts name for the parent.
_UNIT_WORD = (
    r"Healthcare|HealthCare|USA|America|Europe|Oncology|Vaccines|Pasteur|Consumer Health|"
    r"Partners|Ventures|Venture Fund|Venture Capital|Capital|Investments?|Biopharma|BioPharma|"
    r"LifeScience|Lifesciences|Financial|Securities|Asset Management|Private Equity|"
    # another business of a conglomerate ("Hanwha Engineering", "Lotte Foods")
    r"Electronics|Motors|Construction|Engineering|Steel|Telecom|Insurance|Bank|Energy|Materials|"
    r"Foods|Retail|Logistics|Heavy Industries|Shipbuilding"
)
# only the Korean groups' units take these: "Huons BioPharma", "Boryung Biopharma"; a foreign
# biotech's "I-Mab Biopharma" is its own full name
_KOREAN_GROUP_ONLY = {"biopharma", "lifescience", "lifesciences"}
_UNIT_AFTER = re.compile(
    r"((?:\s(?:" + _UNIT_WORD + r"))+)(?:,?\s(?:Inc\.?|Co\.,?\s?Ltd\.?|Co\.?|Ltd\.?|Corp\.?|LLC|"
    r"Corporation|Limited|plc|AG|GmbH))?(?![\w-])"
)
_US_MONEY = re.compile(r"\sUS\$")


def _own_word(entry_name: str, word: str) -> bool:
    """The word belongs to the parent's own name ("Biosciences" of LigaChem Biosciences)."""
    low = word.lower()
    return any(w.startswith(low) or low.startswith(w) for w in entry_name.lower().split())


def split(text: str, known: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """`known` with each parent's name that opens a unit's name read as the unit."""
    out: list[Mention] = []
    for m in known:
        unit = _UNIT_AFTER.match(text, m.end) if m.value[0] == "organization" else None
        if unit is None or _US_MONEY.match(text, m.end):
            out.append(m)
            continue
        word = unit.group(1).split()[0]
        parent = gazetteer.name(m.value)
        korean = gazetteer.country(m.value) == "KR"
        if _own_word(parent, word) or (word.lower() in _KOREAN_GROUP_ONLY and not korean):
            out.append(m)
            continue
        name = text[m.start : unit.end()]
        out.append(Mention(m.start, unit.end(), name, _graph_key(gazetteer, name), 0.7))
    return out


def _graph_key(gazetteer: Gazetteer, name: str) -> tuple[str, str | None]:
    """The unit's own graph entry under a close spelling, else none."""
    core = re.sub(r",?\s(?:Inc|Co|Ltd|Corp|LLC|Limited|plc|AG|GmbH)\.?.*$", "", name).lower()
    names = gazetteer.org_names()
    best = process.extractOne(core, list(names), scorer=fuzz.ratio, score_cutoff=92)
    if best and best[0].split()[0] == core.split()[0]:
        return names[best[0]]
    return ("organization", None)
