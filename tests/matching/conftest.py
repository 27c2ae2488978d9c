"""Small hand-made profiles shared by the matching tests (no database, no Django)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from dari.matching import AssetProfile, OrgProfile
from dari.matching import reasons as reasons_module


@pytest.fixture
def orgs() -> list[OrgProfile]:
    return [
        OrgProfile(
            id="onco-pharma",
            name="Onco Pharma",
            kind="pharma",
            country="GB",
            description="Global pharma company working on cancer medicines.",
            therapeutic_areas=("oncology", "immunology"),
            modalities=("antibody", "adc"),
            interest_therapeutic_areas=("oncology",),
            interest_modalities=("adc", "bispecific_antibody"),
            interest_stages=("phase1", "phase2"),
            interest_deal_types=("license", "co_development"),
            interest_description="We seek antibody-drug conjugates against HER2 and B7-H3 "
            "for solid tumours. Breast cancer is a priority.",
        ),
        OrgProfile(
            id="metabolic-pharma",
            name="Metabolic Pharma",
            kind="pharma",
            country="DK",
            description="Leader in diabetes and obesity care.",
            therapeutic_areas=("metabolic",),
            modalities=("protein_peptide",),
            interest_therapeutic_areas=("metabolic", "cardiovascular"),
            interest_modalities=("protein_peptide", "small_molecule"),
            interest_deal_types=("license",),
            interest_description="Oral GLP-1 agonists and new mechanisms for obesity.",
        ),
        OrgProfile(
            id="neuro-biotech",
            name="Neuro Biotech",
            kind="biotech",
            country="US",
            description="Gene therapies for neurodegenerative disease.",
            therapeutic_areas=("neurology",),
            modalities=("gene_therapy",),
            interest_description="Partners for Parkinson's disease gene therapy.",
        ),
        OrgProfile(
            id="kr-biotech",
            name="K Biotech",
            kind="biotech",
            country="KR",
            description="Korean biotech developing ADCs for cancer.",
            therapeutic_areas=("oncology",),
            modalities=("adc",),
        ),
    ]


@pytest.fixture
def assets() -> list[AssetProfile]:
    return [
        AssetProfile(
            id="her2-adc",
            organization_id="kr-biotech",
            name="KB-101",
            description="HER2-targeting antibody-drug conjugate for metastatic breast cancer.",
            therapeutic_area="oncology",
            modality="adc",
            stage="phase1",
            targets=("HER2",),
            indications=("breast cancer",),
            seeking=("license",),
            territories=("global ex-KR",),
        ),
        AssetProfile(
            id="glp1-oral",
            organization_id="kr-biotech",
            name="KB-202",
            description="Oral small-molecule GLP-1 receptor agonist for obesity.",
            therapeutic_area="metabolic",
            modality="small_molecule",
            stage="preclinical",
            targets=("GLP-1R",),
            indications=("obesity",),
            seeking=("license",),
        ),
        AssetProfile(
            id="pd-gene",
            organization_id="onco-pharma",
            name="OP-3",
            description="AAV gene therapy for Parkinson's disease.",
            therapeutic_area="neurology",
            modality="gene_therapy",
            stage="preclinical",
            seeking=("co_development",),
        ),
    ]


@pytest.fixture(autouse=True)
def english_reasons() -> Iterator[None]:
    """The core's own tests read English reasons, whatever translator the web app installed
    (its gettext follows the language a Django test in the same session left active)."""
    saved = reasons_module.set_translator(None)
    saved_terms = reasons_module.set_term_translator(None)
    yield
    reasons_module.set_translator(saved)
    reasons_module.set_term_translator(saved_terms)
