"""Reasons for one asset-organisation pair, from either viewpoint: every feature's reasons
(registry.Feature.reasons) in REASON_ORDER, then ordered by their weight in the score
(stable: equal weights keep REASON_ORDER). Given only for the candidates shown."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from .corpus import Corpus
from .documents import asset_query_text, asset_text, quote
from .past_deals import PAST_DEALS
from .pipelines import PIPELINES, best_asset
from .profiles import AssetProfile, OrgProfile
from .reasons import ASSET_REASONS, ASSET_REASONS_THIRD, PARTNER_REASONS, local_quote
from .registry import Fired, Pair
from .stated import STATED
from .text import surface_forms, tokenize
from .weights import Features

REASON_ORDER = (
    STATED["area"],
    STATED["modality"],
    STATED["stage"],
    STATED["deal"],
    STATED["target"],
    STATED["indication"],
    STATED["geography"],
    STATED["business"],
    STATED["kind"],
    PAST_DEALS,
    PIPELINES,
    STATED["bm25"],
    STATED["semantic"],
)
"""Order of reasons of equal weight."""


def ordered(fired: Iterable[Fired]) -> list[str]:
    return [text for _, _, text in sorted(fired, key=lambda item: -item[1])]


def explain(pair: Pair) -> list[str]:
    """Every feature's reasons; each feature sees the reasons given before it (`Pair.said`),
    so the shared terms leave out what the stage, history and pipeline reasons say."""
    fired: list[Fired] = []
    for feature in REASON_ORDER:
        fired.extend(feature.reasons(replace(pair, said=tuple(text for _, _, text in fired))))
    return ordered(fired)


class PartnerExplainer:
    """Reasons for organisations suggested for one asset (the query text tokenised once)."""

    def __init__(self, corpus: Corpus, asset: AssetProfile, *, members: bool) -> None:
        self.corpus, self.asset, self.members = corpus, asset, members
        text = asset_query_text(asset)
        self.query_tokens, self.surfaces = set(tokenize(text)), surface_forms(text)

    def reasons(self, slot: int, values: Features) -> list[str]:
        corpus, asset = self.corpus, self.asset
        org = corpus.orgs.profiles[slot]
        bm25 = corpus.orgs.bm25
        return explain(
            Pair(
                corpus=corpus,
                templates=PARTNER_REASONS,
                asset=asset,
                org=org,
                slot=slot,
                values=values,
                bm25=bm25,
                query_tokens=self.query_tokens,
                surfaces=self.surfaces,
                quote=_org_quote(org, self.query_tokens),
                partner=True,
                names_target=lambda key: all(bm25.contains(slot, tok) for tok in key),
                indication_hits=lambda ind: sum(bm25.contains(slot, tok) for tok in tokenize(ind)),
                pipeline=lambda feature: best_asset(
                    corpus, asset, org.id, feature, members=self.members
                ),
            )
        )


def _org_quote(org: OrgProfile, query_tokens: set[str]) -> str:
    """A quote from what the organisation seeks, else from its description."""
    field = "interest_description" if org.interest_description else "description"
    text = org.interest_description or org.description
    return local_quote("organization", field, org.id, text, quote(text, query_tokens))


def asset_reasons(
    corpus: Corpus,
    org: OrgProfile,
    slot: int,
    values: Features,
    query_tokens: set[str],
    *,
    members: bool = True,
    to_org: bool = True,
) -> list[str]:
    """Reasons for one asset suggested to `org` (whose query tokens are given), told to the
    organisation itself (`to_org`: "your profile") or to anyone else ("its profile")."""
    asset = corpus.assets.profiles[slot]
    return explain(
        Pair(
            corpus=corpus,
            templates=ASSET_REASONS if to_org else ASSET_REASONS_THIRD,
            asset=asset,
            org=org,
            slot=slot,
            values=values,
            bm25=corpus.assets.bm25,
            query_tokens=query_tokens,
            surfaces=surface_forms(asset_text(asset)),
            quote=local_quote(
                "asset",
                "description",
                asset.id,
                asset.description,
                quote(asset.description, query_tokens),
            ),
            partner=False,
            names_target=query_tokens.issuperset,
            indication_hits=lambda ind: len(query_tokens & set(tokenize(ind))),
            pipeline=lambda feature: best_asset(corpus, asset, org.id, feature, members=members),
        )
    )
