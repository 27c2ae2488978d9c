"""Forms of the pages: organisation and asset profiles (list fields as checkboxes), the
partner / CDA list and the user's time zone."""

from __future__ import annotations

import zoneinfo
from typing import Any

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from dari.accounts.models import LinkKind, OrganizationLink
from dari.core.names import both_names, countries_by_name, country_codes, local_name, zone_name
from dari.directory.domain.editing import ASSET_FIELDS, ORGANIZATION_FIELDS
from dari.directory.domain.recommend import TerritoryError, check_territories
from dari.directory.models import Asset, Organization
from dari.directory.vocab import DealType, Modality, Stage, TherapeuticArea
from dari.directory.weblinks import validate_web_addresses


def _checkboxes(choices: Any, label: str) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checks"}),
    )


class LinesField(forms.CharField):
    """A list of strings edited as one per line."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return "\n".join(value)
        return value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]


class SourcesField(LinesField):
    """Web addresses, one per line; each line that is not http(s) is named in the error."""

    default_validators = [validate_web_addresses]


class TerritoriesField(LinesField):
    """Territories on offer, one per line; each must name a place the matcher knows."""

    def validate(self, value: Any) -> None:
        super().validate(value)
        try:
            check_territories(value)
        except TerritoryError as exc:
            raise forms.ValidationError(str(exc), code="unknown_territory") from None


class CountryField(forms.ChoiceField):
    """An ISO country code chosen by its name; a code typed in lower case is accepted."""

    def to_python(self, value: Any) -> str:
        return str(super().to_python(value)).strip().upper()


class OrganizationForm(forms.ModelForm):
    therapeutic_areas = _checkboxes(TherapeuticArea.choices, _("Therapeutic areas"))
    modalities = _checkboxes(Modality.choices, _("Modalities"))
    interest_therapeutic_areas = _checkboxes(TherapeuticArea.choices, _("Therapeutic areas sought"))
    interest_modalities = _checkboxes(Modality.choices, _("Modalities sought"))
    interest_stages = _checkboxes(Stage.choices, _("Stages sought"))
    interest_deal_types = _checkboxes(DealType.choices, _("Deal types sought"))
    sources = SourcesField(label=_("Sources (one web address per line)"), required=False)

    class Meta:
        model = Organization
        fields = list(ORGANIZATION_FIELDS)
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "interest_description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Countries and clusters by the names a reader knows ("대한민국", "판교테크노밸리"),
        # never a bare code or an English-only name.
        country = self.fields["country"]
        codes = set(country_codes())
        current = (self.initial.get("country") or "").upper()
        if current:
            codes.add(current)
        named = countries_by_name(sorted(codes))
        self.fields["country"] = CountryField(
            label=country.label,
            required=False,
            choices=[("", "—"), *named],
            help_text=country.help_text,
        )
        cluster = self.fields.get("cluster")
        if isinstance(cluster, forms.ModelChoiceField):
            cluster.label_from_instance = local_name  # type: ignore[method-assign]


class AssetForm(forms.ModelForm):
    seeking = _checkboxes(DealType.choices, _("Deal types sought"))
    targets = LinesField(label=_("Targets (one per line)"), required=False)
    indications = LinesField(label=_("Indications (one per line)"), required=False)
    territories = TerritoriesField(
        label=_("Territories on offer (one per line)"),
        required=False,
        help_text=_("For example: global ex-Korea, Greater China, Japan, Latin America."),
    )
    sources = SourcesField(label=_("Sources (one web address per line)"), required=False)

    class Meta:
        model = Asset
        fields = list(ASSET_FIELDS)
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "visibility": forms.RadioSelect(attrs={"class": "checks"}),
        }


class LinkForm(forms.Form):
    other = forms.ModelChoiceField(label=_("Organisation"), queryset=Organization.objects.none())
    kind = forms.ChoiceField(label=_("List"), choices=LinkKind.choices)

    def __init__(self, owner: Organization, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.owner = owner
        field = self.fields["other"]
        field.queryset = Organization.objects.exclude(pk=owner.pk).only("id", "name", "name_ko")  # type: ignore[attr-defined]
        field.label_from_instance = both_names  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        other, kind = data.get("other"), data.get("kind")
        if (
            other is not None
            and kind
            and OrganizationLink.objects.filter(owner=self.owner, other=other, kind=kind).exists()
        ):
            raise forms.ValidationError(_("This organisation is already on that list."))
        return data


# The areas of the tz database that name places; the rest are aliases kept for old systems
# (US/Eastern, GB, ROK, W-SU), fixed offsets with inverted signs (Etc/GMT+9 is UTC-9) and
# internals (localtime, Factory), which only confuse a person picking their own zone.
TIMEZONE_AREAS = frozenset(
    {
        "Africa",
        "America",
        "Antarctica",
        "Asia",
        "Atlantic",
        "Australia",
        "Europe",
        "Indian",
        "Pacific",
    }
)


def timezone_choices() -> list[tuple[str, str]]:
    names = [
        name
        for name in zoneinfo.available_timezones()
        if name.split("/", 1)[0] in TIMEZONE_AREAS and "/" in name
    ]
    # Sorted and led by the id (typing "Asia/S" in the list finds Seoul), then the place in
    # the reader's language; the id is the value sent.
    return [(name, _zone_option(name)) for name in sorted(names)] + [("UTC", "UTC")]


def _zone_option(name: str) -> str:
    place = zone_name(name)
    shown = name.replace("_", " ")
    return shown if place == name else f"{shown} · {place}"


class TimezoneForm(forms.Form):
    timezone = forms.ChoiceField(label=_("Time zone"), choices=timezone_choices)


def organization_field(help_text: Any, required: bool = True) -> forms.CharField:
    """A field that names an organisation by its name (Korean or English) or its id, offering
    the directory's organisations as one types (`web/partials/organization_options.html`)."""
    return forms.CharField(
        label=_("Organisation"),
        required=required,
        max_length=300,
        help_text=help_text,
        widget=forms.TextInput(
            attrs={
                "list": "organization-options",
                "autocomplete": "off",
                "hx-get": reverse_lazy("web:organization-suggest"),
                "hx-trigger": "input changed delay:250ms",
                "hx-target": "#organization-options",
                "hx-swap": "innerHTML",
            }
        ),
    )
