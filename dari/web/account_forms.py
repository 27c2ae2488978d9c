"""Forms of the account page and the organisation's members page. Domain refusals
(AccountError) go on the field they name."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import F, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import gettext_lazy as _

from dari.accounts.domain.errors import AccountError
from dari.core.names import both_names, is_korean
from dari.directory.models import Organization


def put_error(form: forms.Form, error: AccountError) -> None:
    """Show a domain refusal on its field (or above the form if it names none of them)."""
    form.add_error(error.field if error.field in form.fields else None, error.message)


class JoinForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organization.objects.none(),
        help_text=_("Its admins confirm you; a verified address at its e-mail domain does too."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organization"]
        # In the order of the names shown: a Korean reader finds 에이비엘바이오 among the 에s.
        order = Coalesce(NullIf("name_ko", Value("")), "name") if is_korean() else F("name")
        field.queryset = Organization.objects.only("id", "name", "name_ko").order_by(order, "id")  # type: ignore[attr-defined]
        field.label_from_instance = both_names  # type: ignore[attr-defined]


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=100, help_text=_("What uses it, e.g. “CRM sync”.")
    )
    write = forms.BooleanField(
        label=_("Allow changes (write scope)"),
        required=False,
        help_text=_("Without it the token can only read."),
    )


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)


class DomainForm(forms.Form):
    domain = forms.CharField(
        label=_("E-mail domain"),
        max_length=253,
        help_text=_("Verified addresses at this domain become members automatically."),
    )


class ConfirmUserForm(forms.Form):
    """Platform admins only: confirm any user as a member of this organisation."""

    username = forms.CharField(label=_("User name"), max_length=150)
