"""The features of stated focus, partnering terms and text, each defined in one place: its
value for every organisation given an asset, for every asset given an organisation, and
its reason. Values are in [0, 1]:

- bm25: BM25 of the query profile's text against the candidate's, divided by the best
  BM25 of this query (so 1 for the best textual match).
- semantic: cosine of the multilingual sentence embeddings (clipped at 0), divided by
  the best cosine of this query. This is what lets Korean text match English text.
- area, modality: vocabulary matches (see features.py; related areas and modalities count
  half); NEUTRAL when one side says nothing.
- stage, deal, geography: restrictions (stages licensed, deal types sought, territories on
  offer): 0 only when one side states them and they leave the other out; OPEN (1) when
  either side is silent.
- target: 1 when one of the asset's targets is named in the organisation's text.
- indication: idf-weighted share of the words of the asset's best indication that the
  organisation's text contains.
- kind: how usual this kind of organisation is for the deal types the asset seeks.
- business: 0 when the asset belongs to a line of business (a biosimilar, see
  features.BUSINESS_LINES) that the organisation's text never names, else 1.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Sequence

import numpy as np
from numpy.typing import NDArray

from . import features as ft
from .bm25 import BM25
from .documents import business_lines_of
from .history import target_keys
from .keyterms import is_shown_term
from .reasons import country_name, english_label, join_labels, label, render, target_term, term
from .registry import AssetQuery, Feature, Fired, Pair, PartnerQuery
from .shared_terms import shared_terms
from .text import tokenize
from .weights import explain_weight, normalise_by_max

Values = NDArray[np.float64]


# ---- vectorised building blocks --------------------------------------------------------
def vocab_values(
    bit: int, interest: NDArray[np.int64], focus: NDArray[np.int64], related: int
) -> Values:
    """A vocabulary value of every organisation slot for one asset value (its `bit`)."""
    n = len(interest)
    if not bit:
        return np.full(n, ft.NEUTRAL)
    either = interest | focus
    result: Values = np.where(
        (interest & bit) != 0,
        1.0,
        np.where(
            (focus & bit) != 0,
            ft.FOCUS_ONLY,
            np.where(
                (either & related) != 0,
                ft.RELATED_MODALITY,
                np.where(either == 0, ft.NEUTRAL, 0.0),
            ),
        ),
    )
    return result


def vocab_values_rev(
    bits: NDArray[np.int64], interest: int, focus: int, related: NDArray[np.int64]
) -> Values:
    """A vocabulary value of every asset slot for one organisation's stated masks."""
    n = len(bits)
    if not (interest | focus):
        return np.full(n, ft.NEUTRAL)
    either = interest | focus
    related_hit = (related & either) != 0
    result: Values = np.where(
        bits == 0,
        ft.NEUTRAL,
        np.where(
            (bits & interest) != 0,
            1.0,
            np.where(
                (bits & focus) != 0,
                ft.FOCUS_ONLY,
                np.where(related_hit, ft.RELATED_MODALITY, 0.0),
            ),
        ),
    )
    return result


def restriction(stated: NDArray[np.int64], wanted: int, near: int = 0) -> Values:
    """A restriction feature (stages licensed, deal types sought) for every slot: 1 where
    the slot's stated bits meet `wanted`, ADJACENT_STAGE where they meet `near`, 0 where
    they say something else; OPEN where either side states nothing."""
    if not wanted:
        return np.full(len(stated), ft.OPEN)
    result: Values = np.where(
        stated == 0,
        ft.OPEN,
        np.where(
            (stated & wanted) != 0,
            1.0,
            np.where((stated & near) != 0, ft.ADJACENT_STAGE, 0.0),
        ),
    )
    return result


def naming_any(bm25: BM25, lines: Sequence[str], n: int) -> Values:
    """1.0 for the slots whose text names one of these business lines, else 0.0."""
    found = np.zeros(n)
    for line in lines:
        for token in ft.BUSINESS_LINES[line]:
            slots, _ = bm25.posting(token)
            found[slots[slots < n]] = 1.0
    return found


