"""Plain inputs and outputs of the matching core.

The Django layer builds these from the database (through the access funnel), so the
core only ever sees what it is handed here. Vocabularies follow dari-directory/1.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

THERAPEUTIC_AREAS: tuple[str, ...] = (
    "oncology",
    "immunology",
    "neurology",
    "psychiatry",
    "metabolic",
    "cardiovascular",
    "infectious_disease",
    "ophthalmology",
    "rare_disease",
    "respiratory",
    "dermatology",
    "hematology",
    "gastroenterology",
    "musculoskeletal",
    "renal",
    "womens_health",
    "other",
)
MODALITIES: tuple[str, ...] = (
    "small_molecule",
    "antibody",
    "bispecific_antibody",
    "adc",
    "protein_peptide",
    "cell_therapy",
    "gene_therapy",
    "rna",
    "vaccine",
    "platform_technology",
    "degrader",
    "microbiome",
    "radiopharmaceutical",
    "diagnostic",
    "medical_device",
    "digital_therapeutic",
    "other",
)
STAGES: tuple[str, ...] = (
    "discovery",
    "preclinical",
    "phase1",
    "phase2",
    "phase3",
    "filed",
    "approved",
    "platform",
)
DEAL_TYPES: tuple[str, ...] = (
    "license",
    "co_development",
    "option",
    "platform",
    "acquisition",
    "equity_investment",
    "research_collaboration",
    "manufacturing",
    "distribution",
)
ORG_KINDS: tuple[str, ...] = (
    "biotech",
    "pharma",
    "investor",
    "cro",
    "cdmo",
    "research_institute",
    "university",
    "hospital",
    "cluster_agency",
    "government",
    "association",
    "accelerator",
    "service_provider",
    "other",
)


@dataclass(frozen=True)
class AssetProfile:
    """A pipeline asset, as far as the caller may see it."""

    id: str
    organization_id: str
    name: str
    description: str = ""
    therapeutic_area: str | None = None
    modality: str | None = None
    stage: str | None = None
    targets: Sequence[str] = ()
    indications: Sequence[str] = ()
    seeking: Sequence[str] = ()
    """Deal types the owner is open to (dari-directory `partnering.seeking`)."""
    territories: Sequence[str] = ()
    """Territories on offer: ISO country codes, regions (EU, Asia) or 'global'/'ex-KR'."""
    available: bool = True
    """Offered for partnering; False (e.g. a pharma's marketed product): evidence of its
    owner's pipeline only, never suggested as an asset to look at."""
    public: bool = True
    """Visible to anyone (False: confirmed members only). As pipeline evidence for another
    organisation, a non-public asset is used only for signed-in readers."""


@dataclass(frozen=True)
class OrgProfile:
    """An organisation: what it does and what it says it seeks."""

    id: str
    name: str
    kind: str = "other"
    country: str | None = None
    description: str = ""
    name_ko: str = ""  # the Korean name ("" if none): indexed and shown to a Korean reader
    therapeutic_areas: Sequence[str] = ()
    modalities: Sequence[str] = ()
    interest_therapeutic_areas: Sequence[str] = ()
    interest_modalities: Sequence[str] = ()
    interest_stages: Sequence[str] = ()
    interest_deal_types: Sequence[str] = ()
    interest_description: str = ""


@dataclass(frozen=True)
class Recommendation:
    """One ranked suggestion: the id of an organisation or an asset, and why."""

    id: str
    score: float
    reasons: list[str] = field(default_factory=list)
