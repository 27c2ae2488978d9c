"""A call's opening and closing days are ASCII dates within the years a call can have (1900 to
ten years ahead): Arabic-Indic or other Unicode digits ("٢٠٢٦", which str.isdigit and int
accept) would be stored as they are and compare wrongly with today's date, and a call opening
in 9999 or closing in 0001 is a typing slip. Each is refused on its field, in English and
Korean, and nothing is written."""

from __future__ import annotations

import pytest
from django.utils import timezone, translation

from dari.accounts.models import Role
from dari.directory.models import Program
from dari.insights.domain.calls import create_call
from dari.insights.domain.errors import CallError
from tests.factories import UserFactory
from tests.insights.factories import make_world

pytestmark = pytest.mark.django_db

YEAR = timezone.now().year


@pytest.fixture
def owner(db):
    world = make_world()
    return UserFactory(
        username="organiser", role=Role.ORGANISER, organization=world["orgs"]["bigpharma"]
    )


@pytest.mark.parametrize("language", ["en", "ko"])
@pytest.mark.parametrize(
    ("dates", "field"),
    [
        ({"start": "٢٠٢٦-01-01"}, "start"),
        ({"start": "٢٠٢٦"}, "start"),
        ({"end": f"{YEAR}-٠١"}, "end"),
        ({"start": "9999-12-31"}, "start"),
        ({"start": "0001-01-01"}, "start"),
        ({"end": f"{YEAR + 11}"}, "end"),
    ],
)
def test_a_date_no_call_has_is_refused_on_its_field(owner, dates, field, language):
    before = Program.objects.count()
    values = {"name": "Onco call", "organizer": "bigpharma", **dates}
    with translation.override(language), pytest.raises(CallError) as refused:
        create_call(owner, values)
    assert refused.value.field == field
    if language == "ko":
        assert any("\uac00" <= c <= "\ud7a3" for c in refused.value.message)
    assert Program.objects.count() == before


def test_dates_of_the_years_a_call_has_are_kept(owner):
    call = create_call(
        owner,
        {"name": "Onco call", "organizer": "bigpharma", "start": "1998", "end": f"{YEAR + 10}"},
    )
    assert (call.start, call.end) == ("1998", f"{YEAR + 10}")
