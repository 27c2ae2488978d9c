"""Forms of the messages pages: a reply, and a person's e-mail settings."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from dari.messaging.domain.threads import MAX_BODY
from dari.messaging.models import REMINDER_CHOICES, NoticeKind


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        max_length=MAX_BODY,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PreferencesForm(forms.Form):
    language = forms.ChoiceField(label=_("Language of e-mails"), choices=settings.LANGUAGES)
    reminder_minutes = forms.TypedChoiceField(
        label=_("Reminder before each meeting"), choices=REMINDER_CHOICES, coerce=int
    )
    on = forms.MultipleChoiceField(
        label=_("E-mail me about"),
        choices=NoticeKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checks"}),
        help_text=_("E-mails about your account (sign-up, password, invitations) always go."),
    )
