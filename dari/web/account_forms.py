"""Forms of the account page and the organisation's members page. Domain refusals
(AccountError) go on the field they name."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from dari.accounts.domain.errors import AccountError
from dari.core.names import local_name
from dari.directory.domain.queries import organization_named
from dari.directory.models import Organization
from dari.web.forms import organization_field


def put_error(form: forms.Form, error: AccountError) -> None:
    """Show a domain refusal on its field (or above the form if it names none of them)."""
    form.add_error(error.field if error.field in form.fields else None, error.message)


class JoinForm(forms.Form):
    # A name typed with suggestions, not a select: the directory holds hundreds of
    # organisations (trial sponsors among them), too many to scroll through.
    organization = organization_field(
        _(
            "Its name in Korean or English, or its id. Its admins confirm you; a verified "
            "address at its e-mail domain does too."
        )
    )

    def clean_organization(self) -> Organization:
        text = self.cleaned_data["organization"].strip()
        organization, suggestions = organization_named(text)
        if organization is not None:
            return organization
        if suggestions:
            raise forms.ValidationError(
                gettext("No organisation is named %(name)r. Did you mean: %(names)s?")
                % {
                    "name": text,
                    "names": "; ".join(f"{local_name(o)} ({o.pk})" for o in suggestions),
                }
            )
        raise forms.ValidationError(gettext("No organisation is named %(name)r.") % {"name": text})


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
