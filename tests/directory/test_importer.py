"""`dari import` / `import_directory`: validation with JSON paths, references, all-or-nothing."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from dari.directory.importer import import_directory, import_files
from dari.directory.interchange import DirectoryError
from dari.directory.models import Asset, Cluster, Deal, Investment, Organization

pytestmark = pytest.mark.django_db


def doc(**sections):
    return {"format": "dari-directory/1", **sections}


def good() -> dict:
    return doc(
        clusters=[{"id": "cl-a", "name": "Songdo", "name_ko": "송도"}],
        organizations=[
            {"id": "o1", "name": "One Bio", "kind": "biotech", "cluster": "cl-a"},
            {"id": "o2", "name": "Two Pharma", "kind": "pharma", "country": "US"},
        ],
        assets=[
            {
                "id": "a1",
                "organization": "o1",
                "name": "ONE-101",
                "modality": "adc",
                "description": "위암을 치료하는 항체약물접합체",
            }
        ],
        deals=[
            {"id": "d1", "licensor": "o1", "licensee": "o2", "asset": "a1", "deal_type": "license"}
        ],
        investments=[{"id": "i1", "recipient": "o1", "investors": ["o2"], "kind": "series_a"}],
    )


def errors_of(*docs) -> list[str]:
    with pytest.raises(DirectoryError) as info:
        import_directory([(f"f{i}.json", d) for i, d in enumerate(docs)])
    return info.value.errors


def test_import_creates_every_record_and_its_links():
    counts = import_directory([("f.json", good())])
    assert dict(counts) == {
        "clusters": 1,
        "organizations": 2,
        "assets": 1,
        "deals": 1,
        "investments": 1,
    }
    assert Organization.objects.get(pk="o1").cluster_id == "cl-a"
    assert Deal.objects.get(pk="d1").asset_id == "a1"
    assert list(Investment.objects.get(pk="i1").investors.values_list("pk", flat=True)) == ["o2"]
    assert Asset.objects.get(pk="a1").visibility == "public"


def test_korean_description_is_tokenised_for_search():
    import_directory([("f.json", good())])
    document = Asset.objects.get(pk="a1").search_document
    assert " 위암 " in document.body
    assert " 항체 " in document.body


def test_bad_vocabulary_value_is_named_with_its_json_path_and_nothing_is_written():
    bad = good()
    bad["assets"][0]["modality"] = "mab"
    errors = errors_of(bad)
    assert len(errors) == 1
    assert errors[0].startswith("f0.json: assets[0].modality: 'mab' is not one of small_molecule")
    assert Organization.objects.count() == 0
    assert Cluster.objects.count() == 0


def test_unknown_field_and_missing_required_field_are_both_reported():
    bad = good()
    bad["organizations"][1]["colour"] = "blue"
    del bad["assets"][0]["name"]
    assert errors_of(bad) == [
        "f0.json: assets[0]: 'name' is a required property",
        "f0.json: organizations[1]: unknown field 'colour'",
    ]


def test_wrong_format_is_refused():
    assert errors_of({"format": "dari-directory/2"}) == [
        "f0.json: format: expected 'dari-directory/1', found 'dari-directory/2'"
    ]


def test_dangling_references_are_named_and_nothing_is_written():
    bad = good()
    bad["assets"][0]["organization"] = "nope"
    bad["investments"][0]["investors"] = ["o2", "ghost"]
    assert errors_of(bad) == [
        "f0.json: assets[0].organization: no organization with id 'nope' in the files or the database",
        "f0.json: investments[0].investors[1]: no organization with id 'ghost' in the files or the database",
    ]
    assert Asset.objects.count() == 0


def test_duplicate_ids_across_files_are_refused():
    second = doc(organizations=[{"id": "o1", "name": "Again", "kind": "biotech"}])
    assert errors_of(good(), second) == [
        "f1.json: organizations[0].id: duplicate id 'o1' (also f0.json: organizations[0])"
    ]


def test_references_resolve_across_files_and_against_the_database():
    first = good()
    import_directory([("f.json", first)])
    later = doc(assets=[{"id": "a2", "organization": "o2", "name": "TWO-1"}])
    import_directory([("g.json", later)])
    assert Asset.objects.get(pk="a2").organization_id == "o2"


def test_reimport_updates_by_id_without_duplicates():
    import_directory([("f.json", good())])
    changed = good()
    changed["assets"][0]["stage"] = "phase2"
    changed["investments"][0]["investors"] = []
    import_directory([("f.json", changed)])
    assert Asset.objects.count() == 1
    assert Asset.objects.get(pk="a1").stage == "phase2"
    assert Investment.objects.get(pk="i1").investors.count() == 0


def test_database_constraints_hold_without_the_importer():
    from django.db import IntegrityError, transaction

    import_directory([("f.json", good())])
    with pytest.raises(IntegrityError), transaction.atomic():
        Asset.objects.filter(pk="a1").update(modality="mab")


def test_command_reports_malformed_json_with_line_and_column(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"format": "dari-directory/1",\n  "clusters": [,]}', encoding="utf-8")
    with pytest.raises(CommandError) as info:
        call_command("import", str(path), "--no-progress")
    assert str(info.value) == (
        "import refused, nothing was written (1 problem):\n"
        f"  {path}: malformed JSON at line 2, column 16: Expecting value"
    )


def test_command_imports_files_and_says_what(tmp_path, capsys):
    path = tmp_path / "d.json"
    path.write_text(json.dumps(good()), encoding="utf-8")
    call_command("import", str(path), "--no-progress")
    assert capsys.readouterr().out.strip() == (
        "imported 1 clusters, 2 organizations, 1 assets, 1 deals, 1 investments"
    )


def test_a_failing_file_among_several_writes_nothing(tmp_path):
    ok, bad = tmp_path / "ok.json", tmp_path / "bad.json"
    ok.write_text(json.dumps(good()), encoding="utf-8")
    bad.write_text(json.dumps(doc(clusters=[{"id": "x y", "name": "bad id"}])), encoding="utf-8")
    with pytest.raises(DirectoryError) as info:
        import_files([ok, bad])
    assert info.value.errors == [
        f"{bad}: clusters[0].id: 'x y' does not match '^[A-Za-z0-9][A-Za-z0-9._:-]{{0,127}}$'"
    ]
    assert Organization.objects.count() == 0
