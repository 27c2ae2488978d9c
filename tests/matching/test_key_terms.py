"""Reasons never show a stop-word or a fragment as a "shared key term" (issue 15): checked
on every partner and asset suggestion of the bundled real data, against a reference list of
English stop-words written here independently of the engine's own filter."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from dari.matching import AssetProfile, FakeEmbedder, Index, OrgProfile
from dari.matching.keyterms import is_key_term
from dari.matching.reasons import ASSET_REASONS, PARTNER_REASONS

DATA = Path(__file__).resolve().parents[2] / "dari" / "data"

# A common English stop-word list (the function words of NLTK's list) and the words the
# issue saw on pages ("only", "built", "co", "activates"), with other generic verbs.
REFERENCE_STOPWORDS = frozenset(
    """i me my myself we our ours ourselves you your yours yourself he him his himself she
    her hers herself it its itself they them their theirs themselves what which who whom
    this that these those am is are was were be been being have has had having do does did
    doing a an the and but if or because as until while of at by for with about against
    between into through during before after above below to from up down in out on off over
    under again further then once here there when where why how all any both each few more
    most other some such no nor not only own same so than too very can will just don should
    now also may might must would could shall via within without upon across including
    built build builds activates activate activated develops developing developed uses used
    using based focused focuses seeks seeking offers provides include includes co ex non
    pre re""".split()
)


def _org(o: dict[str, Any]) -> OrgProfile:
    interests = o.get("interests") or {}
    return OrgProfile(
        id=o["id"],
        name=o["name"],
        kind=o.get("kind", "pharma"),
        country=o.get("country"),
        description=" ".join(p for p in (o.get("name_ko", ""), o.get("description", "")) if p),
        therapeutic_areas=tuple(o.get("therapeutic_areas", ())),
        modalities=tuple(o.get("modalities", ())),
        interest_therapeutic_areas=tuple(interests.get("therapeutic_areas", ())),
        interest_modalities=tuple(interests.get("modalities", ())),
        interest_stages=tuple(interests.get("stages", ())),
        interest_deal_types=tuple(interests.get("deal_types", ())),
        interest_description=interests.get("description", ""),
    )


def _asset(a: dict[str, Any]) -> AssetProfile:
    partnering = a.get("partnering") or {}
    return AssetProfile(
        id=a["id"],
        organization_id=a["organization"],
        name=a["name"],
        description=a.get("description", ""),
        therapeutic_area=a.get("therapeutic_area"),
        modality=a.get("modality"),
        stage=a.get("stage"),
        targets=tuple(a.get("targets", ())),
        indications=tuple(a.get("indications", ())),
        seeking=tuple(partnering.get("seeking", ())),
        territories=tuple(partnering.get("territories", ())),
        available=partnering.get("available", True) is not False,
    )


def _load(name: str, key: str) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads((DATA / name).read_text(encoding="utf-8"))[key]
    return data


@pytest.fixture(scope="module")
def bundled() -> tuple[Index, list[OrgProfile], list[AssetProfile]]:
    orgs = [
        _org(o)
        for name in ("organizations.json", "organizations_extra.json", "pipelines.json")
        for o in _load(name, "organizations")
    ]
    assets = [
        _asset(a) for name in ("assets.json", "pipelines.json") for a in _load(name, "assets")
    ]
    unique_orgs = list({o.id: o for o in orgs}.values())
    return Index(unique_orgs, assets, embedder=FakeEmbedder(64)), unique_orgs, assets


def _shown_terms(reasons: list[str], template: str) -> list[str]:
    prefix, _, suffix = template.partition("{terms}")
    pattern = re.compile(re.escape(prefix) + "(.*)" + re.escape(suffix) + "$")
    return [
        term.strip()
        for reason in reasons
        if (match := pattern.match(reason))
        for term in match.group(1).split(",")
    ]


def _bad(term: str) -> bool:
    word = term.lower().replace("-", "")
    fragment = len(word) < 3 and not any(ch.isdigit() for ch in word)
    return fragment or word.isdigit() or word in REFERENCE_STOPWORDS


def test_no_stopword_or_fragment_in_shared_terms_of_real_pairs(
    bundled: tuple[Index, list[OrgProfile], list[AssetProfile]],
) -> None:
    index, orgs, assets = bundled
    shown: list[str] = []
    for asset in assets:
        for rec in index.recommend_partners(asset, top=10):
            shown += _shown_terms(rec.reasons, PARTNER_REASONS["terms"])
    for org in orgs:
        for rec in index.recommend_assets(org, top=10):
            shown += _shown_terms(rec.reasons, ASSET_REASONS["terms"])
    assert len(shown) > 500  # many real pairs were explained by shared terms
    assert [t for t in shown if _bad(t)] == []


@pytest.mark.parametrize("word", ["only", "built", "co", "activates", "the", "7", "x"])
def test_a_stopword_or_fragment_is_never_a_key_term(word: str) -> None:
    token = word.removesuffix("s") if word == "activates" else word
    assert is_key_term(token) is False


@pytest.mark.parametrize("word", ["her2", "pdl1", "glp1", "obesity", "conjugate", "위암"])
def test_a_concrete_term_is_a_key_term(word: str) -> None:
    assert is_key_term(word) is True


def test_target_overlap_is_explained_even_without_weight(
    bundled: tuple[Index, list[OrgProfile], list[AssetProfile]],
) -> None:
    index, _orgs, assets = bundled
    her2 = next(a for a in assets if "HER2" in a.targets and a.available)
    reasons = [r for rec in index.recommend_partners(her2, top=20) for r in rec.reasons]
    assert [r for r in reasons if r.startswith("target HER2")] != []
