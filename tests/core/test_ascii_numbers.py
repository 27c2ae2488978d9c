"""Number fields of the site's forms read the digits 0-9 only (`dari.core.forms.AsciiDigits`):
Python reads any script's digits ("٣٠" is 30), so a number typed in another script is refused
with a translated message naming the field, never taken silently."""

from __future__ import annotations

import pytest
from django.utils import translation

from dari.insights.forms import ObservationForm
from dari.web.curation_forms import ObservationApprovalForm
from dari.web.events.controls import QuotaForm
from dari.web.events.forms import EventForm

pytestmark = pytest.mark.django_db

CASES = [
    (EventForm, "meeting_minutes", "٣٠", "Meeting length (minutes)"),
    (EventForm, "max_pending_requests", "２０", "Pending requests per participant"),
    (QuotaForm, "max_requests", "۵", "Requests per participant"),
    (ObservationForm, "value", "١٢.٥", "Value"),
    (ObservationApprovalForm, "value", "४२", "Value"),
]


@pytest.mark.parametrize(("form_class", "name", "typed", "label"), CASES)
def test_a_number_in_other_digits_is_refused_naming_the_field(form_class, name, typed, label):
    form = form_class(data={name: typed})
    assert form.is_valid() is False
    assert form.errors[name] == [f"{label}: write the number with the digits 0-9."]
    assert form.errors.as_data()[name][0].code == "ascii_digits"


def test_the_refusal_is_translated():
    with translation.override("ko"):
        form = QuotaForm(data={"role": "buyer", "max_requests": "٣"})
        assert form.is_valid() is False
        assert form.errors["max_requests"] == ["참가자당 요청 수: 숫자는 0-9로 입력하세요."]


@pytest.mark.parametrize(("form_class", "name", "typed", "label"), CASES)
def test_ascii_digits_are_read_as_before(form_class, name, typed, label):
    form = form_class(data={name: "30"})
    form.is_valid()
    assert name not in form.errors
