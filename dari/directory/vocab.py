"""Controlled vocabularies of dari-directory/1 (layer 0: no model imports).

Values are the contract's snake_case strings; labels are translated for the interface.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class OrgKind(models.TextChoices):
    BIOTECH = "biotech", _("Biotech")
    PHARMA = "pharma", _("Pharma")
    INVESTOR = "investor", _("Investor")
    CRO = "cro", _("CRO")
    CDMO = "cdmo", _("CDMO")
    RESEARCH_INSTITUTE = "research_institute", _("Research institute")
    UNIVERSITY = "university", _("University")
    HOSPITAL = "hospital", _("Hospital")
    CLUSTER_AGENCY = "cluster_agency", _("Cluster agency")
    GOVERNMENT = "government", _("Government")
    ASSOCIATION = "association", _("Association")
    ACCELERATOR = "accelerator", _("Accelerator")
    SERVICE_PROVIDER = "service_provider", _("Service provider")
    OTHER = "other", pgettext_lazy("organisation kind", "Other")
    CLINICAL_TRIAL_CENTER = "clinical_trial_center", _("Clinical trial centre")


class TherapeuticArea(models.TextChoices):
    ONCOLOGY = "oncology", _("Oncology")
    IMMUNOLOGY = "immunology", _("Immunology")
    NEUROLOGY = "neurology", _("Neurology")
    PSYCHIATRY = "psychiatry", _("Psychiatry")
    METABOLIC = "metabolic", _("Metabolic")
    CARDIOVASCULAR = "cardiovascular", _("Cardiovascular")
    INFECTIOUS_DISEASE = "infectious_disease", _("Infectious disease")
    OPHTHALMOLOGY = "ophthalmology", _("Ophthalmology")
    RARE_DISEASE = "rare_disease", _("Rare disease")
    RESPIRATORY = "respiratory", _("Respiratory")
    DERMATOLOGY = "dermatology", _("Dermatology")
    HEMATOLOGY = "hematology", _("Hematology")
    GASTROENTEROLOGY = "gastroenterology", _("Gastroenterology")
    MUSCULOSKELETAL = "musculoskeletal", _("Musculoskeletal")
    RENAL = "renal", _("Renal")
    WOMENS_HEALTH = "womens_health", _("Women's health")
    OTHER = "other", pgettext_lazy("therapeutic area", "Other")


class Modality(models.TextChoices):
    SMALL_MOLECULE = "small_molecule", _("Small molecule")
    ANTIBODY = "antibody", _("Antibody")
    BISPECIFIC_ANTIBODY = "bispecific_antibody", _("Bispecific antibody")
    ADC = "adc", _("Antibody-drug conjugate")
    PROTEIN_PEPTIDE = "protein_peptide", _("Protein / peptide")
    CELL_THERAPY = "cell_therapy", _("Cell therapy")
    GENE_THERAPY = "gene_therapy", _("Gene therapy")
    RNA = "rna", _("RNA")
    VACCINE = "vaccine", _("Vaccine")
    PLATFORM_TECHNOLOGY = "platform_technology", _("Platform technology")
    DEGRADER = "degrader", _("Degrader")
    MICROBIOME = "microbiome", _("Microbiome")
    RADIOPHARMACEUTICAL = "radiopharmaceutical", _("Radiopharmaceutical")
    DIAGNOSTIC = "diagnostic", _("Diagnostic")
    MEDICAL_DEVICE = "medical_device", _("Medical device")
    DIGITAL_THERAPEUTIC = "digital_therapeutic", _("Digital therapeutic")
    OTHER = "other", pgettext_lazy("modality", "Other")


class Stage(models.TextChoices):
    DISCOVERY = "discovery", _("Discovery")
    PRECLINICAL = "preclinical", _("Preclinical")
    PHASE1 = "phase1", _("Phase 1")
    PHASE2 = "phase2", _("Phase 2")
    PHASE3 = "phase3", _("Phase 3")
    FILED = "filed", _("Filed")
    APPROVED = "approved", _("Approved")
    PLATFORM = "platform", pgettext_lazy("stage", "Platform")


class DealType(models.TextChoices):
    LICENSE = "license", _("License")
    CO_DEVELOPMENT = "co_development", _("Co-development")
    OPTION = "option", _("Option")
    PLATFORM = "platform", pgettext_lazy("deal type", "Platform")
    ACQUISITION = "acquisition", _("Acquisition")
    EQUITY_INVESTMENT = "equity_investment", _("Equity investment")
    RESEARCH_COLLABORATION = "research_collaboration", _("Research collaboration")
    MANUFACTURING = "manufacturing", pgettext_lazy("deal type", "Manufacturing")
    DISTRIBUTION = "distribution", _("Distribution")


class DealStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    TERMINATED = "terminated", _("Terminated")
    COMPLETED = "completed", _("Completed")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public: anyone")
    MEMBERS = "members", _("Members: confirmed members of any organisation")
    PARTNERS = "partners", _("Partners: organisations we accepted")
    CDA = "cda", _("CDA: organisations under a confidentiality agreement")


class InvestmentKind(models.TextChoices):
    SEED = "seed", _("Seed")
    SERIES_A = "series_a", _("Series A")
    SERIES_B = "series_b", _("Series B")
    SERIES_C = "series_c", _("Series C")
    SERIES_D_PLUS = "series_d_plus", _("Series D and later")
    IPO = "ipo", _("IPO")
    GRANT = "grant", _("Grant")
    FACILITY = "facility", pgettext_lazy("investment kind", "Facility")
    FDI = "fdi", _("Foreign direct investment")
    OTHER = "other", pgettext_lazy("investment kind", "Other")


class FacilityKind(models.TextChoices):
    MANUFACTURING = "manufacturing", pgettext_lazy("facility kind", "Manufacturing")
    GMP_MANUFACTURING = "gmp_manufacturing", _("GMP manufacturing")
    LABORATORY = "laboratory", _("Laboratory")
    ANIMAL_FACILITY = "animal_facility", _("Animal facility")
    CLINICAL_TRIAL_CENTER = "clinical_trial_center", _("Clinical trial centre")
    TRAINING_CENTER = "training_center", _("Training centre")
    INCUBATOR = "incubator", _("Incubator")
    OFFICE = "office", _("Office")
    OTHER = "other", pgettext_lazy("facility kind", "Other")


class ProgramKind(models.TextChoices):
    TRAINING = "training", _("Training")
    ACCELERATOR = "accelerator", _("Accelerator")
    OPEN_INNOVATION_CALL = "open_innovation_call", _("Open-innovation call")
    FUNDING = "funding", _("Funding")
    CONSORTIUM = "consortium", _("Consortium")
    CONFERENCE = "conference", _("Conference")
    OTHER = "other", pgettext_lazy("programme kind", "Other")


# The stages an asset passes through in order; "platform" has no place on it, so a platform
# asset never meets a minimum stage.
STAGE_LADDER = ("discovery", "preclinical", "phase1", "phase2", "phase3", "filed", "approved")


def reaches_stage(stage: str, minimum: str) -> bool:
    """Whether an asset at `stage` meets a minimum stage (any stage meets "" or an unknown)."""
    if minimum not in STAGE_LADDER:
        return True
    return stage in STAGE_LADDER and STAGE_LADDER.index(stage) >= STAGE_LADDER.index(minimum)


def label_of(choices: type[models.TextChoices], value: str) -> str:
    """The translated label of a vocabulary value (the value itself if unknown)."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value
