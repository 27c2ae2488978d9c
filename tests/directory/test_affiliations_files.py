"""Affiliations spread over several files are one set: the bundled folder's files all load, and
an organisation given a parent in two files is refused."""

from __future__ import annotations

import json

import pytest

from dari.directory.affiliations import import_affiliations
from dari.directory.interchange import DirectoryError
from dari.directory.models import Affiliation, Organization

ROW = {
    "organization": "janssen",
    "parent": "jnj",
    "relation": "subsidiary",
    "sources": ["https://www.jnj.com/about-jnj"],
}


@pytest.fixture
def orgs(db):
    for pk in ("jnj", "janssen", "roche", "genentech"):
        Organization.objects.create(id=pk, name=pk.title(), kind="pharma")


def _write(tmp_path, name, rows):
    path = tmp_path / name
    path.write_text(json.dumps({"format": "dari-affiliations/1", "affiliations": rows}))
    return path


def test_the_files_load_as_one_set(orgs, tmp_path):
    genentech = {**ROW, "organization": "genentech", "parent": "roche"}
    paths = [_write(tmp_path, "a.json", [ROW]), _write(tmp_path, "b.json", [genentech])]
    assert import_affiliations(*paths) == 2
    pairs = sorted(Affiliation.objects.values_list("organization_id", "parent_id"))
    assert pairs == [("genentech", "roche"), ("janssen", "jnj")]


def test_a_second_parent_in_another_file_is_refused(orgs, tmp_path):
    import_affiliations(_write(tmp_path, "a.json", [ROW]))
    other = {**ROW, "parent": "roche"}
    paths = [_write(tmp_path, "a.json", [ROW]), _write(tmp_path, "b.json", [other])]
    with pytest.raises(DirectoryError) as exc:
        import_affiliations(*paths)
    assert exc.value.errors == [
        f"{paths[1]}: affiliations[0].organization: 'janssen' already has a parent"
    ]
    assert list(Affiliation.objects.values_list("organization_id", "parent_id")) == [
        ("janssen", "jnj")
    ]


def test_the_bundled_units_have_their_parents(db):
    from dari.directory.bundled import load_bundled_data

    load_bundled_data()
    parents = dict(Affiliation.objects.values_list("organization_id", "parent_id"))
    units = ["medimmune", "genentech", "janssen", "hanmi-pharmaceutical", "metsera"]
    assert [parents.get(unit) for unit in units] == [
        "astrazeneca",
        "roche",
        "johnson-johnson",
        "hanmi-science",
        "pfizer",
    ]
    assert Organization.objects.get(pk="medimmune").name_ko == "메드이뮨"
