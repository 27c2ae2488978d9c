"""Forms of the insights pages: ecosystem filters, capability search, adding an observation,
applying to a call, creating one and inviting a shortlist."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from dari.core.names import local_name
from dari.directory.models import Cluster
from dari.directory.vocab import FacilityKind, Modality, ProgramKind
from dari.directory.weblinks import validate_web_address
from dari.insights.domain.analytics import Filters
from dari.insights.models import NationalTarget

ALL = [("", _("All"))]


def _cluster_choices() -> list[tuple[str, str]]:
    """Every cluster by its name in the reader's language, in that name's order."""
    clusters = Cluster.objects.only("pk", "name", "name_ko")
    return ALL + sorted(((c.pk, local_name(c)) for c in clusters), key=lambda c: c[1])


class EcosystemFilterForm(forms.Form):
    year_from = forms.IntegerField(
        label=_("From year"), required=False, min_value=1990, max_value=2100
    )
    year_to = forms.IntegerField(label=_("To year"), required=False, min_value=1990, max_value=2100)
    cluster = forms.ChoiceField(label=_("Cluster"), required=False)
    modality = forms.ChoiceField(
        label=_("Modality"), required=False, choices=ALL + Modality.choices
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cluster"].choices = _cluster_choices()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        lo, hi = data.get("year_from"), data.get("year_to")
        if lo is not None and hi is not None and lo > hi:
            raise forms.ValidationError(_("The first year comes after the last one."))
        return data

    def filters(self) -> Filters:
        """The valid filters (every field that did not validate is left out)."""
        data = self.cleaned_data if self.is_valid() else {}
        return Filters(
            year_from=data.get("year_from"),
            year_to=data.get("year_to"),
            cluster=data.get("cluster") or "",
            modality=data.get("modality") or "",
        )


class CapabilityForm(forms.Form):
    q = forms.CharField(label=_("Capability"), required=False, max_length=200)
    cluster = forms.ChoiceField(label=_("Cluster"), required=False)
    facility_kind = forms.ChoiceField(
        label=_("Facility kind"), required=False, choices=ALL + FacilityKind.choices
    )
    program_kind = forms.ChoiceField(
        label=_("Programme kind"), required=False, choices=ALL + ProgramKind.choices
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cluster"].choices = _cluster_choices()


class ObservationForm(forms.Form):
    target = forms.ModelChoiceField(label=_("Target"), queryset=NationalTarget.objects.all())
    date = forms.DateField(
        label=_("Date"),
        help_text=_("An annual figure is dated the last day of its year."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    value = forms.FloatField(label=_("Value"))
    source = forms.URLField(label=_("Source URL"), max_length=2000, assume_scheme="https")
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target"].label_from_instance = local_name  # type: ignore[attr-defined]


class ApplyForm(forms.Form):
    asset = forms.ChoiceField(label=_("Asset"))
    pitch = forms.CharField(
        label=_("Pitch"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Why this asset fits the call; the organiser always sees the pitch."),
    )

    def __init__(self, *args: Any, assets: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["asset"].choices = assets


class InviteForm(forms.Form):
    event = forms.ChoiceField(label=_("Partnering event"))

    def __init__(self, *args: Any, events: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["event"].choices = events


class CallForm(forms.Form):
    """A new open-innovation call; the organiser is chosen among the organisations the user
    may create calls for (dari.insights.access.call_organizer_choices)."""

    name = forms.CharField(label=_("Name"), max_length=300)
    organizer = forms.ChoiceField(label=_("Organiser"))
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What the call seeks, in your own words."),
    )
    start = forms.DateField(
        label=_("Opens"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("Deadline"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    source = forms.URLField(
        label=_("Source URL"),
        required=False,
        max_length=2000,
        assume_scheme="https",
        validators=[validate_web_address],
        help_text=_("The page where the call is announced."),
    )

    def __init__(self, *args: Any, organizers: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organizer"].choices = organizers

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The call closes before it opens."))
        return data

    def values(self) -> dict[str, Any]:
        """The cleaned values as `calls.create_call` takes them."""
        data = self.cleaned_data
        return {
            "name": data["name"],
            "organizer": data["organizer"],
            "description": data.get("description", ""),
            "start": data["start"].isoformat() if data.get("start") else "",
            "end": data["end"].isoformat() if data.get("end") else "",
            "sources": [data["source"]] if data.get("source") else [],
        }