def docs_with_all(bm25: BM25, key: tuple[str, ...], n: int) -> Values:
    """1.0 for the slots whose text has every token of `key`."""
    counts = np.zeros(n)
    for token in key:
        slots, _ = bm25.posting(token)
        counts[slots[slots < n]] += 1.0
    result: Values = (counts == len(key)).astype(np.float64)
    return result


def indication_share(bm25: BM25, key: tuple[str, ...], n: int) -> Values:
    """idf-weighted share of the words of indication `key` that each slot's text has."""
    weights = [bm25.idf(token) for token in key]
    total = sum(weights)
    share = np.zeros(n)
    if total <= 0:
        return share
    for token, weight in zip(key, weights, strict=True):
        slots, _ = bm25.posting(token)
        share[slots[slots < n]] += weight / total
    return share


def share(query: tuple[str, ...], key: Container[str], bm25: BM25) -> float:
    """idf-weighted share of the words of indication `query` that indication `key` has."""
    weights = {t: bm25.idf(t) for t in query}
    total = sum(weights.values())
    return sum(w for t, w in weights.items() if t in key) / total if total > 0 else 0.0


# ---- text -----------------------------------------------------------------------------
def _bm25_partners(q: PartnerQuery) -> Values:
    return normalise_by_max(q.corpus.orgs.bm25.scores(q.tokens, q.n))


def _bm25_assets(q: AssetQuery) -> Values:
    return normalise_by_max(q.corpus.assets.bm25.scores(q.tokens, q.n))


def _bm25_reasons(p: Pair) -> Iterable[Fired]:
    w, value = p.weights.bm25, p.value("bm25")
    if not (w and value >= 0.3):
        return
    # Words the area, modality and target reasons already name are not repeated here, nor
    # places (where an organisation is has its own reason).
    labels = [english_label(v) for v in (p.asset.therapeutic_area, p.asset.modality) if v]
    named = tokenize(" ".join(labels + list(p.asset.targets)))
    # Nor the parties' own names: a profile that names its partner "ABL Bio" shares "ABL"
    # with every asset of ABL Bio, which says nothing of what the asset does.
    owner_slot = p.corpus.orgs.slot_of.get(p.asset.organization_id)
    owner = p.corpus.orgs.profiles.get(owner_slot) if owner_slot is not None else None
    owner_name = owner.name if owner is not None else ""
    owner_id = p.asset.organization_id.replace("-", " ")
    parties = set(tokenize(f"{p.org.name} {owner_name} {owner_id}"))
    tokens = [
        token
        for token, _ in p.bm25.contributions(list(p.query_tokens), p.slot)
        if is_shown_term(token)
        and token not in named
        and token not in ft.PLACE_WORDS
        and token not in parties
    ][:4]
    # Shown as the reader names them: a concept once (in Korean through the glossary), a
    # company both name by its name, nothing another reason says (dari.matching.shared_terms).
    shown = shared_terms(p, tokens, parties)
    if shown:
        yield ("terms", w * value, render(p.templates, "terms", terms=", ".join(shown)))


def _semantic_partners(q: PartnerQuery) -> Values:
    return normalise_by_max(q.cosine)


def _semantic_assets(q: AssetQuery) -> Values:
    return normalise_by_max(q.cosine)


def _semantic_reasons(p: Pair) -> Iterable[Fired]:
    w, value, cosine = p.weights.semantic, p.value("semantic"), p.value("cosine")
    if w and value >= 0.85 and cosine >= p.weights.semantic_reason_min_cosine and p.quote:
        yield ("semantic", w * value, render(p.templates, "semantic", quote=p.quote))


# ---- therapeutic area and modality ------------------------------------------------------
def _area_partners(q: PartnerQuery) -> Values:
    store, n, area = q.corpus.orgs, q.n, q.asset.therapeutic_area or ""
    return vocab_values(
        ft.AREA_BIT.get(area, 0),
        store.area_interest[:n],
        store.area_focus[:n],
        ft.RELATED_AREA_MASK.get(area, 0),
    )


def _area_assets(q: AssetQuery) -> Values:
    store, n = q.corpus.assets, q.n
    return vocab_values_rev(
        store.area_bits[:n],
        ft.mask_of(q.org.interest_therapeutic_areas, ft.AREA_BIT),
        ft.mask_of(q.org.therapeutic_areas, ft.AREA_BIT),
        ft.RELATED_AREA_BY_CODE[store.area[:n]],
    )


