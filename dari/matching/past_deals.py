"""Deal history as evidence (features hist_* and activity, see history.py): what a
licensee in-licensed before, from whom and where, for every organisation given an asset and
for every asset given an organisation, and the reasons it gives. An organisation with no
deal on record gets the filled mean (weights.fill_unknown)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from . import features as ft
from .fusion import HIST_KNOWN
from .history import (
    HISTORY_FEATURES,
    DealHistory,
    LicenseeHistory,
    Tally,
    saturate,
    target_key,
    target_keys,
)
from .profiles import AssetProfile
from .reasons import counted, country_name, label, org_name, render, target_term
from .reasons import since as since_year
from .registry import AssetQuery, FeatureGroup, Fired, Pair, PartnerQuery
from .weights import Features, explain_weight, fill_unknown

REASON_ORDER: tuple[str, ...] = (
    "hist_target",
    "hist_licensor",
    "hist_modality",
    "hist_area",
    "hist_country",
    "activity",
)
"""Most specific first: of history reasons resting on the same deals, the first is kept."""


def licensee_values(
    history: DealHistory,
    h: LicenseeHistory,
    asset: AssetProfile,
    country: str | None,
    keys: Sequence[tuple[str, ...]],
) -> dict[str, float]:
    """Values of the history features of one licensee for one asset."""
    values = {"activity": history.activity_of(h)}
    if asset.modality:
        values["hist_modality"] = history.affinity(h, "modality", asset.modality)
    if asset.therapeutic_area:
        values["hist_area"] = history.affinity(h, "area", asset.therapeutic_area)
    tally = history.target_tally(h, keys)
    if tally is not None:
        values["hist_target"] = saturate(tally.weight)
    if asset.organization_id in h.licensor:
        values["hist_licensor"] = saturate(h.licensor[asset.organization_id].weight)
    if country:
        values["hist_country"] = history.affinity(h, "country", country)
    return values


def for_partners(q: PartnerQuery) -> Features:
    """History features of every organisation slot for this asset."""
    n, corpus = q.n, q.corpus
    out: Features = {name: np.zeros(n) for name in HISTORY_FEATURES}
    history = corpus.history
    if not history:
        out[HIST_KNOWN] = np.zeros(n)
        return out
    slot_of = corpus.orgs.slot_of
    country = corpus.owner_country(q.asset.organization_id)
    known = np.zeros(n, dtype=bool)
    keys = target_keys(q.asset.targets)
    for licensee, h in history.by_licensee.items():
        slot = slot_of.get(licensee)
        if slot is None or slot >= n:
            continue
        known[slot] = True
        for name, value in licensee_values(history, h, q.asset, country, keys).items():
            out[name][slot] = value
    fill_unknown(out, known, corpus.orgs.alive[:n])
    # After the fill: the fusion's history channel reads real records only.
    out[HIST_KNOWN] = known.astype(np.float64)
    return out


def for_assets(q: AssetQuery) -> Features:
    """History features of every asset slot for this organisation (as licensee)."""
    n, corpus = q.n, q.corpus
    out: Features = {name: np.zeros(n) for name in HISTORY_FEATURES}
    h = corpus.history.by_licensee.get(q.org.id)
    if h is None:
        return out
    store = corpus.assets
    out["activity"] = np.full(n, corpus.history.activity_of(h))
    for name, table, codes, asset_codes in (
        ("hist_modality", h.modality, ft.MODALITY_CODE, store.modality),
        ("hist_area", h.area, ft.AREA_CODE, store.area),
    ):
        lookup = np.zeros(len(codes) + 1)  # index -1: asset without a value
        for value, tally in table.items():
            if value in codes:
                lookup[codes[value]] = saturate(tally.weight)
        out[name] = lookup[asset_codes[:n]]
    for key, tally in h.target.items():
        idx = store.targets.array(key)
        if len(idx):
            out["hist_target"][idx] = np.maximum(out["hist_target"][idx], saturate(tally.weight))
    owners = store.owner[:n]
    for licensor, tally in h.licensor.items():
        code = store.owners.get(licensor)
        if code is not None:
            out["hist_licensor"][owners == code] = saturate(tally.weight)
    if h.country:
        countries, country_codes = corpus.owner_countries()
        lookup = np.zeros(len(country_codes) + 1)
        for country, tally in h.country.items():
            if country in country_codes:
                lookup[country_codes[country]] = saturate(tally.weight)
        owner_values = lookup[countries]  # by owner code; -1 -> 0
        out["hist_country"] = np.where(owners >= 0, owner_values[owners], 0.0)
    return out


def reasons(p: Pair) -> Iterable[Fired]:
    """Reasons from past deals: what they in-licensed, from whom, where. When several
    reasons rest on exactly the same deals, only the most specific is given (REASON_ORDER),
    ranked by the strongest of them."""
    history = p.corpus.history
    h = history.by_licensee.get(p.org.id)
    if h is None:
        return
    asset, t = p.asset, p.templates
    country = p.corpus.owner_country(asset.organization_id)
    made: list[tuple[str, float, str, frozenset[int]]] = []

    def add(name: str, text: str, tally: Tally) -> None:
        weight = explain_weight(p.weights.of(name)) * p.value(name)
        made.append((name, weight, text, frozenset(id(r) for r in tally.records)))

    def since(tally: Tally) -> str:
        return since_year(tally.since())

    def examples(tally: Tally) -> str:
        return ", ".join(org_name(en, ko) for en, ko in tally.examples())

    for name, value, tallies in (
        ("hist_modality", asset.modality, h.modality),
        ("hist_area", asset.therapeutic_area, h.area),
    ):
        if value and value in tallies:
            tally = tallies[value]
            assets = counted(tally.count, "labelled_assets", what=label(value))
            text = render(t, name, assets=assets, since=since(tally), examples=examples(tally))
            add(name, text, tally)
    found = history.target_tally(h, target_keys(asset.targets))
    if found is not None:
        named = [x for x in asset.targets if h.target.get(target_key(x)) is found][:1]
        text = render(
            t,
            "hist_target",
            assets=counted(found.count, "assets"),
            target=", ".join(map(target_term, named)),
            since=since(found),
            examples=examples(found),
        )
        add("hist_target", text, found)
    if asset.organization_id in h.licensor:
        tally = h.licensor[asset.organization_id]
        text = render(
            t,
            "hist_licensor",
            licensor=examples(tally) or asset.organization_id,
            deals=counted(tally.count, "deals"),
            since=since(tally),
        )
        add("hist_licensor", text, tally)
    if country and country in h.country:
        tally = h.country[country]
        text = render(
            t,
            "hist_country",
            country=country_name(country),
            deals=counted(tally.count, "deals"),
            since=since(tally),
            examples=examples(tally),
        )
        add("hist_country", text, tally)
    if p.partner and p.value("activity") >= 0.5:
        deals = counted(h.total.count, "deals")
        add("activity", render(t, "activity", deals=deals, since=since(h.total)), h.total)
    groups: dict[frozenset[int], list[tuple[str, float, str]]] = {}
    for name, weight, text, records in made:
        groups.setdefault(records, []).append((name, weight, text))
    for entries in groups.values():
        name, _, text = min(entries, key=lambda e: REASON_ORDER.index(e[0]))
        yield (name, max(e[1] for e in entries), text)


PAST_DEALS = FeatureGroup("history", HISTORY_FEATURES, for_partners, for_assets, reasons)
