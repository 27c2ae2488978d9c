"""A trial sponsor's review: a trial's page names its sponsor as the trial list does (in Korean
for a Korean reader, the registry's spelling on hover) and its conditions in the reader's
language where the glossary knows them. SYNTHETIC records from the web fixtures."""

from __future__ import annotations

import pytest
from django.utils import translation

from tests.web.conftest import hanbit_trial

pytestmark = pytest.mark.django_db


def test_a_trials_page_names_its_sponsor_and_conditions_as_the_list_does(client, directory):
    hanbit_trial(
        directory, "NCT09999992", conditions=["gastric cancer", "SYNTHETIC rare condition"]
    )
    with translation.override(None):
        korean = client.get("/trials/NCT09999992/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    english = client.get("/trials/NCT09999992/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    link = '<a href="/organizations/org-hanbit/" title="Hanbit Bio Co., Ltd.">{}</a>'
    conditions = "<dd>{}</dd>"
    assert [
        link.format("한빛바이오") in korean,
        link.format("Hanbit Bio") in english,
        conditions.format("위암, SYNTHETIC rare condition") in korean,
        conditions.format("gastric cancer, SYNTHETIC rare condition") in english,
    ] == [True, True, True, True]


def test_the_trial_lists_yes_no_filter_puts_its_box_before_its_words(client):
    html = client.get("/trials/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert html.count('<label class="check"><input type="checkbox" name="korea"') == 1
