"""The pure core of the trials app: name keys for site resolution, the condition glossary
(Korean and English) and the site finder's ranking. Plain Python; nothing of Django or dari."""

from dari.trials.engine.glossary import condition_terms
from dari.trials.engine.names import name_key
from dari.trials.engine.sitefinder import (
    Reason,
    SiteCounts,
    SiteFacts,
    SiteQuery,
    SiteScore,
    TrialFacts,
    count_trials,
    rank_sites,
)

__all__ = [
    "Reason",
    "SiteCounts",
    "SiteFacts",
    "SiteQuery",
    "SiteScore",
    "TrialFacts",
    "condition_terms",
    "count_trials",
    "name_key",
    "rank_sites",
]
