"""Forms of the review queue: ingest a text, approve a deal or an investment, reject."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from dari.core.forms import FloatField
from dari.curation.domain.ingest import LANGUAGES
from dari.directory.vocab import DealType, InvestmentKind
from dari.insights.forms import target_label
from dari.insights.models import NationalTarget


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class IngestForm(forms.Form):
    source = forms.URLField(
        label=_("Source address"),
        max_length=2000,
        assume_scheme="https",
        help_text=_("Where the text was published: the registry, company or news page."),
    )
    text = forms.CharField(
        label=_("Text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Paste a press release, disclosure or article, in English or Korean."),
    )
    files = MultipleFileField(
        label=_("Or upload text files"), required=False, help_text=_("UTF-8 plain text.")
    )
    lang = forms.ChoiceField(
        label=_("Language"),
        # Each language by its own name, as the header's language switch names them.
        choices=[
            (v, get_language_info(v)["name_local"] if v != "auto" else _("Detect"))
            for v in LANGUAGES
        ],
        initial="auto",
    )


CURRENCY_HELP = _(
    "The three-letter code of the currency the source states the amounts in: KRW, USD, EUR, "
    "JPY, CNY, CHF."
)
AS_STATED_HELP = _(
    "The amount as the source states it, in that currency: 1,200억, 1조 2,000억 or 120,000,000,000."
)
USD_HELP = _(
    "In millions of US dollars: the deal's own amount, or the dollar figure the source states "
    "beside it. Amounts in other currencies are never converted here."
)


class DealApprovalForm(forms.Form):
    licensor = forms.CharField(
        label=_("Licensor"), help_text=_("An organisation id, or new:Name to add it.")
    )
    licensee = forms.CharField(label=_("Licensee"))
    asset = forms.CharField(label=_("Asset id"), required=False)
    deal_type = forms.ChoiceField(label=_("Deal type"), choices=DealType.choices)
    date = forms.CharField(
        label=_("Date"), required=False, help_text=_("YYYY-MM-DD, YYYY-MM or YYYY")
    )
    currency = forms.CharField(
        label=_("Currency"), required=False, help_text=CURRENCY_HELP, initial="USD"
    )
    upfront_local = forms.CharField(
        label=_("Upfront (as stated)"), required=False, help_text=AS_STATED_HELP
    )
    total_value_local = forms.CharField(
        label=_("Total value (as stated)"), required=False, help_text=AS_STATED_HELP
    )
    upfront_usd_m = forms.CharField(label=_("Upfront (USD m)"), required=False, help_text=USD_HELP)
    total_value_usd_m = forms.CharField(
        label=_("Total value (USD m)"), required=False, help_text=USD_HELP
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    update = forms.CharField(
        label=_("Amend deal"),
        required=False,
        help_text=_("The id of an existing deal to amend instead of adding one."),
    )


class InvestmentApprovalForm(forms.Form):
    recipient = forms.CharField(
        label=_("Investee"), help_text=_("An organisation id, or new:Name to add it.")
    )
    investors = forms.CharField(
        label=_("Investors"), required=False, help_text=_("Ids or new:Name, comma-separated.")
    )
    kind = forms.ChoiceField(label=_("Round"), choices=InvestmentKind.choices)
    date = forms.CharField(label=_("Date"), required=False)
    currency = forms.CharField(label=_("Currency"), required=False, help_text=CURRENCY_HELP)
    amount_local = forms.CharField(
        label=_("Amount (local currency)"), required=False, help_text=AS_STATED_HELP
    )
    amount_usd_m = forms.CharField(label=_("Amount (USD m)"), required=False, help_text=USD_HELP)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ObservationApprovalForm(forms.Form):
    """A national target's observation as the curator approves it (the source is the
    proposal's)."""

    target = forms.ChoiceField(label=_("Target"))
    date = forms.DateField(
        label=_("Date"),
        help_text=_("An annual figure is dated the last day of its year."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    value = FloatField(label=_("Value"))
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = target_choices()


def target_choices() -> list[tuple[str, str]]:
    return [(t.pk, target_label(t)) for t in NationalTarget.objects.order_by("position", "id")]


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