def _modality_partners(q: PartnerQuery) -> Values:
    store, n, modality = q.corpus.orgs, q.n, q.asset.modality or ""
    return vocab_values(
        ft.MODALITY_BIT.get(modality, 0),
        store.mod_interest[:n],
        store.mod_focus[:n],
        ft.FAMILY_MASK.get(modality, 0),
    )


def _modality_assets(q: AssetQuery) -> Values:
    store, n = q.corpus.assets, q.n
    return vocab_values_rev(
        store.mod_bits[:n],
        ft.mask_of(q.org.interest_modalities, ft.MODALITY_BIT),
        ft.mask_of(q.org.modalities, ft.MODALITY_BIT),
        store.family_bits[:n],
    )


def _area_and_modality(p: Pair) -> Fired | None:
    """One reason for both when area and modality match at the same level (both in the
    stated interests, or both in what they work on)."""
    w = p.weights
    area_v, mod_v = p.value("area"), p.value("modality")
    if not (w.area and w.modality) or area_v != mod_v:
        return None
    shown = {
        "area": label(p.asset.therapeutic_area or ""),
        "modality": label(p.asset.modality or ""),
    }
    if area_v == 1.0:
        text = render(p.templates, "area_modality_interest", **shown)
        return ("area_modality", w.area + w.modality, text)
    if area_v == ft.FOCUS_ONLY:
        text = render(p.templates, "area_modality_focus", **shown)
        return ("area_modality", (w.area + w.modality) * ft.FOCUS_ONLY, text)
    return None


def _vocab_reason(
    p: Pair, name: str, value_key: str, theirs: Sequence[str], bits: dict[str, int], related: int
) -> Iterable[Fired]:
    """The reason of one vocabulary feature: in their stated interests, in what they work
    on, or related to what they work on (naming theirs)."""
    weight, value = p.weights.of(name), p.value(name)
    if not weight:
        return
    shown = {name: label(value_key)}
    if value in (1.0, ft.FOCUS_ONLY):
        key = f"{name}_interest" if value == 1.0 else f"{name}_focus"
        yield (name, weight * value, render(p.templates, key, **shown))
    elif value == ft.RELATED_MODALITY:
        close = list(dict.fromkeys(v for v in theirs if bits.get(v, 0) & related))
        text = render(p.templates, f"{name}_related", **shown, theirs=join_labels(close))
        yield (name, weight * value, text)


def _area_reasons(p: Pair) -> Iterable[Fired]:
    both = _area_and_modality(p)
    if both is not None:
        yield both
        return
    area = p.asset.therapeutic_area or ""
    theirs = (*p.org.interest_therapeutic_areas, *p.org.therapeutic_areas)
    yield from _vocab_reason(
        p, "area", area, theirs, ft.AREA_BIT, ft.RELATED_AREA_MASK.get(area, 0)
    )


def _modality_reasons(p: Pair) -> Iterable[Fired]:
    if _area_and_modality(p) is not None:
        return  # given with the area
    modality = p.asset.modality or ""
    theirs = (*p.org.interest_modalities, *p.org.modalities)
    yield from _vocab_reason(
        p, "modality", modality, theirs, ft.MODALITY_BIT, ft.FAMILY_MASK.get(modality, 0)
    )


# ---- stage and deal type ------------------------------------------------------------------
def _stage_partners(q: PartnerQuery) -> Values:
    stage = q.asset.stage or ""
    return restriction(
        q.corpus.orgs.stages[: q.n], ft.STAGE_BIT.get(stage, 0), ft.adjacent_stage_mask(stage)
    )


def _stage_assets(q: AssetQuery) -> Values:
    adjacent = 0
    for stage in q.org.interest_stages:
        adjacent |= ft.adjacent_stage_mask(stage)
    wanted = ft.mask_of(q.org.interest_stages, ft.STAGE_BIT)
    return restriction(q.corpus.assets.stage_bits[: q.n], wanted, adjacent)


