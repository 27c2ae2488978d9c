"""Forms of the partnering-event pages. They parse input only; the domain functions validate
the rules and their refusals are put back on the form (`dari.core.forms.add_domain_error`)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.utils.translation import gettext_lazy as _

from dari.core.forms import IntegerField, add_domain_error
from dari.core.names import local_name
from dari.directory.models import Organization
from dari.events.domain.reasons import day_label
from dari.events.domain.requests import MAX_MESSAGE
from dari.events.domain.setup import LIMITS, order_problems
from dari.events.models import Event, Mode, Outcome, Participant
from dari.events.rules import ParticipantRole
from dari.web.forms import organization_field, timezone_choices

MAX_ID = 2**63 - 1
PRIORITIES = [(3, _("High")), (2, _("Normal")), (1, _("Low"))]


def _time(label: Any, initial: str) -> forms.TimeField:
    return forms.TimeField(
        label=label, initial=initial, widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )


class BreaksField(forms.CharField):
    """Breaks edited as one "12:00-13:00" per line, stored as [["12:00", "13:00"], ...]."""

    widget = forms.Textarea(attrs={"rows": 2, "placeholder": "12:00-13:00"})
    default_error_messages = {"invalid": _("Write each break as 12:00-13:00, one per line.")}

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return "\n".join(f"{a}-{b}" for a, b in value)
        return value

    def to_python(self, value: Any) -> list[list[str]]:  # type: ignore[override]
        text = super().to_python(value) or ""
        breaks = []
        for line in text.splitlines():
            if not line.strip():
                continue
            start, sep, end = line.replace("–", "-").partition("-")
            try:
                a, b = dt.time.fromisoformat(start.strip()), dt.time.fromisoformat(end.strip())
            except ValueError:
                raise forms.ValidationError(
                    self.error_messages["invalid"], code="invalid"
                ) from None
            if not sep or a >= b:
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
            breaks.append([a.strftime("%H:%M"), b.strftime("%H:%M")])
        return breaks


class EventForm(forms.Form):
    """An event's settings, for create_event and update_event."""

    name = forms.CharField(label=_("Name"), max_length=300)
    slug = forms.SlugField(
        label=_("Short name in addresses"),
        max_length=100,
        help_text=_("Letters, digits and hyphens, e.g. bio-korea-2026"),
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    name_ko = forms.CharField(
        label=_("Name in Korean"),
        max_length=300,
        required=False,
        help_text=_("Shown to Korean readers; the name above when empty."),
    )
    description_ko = forms.CharField(
        label=_("Description in Korean"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown to Korean readers; the description above when empty."),
    )
    mode = forms.ChoiceField(label=_("Mode"), choices=Mode.choices, initial=Mode.VIRTUAL)
    timezone = forms.ChoiceField(
        label=_("Event time zone"), choices=timezone_choices, initial="Asia/Seoul"
    )
    start_date = forms.DateField(
        label=_("First day"), widget=forms.DateInput(attrs={"type": "date"})
    )
    end_date = forms.DateField(label=_("Last day"), widget=forms.DateInput(attrs={"type": "date"}))
    meeting_minutes = IntegerField(
        label=_("Meeting length (minutes)"),
        min_value=LIMITS["meeting_minutes"][0],
        max_value=LIMITS["meeting_minutes"][1],
        initial=30,
    )
    day_start = _time(_("Sessions start (event time)"), "09:00")
    day_end = _time(_("Sessions end (event time)"), "18:00")
    breaks = BreaksField(
        label=_("Breaks (event time, one per line)"),
        required=False,
        help_text=_("In person only: no meetings during breaks."),
    )
    tables = IntegerField(
        label=_("Tables"),
        min_value=LIMITS["tables"][0],
        max_value=LIMITS["tables"][1],
        required=False,
        help_text=_("In person: how many meetings can run at once."),
    )
    request_deadline = forms.DateTimeField(
        label=_("Request deadline (event time)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    max_pending_requests = IntegerField(
        label=_("Pending requests per participant"),
        min_value=LIMITS["max_pending"][0],
        max_value=LIMITS["max_pending"][1],
        initial=20,
    )
    video_url_template = forms.CharField(
        label=_("Video link template"),
        max_length=500,
        required=False,
        help_text=_(
            "An http(s) address where {room} (an unguessable name per meeting), {event} and "
            "{uid} are replaced, e.g. https://meet.jit.si/dari-{room}"
        ),
    )
    auto_schedule = forms.BooleanField(
        label=_("Schedule as soon as requests are accepted"), required=False, initial=True
    )

    def __init__(self, *args: Any, event: Event | None = None, **kwargs: Any) -> None:
        self.event = event
        if event is not None:
            initial = {name: getattr(event, name) for name in self.base_fields}
            if event.request_deadline is not None:
                local = event.request_deadline.astimezone(ZoneInfo(event.timezone))
                initial["request_deadline"] = local.replace(tzinfo=None)
            kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        deadline, zone = data.get("request_deadline"), data.get("timezone")
        if deadline is not None and zone:
            # The deadline is a wall-clock time of the event's zone, whatever zone Django parsed in.
            data["request_deadline"] = deadline.replace(tzinfo=None).replace(tzinfo=ZoneInfo(zone))
        for problem in order_problems(
            data.get("start_date"),
            data.get("end_date"),
            data.get("day_start"),
            data.get("day_end"),
            data.get("request_deadline"),
            zone,
        ):
            add_domain_error(self, problem)
        return data

    def clean_slug(self) -> str:
        slug: str = self.cleaned_data["slug"]
        others = Event.objects.filter(slug=slug)
        if self.event is not None:
            others = others.exclude(pk=self.event.pk)
        if others.exists() or slug == "calendar":
            raise forms.ValidationError(_("Another event already uses this short name."))
        return slug


class RegisterForm(forms.Form):
    """Registration: my time zone, my working hours (virtual) or days attended (in person)."""

    timezone = forms.ChoiceField(label=_("My time zone"), choices=timezone_choices)
    work_start = _time(_("Available from (my time)"), "09:00")
    work_end = _time(_("Available until (my time)"), "18:00")
    attending_days = forms.MultipleChoiceField(
        label=_("Days I attend"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checks"}),
    )
    role = forms.ChoiceField(
        label=_("I come as"),
        choices=ParticipantRole.choices,
        required=False,
        initial=ParticipantRole.OTHER,
    )

    def __init__(self, event: Event, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        days = []
        day = event.start_date
        while day <= event.end_date:
            days.append((day.isoformat(), day_label(day)))
            day += dt.timedelta(days=1)
        self.fields["attending_days"].choices = days  # type: ignore[attr-defined]
        if event.mode == Mode.IN_PERSON:
            del self.fields["work_start"], self.fields["work_end"]
        elif event.mode == Mode.VIRTUAL:
            del self.fields["attending_days"]
        else:
            self.fields["attending_days"].help_text = _(
                "Leave empty if you join online; you are then available in your working hours."
            )


class AskedAssetField(forms.ChoiceField):
    """The asset a request is about, offered in two groups (ours, the counterpart's). Any value
    passes the form: `request_meeting` judges it through `askable_assets`, so a crafted value
    gets the domain's refusal, the same for a missing asset and one hidden from the requester."""

    def valid_value(self, value: Any) -> bool:
        return True


class RequestForm(forms.Form):
    """A meeting request: message, optionally an asset of either side, priority."""

    message = forms.CharField(
        label=_("Message"),
        required=False,
        max_length=MAX_MESSAGE,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What you would like to discuss; they read it before they answer."),
    )
    asset = AskedAssetField(
        label=_("About an asset"),
        required=False,
        help_text=_("One of your organisation's assets, or one of theirs you want to discuss."),
    )
    priority = forms.TypedChoiceField(
        label=_("Priority"),
        choices=PRIORITIES,
        coerce=int,
        initial=2,
        help_text=_("When time is short, the scheduler places higher-priority meetings first."),
    )

    def __init__(
        self,
        assets: Any,
        *args: Any,
        ours: str | None = None,
        theirs: Organization | None = None,
        **kwargs: Any,
    ) -> None:
        """`assets`: those the request may name (`askable_assets`), of our organisation `ours`
        or of the counterpart `theirs`."""
        super().__init__(*args, **kwargs)
        assets = list(assets)
        groups: list[tuple[Any, list[tuple[str, str]]]] = []
        own = [(a.pk, a.name) for a in assets if a.organization_id == ours]
        other = [(a.pk, a.name) for a in assets if a.organization_id != ours]
        if own:
            groups.append((_("Our assets"), own))
        if other and theirs is not None:
            groups.append(
                (_("Assets of %(organization)s") % {"organization": local_name(theirs)}, other)
            )
        self.fields["asset"].choices = [("", _("(none)")), *groups]  # type: ignore[attr-defined]


class DeclineForm(forms.Form):
    reason = forms.CharField(label=_("Reason (the requester sees it)"), required=False)


class WorkingHoursForm(forms.Form):
    work_start = _time(_("Available from (my time)"), "09:00")
    work_end = _time(_("Available until (my time)"), "18:00")


class ToggleSlotForm(forms.Form):
    # An id's range: a number past it cannot even be looked up (SQLite cannot bind it).
    slot = IntegerField(min_value=1, max_value=MAX_ID)


class ColleagueForm(forms.Form):
    colleague = forms.ModelChoiceField(
        label=_("Colleague"), queryset=Participant.objects.none(), empty_label=None
    )

    def __init__(self, colleagues: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["colleague"]
        field.queryset = colleagues  # type: ignore[attr-defined]
        field.label_from_instance = lambda p: p.name  # type: ignore[attr-defined]


class OutcomeForm(forms.Form):
    # Opens on no outcome: a first real choice ("No interest") was reported by a hurried click.
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=[("", _("Choose an outcome")), *Outcome.choices]
    )
    deal_id = forms.CharField(
        label=_("Deal record (optional)"),
        required=False,
        max_length=100,
        help_text=_("The id of the deal in the directory, e.g. dl-abl-bio-gsk-2025"),
        # The agenda repeats this form on every meeting, in one row: the example and the help
        # sit in the field, not under it.
        widget=forms.TextInput(
            attrs={
                "placeholder": "dl-abl-bio-gsk-2025",
                "title": _("The id of the deal in the directory, e.g. dl-abl-bio-gsk-2025"),
            }
        ),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)


class CoOrganizerForm(forms.Form):
    """A co-organiser: an organisation (by name or id) or a person (by login)."""

    organization = organization_field(
        _("Its organisers manage the event too. Its name in Korean or English, or its id."),
        required=False,
    )
    username = forms.CharField(label=_("Or a person's login"), required=False, max_length=150)


class InvitationForm(forms.Form):
    """An organisation to invite, by name or id (a trial site, a company)."""

    organization = organization_field(
        _(
            "Its name in Korean or English, or its id. The site finder invites trial sites in"
            " one click."
        )
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # The console shows this form beside the co-organiser form, which has an organisation
        # field too: distinct ids keep each label tied to its own input.
        kwargs.setdefault("auto_id", "id_invitation_%s")
        super().__init__(*args, **kwargs)
