"""Evidence spans cover whole words: the rules match stems ("licens", "royalt"), and a curator
is shown what the text says ("license", "royalties")."""

from __future__ import annotations

from dari.extraction import extract
from dari.extraction.gazetteer import Entry, Gazetteer


def _gazetteer() -> Gazetteer:
    return Gazetteer(
        [
            Entry("organization", "acmebio", "Acmebio", "KR", ()),
            Entry("organization", "norvexa", "Norvexa Pharma", "US", ()),
        ]
    )


TEXT = (
    "Acmebio signed an exclusive license agreement with Norvexa Pharma for its antibody. "
    "Norvexa Pharma will pay an upfront payment of $10 million and royalties on net sales."
)


def test_evidence_spans_are_whole_words():
    (cand,) = extract(TEXT, _gazetteer())
    for name, spans in cand.spans.items():
        for start, end in spans:
            piece = TEXT[start:end]
            assert not (start > 0 and TEXT[start - 1].isalpha() and piece[:1].isalpha()), name
            assert not (end < len(TEXT) and TEXT[end].isalpha() and piece[-1:].isalpha()), name
    assert "royalties" in cand.evidence["royalties"]
    assert cand.evidence["deal_type"].lower().startswith("license")