def _stage_reasons(p: Pair) -> Iterable[Fired]:
    w, value, stage = p.weights.stage, p.value("stage"), p.asset.stage or ""
    if w and value == 1.0 and p.org.interest_stages and p.asset.stage:
        yield ("stage", w, render(p.templates, "stage", stage=label(stage)))
    elif w and value == ft.ADJACENT_STAGE:
        theirs = join_labels(list(p.org.interest_stages))
        text = render(p.templates, "stage_adjacent", stage=label(stage), theirs=theirs)
        yield ("stage", w * value, text)


def _deal_partners(q: PartnerQuery) -> Values:
    return restriction(q.corpus.orgs.deals[: q.n], ft.mask_of(q.asset.seeking, ft.DEAL_BIT))


def _deal_assets(q: AssetQuery) -> Values:
    wanted = ft.mask_of(q.org.interest_deal_types, ft.DEAL_BIT)
    return restriction(q.corpus.assets.seeking[: q.n], wanted)


def _deal_reasons(p: Pair) -> Iterable[Fired]:
    common = [d for d in p.asset.seeking if d in p.org.interest_deal_types]
    if p.value("deal") == 1.0 and common:
        text = render(p.templates, "deal", deals=join_labels(common))
        yield ("deal", explain_weight(p.weights.deal), text)


# ---- named targets and indications ------------------------------------------------------
def _target_partners(q: PartnerQuery) -> Values:
    out = np.zeros(q.n)
    for key in target_keys(q.asset.targets):
        out = np.maximum(out, docs_with_all(q.corpus.orgs.bm25, key, q.n))
    return out


def _target_assets(q: AssetQuery) -> Values:
    out = np.zeros(q.n)
    targets = q.corpus.assets.targets
    for key in targets.candidates(q.token_set):
        if q.token_set.issuperset(key):
            out[targets.array(key)] = 1.0
    return out


def _target_reasons(p: Pair) -> Iterable[Fired]:
    # A shared target is concrete evidence: explained even when it does not steer the score.
    if p.value("target") == 1.0:
        keys = target_keys(p.asset.targets)
        named = [t for t, key in zip(p.asset.targets, keys, strict=False) if p.names_target(key)]
        text = render(p.templates, "target", targets=", ".join(map(target_term, named)))
        yield ("target", explain_weight(p.weights.target), text)


def _indication_partners(q: PartnerQuery) -> Values:
    out = np.zeros(q.n)
    for key in target_keys(q.asset.indications):
        out = np.maximum(out, indication_share(q.corpus.orgs.bm25, key, q.n))
    return out


def _indication_assets(q: AssetQuery) -> Values:
    out = np.zeros(q.n)
    store = q.corpus.assets
    for key in store.indications.candidates(q.token_set):
        slots = store.indications.array(key)
        value = share(key, q.token_set, store.bm25)
        out[slots] = np.maximum(out[slots], value)
    return out


def _indication_reasons(p: Pair) -> Iterable[Fired]:
    w, value = p.weights.indication, p.value("indication")
    if w and value >= ft.INDICATION_FIRE:
        best = max(p.asset.indications, key=p.indication_hits)
        yield ("indication", w * value, render(p.templates, "indication", indication=term(best)))


# ---- territories on offer ------------------------------------------------------------
def _geography_partners(q: PartnerQuery) -> Values:
    # No territory stated: nothing is ruled out (1.0 for all). A stated territory rules
    # out the organisations whose home country it leaves out (0.0).
    store = q.corpus.orgs
    territories = ft.parse_territories(q.asset.territories)
    if not territories.known:
        return np.full(q.n, ft.OPEN)
    codes = store.countries
    covered = np.zeros(len(codes) + 1)
    for country, code in codes.items():
        covered[code] = 1.0 if territories.covers(country) else 0.0
    covered[-1] = ft.NEUTRAL  # index -1: organisation without a country
    result: Values = covered[store.country[: q.n]]
    return result


def _geography_assets(q: AssetQuery) -> Values:
    store, n = q.corpus.assets, q.n
    country = (q.org.country or "").upper()
    if not country:  # as for partners: unknown country vs stated territory -> NEUTRAL
        return np.where(store.has_territory[:n] != 0, ft.NEUTRAL, ft.OPEN)
    covered = store.is_global[:n].astype(np.float64)
    include = store.territory_slots(country, exclude=False)
    if len(include):
        covered[include[include < n]] = 1.0
    exclude = store.territory_slots(country, exclude=True)
    if len(exclude):
        covered[exclude[exclude < n]] = 0.0
    result: Values = np.where(store.has_territory[:n] != 0, covered, ft.OPEN)
    return result


