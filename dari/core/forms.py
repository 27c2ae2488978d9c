"""Putting a domain refusal on a form: on its field when the form has that field, else on the
form as a whole. Only the translated message is shown, never the field's identifier."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _

from dari.core.errors import DomainError


def add_domain_error(form: forms.Form, error: DomainError) -> None:
    """Add `error` to `form` (a field error if `error.field` is one of the form's fields)."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, forms.ValidationError(error.message, code=error.code))


class AsciiDigits:
    """A number field that reads the digits 0-9 only. Python's int() and float() read any
    script's digits ("٣٠" is 30), so a number typed in another script would be taken silently
    while the page shows the digits typed; such input is refused, naming the field."""

    label: Any

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str) and not value.isascii():
            message = _("%(field)s: write the number with the digits 0-9.")
            raise forms.ValidationError(
                message % {"field": self.label or _("This field")}, code="ascii_digits"
            )
        return super().to_python(value)  # type: ignore[misc]


class IntegerField(AsciiDigits, forms.IntegerField):
    """An integer typed with the digits 0-9 (`AsciiDigits`)."""


class FloatField(AsciiDigits, forms.FloatField):
    """A number typed with the digits 0-9 (`AsciiDigits`)."""


class DecimalField(AsciiDigits, forms.DecimalField):
    """A decimal typed with the digits 0-9 (`AsciiDigits`)."""
