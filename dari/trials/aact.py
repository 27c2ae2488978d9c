"""AACT's pipe-delimited flat files (https://aact.ctti-clinicaltrials.org/): a folder with
studies.txt, sponsors.txt, facilities.txt, conditions.txt, browse_conditions.txt,
interventions.txt and designs.txt (facility_investigators.txt, facility_contacts.txt,
overall_officials.txt and id_information.txt when present) becomes ClinicalTrials.gov v2 study
JSON, which dari/trials/ctgov.py then validates like any other page. Problems name the file
and line: `aact/studies.txt: line 7: overall_status: ...`."""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from dari.trials.ctgov import Study, studies_of
from dari.trials.importer import TrialImportError

REQUIRED = {
    "studies": ("nct_id", "brief_title", "overall_status"),
    "sponsors": ("nct_id", "agency_class", "lead_or_collaborator", "name"),
    "facilities": ("nct_id", "name", "city", "country"),
    "conditions": ("nct_id", "name"),
    "browse_conditions": ("nct_id", "mesh_term"),
    "interventions": ("nct_id", "intervention_type", "name"),
    "designs": ("nct_id",),
}
OPTIONAL = {
    "facility_investigators": ("nct_id", "facility_id", "role", "name"),
    "facility_contacts": ("nct_id", "facility_id", "name"),
    "overall_officials": ("nct_id", "role", "name"),
    "id_information": ("nct_id", "id_value"),
}
_NOT_WORD = re.compile(r"[^A-Z0-9]+")


def _enum(value: str) -> str:
    """AACT writes either API v2 values (ACTIVE_NOT_RECRUITING) or the older labels (Active,
    not recruiting; Phase 1/Phase 2; N/A): both become the v2 value."""
    return _NOT_WORD.sub("_", value.strip().upper()).strip("_")


def _phases(value: str) -> list[str]:
    out = []
    for part in value.split("/"):
        code = _enum(part).replace("PHASE_", "PHASE")
        if code in ("N_A", "NA", ""):
            code = "NA" if part.strip() else ""
        if code:
            out.append(code)
    return out


def _rows(
    path: Path, columns: tuple[str, ...], errors: list[str]
) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        errors.append(f"{path}: cannot be read ({exc.strerror})")
        return
    with handle:
        reader = csv.DictReader(handle, delimiter="|", quoting=csv.QUOTE_NONE)
        missing = [c for c in columns if c not in (reader.fieldnames or [])]
        if missing:
            errors.append(f"{path}: line 1: missing column {', '.join(missing)}")
            return
        try:
            for row in reader:
                if None in row:
                    errors.append(f"{path}: line {reader.line_num}: more fields than columns")
                    continue
                yield reader.line_num, {k: (v or "").strip() for k, v in row.items()}
        except (UnicodeDecodeError, csv.Error) as exc:
            errors.append(f"{path}: line {reader.line_num}: {exc}")


def _study(row: dict[str, str]) -> dict[str, Any]:
    enrollment: Any = row.get("enrollment") or None
    if enrollment is not None:
        try:
            enrollment = int(float(enrollment))
        except ValueError:
            pass  # left as text: the study check names it
    status = {"overallStatus": _enum(row["overall_status"])}
    for key, column in (
        ("startDateStruct", "start_date"),
        ("completionDateStruct", "completion_date"),
        ("lastUpdatePostDateStruct", "last_update_posted_date"),
    ):
        if row.get(column):
            status[key] = {"date": row[column]}
    return {
        "protocolSection": {
            "identificationModule": {
                "nctId": row["nct_id"],
                "briefTitle": row["brief_title"],
                "officialTitle": row.get("official_title", ""),
                "secondaryIdInfos": [],
            },
            "statusModule": status,
            "designModule": {
                "studyType": _enum(row.get("study_type", "")),
                "phases": _phases(row.get("phase", "")),
                "enrollmentInfo": {
                    "count": enrollment,
                    "type": _enum(row.get("enrollment_type", "")),
                },
            },
            "sponsorCollaboratorsModule": {"collaborators": []},
            "conditionsModule": {"conditions": [], "keywords": []},
            "armsInterventionsModule": {"interventions": []},
            "contactsLocationsModule": {"overallOfficials": [], "locations": []},
        },
        "derivedSection": {"conditionBrowseModule": {"meshes": []}},
    }


