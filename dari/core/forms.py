"""Putting a domain refusal on a form: on its field when the form has that field, else on the
form as a whole. Only the translated message is shown, never the field's identifier."""

from __future__ import annotations

from django import forms

from dari.core.errors import DomainError


def add_domain_error(form: forms.Form, error: DomainError) -> None:
    """Add `error` to `form` (a field error if `error.field` is one of the form's fields)."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, forms.ValidationError(error.message, code=error.code))
