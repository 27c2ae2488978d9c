"""The bundled real dataset: valid against the contract, every record sourced, big enough."""

from __future__ import annotations

import json
import re
from collections import Counter
from urllib.parse import urlsplit

import pytest

from dari.directory.bundled import bundled_files, load_bundled_data
from dari.directory.interchange import SECTIONS, validate_document
from dari.directory.models import Asset, Organization
from dari.directory.sourcehosts import source_host_problem


def records() -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {s.key: [] for s in SECTIONS}
    for path in bundled_files():
        doc = json.loads(path.read_text(encoding="utf-8"))
        for section in SECTIONS:
            out[section.key].extend(doc.get(section.key, []))
    return out


def test_every_file_validates_against_the_contract():
    problems = [
        p
        for path in bundled_files()
        for p in validate_document(json.loads(path.read_text(encoding="utf-8")), path.name)
    ]
    assert problems == []


def test_every_record_has_a_well_formed_source_url():
    unsourced = []
    for key, rows in records().items():
        for row in rows:
            urls = row.get("sources", [])
            good = [
                u for u in urls if urlsplit(u).scheme in ("http", "https") and urlsplit(u).netloc
            ]
            if not urls or len(good) != len(urls):
                unsourced.append(f"{key}:{row['id']}")
    assert unsourced == []


def test_every_source_passes_the_source_host_policy():
    """No placeholder, raw-IP, staging, mirror, document-copy or unrelated host stands as a
    source (dari/directory/sourcehosts.py says which and why)."""
    refused = sorted(
        f"{key}:{r['id']}: {u} ({problem})"
        for key, rows in records().items()
        for r in rows
        for u in r["sources"]
        if (problem := source_host_problem(u))
    )
    assert refused == []


def test_the_dataset_is_as_large_as_promised():
    data = records()
    complete = [
        a
        for a in data["assets"]
        if a.get("modality") and a.get("targets") and a.get("indications") and a.get("stage")
    ]
    clusters_ko = [c for c in data["clusters"] if c.get("name_ko") and c.get("country") == "KR"]
    sizes = {
        "clusters with Korean names": len(clusters_ko) >= 15,
        "organisations": len(data["organizations"]) >= 80,
        "complete assets": len(complete) >= 100,
        "deals": len(data["deals"]) >= 40,
        "investments and facilities": len(data["investments"]) + len(data["facilities"]) >= 20,
    }
    assert sizes == dict.fromkeys(sizes, True)


def test_ids_are_unique_across_files():
    dupes = {
        key: [i for i, n in Counter(r["id"] for r in rows).items() if n > 1]
        for key, rows in records().items()
    }
    assert dupes == dict.fromkeys(dupes, [])


@pytest.mark.django_db
def test_the_bundled_data_imports_and_reimports_without_duplicates():
    first = load_bundled_data()
    second = load_bundled_data()
    assert first == second
    assert Organization.objects.count() == first["organizations"]
    assert Asset.objects.count() == first["assets"]


# A Korean listing is written exchange:ticker, e.g. "KOSDAQ:196170". KRX tickers are six
# characters: six digits for older issues, digits and capital letters for codes the KRX has
# assigned since 2024 (e.g. "KOSDAQ:0009K0", AimedBio; "KOSPI:0120G0", Samyang BioPharm).
KRX_LISTING = re.compile(r"(KOSPI|KOSDAQ|KONEX):[0-9A-Z]{6}")


def test_every_korean_organisation_and_cluster_has_a_korean_name():
    data = records()
    missing = [
        f"organizations:{o['id']}"
        for o in data["organizations"]
        if o.get("country") == "KR" and not o.get("name_ko")
    ]
    missing += [
        f"clusters:{c['id']}"
        for c in data["clusters"]
        if c.get("country", "KR") == "KR" and not c.get("name_ko")
    ]
    assert missing == []


def test_every_korean_listing_names_its_exchange_and_ticker():
    wrong = {
        o["id"]: o["listed"]
        for o in records()["organizations"]
        if o.get("country") == "KR" and o.get("listed") and not KRX_LISTING.fullmatch(o["listed"])
    }
    assert wrong == {}


@pytest.mark.parametrize(
    "listed", ["KOSDAQ:196170", "KOSPI:000100", "KONEX:123456", "KOSDAQ:0009K0", "KOSPI:0120G0"]
)
def test_a_krx_listing_may_use_a_numeric_or_an_alphanumeric_code(listed):
    assert KRX_LISTING.fullmatch(listed)


@pytest.mark.parametrize(
    "listed",
    [
        "KOSDAQ:0009k0",
        "KOSDAQ:19617",
        "KOSDAQ:1961700",
        "NASDAQ:196170",
        "KOSDAQ 196170",
        "KOSDAQ:196170\n",
        "KOSDAQ:0009-K",
    ],
)
def test_a_malformed_krx_listing_is_refused(listed):
    assert not KRX_LISTING.fullmatch(listed)


def test_every_deal_has_a_date():
    undated = [d["id"] for d in records()["deals"] if not d.get("date")]
    assert undated == []