def read_aact(folder: Path, synthetic: bool = False) -> list[Study]:
    """The studies of an AACT folder, or TrialImportError naming every problem."""
    errors: list[str] = []
    if not folder.is_dir():
        raise TrialImportError([f"{folder}: not a folder"])
    for name in REQUIRED:
        if not (folder / f"{name}.txt").exists():
            errors.append(f"{folder / (name + '.txt')}: no such file")
    if errors:
        raise TrialImportError(errors)
    studies: dict[str, dict[str, Any]] = {}
    where: dict[str, str] = {}
    path = folder / "studies.txt"
    for line, row in _rows(path, REQUIRED["studies"], errors):
        studies[row["nct_id"]] = _study(row)
        where[row["nct_id"]] = f"{path}: line {line}"

    def each(
        name: str, columns: tuple[str, ...]
    ) -> Iterator[tuple[dict[str, Any], dict[str, str]]]:
        file = folder / f"{name}.txt"
        for line, row in _rows(file, columns, errors):
            study = studies.get(row["nct_id"])
            if study is None:
                errors.append(
                    f"{file}: line {line}: nct_id {row['nct_id']!r} is not in studies.txt"
                )
                continue
            yield study["protocolSection"], row

    for p, row in each("sponsors", REQUIRED["sponsors"]):
        party = {"name": row["name"], "class": _enum(row["agency_class"]) or "UNKNOWN"}
        if row["lead_or_collaborator"].casefold() == "lead":
            p["sponsorCollaboratorsModule"]["leadSponsor"] = party
        else:
            p["sponsorCollaboratorsModule"]["collaborators"].append(party)
    for p, row in each("conditions", REQUIRED["conditions"]):
        p["conditionsModule"]["conditions"].append(row["name"])
    for p, row in each("interventions", REQUIRED["interventions"]):
        p["armsInterventionsModule"]["interventions"].append(
            {"type": _enum(row["intervention_type"]), "name": row["name"], "otherNames": []}
        )
    for _p, _row in each("designs", REQUIRED["designs"]):
        pass  # read for completeness: primary purpose and masking are not kept
    meshes: dict[str, list[dict[str, str]]] = defaultdict(list)
    for _p, row in each("browse_conditions", REQUIRED["browse_conditions"]):
        if row.get("mesh_type", "mesh-list") in ("mesh-list", ""):
            meshes[row["nct_id"]].append({"id": row.get("mesh_id", ""), "term": row["mesh_term"]})
    for nct_id, items in meshes.items():
        studies[nct_id]["derivedSection"]["conditionBrowseModule"]["meshes"] = items
    locations: dict[str, dict[str, Any]] = {}
    for p, row in each("facilities", REQUIRED["facilities"]):
        location = {
            "facility": row["name"],
            "city": row["city"],
            "country": row["country"],
            "status": _enum(row.get("status", "")),
            "contacts": [],
        }
        locations[row.get("id", "")] = location
        p["contactsLocationsModule"]["locations"].append(location)
    for name in ("facility_investigators", "facility_contacts"):
        if (folder / f"{name}.txt").exists():
            for _p, row in each(name, OPTIONAL[name]):
                location = locations.get(row["facility_id"])
                role = _enum(row.get("role") or row.get("contact_type") or "")
                if location is not None and row["name"]:
                    location["contacts"].append({"name": row["name"], "role": role})
    if (folder / "overall_officials.txt").exists():
        for p, row in each("overall_officials", OPTIONAL["overall_officials"]):
            p["contactsLocationsModule"]["overallOfficials"].append(
                {
                    "name": row["name"],
                    "role": _enum(row["role"]),
                    "affiliation": row.get("affiliation", ""),
                }
            )
    if (folder / "id_information.txt").exists():
        for p, row in each("id_information", OPTIONAL["id_information"]):
            p["identificationModule"]["secondaryIdInfos"].append(
                {"id": row["id_value"], "domain": row.get("id_source", "")}
            )
    out: list[Study] = []
    for nct_id, study in studies.items():
        out.extend(studies_of(study, where[nct_id], errors, synthetic, origin="aact"))
    if errors:
        raise TrialImportError(errors)
    return out
