"""`dari trials import-aact DIR`: AACT pipe-delimited flat files (SYNTHETIC rows in the
documented format) through the same validation and writer."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from dari.trials.models import Investigator, Trial

pytestmark = pytest.mark.django_db

FILES = {
    "studies": [
        "nct_id|brief_title|official_title|overall_status|phase|study_type|start_date|completion_date|enrollment|enrollment_type|last_update_posted_date",
        "NCT93000001|SYNTHETIC AACT study one||Recruiting|Phase 1/Phase 2|Interventional|2022-03-01|2025-12-31|60|Anticipated|2024-01-02",
        "NCT93000002|SYNTHETIC AACT study two||COMPLETED|PHASE3|INTERVENTIONAL|2019-01-15||400|ACTUAL|2023-05-05",
    ],
    "sponsors": [
        "id|nct_id|agency_class|lead_or_collaborator|name",
        "1|NCT93000001|INDUSTRY|lead|SYNTHETIC Bio",
        "2|NCT93000001|OTHER|collaborator|Asan Medical Center",
        "3|NCT93000002|Other|lead|Samsung Medical Center",
    ],
    "facilities": [
        "id|nct_id|status|name|city|state|zip|country",
        "11|NCT93000001|RECRUITING|Asan Medical Center|Seoul||05505|Korea, Republic of",
        "12|NCT93000002||Samsung Medical Center|Seoul|||Korea, Republic of",
    ],
    "facility_investigators": [
        "id|nct_id|facility_id|role|name",
        "21|NCT93000001|11|Principal Investigator|SYNTHETIC Investigator",
    ],
    "conditions": [
        "id|nct_id|name|downcase_name",
        "31|NCT93000001|Gastric Cancer|gastric cancer",
        "32|NCT93000002|Type 2 Diabetes|type 2 diabetes",
    ],
    "browse_conditions": [
        "id|nct_id|mesh_term|downcase_mesh_term|mesh_type",
        "41|NCT93000001|Stomach Neoplasms|stomach neoplasms|mesh-list",
        "42|NCT93000001|Neoplasms|neoplasms|mesh-ancestor",
    ],
    "interventions": [
        "id|nct_id|intervention_type|name|description",
        "51|NCT93000001|Drug|SYN-7|",
        "52|NCT93000002|BIOLOGICAL|SYN-8|",
    ],
    "designs": [
        "id|nct_id|allocation|intervention_model|primary_purpose",
        "61|NCT93000001|Randomized|Parallel Assignment|Treatment",
    ],
}


def write(folder: Path, files: dict[str, list[str]]) -> Path:
    folder.mkdir(exist_ok=True)
    for name, lines in files.items():
        (folder / f"{name}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_aact_files_import(tmp_path, capsys):
    folder = write(tmp_path / "aact", FILES)
    call_command("trials", "import-aact", str(folder), "--synthetic", "--no-progress")
    assert capsys.readouterr().out == "imported 2 new trials; 3 organisations created\n"
    one = Trial.objects.get(pk="NCT93000001")
    assert (one.status, one.phases, one.enrollment, one.origin, one.synthetic) == (
        "RECRUITING",
        ["PHASE1", "PHASE2"],
        60,
        "aact",
        True,
    )
    assert one.mesh_terms == [{"id": "", "term": "Stomach Neoplasms"}]
    assert one.interventions == [{"type": "DRUG", "name": "SYN-7", "other_names": []}]
    assert list(one.collaborators.values_list("name", flat=True)) == ["Asan Medical Center"]
    assert list(Investigator.objects.values_list("name", "role", "organization__name")) == [
        ("SYNTHETIC Investigator", "PRINCIPAL_INVESTIGATOR", "Asan Medical Center")
    ]
    two = Trial.objects.get(pk="NCT93000002")
    # The hospital that sponsors its own trial is the same organisation as the site.
    assert two.lead_sponsor_id == two.sites.get().organization_id
    call_command("trials", "import-aact", str(folder), "--synthetic", "--no-progress")
    assert capsys.readouterr().out == "imported 2 unchanged trials\n"


def test_a_bad_aact_folder_writes_nothing_and_names_file_and_line(tmp_path):
    files = {**FILES, "conditions": [*FILES["conditions"], "33|NCT99999999|Orphan|orphan"]}
    files["studies"] = [*FILES["studies"], "NCT93000003|SYNTHETIC bad|x|Running|Phase 2|||||"]
    folder = write(tmp_path / "aact", files)
    with pytest.raises(CommandError) as exc:
        call_command("trials", "import-aact", str(folder))
    assert exc.value.returncode == 2
    assert str(exc.value).splitlines()[1:] == [
        f"  {folder}/conditions.txt: line 4: nct_id 'NCT99999999' is not in studies.txt",
        f"  {folder}/studies.txt: line 4: protocolSection.statusModule.overallStatus: 'RUNNING' is not one of "
        + ", ".join(__import__("dari.trials.vocab", fromlist=["x"]).TrialStatus.values),
    ]
    assert Trial.objects.count() == 0


def test_a_missing_file_is_named(tmp_path):
    folder = write(tmp_path / "aact", {k: v for k, v in FILES.items() if k != "designs"})
    with pytest.raises(CommandError) as exc:
        call_command("trials", "import-aact", str(folder))
    assert str(exc.value).splitlines()[1] == f"  {folder}/designs.txt: no such file"