def _geography_reasons(p: Pair) -> Iterable[Fired]:
    w = p.weights.geography
    if (
        w
        and p.value("geography") == 1.0
        and p.org.country
        and ft.parse_territories(p.asset.territories).restricts
    ):
        territories = ", ".join(p.asset.territories)
        country = country_name(p.org.country.upper())
        text = render(p.templates, "geography", country=country, territories=territories)
        yield ("geography", w, text)


# ---- kind of organisation and line of business ------------------------------------------
def _kind_partners(q: PartnerQuery) -> Values:
    fits = np.zeros(len(ft.KIND_CODE) + 1)
    for kind, code in ft.KIND_CODE.items():
        fits[code] = ft.kind_fit(kind, q.asset.seeking)[0]
    result: Values = fits[q.corpus.orgs.kind[: q.n]]
    return result


def _kind_assets(q: AssetQuery) -> Values:
    seeking, kind = q.corpus.assets.seeking[: q.n], q.org.kind
    license_fit = ft.KIND_FIT["license"].get(kind, 0.0)
    sought_license = (seeking & ft.DEAL_BIT["license"]) != 0
    base = np.where((seeking == 0) | sought_license, license_fit, 0.0)
    others = np.zeros(q.n)
    for deal, bit in ft.DEAL_BIT.items():
        fit = ft.KIND_FIT.get(deal, {}).get(kind, 0.0)
        if fit and deal != "license":
            others = np.where((seeking & bit) != 0, np.maximum(others, fit), others)
    result: Values = np.maximum(base, others)
    return result


def _kind_reasons(p: Pair) -> Iterable[Fired]:
    value, deal = ft.kind_fit(p.org.kind, p.asset.seeking)
    if p.weights.kind and value >= 1.0:
        text = render(p.templates, "kind", kind=label(p.org.kind), deal=label(deal))
        yield ("kind", p.weights.kind * value, text)


def _business_partners(q: PartnerQuery) -> Values:
    lines = ft.business_lines(q.tokens)
    if not lines:
        return np.full(q.n, ft.OPEN)
    return naming_any(q.corpus.orgs.bm25, lines, q.n)


def _business_assets(q: AssetQuery) -> Values:
    # assets of a line of business the organisation never names are ruled out
    theirs = set(ft.business_lines(q.tokens))
    out = np.full(q.n, ft.OPEN)
    for line in ft.BUSINESS_LINES:
        if line not in theirs:
            out -= naming_any(q.corpus.assets.bm25, [line], q.n)
    result: Values = np.clip(out, 0.0, 1.0)
    return result


def _business_reasons(p: Pair) -> Iterable[Fired]:
    if p.weights.business and p.value("business") == 1.0:
        for line in business_lines_of(p.asset):
            yield (
                "business",
                p.weights.business,
                render(p.templates, "business", line=label(line)),
            )


STATED: dict[str, Feature] = {
    f.name: f
    for f in (
        Feature("bm25", _bm25_partners, _bm25_assets, _bm25_reasons),
        Feature("semantic", _semantic_partners, _semantic_assets, _semantic_reasons),
        Feature("area", _area_partners, _area_assets, _area_reasons),
        Feature("modality", _modality_partners, _modality_assets, _modality_reasons),
        Feature("stage", _stage_partners, _stage_assets, _stage_reasons),
        Feature("deal", _deal_partners, _deal_assets, _deal_reasons),
        Feature("target", _target_partners, _target_assets, _target_reasons),
        Feature("indication", _indication_partners, _indication_assets, _indication_reasons),
        Feature("geography", _geography_partners, _geography_assets, _geography_reasons),
        Feature("kind", _kind_partners, _kind_assets, _kind_reasons),
        Feature("business", _business_partners, _business_assets, _business_reasons),
    )
}
"""The features of text and stated focus by name, in the order of Weights."""
