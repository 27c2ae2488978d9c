"""The ecosystem graph: clusters, organisations, pipeline assets, deals, investments,
facilities and programmes (dari-directory/1). Ids are the stable ids of the import files."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dari.directory.text import search_texts
from dari.directory.vocab import (
    DealStatus,
    DealType,
    FacilityKind,
    InvestmentKind,
    Modality,
    OrgKind,
    ProgramKind,
    Stage,
    TherapeuticArea,
    Visibility,
)
from dari.directory.weblinks import validate_web_address, validate_web_addresses

ID_LENGTH = 128


def _in_choices(field: str, choices: type[models.TextChoices], name: str) -> models.CheckConstraint:
    """A database constraint that keeps a vocabulary field within its contract values."""
    return models.CheckConstraint(condition=Q(**{f"{field}__in": choices.values}), name=name)


def _blank_or_in(
    field: str, choices: type[models.TextChoices], name: str
) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{field: ""}) | Q(**{f"{field}__in": choices.values}), name=name
    )


class Stamped(models.Model):
    """A directory record with the time its content last changed (`updated`), for the API's
    `updated_since` (a CRM syncing what changed). `save()` stamps it; the importer stamps only
    the records whose content differs from what is stored."""

    updated = models.DateTimeField(
        _("updated"), default=timezone.now, db_index=True, editable=False
    )

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.updated = timezone.now()
        fields = kwargs.get("update_fields")
        if fields is not None:
            kwargs["update_fields"] = {*fields, "updated"}
        super().save(*args, **kwargs)


class Cluster(Stamped):
    """A regional bio cluster (e.g. Songdo, Osong, Daegu-Gyeongbuk)."""

    id = models.CharField(_("id"), max_length=ID_LENGTH, primary_key=True)
    name = models.CharField(_("name"), max_length=300)
    name_ko = models.CharField(_("Korean name"), max_length=300, blank=True)
    region = models.CharField(_("region"), max_length=200, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    focus = models.JSONField(_("focus"), default=list, blank=True)
    description = models.TextField(_("description"), blank=True)
    founded = models.IntegerField(_("founded"), null=True, blank=True)
    website = models.CharField(
        _("website"), max_length=2000, blank=True, validators=[validate_web_address]
    )
    sources = models.JSONField(
        _("sources"), default=list, blank=True, validators=[validate_web_addresses]
    )

    class Meta:
        verbose_name = _("cluster")
        verbose_name_plural = _("clusters")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Organization(Stamped):
    """A company, institute, agency or association, with what it does and what it seeks."""

    id = models.CharField(_("id"), max_length=ID_LENGTH, primary_key=True)
    name = models.CharField(_("name"), max_length=300)
    name_ko = models.CharField(_("Korean name"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=40, choices=OrgKind.choices)
    country = models.CharField(_("country"), max_length=2, blank=True, db_index=True)
    city = models.CharField(_("city"), max_length=200, blank=True)
    cluster = models.ForeignKey(
        Cluster,
        verbose_name=_("cluster"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organizations",
    )
    website = models.CharField(
        _("website"), max_length=2000, blank=True, validators=[validate_web_address]
    )
    description = models.TextField(_("description"), blank=True)
    therapeutic_areas = models.JSONField(_("therapeutic areas"), default=list, blank=True)
    modalities = models.JSONField(_("modalities"), default=list, blank=True)
    interest_therapeutic_areas = models.JSONField(
        _("therapeutic areas sought"), default=list, blank=True
    )
    interest_modalities = models.JSONField(_("modalities sought"), default=list, blank=True)
    interest_stages = models.JSONField(_("stages sought"), default=list, blank=True)
    interest_deal_types = models.JSONField(_("deal types sought"), default=list, blank=True)
    interest_description = models.TextField(_("what we seek"), blank=True)
    employees = models.IntegerField(_("employees"), null=True, blank=True)
    # null ("not stated") and "" differ in the contract; the export keeps the difference.
    listed = models.CharField(_("listed on"), max_length=100, null=True, blank=True)  # noqa: DJ001
    sources = models.JSONField(
        _("sources"), default=list, blank=True, validators=[validate_web_addresses]
    )
    search_text = models.TextField(editable=False, blank=True)
    edited_fields = models.JSONField(
        _("fields edited by the organisation"), default=list, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [_in_choices("kind", OrgKind, "organization_kind_valid")]
        # The asset facets group each match by its owner's cluster and country.
        indexes = [
            models.Index(fields=["id", "cluster", "country"], name="organization_facet_cover")
        ]

    def __str__(self) -> str:
        return self.name


class AffiliationKind(models.TextChoices):
    SUBSIDIARY = "subsidiary", _("Subsidiary")
    DIVISION = "division", _("Division")
    AFFILIATE = "affiliate", _("Affiliate")


class Affiliation(models.Model):
    """An organisation belongs to a parent group (Janssen to Johnson & Johnson): the group's
    page and its deal history take in the deals of its members. Bundled in
    dari/data/affiliations/ (dari-affiliations/1), each with its sources."""

    organization = models.OneToOneField(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="affiliation",
    )
    parent = models.ForeignKey(
        Organization,
        verbose_name=_("parent"),
        on_delete=models.CASCADE,
        related_name="affiliates",
    )
    relation = models.CharField(
        _("relation"), max_length=20, choices=AffiliationKind.choices, default="subsidiary"
    )
    sources = models.JSONField(
        _("sources"), default=list, blank=True, validators=[validate_web_addresses]
    )

    class Meta:
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")
        constraints = [
            _in_choices("relation", AffiliationKind, "affiliation_relation_valid"),
            models.CheckConstraint(
                condition=~Q(organization=models.F("parent")), name="affiliation_not_own_parent"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization_id} -> {self.parent_id}"


class Asset(Stamped):
    """A pipeline asset (drug candidate, platform, device) and how it may be partnered."""

    id = models.CharField(_("id"), max_length=ID_LENGTH, primary_key=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="assets",
    )
    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    modality = models.CharField(
        _("modality"), max_length=40, choices=Modality.choices, blank=True, db_index=True
    )
    targets = models.JSONField(_("targets"), default=list, blank=True)
    therapeutic_area = models.CharField(
        _("therapeutic area"),
        max_length=40,
        choices=TherapeuticArea.choices,
        blank=True,
        db_index=True,
    )
    indications = models.JSONField(_("indications"), default=list, blank=True)
    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, blank=True, db_index=True
    )
    seeking = models.JSONField(_("deal types sought"), default=list, blank=True)
    territories = models.JSONField(_("territories"), default=list, blank=True)
    available = models.BooleanField(_("available for partnering"), null=True, blank=True)
    visibility = models.CharField(
        _("visibility"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
        db_index=True,
    )
    sources = models.JSONField(
        _("sources"), default=list, blank=True, validators=[validate_web_addresses]
    )
    # What the owner changed on the pages; a re-import of bundled or curated data keeps these.
    edited_fields = models.JSONField(
        _("fields edited by the organisation"), default=list, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("asset")
        verbose_name_plural = _("assets")
        ordering = ["name", "id"]
        indexes = [
            # Covers what a search reads of each match (visibility, the filters, the name
            # that breaks ties, the facets): found by id, no row read (bench/search.py).
            models.Index(
                fields=[
                    "id",
                    "visibility",
                    "organization",
                    "name",
                    "therapeutic_area",
                    "modality",
                    "stage",
                    "seeking",
                ],
                name="asset_search_cover",
            ),
        ]
        constraints = [
            _blank_or_in("modality", Modality, "asset_modality_valid"),
            _blank_or_in("therapeutic_area", TherapeuticArea, "asset_therapeutic_area_valid"),
            _blank_or_in("stage", Stage, "asset_stage_valid"),
            _in_choices("visibility", Visibility, "asset_visibility_valid"),
        ]

    def __str__(self) -> str:
        return self.name


class Deal(Stamped):
    """A licensing, co-development, platform or acquisition deal between two organisations."""

    id = models.CharField(_("id"), max_length=ID_LENGTH, primary_key=True)
    date = models.CharField(_("date"), max_length=10, blank=True)
    licensor = models.ForeignKey(
        Organization,
        verbose_name=_("licensor"),
        on_delete=models.PROTECT,
        related_name="deals_out",
    )
    licensee = models.ForeignKey(
        Organization,
        verbose_name=_("licensee"),
        on_delete=models.PROTECT,
        related_name="deals_in",
    )
    asset = models.ForeignKey(
        Asset,
        verbose_name=_("asset"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deals",
    )
    deal_type = models.CharField(_("deal type"), max_length=40, choices=DealType.choices)
    upfront_usd_m = models.FloatField(_("upfront (USD m)"), null=True, blank=True)
    total_value_usd_m = models.FloatField(_("total value (USD m)"), null=True, blank=True)
    # The amounts as the source states them, in units of `currency` (1,200억원 is 1.2e11 KRW);
    # the USD figures above only where the source states them, never converted here.
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    upfront_local = models.FloatField(_("upfront (as stated)"), null=True, blank=True)
    total_value_local = models.FloatField(_("total value (as stated)"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=DealStatus.choices, blank=True)
    description = models.TextField(_("description"), blank=True)
    sources = models.JSONField(
        _("sources"), default=list, blank=True, validators=[validate_web_addresses]
    )

    class Meta:
        verbose_name = _("deal")
        verbose_name_plural = _("deals")
        ordering = ["-date", "id"]
        constraints = [
            _in_choices("deal_type", DealType, "deal_type_valid"),
            _blank_or_in("status", DealStatus, "deal_status_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.licensor_id} → {self.licensee_id} ({self.date})"


class Investment(Stamped):
    """A financing round, IPO, grant or facility / foreign direct investment announcement."""

    id = models.CharField(_("id"), max_length=ID_LENGTH, primary_key=True)
    date = models.CharField(_("date"), max_length=10, blank=True)
    recipient = models.ForeignKey(
        Organization,
        verbose_name=_("recipient"),
        on_delete=models.PROTECT,
        related_name="investments_received",
    )
    investors = models.ManyToManyField(
        Organization, verbose_name=_("investors"), blank=True, related_name="investments_made"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=InvestmentKind.choices)
    amount_usd_m = models.FloatField(_("amount (USD m)"), null=True, blank=True)
    amount_local = models.FloatField(_("amount (local currency)"), null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    description = models.TextField(_("description"), blank=True)
    sources = models.JSONField(
        _("sources"), default=list, blank=True, validators=[validate_web_addresses]
    )
    # The contract lists investors in order; the M2M table does not keep order.
    investor_order = models.JSONField(default=list, blank=True, editable=False)

    class Meta:
        verbose_name = _("investment")
        verbose_name_plural = _("investments")
        ordering = ["-date", "id"]
        constraints = [_in_choices("kind", InvestmentKind, "investment_kind_valid")]

    def __str__(self) -> str:
        return f"{self.recipient_id} {self.kind} ({self.date})"


class Facility(Stamped):
    """A manufacturing site, laboratory, animal facility, training or clinical-trial centre."""

    id = models.CharField(_("id"), max_length=ID_LENGTH, primary_key=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="facilities",
    )
    name = models.CharField(_("name"), max_length=300)
    cluster = models.ForeignKey(
        Cluster,
        verbose_name=_("cluster"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="facilities",
    )
    kind = models.CharField(_("kind"), max_length=40, choices=FacilityKind.choices)
    capabilities = models.JSONField(_("capabilities"), default=list, blank=True)
    shared_access = models.BooleanField(_("shared access"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    sources = models.JSONField(
        _("sources"), default=list, blank=True, validators=[validate_web_addresses]
    )

    class Meta:
        verbose_name = _("facility")
        verbose_name_plural = _("facilities")
        ordering = ["name"]
        constraints = [_in_choices("kind", FacilityKind, "facility_kind_valid")]

    def __str__(self) -> str:
        return self.name


class Program(Stamped):
    """A programme: training, accelerator, open-innovation call, funding, consortium, conference."""

    id = models.CharField(_("id"), max_length=ID_LENGTH, primary_key=True)
    name = models.CharField(_("name"), max_length=300)
    # name_ko, description_ko and the seeks_* fields are Dari's own: dari-directory/1 has no
    # place for them, so the importer leaves them as they are and the exporter omits them.
    name_ko = models.CharField(_("Korean name"), max_length=300, blank=True)
    organizer = models.ForeignKey(
        Organization,
        verbose_name=_("organiser"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="programs",
    )
    kind = models.CharField(_("kind"), max_length=40, choices=ProgramKind.choices)
    start = models.CharField(_("start"), max_length=10, blank=True)
    end = models.CharField(_("end"), max_length=10, blank=True)
    description = models.TextField(_("description"), blank=True)
    description_ko = models.TextField(_("description (Korean)"), blank=True)
    sources = models.JSONField(
        _("sources"), default=list, blank=True, validators=[validate_web_addresses]
    )
    # What an open-innovation call seeks ("areas sought"): empty lists and "" seek anything.
    seeks_therapeutic_areas = models.JSONField(
        _("therapeutic areas sought"), default=list, blank=True
    )
    seeks_modalities = models.JSONField(_("modalities sought"), default=list, blank=True)
    seeks_min_stage = models.CharField(
        _("minimum stage"), max_length=20, blank=True, choices=Stage.choices
    )

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["-start", "name"]
        constraints = [
            _in_choices("kind", ProgramKind, "program_kind_valid"),
            _blank_or_in("seeks_min_stage", Stage, "program_min_stage_valid"),
        ]

    def __str__(self) -> str:
        return self.name


class AssetSearch(models.Model):
    """The search document of an asset (dari.matching.search.document): its words by column
    and the glossary concepts it names. A full-text index over these columns (SQLite FTS5,
    PostgreSQL tsvector) is kept by the database; dari/directory/search.py writes the rows."""

    asset = models.OneToOneField(
        Asset, verbose_name=_("asset"), on_delete=models.CASCADE, related_name="search_document"
    )
    name = models.TextField(_("name"), blank=True)
    terms = models.TextField(_("terms"), blank=True)
    body = models.TextField(_("body"), blank=True)
    org = models.TextField(_("organisation"), blank=True)
    semantic = models.TextField(_("text for the sentence embedder"), blank=True)

    class Meta:
        verbose_name = _("asset search document")
        verbose_name_plural = _("asset search documents")
        # A search joins each match (by row id) to its asset without reading the document.
        indexes = [models.Index(fields=["id", "asset"], name="assetsearch_asset_cover")]

    def __str__(self) -> str:
        return f"search document of {self.asset_id}"


# The fields an organisation is found by; the importer and the editing functions both build
# `search_text` from them, so a record stores the same tokens whichever way it came in. (Assets
# are found through their search documents, `AssetSearch`, written by dari/directory/search.py.)
SEARCH_FIELDS: dict[type[models.Model], tuple[str, ...]] = {
    Organization: ("name", "name_ko", "description", "interest_description"),
}


def searchable_text(model: type[models.Model], values: Mapping[str, Any]) -> str:
    """The text an organisation is found by: its SEARCH_FIELDS, lists flattened."""
    parts: list[str] = []
    for name in SEARCH_FIELDS[model]:
        value = values[name]
        parts.extend(value if isinstance(value, list) else [value])
    return " ".join(p for p in parts if p)


def fill_search_text(records: Sequence[models.Model]) -> None:
    """Set each record's `search_text` from its own SEARCH_FIELDS (records of one model; one
    pass through the analyser for all of them); records of a model without one are left alone."""
    if not records or type(records[0]) not in SEARCH_FIELDS:
        return
    model = type(records[0])
    texts = search_texts(
        [searchable_text(model, {n: getattr(r, n) for n in SEARCH_FIELDS[model]}) for r in records]
    )
    for record, text in zip(records, texts, strict=True):
        record.search_text = text  # type: ignore[attr-defined]


class Generation(models.Model):
    """A counter raised on every change to organisations or assets, so each process can tell
    that its in-memory recommendation index is behind the database (one row, pk=1)."""

    value = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("directory generation")
        verbose_name_plural = _("directory generations")

    def __str__(self) -> str:
        return f"generation {self.value}"


def bump_generation() -> None:
    """Raise the directory generation (inside the caller's transaction)."""
    updated = Generation.objects.filter(pk=1).update(value=models.F("value") + 1)
    if not updated:
        Generation.objects.get_or_create(pk=1, defaults={"value": 1})


def current_generation() -> int:
    row = Generation.objects.filter(pk=1).values_list("value", flat=True).first()
    return int(row or 0)


class StoredEmbedding(models.Model):
    """One sentence embedding shared by every process: the float32 vector of a text (known by
    its hash) under one model, written by the index job as it computes, read in bulk."""

    model = models.CharField(_("model"), max_length=64)
    key = models.CharField(_("text hash"), max_length=32)
    vector = models.BinaryField(_("vector (float32)"))

    class Meta:
        verbose_name = _("stored embedding")
        verbose_name_plural = _("stored embeddings")
        constraints = [models.UniqueConstraint(fields=["model", "key"], name="embedding_model_key")]

    def __str__(self) -> str:
        return f"{self.model}:{self.key}"


class StoredTokens(models.Model):
    """The BM25 tokens of a text (known by its hash) under one tokeniser version, stored by the
    index job so that no process analyses Korean text again to assemble its index."""

    version = models.CharField(_("tokeniser version"), max_length=32)
    key = models.CharField(_("text hash"), max_length=32)
    tokens = models.TextField(_("tokens, one per line"), blank=True)

    class Meta:
        verbose_name = _("stored tokens")
        verbose_name_plural = _("stored tokens")
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="tokens_version_key")
        ]

    def __str__(self) -> str:
        return f"{self.version}:{self.key}"


class EmbeddedGeneration(models.Model):
    """The latest directory generation whose every text has a stored embedding under `model`
    (written by the index job when it finishes; the pages read it to know the ranking is
    complete)."""

    model = models.CharField(_("model"), max_length=64, unique=True)
    value = models.BigIntegerField(default=0)
    finished = models.DateTimeField(_("finished"), auto_now=True)

    class Meta:
        verbose_name = _("embedded generation")
        verbose_name_plural = _("embedded generations")

    def __str__(self) -> str:
        return f"{self.model} at generation {self.value}"
