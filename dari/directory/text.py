"""Search tokens for Korean and English text (kiwipiepy morphemes for Hangul, words otherwise).

Stored tokens are lower-case and space-separated with a leading and trailing space, so a query
token matches by substring on both SQLite and PostgreSQL without full-text extensions.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from typing import Any

from dari.matching.text import korean_analyser

_HANGUL_RUN = re.compile(r"[\uac00-\ud7a3\u3131-\u318e][\uac00-\ud7a3\u3131-\u318e\s]*")
_WORD = re.compile(r"[0-9a-z\uac00-\ud7a3]+(?:[-.][0-9a-z]+)*")
# Content morphemes: nouns, numerals, pronouns, verb/adjective stems, roots, adverbs.
_KEEP_TAGS = ("NN", "NR", "NP", "VV", "VA", "XR", "MAG")
_lock = threading.Lock()


def _kiwi() -> Any:
    return korean_analyser()  # one analyser per process, shared with the recommender


# The content morphemes of the runs this process has analysed: kiwi's answer depends on the run
# alone, and the same texts come back (every import of the bundled dataset re-indexes its
# records, the demo among them). Emptied when it would outgrow its bound.
_MEMO: dict[str, tuple[str, ...]] = {}
_MEMO_MAX = 200_000


def _korean_tokens(runs: Sequence[str]) -> list[list[str]]:
    """Content morphemes of each Hangul run (batched: kiwi is much faster on lists)."""
    if not runs:
        return []
    with _lock:  # Kiwi is not documented as thread-safe.
        known = {run: _MEMO[run] for run in runs if run in _MEMO}
        new = [run for run in dict.fromkeys(runs) if run not in known]
        if new:
            for run, ms in zip(new, _kiwi().tokenize(new), strict=True):
                known[run] = tuple(m.form for m in ms if m.tag.startswith(_KEEP_TAGS))
            if len(_MEMO) + len(new) > _MEMO_MAX:
                _MEMO.clear()
            _MEMO.update((run, known[run]) for run in new)
    return [list(known[run]) for run in runs]


def tokens_many(texts: Sequence[str]) -> list[list[str]]:
    """The search tokens of each text, in order, lower-cased."""
    lowered = [t.lower() for t in texts]
    runs = [" ".join(m.strip() for m in _HANGUL_RUN.findall(t)) for t in lowered]
    korean = iter(_korean_tokens([r for r in runs if r]))
    out = []
    for text, run in zip(lowered, runs, strict=True):
        words = _WORD.findall(text)
        out.append(next(korean) + words if run else words)
    return out


def tokens(text: str) -> list[str]:
    """The search tokens of one text."""
    return tokens_many([text])[0]


def search_texts(texts: Sequence[str]) -> list[str]:
    """The stored search field of each text: its unique tokens between spaces."""
    return [" " + " ".join(dict.fromkeys(toks)) + " " for toks in tokens_many(texts)]
