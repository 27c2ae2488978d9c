"""Clinical trials in the graph: trials as the registries publish them (ClinicalTrials.gov,
CRIS, MFDS), their sites (directory organisations of kind hospital or clinical-trial centre),
the people the registry names (site contacts and overall officials, nothing more) and the
directory asset a trial tests."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dari.trials.vocab import REPORT_ORIGIN, Phase, SiteOrigin, TrialStatus, registry_label

ID_LENGTH = 128


class Trial(models.Model):
    """One registered clinical trial, keyed by its registry id (NCT… or CRIS KCT…)."""

    id = models.CharField(_("registry id"), max_length=ID_LENGTH, primary_key=True)
    nct_id = models.CharField(_("NCT number"), max_length=20, blank=True, db_index=True)
    cris_id = models.CharField(_("CRIS number"), max_length=20, blank=True)
    mfds_id = models.CharField(_("MFDS approval number"), max_length=40, blank=True)
    title = models.CharField(_("title"), max_length=1000)
    # True when the title is a description written from a report, not the registry's title.
    title_is_description = models.BooleanField(_("title written from a report"), default=False)
    official_title = models.TextField(_("official title"), blank=True)
    phases = models.JSONField(_("phases"), default=list, blank=True)
    # "|1|2|": the phase numbers, for a portable "phase N" filter (JSON lookups differ by DB).
    phase_codes = models.CharField(max_length=20, blank=True, editable=False, db_index=True)
    status = models.CharField(
        _("status"), max_length=40, choices=TrialStatus.choices, db_index=True
    )
    # A trial known from a report: the report's date for the status it states.
    status_as_of = models.DateField(_("status as of"), null=True, blank=True)
    study_type = models.CharField(_("study type"), max_length=40, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    start_year = models.SmallIntegerField(null=True, blank=True, editable=False, db_index=True)
    completion_date = models.DateField(_("completion date"), null=True, blank=True)
    enrollment = models.IntegerField(_("planned enrolment"), null=True, blank=True)
    enrollment_type = models.CharField(_("enrolment type"), max_length=20, blank=True)
    lead_sponsor = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("lead sponsor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sponsored_trials",
    )
    sponsor_name = models.CharField(_("lead sponsor as registered"), max_length=500, blank=True)
    sponsor_class = models.CharField(_("sponsor class"), max_length=20, blank=True, db_index=True)
    collaborators = models.ManyToManyField(
        "directory.Organization",
        verbose_name=_("collaborators"),
        blank=True,
        related_name="collaborated_trials",
    )
    conditions = models.JSONField(_("conditions"), default=list, blank=True)
    keywords = models.JSONField(_("keywords"), default=list, blank=True)
    mesh_terms = models.JSONField(_("MeSH terms"), default=list, blank=True)
    interventions = models.JSONField(_("interventions"), default=list, blank=True)
    intervention_types = models.CharField(max_length=300, blank=True, editable=False)
    # Conditions, MeSH ids and terms and keywords, case-folded: what the condition search reads.
    condition_text = models.TextField(blank=True, editable=False)
    # The key of that text in ConditionText, where the site finder matches a condition once
    # per distinct text instead of once per trial.
    condition_key = models.CharField(max_length=16, blank=True, editable=False)
    area = models.CharField(_("therapeutic area"), max_length=40, blank=True, db_index=True)
    countries = models.CharField(max_length=400, blank=True, editable=False)
    in_korea = models.BooleanField(_("has a site in Korea"), default=False, db_index=True)
    last_update = models.CharField(_("last updated in the registry"), max_length=10, blank=True)
    source_url = models.CharField(_("source"), max_length=2000)
    origin = models.CharField(_("imported from"), max_length=20, blank=True)
    synthetic = models.BooleanField(_("synthetic"), default=False)
    # What was imported, hashed: an unchanged study is skipped, a changed one rewritten.
    digest = models.CharField(max_length=64, editable=False)
    # When what was imported last changed (the API's `updated_since`).
    updated = models.DateTimeField(
        _("updated"), default=timezone.now, db_index=True, editable=False
    )

    class Meta:
        verbose_name = _("clinical trial")
        verbose_name_plural = _("clinical trials")
        ordering = ["-start_date", "id"]
        # Covers the site finder's "trials of these conditions (in this phase)".
        indexes = [
            models.Index(
                fields=["condition_key", "phase_codes", "intervention_types", "id"],
                name="trial_condition",
            )
        ]

    def __str__(self) -> str:
        return f"{self.id} {self.title}"

    @property
    def from_report(self) -> bool:
        """Known from a reputable report, not from a registry record."""
        return self.origin == REPORT_ORIGIN

    @property
    def registry_url(self) -> str:
        """The registry's own page, where the registry id is a ClinicalTrials.gov number."""
        return f"https://clinicaltrials.gov/study/{self.nct_id}" if self.nct_id else ""

    def phase_display(self) -> str:
        """The phases in the reader's language ("Phase 1, Phase 2")."""
        return ", ".join(registry_label(Phase, p) for p in self.phases)


