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

import json
import re
from pathlib import Path

import pytest

from dari.directory.bundled import load_bundled_data
from dari.directory.domain.recommend import asset_profile, shared_index
from dari.directory.models import Asset, Organization
from dari.matching.glossary import glossary
from dari.trials.bundled import load_bundled_trials

DATA = Path(__file__).resolve().parents[2] / "dari" / "data"

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


def test_a_quote_from_a_bundled_text_comes_from_its_korean_rendering():
    """A Korean reader reads a recommendation's quote from an asset's description in Korean
    (its bundled rendering), an English reader the English; an edited text, or a sentence the
    rendering cannot be aligned with, keeps the English quote."""
    from dari.core.names import KOREAN_QUOTE_LIMIT, descriptions_ko, local_quote
    from dari.matching.documents import quote

    english = next(
        r["description"]
        for r in json.loads((DATA / "assets_korea_2026b.json").read_text("utf-8"))["assets"]
        if r["id"] == "as-qurient-adrixetinib"
    )
    korean = descriptions_ko()["asset"]["as-qurient-adrixetinib"].text
    quoted = quote(english, {"axl", "mer"})
    assert quoted.startswith("Oral triple inhibitor of the Axl, Mer")
    args = ("asset", "description", "as-qurient-adrixetinib", english, quoted)
    in_korean = local_quote(*args, language="ko")
    assert in_korean == korean[:KOREAN_QUOTE_LIMIT].rsplit(" ", 1)[0].rstrip(",;:") + "\u2026"
    assert re.search("[가-힣]", in_korean) and len(in_korean) <= KOREAN_QUOTE_LIMIT + 1
    assert local_quote(*args, language="en") == quoted
    edited = english + " Edited."
    assert local_quote("asset", "description", args[2], edited, quoted, language="ko") == quoted
    # A record without a Korean rendering keeps the English quote.
    assert local_quote("asset", "description", "as-none", english, quoted, language="ko") == quoted


@pytest.mark.django_db
def test_suggested_assets_quote_their_description_in_korean_for_a_korean_reader():
    from django.utils import translation

    from dari.directory.domain.recommend import org_profile

    load_bundled_data()
    index = shared_index("members")
    gsk = org_profile(Organization.objects.get(pk="gsk"))
    with translation.override("ko"):
        korean = [r for rec in index.recommend_assets(gsk, top=10) for r in rec.reasons]
    with translation.override("en"):
        english = [r for rec in index.recommend_assets(gsk, top=10) for r in rec.reasons]
    quoted_ko = [re.search("\u201c([^\u201d]*)\u201d", r) for r in korean]
    quoted_en = [re.search("\u201c([^\u201d]*)\u201d", r) for r in english]
    assert [q.group(1) for q in quoted_en if q]  # the English reasons quote descriptions
    assert [q.group(1) for q in quoted_ko if q] != []
    assert [q.group(1) for q in quoted_ko if q and not re.search("[가-힣]", q.group(1))] == []


def test_a_deal_with_the_assets_owner_names_the_owner_as_such_in_korean():
    """ "보유 기관 X" alone read as the reader's own holding company: the owner is the asset's."""
    from django.utils import translation

    from dari.matching.reasons import ASSET_REASONS, ASSET_REASONS_THIRD

    with translation.override("ko"):
        for templates in (ASSET_REASONS, ASSET_REASONS_THIRD):
            text = translation.gettext(templates["hist_licensor"])
            assert "이 자산의 보유 기관인 {licensor}에서" in text
