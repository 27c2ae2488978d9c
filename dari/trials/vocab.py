"""Vocabularies of the trial registries (layer 0): ClinicalTrials.gov API v2 enum values, as the
registry writes them, with translated labels."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class TrialStatus(models.TextChoices):
    NOT_YET_RECRUITING = "NOT_YET_RECRUITING", _("Not yet recruiting")
    RECRUITING = "RECRUITING", _("Recruiting")
    ENROLLING_BY_INVITATION = "ENROLLING_BY_INVITATION", _("Enrolling by invitation")
    ACTIVE_NOT_RECRUITING = "ACTIVE_NOT_RECRUITING", _("Active, not recruiting")
    SUSPENDED = "SUSPENDED", _("Suspended")
    TERMINATED = "TERMINATED", pgettext_lazy("trial status", "Terminated")
    COMPLETED = "COMPLETED", pgettext_lazy("trial status", "Completed")
    WITHDRAWN = "WITHDRAWN", _("Withdrawn")
    UNKNOWN = "UNKNOWN", _("Unknown status")
    WITHHELD = "WITHHELD", _("Withheld")
    NO_LONGER_AVAILABLE = "NO_LONGER_AVAILABLE", _("No longer available")
    AVAILABLE = "AVAILABLE", _("Available")
    APPROVED_FOR_MARKETING = "APPROVED_FOR_MARKETING", _("Approved for marketing")
    TEMPORARILY_NOT_AVAILABLE = "TEMPORARILY_NOT_AVAILABLE", _("Temporarily not available")
    # A trial known from a report that does not say where it stands.
    NOT_STATED = "NOT_STATED", _("Status not stated in the source")


# The origin of a trial known from a reputable report rather than from a registry record.
REPORT_ORIGIN = "report"

# Statuses in which a trial is still taking patients: a competitor for the same patients.
RECRUITING_STATUSES = frozenset({"RECRUITING", "NOT_YET_RECRUITING", "ENROLLING_BY_INVITATION"})
STOPPED_STATUSES = frozenset({"TERMINATED", "WITHDRAWN"})
# The roles in which the site finder names a person at a site (a site contact may have none).
SITE_ROLES = ("PRINCIPAL_INVESTIGATOR", "SUB_INVESTIGATOR", "")


class Phase(models.TextChoices):
    EARLY_PHASE1 = "EARLY_PHASE1", _("Early phase 1")
    PHASE1 = "PHASE1", _("Phase 1")
    PHASE2 = "PHASE2", _("Phase 2")
    PHASE3 = "PHASE3", _("Phase 3")
    PHASE4 = "PHASE4", _("Phase 4")
    NA = "NA", _("Not applicable")


# The phase numbers a registry phase counts as (early phase 1 is phase 1 for site finding).
PHASE_NUMBER = {"EARLY_PHASE1": "1", "PHASE1": "1", "PHASE2": "2", "PHASE3": "3", "PHASE4": "4"}


class SponsorClass(models.TextChoices):
    INDUSTRY = "INDUSTRY", _("Industry")
    NIH = "NIH", _("NIH")
    FED = "FED", _("US federal")
    OTHER_GOV = "OTHER_GOV", _("Other government")
    INDIV = "INDIV", _("Individual")
    NETWORK = "NETWORK", _("Network")
    OTHER = "OTHER", pgettext_lazy("sponsor class", "Other")
    AMBIG = "AMBIG", _("Ambiguous")
    UNKNOWN = "UNKNOWN", pgettext_lazy("sponsor class", "Unknown")


class InterventionType(models.TextChoices):
    DRUG = "DRUG", _("Drug")
    BIOLOGICAL = "BIOLOGICAL", _("Biological")
    DEVICE = "DEVICE", _("Device")
    PROCEDURE = "PROCEDURE", _("Procedure")
    RADIATION = "RADIATION", _("Radiation")
    BEHAVIORAL = "BEHAVIORAL", _("Behavioural")
    GENETIC = "GENETIC", _("Genetic")
    DIETARY_SUPPLEMENT = "DIETARY_SUPPLEMENT", _("Dietary supplement")
    COMBINATION_PRODUCT = "COMBINATION_PRODUCT", _("Combination product")
    DIAGNOSTIC_TEST = "DIAGNOSTIC_TEST", _("Diagnostic test")
    OTHER = "OTHER", pgettext_lazy("intervention type", "Other")


class InvestigatorRole(models.TextChoices):
    PRINCIPAL_INVESTIGATOR = "PRINCIPAL_INVESTIGATOR", _("Principal investigator")
    SUB_INVESTIGATOR = "SUB_INVESTIGATOR", _("Sub-investigator")
    STUDY_DIRECTOR = "STUDY_DIRECTOR", _("Study director")
    STUDY_CHAIR = "STUDY_CHAIR", _("Study chair")
    CONTACT = "CONTACT", _("Contact")
    BACKUP = "BACKUP", _("Backup contact")


class SiteOrigin(models.TextChoices):
    BUNDLED = "bundled", _("Bundled site list")
    REGISTRY = "registry", _("Created from a registry record")


def registry_label(choices: type[models.TextChoices], value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value.replace("_", " ").capitalize()


# The id of every organisation a registry import made begins so (dari/trials/resolve.py).
REGISTRY_PREFIX = "reg-"
