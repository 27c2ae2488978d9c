"""Forms of the insights pages: ecosystem filters, capability search, adding an observation,
applying to a call, creating, editing and filtering calls, and inviting a shortlist."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dari.core.forms import FloatField, IntegerField
from dari.core.names import local_name
from dari.directory.models import Cluster
from dari.directory.vocab import (
    STAGE_LADDER,
    FacilityKind,
    Modality,
    ProgramKind,
    Stage,
    TherapeuticArea,
)
from dari.directory.weblinks import validate_web_address
from dari.insights.domain.analytics import Filters
from dari.insights.domain.units import stated_unit
from dari.insights.models import NationalTarget

ALL = [("", _("All"))]


def _cluster_choices() -> list[tuple[str, str]]:
    """Every cluster by its name in the reader's language, in that name's order."""
    clusters = Cluster.objects.only("pk", "name", "name_ko")
    return ALL + sorted(((c.pk, local_name(c)) for c in clusters), key=lambda c: c[1])


class EcosystemFilterForm(forms.Form):
    year_from = IntegerField(label=_("From year"), required=False, min_value=1990, max_value=2100)
    year_to = IntegerField(label=_("To year"), required=False, min_value=1990, max_value=2100)
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
    target = forms.ModelChoiceField(
        label=_("Target"),
        queryset=NationalTarget.objects.all(),
        empty_label=_("Choose a target"),
    )
    date = forms.DateField(
        label=_("Date"),
        help_text=_("An annual figure is dated the last day of its year."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    value = FloatField(
        label=_("Value"),
        help_text=_(
            "In the unit shown beside the target: 104억 달러 is 10.4 for a target in USD billion."
        ),
    )
    source = forms.URLField(label=_("Source URL"), max_length=2000, assume_scheme="https")
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target"].label_from_instance = target_label  # type: ignore[attr-defined]


def target_label(target: NationalTarget) -> str:
    """A target as a form lists it: its name and the unit its values are entered in (a
    Korean curator reading '104억 달러' on the card enters 10.4 for USD billion)."""
    return _("%(name)s (unit: %(unit)s)") % {
        "name": local_name(target),
        "unit": stated_unit(target.unit),
    }


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


def _checkboxes(choices: Any, label: Any, help_text: Any = "") -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        required=False,
        help_text=help_text,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checks"}),
    )


# A minimum stage is a rung of the ladder ("platform" has none).
MIN_STAGES = [("", _("Any stage"))] + [c for c in Stage.choices if c[0] in STAGE_LADDER]


class CallForm(forms.Form):
    """A new open-innovation call; the organiser is chosen among the organisations the user
    may create calls for (dari.insights.access.call_organizer_choices)."""

    name = forms.CharField(label=_("Name"), max_length=300)
    name_ko = forms.CharField(
        label=_("Name in Korean"),
        required=False,
        max_length=300,
        help_text=_("Shown to Korean readers; the English name otherwise."),
    )
    organizer = forms.ChoiceField(label=_("Organiser"))
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What the call seeks, in your own words."),
    )
    description_ko = forms.CharField(
        label=_("Description in Korean"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    therapeutic_areas = _checkboxes(
        TherapeuticArea.choices,
        pgettext_lazy("call", "Therapeutic areas sought"),
        _("None ticked: any area."),
    )
    modalities = _checkboxes(
        Modality.choices, pgettext_lazy("call", "Modalities sought"), _("None ticked: any.")
    )
    min_stage = forms.ChoiceField(
        label=_("Earliest stage accepted"), required=False, choices=MIN_STAGES
    )
    start = forms.DateField(
        label=_("Opens"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Empty: the day the call is created."),
    )
    end = forms.DateField(
        label=_("Deadline"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Empty: the end of the year after the call opens."),
    )
    source = forms.URLField(
        label=_("Source URL"),
        required=False,
        max_length=2000,
        assume_scheme="https",
        validators=[validate_web_address],
        help_text=_("The page where the call is announced."),
    )
    # Fields that take the whole width of the form.
    wide = ("name", "name_ko", "description", "description_ko", "source")

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
            "name_ko": data.get("name_ko", ""),
            "organizer": data["organizer"],
            "description": data.get("description", ""),
            "description_ko": data.get("description_ko", ""),
            "therapeutic_areas": data.get("therapeutic_areas") or [],
            "modalities": data.get("modalities") or [],
            "min_stage": data.get("min_stage") or "",
            "start": data["start"].isoformat() if data.get("start") else "",
            "end": data["end"].isoformat() if data.get("end") else "",
            "sources": [data["source"]] if data.get("source") else [],
        }


class CallEditForm(CallForm):
    """A call's fields but its organiser, which never changes; the source is the first of
    the call's sources (the others are kept)."""

    def __init__(self, *args: Any, call: Any, **kwargs: Any) -> None:
        initial = {
            "name": call.name,
            "name_ko": call.name_ko,
            "description": call.description,
            "description_ko": call.description_ko,
            "therapeutic_areas": call.seeks_therapeutic_areas,
            "modalities": call.seeks_modalities,
            "min_stage": call.seeks_min_stage,
            "start": call.start if len(call.start) == 10 else None,
            "end": call.end if len(call.end) == 10 else None,
            "source": call.sources[0] if call.sources else "",
        }
        super().__init__(*args, organizers=[], initial=initial, **kwargs)
        del self.fields["organizer"]
        self.call = call

    def values(self) -> dict[str, Any]:
        """The cleaned values as `calls.edit_call` takes them; a start or end recorded as a
        year or a month alone stays as it is when the field is left empty."""
        data = self.cleaned_data
        values = {
            "name": data["name"],
            "name_ko": data.get("name_ko", ""),
            "description": data.get("description", ""),
            "description_ko": data.get("description_ko", ""),
            "therapeutic_areas": data.get("therapeutic_areas") or [],
            "modalities": data.get("modalities") or [],
            "min_stage": data.get("min_stage") or "",
        }
        for field in ("start", "end"):
            kept = getattr(self.call, field)
            if data.get(field):
                values[field] = data[field].isoformat()
            elif len(kept) == 10:
                values[field] = ""
        rest = list(self.call.sources[1:])
        values["sources"] = [data["source"], *rest] if data.get("source") else rest
        return values


class CallFilterForm(forms.Form):
    """The filters of the call list: what the calls seek."""

    therapeutic_area = forms.ChoiceField(
        label=_("Therapeutic area"), required=False, choices=ALL + TherapeuticArea.choices
    )
    modality = forms.ChoiceField(
        label=_("Modality"), required=False, choices=ALL + Modality.choices
    )
    stage = forms.ChoiceField(
        label=_("Open to assets at"), required=False, choices=ALL + Stage.choices
    )

    def filters(self) -> dict[str, str]:
        """The valid filters as `call_scope.find_calls` takes them (a bad one: left out)."""
        self.is_valid()
        return {name: self.cleaned_data.get(name) or "" for name in self.fields}