class TrialSite(models.Model):
    """A trial's location: the organisation it resolved to and its recruiting status there."""

    trial = models.ForeignKey(
        Trial, verbose_name=_("trial"), on_delete=models.CASCADE, related_name="sites"
    )
    organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("site"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="trial_sites",
    )
    facility = models.CharField(_("facility as registered"), max_length=500, blank=True)
    city = models.CharField(_("city"), max_length=200, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True, db_index=True)
    status = models.CharField(_("recruiting status"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("trial site")
        verbose_name_plural = _("trial sites")
        ordering = ["trial", "id"]
        indexes = [models.Index(fields=["organization", "trial"])]

    def __str__(self) -> str:
        return f"{self.trial_id} @ {self.facility}"


class Investigator(models.Model):
    """A person as the registry names them: a site contact or an overall official."""

    trial = models.ForeignKey(
        Trial, verbose_name=_("trial"), on_delete=models.CASCADE, related_name="investigators"
    )
    organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("site"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="trial_investigators",
    )
    name = models.CharField(_("name"), max_length=300)
    role = models.CharField(_("role"), max_length=40, blank=True)
    affiliation = models.CharField(_("affiliation"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("investigator")
        verbose_name_plural = _("investigators")
        ordering = ["trial", "id"]

    def __str__(self) -> str:
        return self.name


class TrialAsset(models.Model):
    """The directory asset a trial tests (shown only where the reader may see the asset)."""

    trial = models.ForeignKey(
        Trial, verbose_name=_("trial"), on_delete=models.CASCADE, related_name="asset_links"
    )
    asset = models.ForeignKey(
        "directory.Asset",
        verbose_name=_("asset"),
        on_delete=models.CASCADE,
        related_name="trial_links",
    )
    source_url = models.CharField(_("source"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("trial asset")
        verbose_name_plural = _("trial assets")
        constraints = [
            models.UniqueConstraint(fields=["trial", "asset"], name="trial_asset_unique")
        ]

    def __str__(self) -> str:
        return f"{self.trial_id} tests {self.asset_id}"


class SiteProfile(models.Model):
    """What the trials app knows of a site organisation beyond the directory record."""

    organization = models.OneToOneField(
        "directory.Organization",
        verbose_name=_("organisation"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="site_profile",
    )
    origin = models.CharField(_("origin"), max_length=20, choices=SiteOrigin.choices)
    phase1_unit = models.BooleanField(_("has a phase 1 unit"), default=False)
    source_url = models.CharField(_("source"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("site profile")
        verbose_name_plural = _("site profiles")

    def __str__(self) -> str:
        return str(self.organization_id)


class SiteAlias(models.Model):
    """A name under which registries write an organisation; `key` ignores case, spaces and
    punctuation, so one key names one organisation."""

    key = models.CharField(max_length=500, unique=True)
    text = models.CharField(_("alias"), max_length=500)
    organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="trial_aliases",
    )

    class Meta:
        verbose_name = _("site alias")
        verbose_name_plural = _("site aliases")
        ordering = ["key"]

    def __str__(self) -> str:
        return self.text


class ConditionText(models.Model):
    """A distinct condition text of the trials (`Trial.condition_text`), keyed by its hash:
    the site finder matches a condition against these, then reads the trials' facts by key."""

    key = models.CharField(max_length=16, primary_key=True)
    text = models.TextField(blank=True)

    class Meta:
        verbose_name = _("condition text")
        verbose_name_plural = _("condition texts")

    def __str__(self) -> str:
        return self.text[:80]


class _SiteTrialFact(models.Model):
    """A precomputed row of the site finder: a trial at a site organisation (the covering
    indexes of the subclasses lead with their own columns, so no index on the site here)."""

    organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("site"),
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
    )
    trial = models.ForeignKey(
        Trial, verbose_name=_("trial"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        abstract = True


class SiteFact(_SiteTrialFact):
    """A trial at a site organisation, with what the site finder counts (precomputed by the
    importer from the trial and its site row; one row per trial and organisation)."""

    country = models.CharField(max_length=2, blank=True)
    condition_key = models.CharField(max_length=16)
    start_year = models.SmallIntegerField(null=True, blank=True)
    phase_codes = models.CharField(max_length=20, blank=True)
    intervention_types = models.CharField(max_length=300, blank=True)
    industry = models.BooleanField(default=False)
    recruiting = models.BooleanField(default=False)
    stopped = models.BooleanField(default=False)
    enrollment = models.IntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("site fact")
        verbose_name_plural = _("site facts")
        # Covers every query of the site finder: the facts of a few condition texts are read
        # from the index alone, with no row lookups.
        indexes = [
            models.Index(
                fields=[
                    "condition_key",
                    "country",
                    "organization",
                    "start_year",
                    "phase_codes",
                    "intervention_types",
                    "industry",
                    "recruiting",
                    "stopped",
                    "enrollment",
                ],
                name="sitefact_condition",
            )
        ]

    def __str__(self) -> str:
        return f"{self.trial_id} @ {self.organization_id}"


class InvestigatorFact(_SiteTrialFact):
    """A person the registry names at a site organisation in a site role, with the trial's
    condition key, phases and intervention types (precomputed by the importer, like
    `SiteFact`: the site finder names the people of its top sites from one index)."""

    condition_key = models.CharField(max_length=16)
    phase_codes = models.CharField(max_length=20, blank=True)
    intervention_types = models.CharField(max_length=300, blank=True)
    name = models.CharField(_("name"), max_length=300)

    class Meta:
        verbose_name = _("investigator fact")
        verbose_name_plural = _("investigator facts")
        # The people of a few sites for a few condition texts, read from the index alone.
        indexes = [
            models.Index(
                fields=[
                    "organization",
                    "condition_key",
                    "phase_codes",
                    "intervention_types",
                    "name",
                    "trial",
                ],
                name="investigatorfact_site",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} @ {self.organization_id}"
