"""A graph company written with its name split in two: "Kwang Dong Pharmaceutical" for
Kwangdong Pharmaceutical, "Dong Wha Pharmaceutical" for Dongwha (older releases romanise a
Korean name syllable by syllable). A proposed name the graph lacks takes the graph's entry when
joining two of its words gives a name the graph holds, with or without the corporate ending,
and only one entry answers. Plain Python.
"""

from __future__ import annotations

import re
from typing import Any

from dari.extraction.gazetteer import _SUFFIXES
from dari.extraction.model import Mention


def _joined(name: str) -> set[str]:
    """The name's lower-case forms with two neighbouring capitalised words joined."""
    out: set[str] = set()
    for form in {name, _SUFFIXES.sub("", name).strip(" ,.")}:
        words = form.split()
        for i in range(len(words) - 1):
            if words[i][:1].isupper() and words[i + 1][:1].isupper() and len(words[i]) <= 6:
                joined = words[:i] + [words[i] + words[i + 1].lower()] + words[i + 2 :]
                out.add(" ".join(joined).lower())
    return out


def resolve(gazetteer: Any, orgs: list[Mention]) -> list[Mention]:
    """`orgs` with each split name the graph holds joined given the graph's entry."""
    out = []
    for m in orgs:
        if m.value[1] is None and " " in m.text and not re.search(r"[가-힣]", m.text):
            keys = {gazetteer.forms[f] for f in _joined(m.text) if f in gazetteer.forms}
            if len(keys) == 1:
                m = Mention(m.start, m.end, m.text, keys.pop(), m.confidence)
        out.append(m)
    return out
