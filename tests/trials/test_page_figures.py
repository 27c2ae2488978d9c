"""A trial's planned enrolment is grouped by thousands and its phase reads like every other
phase ("임상 4상", not "4상") in the list and on its page (SYNTHETIC studies)."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from dari.trials.domain.reasons import reason_text
from dari.trials.engine import Reason
from dari.trials.importer import import_files
from dari.trials.models import Trial
from tests.trials.synthetic import page, study

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(db, write_json):
    import_files([write_json("p.json", page([study("NCT95000004", phases=["PHASE4"])]))])
    Trial.objects.filter(pk="NCT95000004").update(enrollment=13000)


def test_the_list_and_the_page_group_the_enrolment_and_name_phase_4(client, loaded):
    listed = client.get("/trials/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    (row,) = re.findall(
        r"<tr>\s*<td class=\"nowrap\"><a href=\"/trials/NCT95000004/\".*?</tr>", listed, re.S
    )
    cells = [
        re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    ]
    assert (cells[2], cells[-1]) == ("임상 4상", "13,000")
    shown = client.get("/trials/NCT95000004/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert re.findall(r"<dt>Planned enrolment</dt><dd>([^<]*)</dd>", shown) == ["13,000"]


@pytest.mark.parametrize(
    ("language", "text"),
    [("en", "median planned enrolment 1,040"), ("ko", "목표 대상자 수 중앙값 1,040명")],
)
def test_the_site_finder_groups_the_median_enrolment(language, text):
    with translation.override(language):
        assert reason_text(Reason("median_enrolment", 0.6, {"n": 1040}), "3") == text
