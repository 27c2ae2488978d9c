"""Partner recommendations that say why: a pure core (no Django, no other dari package).

index = Index(orgs, assets)                 # OrgProfile / AssetProfile lists
index.recommend_partners(asset, top=10)     # -> list[Recommendation]
index.recommend_assets(org, top=10)
index.upsert_org(org); index.remove_asset(asset_id)
"""

from .bm25 import BM25
from .embed import CachedEmbedder, Embedder, FakeEmbedder, UseEmbedder
from .fusion import FUSION, Fusion
from .history import HISTORY_FEATURES, DealHistory, DealRecord
from .index import Index
from .profiles import AssetProfile, OrgProfile, Recommendation
from .text import tokenize
from .weights import FEATURES, PIPELINE_FEATURES, STRUCTURED_FEATURES, Weights

__all__ = [
    "BM25",
    "FEATURES",
    "FUSION",
    "HISTORY_FEATURES",
    "PIPELINE_FEATURES",
    "STRUCTURED_FEATURES",
    "AssetProfile",
    "CachedEmbedder",
    "DealHistory",
    "DealRecord",
    "Embedder",
    "FakeEmbedder",
    "Fusion",
    "Index",
    "OrgProfile",
    "Recommendation",
    "UseEmbedder",
    "Weights",
    "tokenize",
]
