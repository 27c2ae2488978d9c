"""Each unit of the national targets reads right in both languages (억 is 10^8: a figure in USD
billion is scaled when it reads in Korean)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.utils import translation

from dari.insights.domain.units import UNITS, unit_label, with_unit

TARGETS = Path(__file__).resolve().parents[2] / "dari" / "data" / "insights" / "targets.json"

CASES = [
    ("USD billion", 9.27, "USD 9.27 billion", "92.7억 달러"),
    ("KRW trillion", 43.5, "KRW 43.5 trillion", "43.5조 원"),
    ("rank", 6, "rank 6", "6위"),
    ("jobs", 150000, "150,000 jobs", "150,000명"),
    ("companies", 2, "2 companies", "2개사"),
    ("drugs", 0, "0 drugs", "0개"),
    ("ventures a year", 2000, "2,000 ventures a year", "연 2,000개사"),
]


@pytest.mark.parametrize(("unit", "value", "english", "korean"), CASES)
def test_a_figure_with_its_unit_in_each_language(unit, value, english, korean):
    with translation.override("en"):
        assert with_unit(value, unit) == english
    with translation.override("ko"):
        assert with_unit(value, unit) == korean


def test_every_bundled_unit_is_known_and_none_is_english_in_korean():
    units = {t["unit"] for t in json.loads(TARGETS.read_text())["targets"]}
    assert units - set(UNITS) == set()
    with translation.override("ko"):
        assert [
            u for u in sorted(units) if any(c.isascii() and c.isalpha() for c in unit_label(u))
        ] == []
    assert with_unit(None, "rank") == "–"


@pytest.mark.django_db
def test_a_korean_chart_reads_in_the_units_of_the_figures_above_it(client):
    """The exports card reads '81억 달러'; its chart read 8.1 on an axis of 십억 달러, a second
    scale for the same figure. In Korean the chart's figures are scaled as the card's are."""
    from dari.insights.bundled import load_targets

    load_targets()
    client.cookies["django_language"] = "ko"
    page = client.get("/insights/").content.decode()
    card = page.split("의약품 수출", 1)[1].split('class="panel', 1)[0]
    svg = card.split('<figure class="chart">', 1)[1].split("</figure>", 1)[0]
    labels = re.findall(r"<text[^>]*>([^<]+)</text>", svg)
    assert "억 달러" in labels
    assert [t for t in labels if "십억" in t] == []
    assert {"81", "160"} <= set(labels)
    assert {"8.1", "16"} & set(labels) == set()
    client.cookies["django_language"] = "en"
    page = client.get("/insights/").content.decode()
    card = page.split("Pharmaceutical exports", 1)[1].split('class="panel', 1)[0]
    svg = card.split('<figure class="chart">', 1)[1].split("</figure>", 1)[0]
    labels = re.findall(r"<text[^>]*>([^<]+)</text>", svg)
    assert {"USD billion", "8.1", "16"} <= set(labels)


@pytest.mark.django_db
def test_the_observation_form_names_the_unit_a_value_is_entered_in(client):
    """The exports card reads '104억 달러' and the form asked for a bare 'Value': a Korean
    curator copying 104 from a KHIDI release proposed USD 104 billion. Each target is now
    listed with the unit its value is entered in, in both languages."""
    from dari.accounts.models import Role
    from dari.insights.bundled import load_targets
    from tests.factories import UserFactory

    load_targets()
    client.force_login(UserFactory(username="cur", role=Role.CURATOR, organization=None))
    for lang, exports, jobs in [
        ("ko", "의약품 수출 (단위: 십억 달러)", "제약바이오산업 일자리 (단위: 명)"),
        (
            "en",
            "Pharmaceutical exports (unit: USD billion)",
            "Pharmaceutical and bio industry jobs (unit: jobs)",
        ),
    ]:
        client.cookies["django_language"] = lang
        page = client.get("/insights/").content.decode()
        form = page.split('id="add-observation"', 1)[1]
        select = re.search(r'<select name="target"[^>]*>(.*?)</select>', form, re.S).group(1)
        options = re.findall(r">([^<]+)</option>", select)
        assert exports in options and jobs in options
    # The value's own help says it too; the intro no longer asks for values "as the source
    # states" them (104, where the form wants 10.4).
    assert "십억 달러인 목표라면 104억 달러는 10.4입니다" in _in(client, "ko")
    assert "출처에 적힌 그대로" not in _in(client, "ko")
    assert "104억 달러 is 10.4 for a target in USD billion" in _in(client, "en")


def _in(client, lang):
    client.cookies["django_language"] = lang
    return client.get("/insights/").content.decode().split('id="add-observation"', 1)[1]


def _deal_value_chart(client, lang):
    client.cookies["django_language"] = lang
    page = client.get("/insights/ecosystem/").content.decode()
    card = page.split('id="deal-value"', 1)[1].split('class="panel', 1)[0]
    svg = card.split('<figure class="chart">', 1)[1].split("</figure>", 1)[0]
    title = re.search(r"<h2>([^<]+)</h2>", card).group(1)
    return title, re.findall(r"<text[^>]*>([^<]+)</text>", svg)


def test_the_korean_deal_value_chart_reads_in_eok_dollars(world, client):
    """The deal value per year read "99,707.9" on an axis of 백만 달러 in Korean, where sums
    of deal values read in 억 달러 (10^8: USD 150m is 1.5억 달러), as the targets' charts do."""
    title, labels = _deal_value_chart(client, "ko")
    assert "억 달러" in labels
    assert [t for t in labels if "백만" in t] == []
    assert {"1.5", "0.1"} <= set(labels)  # 2023: USD 100m + 50m; undated: USD 10m
    assert {"150", "10"} & set(labels) == set()
    assert "백만" not in title  # the title names no second scale for the chart's figures
    title, labels = _deal_value_chart(client, "en")
    assert {"USD m", "150", "10"} <= set(labels)
    assert title == "Deal value by year (sum of total values, USD m)"
    assert str(with_unit(150, "USD m")) == "USD 150m"
