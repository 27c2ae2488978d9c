"""Putting a domain refusal on a form: on its field when the form has that field, else on the
form as a whole. Only the translated message is shown, never the field's identifier. And the
project's form renderer, which labels fields the way each language writes them."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import SafeString
from django.utils.translation import get_language
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


# Korean labels read as a noun followed by the field ("메시지:" looks like a typo), so a label
# there carries no colon; English keeps Django's "Label:".
LANGUAGES_WITHOUT_LABEL_SUFFIX = frozenset({"ko"})


class LabelBoundField(forms.BoundField):
    """A bound field whose label drops Django's colon in languages that do not use one; a
    suffix the form or field chose itself is kept."""

    def label_tag(
        self,
        contents: Any = None,
        attrs: Any = None,
        label_suffix: Any = None,
        tag: Any = None,
    ) -> SafeString:
        if (
            label_suffix is None
            and self.field.label_suffix is None
            and self.form.label_suffix == ":"  # Django's default (also in Korean), not a choice
            and (get_language() or "").split("-")[0] in LANGUAGES_WITHOUT_LABEL_SUFFIX
        ):
            label_suffix = ""
        return super().label_tag(contents, attrs, label_suffix, tag)


class FormRenderer(DjangoTemplates):
    """The project's form renderer (`FORM_RENDERER`): Django's, with `LabelBoundField`, so
    every form (ours and allauth's) labels its fields alike."""

    bound_field_class = LabelBoundField
