"""What bundled organisations seek (`interest_description`) and the names of the bundled
programmes, in Korean: dari/data/labels/organization_interests_ko.json (read by
`interest_in_korean` and `{{ org|local:"interest_description" }}`) and the "program" kind of
dari/data/labels/names_ko.json (read by `local_name`). A Korean reader reads them in Korean, an
English reader as recorded; an owner's later edit falls back to the English."""

from __future__ import annotations

import json
import re

import pytest

from dari.core.names import (
    interest_in_korean,
    interests_ko,
    local_name,
    local_text,
    name_in_korean,
    other_name,
    text_hash,
)
from dari.directory.bundled import bundled_files
from dari.directory.models import Organization, Program
from tests.web.pages import page_text as _page


def bundled_interests() -> dict[str, str]:
    """Bundled organisation id -> what it seeks (the organisations that state it)."""
    found: dict[str, str] = {}
    for path in bundled_files():
        records = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(records, dict):
            continue
        for r in records.get("organizations") or []:
            text = (r.get("interests") or {}).get("description")
            if text:
                found[r["id"]] = text
    return found


def bundled_programs() -> dict[str, str]:
    """Bundled programme id -> its English name."""
    found: dict[str, str] = {}
    for path in bundled_files():
        records = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(records, dict):
            found.update((r["id"], r["name"]) for r in records.get("programs") or [])
    return found


def test_every_bundled_statement_of_interest_has_a_current_korean_rendering():
    english, korean = bundled_interests(), interests_ko()["organization"]
    assert len(english) >= 75
    assert sorted(set(english) - set(korean)) == []
    assert sorted(set(korean) - set(english)) == []
    stale = [k for k, r in korean.items() if r.source != text_hash(english[k])]
    assert stale == []
    assert all(len(re.findall("[가-힣]", r.text)) >= 10 for r in korean.values())


def test_product_codes_survive_the_rendering():
    english, korean = bundled_interests(), interests_ko()["organization"]
    codes = re.compile(r"\b[A-Z]{2,5}-?\d{2,5}\b")
    dropped = [
        (k, code) for k, text in english.items() for code in codes.findall(text)
        if code not in korean[k].text
    ]  # fmt: skip
    assert dropped == []
    assert "YBL-006" in korean["y-biologics"].text


def test_every_bundled_programme_has_a_korean_name():
    programs = bundled_programs()
    assert len(programs) >= 29
    missing = [k for k, name in programs.items() if not name_in_korean(Program(id=k, name=name))]
    assert missing == []


def test_a_statement_reads_in_korean_for_a_korean_reader_only():
    english = bundled_interests()["abbvie"]
    org = Organization(id="abbvie", name="AbbVie", interest_description=english)
    korean = interests_ko()["organization"]["abbvie"].text
    assert interest_in_korean(org) == korean
    assert local_text(org, "interest_description", "ko") == korean
    assert local_text(org, "interest_description", "en") == english
    # The owner's edit falls back to the English; a record created here has no rendering.
    org.interest_description = english + " Also open to licensing."
    assert local_text(org, "interest_description", "ko") == org.interest_description
    ours = Organization(id="ours", name="Ours", interest_description="Anything in ADCs")
    assert local_text(ours, "interest_description", "ko") == "Anything in ADCs"


def test_a_programme_name_reads_in_korean_and_an_edit_falls_back():
    name = bundled_programs()["prog-kddf"]
    program = Program(id="prog-kddf", name=name)
    assert (local_name(program, "ko"), other_name(program, "ko")) == ("국가신약개발사업", name)
    assert (local_name(program, "en"), other_name(program, "en")) == (name, "국가신약개발사업")
    program.name = "Renamed programme"
    assert local_name(program, "ko") == "Renamed programme"
    program.name_ko = "편집자가 쓴 이름"
    assert local_name(program, "ko") == "편집자가 쓴 이름"


@pytest.mark.parametrize(
    ("url", "org_id"),
    [
        ("/organizations/abbvie/", "abbvie"),
        ("/organizations/kddf/", "kddf"),
        ("/insights/calls/prog-az-k-bio-expressway/", "astrazeneca"),
    ],
)
def test_pages_show_what_an_organisation_seeks_in_the_readers_language(
    bundled, client, url, org_id
):
    korean_page, english_page = _page(client, url, "ko"), _page(client, url, "en")
    english = bundled_interests()[org_id]
    korean = interests_ko()["organization"][org_id].text
    assert korean in korean_page
    assert english not in korean_page
    assert english in english_page
    assert korean not in english_page


@pytest.mark.parametrize(
    ("url", "program_id"),
    [
        ("/organizations/kpbma/", "prog-kpbma-cic-office"),
        ("/clusters/cl-songdo/", "prog-k-nibrt-training"),
        ("/insights/calls/", "prog-az-k-bio-expressway"),
        ("/insights/calls/prog-dgmif-nddc-rd-call/", "prog-dgmif-nddc-rd-call"),
    ],
)
def test_programme_lists_name_programmes_in_the_readers_language(bundled, client, url, program_id):
    program = Program.objects.get(pk=program_id)
    korean = name_in_korean(program)
    assert korean
    korean_page, english_page = _page(client, url, "ko"), _page(client, url, "en")
    assert korean in korean_page
    assert program.name in english_page
