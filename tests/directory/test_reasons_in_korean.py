"""A Korean reader reads the reasons of what the demo shows in Korean: the partners of bundled
Korean assets and the trial sites of their asset pages, with no common English word left
untranslated (issue 15 part 3 follow-up: "payload", "inhibitor", "blood, brain, barrier" and
pipeline indications such as "HER2 tyrosine kinase domain-mutant non-squamous non-small cell
lung cancer" were shown in English).

What counts as a common English word is derived from the glossary (every word of its English
names: "cancer", "inhibitor", "receptor", "payload") plus a short list of function and
qualifier words written here; the engine never reads either list. Left out of the check, as
they would be on a Korean page too: a statement quoted verbatim (“...”), the names of
organisations and assets (proper nouns: "Kelun-Biotech ADC for solid tumours" is an asset's
name, "Enhertu (trastuzumab deruxtecan)" another), and symbols, codes and acronyms (a word
with a digit or a capital after its first letter: HER2, PD-1, TNF-alpha, mRNA, ADC)."""

from __future__ import annotations

import re

import pytest

from dari.directory.bundled import load_bundled_data
from dari.directory.domain.recommend import asset_profile, shared_index
from dari.directory.models import Asset, Organization
from dari.matching.glossary import glossary
from dari.trials.bundled import load_bundled_trials

STOP_WORDS = frozenset(
    """and or of in with for the to from after before by on at as against into
    prevention treatment patients adults children severe moderate mild early late advanced
    metastatic relapsed refractory positive negative first second line therapy disease
    diseases disorder disorders chronic acute""".split()
)

_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'&./+-]*")


def common_english_words() -> frozenset[str]:
    """Every word of four letters or more of the glossary's English names, and STOP_WORDS."""
    words = {
        piece
        for entry in glossary()
        for name in entry.english_names
        for piece in re.findall(r"[a-z0-9]+", name.lower())
        if piece.isalpha() and len(piece) >= 4
    }
    return frozenset(words | STOP_WORDS)


def english_left(text: str, names: re.Pattern[str], common: frozenset[str]) -> list[str]:
    """The common English words of a Korean text, quotes, names and symbols set aside."""
    text = names.sub(" ", re.sub("\u201c[^\u201d]*\u201d", " ", text))
    left = []
    for word in _WORD.findall(text):
        if any(ch.isdigit() for ch in word) or any(ch.isupper() for ch in word[1:]):
            continue  # a code, a symbol or an acronym
        left += [p for p in re.split(r"[-/'.&+]", word.lower()) if p in common]
    return left


def test_the_check_finds_what_it_should():
    """The check itself: English left in a Korean reason is found, names and symbols are not."""
    common = common_english_words()
    names = re.compile(re.escape("Kelun-Biotech ADC for solid tumours"))
    assert {"payload", "inhibitor", "cancer", "receptor", "with"} <= common
    found = english_left(
        "프로필과 핵심 용어 일치: payload, 억제제 · 자체 파이프라인에 non-small cell lung cancer "
        "대상 Kelun-Biotech ADC for solid tumours 보유 · 표적 HER2, TNF-alpha, PD-1 · "
        "\u201cWe license cancer assets\u201d",
        names,
        common,
    )
    assert found == ["payload", "small", "cell", "lung", "cancer"]


@pytest.mark.slow  # about a minute: partners and trial sites of a third of the Korean assets
@pytest.mark.django_db
def test_reasons_of_korean_assets_read_in_korean_leave_no_common_english_word():
    from django.utils import translation

    from dari.core.names import term_gist
    from dari.trials.domain.queries import sites_for_asset

    load_bundled_data()
    load_bundled_trials()
    index = shared_index("members")
    written = [
        *Organization.objects.values_list("name", flat=True),
        *Organization.objects.exclude(name_ko="").values_list("name_ko", flat=True),
        *Asset.objects.values_list("name", flat=True),
    ]
    names = re.compile("|".join(re.escape(n) for n in sorted(set(written), key=len, reverse=True)))
    common = common_english_words()
    korean_assets = Asset.objects.filter(organization__country="KR").order_by("pk")
    left: list[tuple[str, str, list[str]]] = []
    reasons = sites = 0
    with translation.override("ko"):
        for asset in list(korean_assets)[::3]:
            texts = [
                r
                for rec in index.recommend_partners(asset_profile(asset), top=10)
                for r in rec.reasons
            ]
            reasons += len(texts)
            indication, _phase, found = sites_for_asset(asset)
            if indication:  # the heading of the asset page's trial sites
                texts.append(term_gist(indication))
            sites += len(found)
            texts += [r for site in found for r in site.reasons]
            left += [(asset.pk, t, w) for t in texts if (w := english_left(t, names, common))]
    assert reasons > 1000
    assert sites > 20
    assert left == []
