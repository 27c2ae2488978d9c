"""Trials known from a reputable report rather than from a registry record (format
`dari-trial-reports/1`, dari/data/trials/README.md): the sponsor's release, a journal article or
a news report that names the trial's registry id next to the asset it tests. Each becomes a
`Study` with origin "report": its title is the registry's only when the report quotes it, its
status only what the report states (with the report's date), else NOT_STATED. Every problem is
named with its file and JSON path, like the registry formats."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from dari.directory.interchange import DirectoryError, _value_errors, read_file
from dari.trials.ctgov import (
    CRIS_ID,
    NCT_ID,
    SPONSOR_CLASSES,
    Location,
    Study,
    _clean_text,
    _Reader,
    digest_of,
)
from dari.trials.vocab import REPORT_ORIGIN, TrialStatus

FORMAT = "dari-trial-reports/1"
# Registry ids a report may give: ClinicalTrials.gov, CRIS, EudraCT, EU CTIS, jRCT, the
# Chinese registries and ANZCTR.
REGISTRY_ID = re.compile(
    r"^(NCT\d{8}|KCT\d{7}|\d{4}-\d{6}-\d{2}|\d{4}-5\d{5}-\d{2}-\d{2}|jRCT\d{10}"
    r"|ChiCTR[-\w]{6,20}|CTR\d{8}|ACTRN\d{14})$"
)
REPORTED_STATUSES = [s for s in TrialStatus.values if s != TrialStatus.NOT_STATED]
COUNTRY = re.compile(r"^[A-Z]{2}$")


def parse_report(item: Any, path: list[str | int], r: _Reader) -> Study | None:
    """The reported trial at `path`, or None with its problems recorded."""
    before = len(r.errors)
    if not isinstance(item, dict):
        r.problem(path, "expected a trial object")
        return None
    if _clean_text(item) is None:
        _value_errors(item, list(path), r.errors, r.prefix)
    reg_id = r.text(item, "id", path, required=True, max_length=40)
    if reg_id and not REGISTRY_ID.match(reg_id):
        r.problem([*path, "id"], f"{reg_id!r} is not a registry id (NCT…, KCT…, EudraCT, …)")
    title = r.text(item, "title", path, required=True)
    from_registry = item.get("title_is_registry", False)
    if not isinstance(from_registry, bool):
        r.problem([*path, "title_is_registry"], "expected true or false")
    status = r.choice(item, "status", path, REPORTED_STATUSES)
    as_of = r.plain_date(item, "status_as_of", path)
    if status and as_of is None:
        r.problem([*path, "status_as_of"], "required with a status (the report's date)")
    phases = r.phases(item, "phases", path)
    start = r.plain_date(item, "start", path)
    enrollment = r.participants(item, "enrollment", path)
    interventions = r.interventions(item, "interventions", path)
    countries = []
    for i, code in enumerate(r.items(item, "countries", path)):
        if isinstance(code, str) and COUNTRY.match(code):
            countries.append(code)
        else:
            r.problem([*path, "countries", i], f"{str(code)[:20]!r} is not an ISO country code")
    sites = [
        Location(facility=name, city="", country="KR", status="")
        for name in r.texts(item, "korean_sites", path)
    ]
    sponsor = r.text(item, "sponsor", path, max_length=500)
    sponsor_class = r.choice(item, "sponsor_class", path, SPONSOR_CLASSES)
    source = r.text(item, "source_url", path, required=True, max_length=2000)
    r.web(source, [*path, "source_url"])
    for i, url in enumerate(r.texts(item, "sources", path)):
        r.web(url, [*path, "sources", i])
    if len(r.errors) > before:
        return None
    return Study(
        id=reg_id,
        nct_id=reg_id if NCT_ID.match(reg_id) else "",
        cris_id=reg_id if CRIS_ID.match(reg_id) else "",
        mfds_id="",
        title=title,
        official_title="",
        status=status or TrialStatus.NOT_STATED,
        phases=phases,
        study_type="INTERVENTIONAL",
        start_date=start,
        completion_date=None,
        enrollment=enrollment,
        enrollment_type="",
        sponsor=(sponsor, sponsor_class) if sponsor else None,
        collaborators=[],
        conditions=r.texts(item, "conditions", path),
        keywords=[],
        mesh_terms=[],
        interventions=interventions,
        locations=sites,
        officials=[],
        last_update="",
        source_url=source,
        synthetic=False,
        origin=REPORT_ORIGIN,
        digest=digest_of(item, False, REPORT_ORIGIN),
        countries=countries,
        status_as_of=as_of,
        title_is_description=not from_registry,
    )


def read_reports(paths: list[Path], errors: list[str]) -> list[Study]:
    """The reported trials of every file; problems go to `errors` (file and JSON path)."""
    out: list[Study] = []
    for path in paths:
        try:
            doc = read_file(path)
        except DirectoryError as exc:
            errors += exc.errors
            continue
        r = _Reader(f"{path}: ", errors)
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            r.problem(["format"], f"expected {FORMAT!r}")
            continue
        for i, item in enumerate(r.items(doc, "trials", [])):
            study = parse_report(item, ["trials", i], r)
            if study is not None:
                out.append(study)
    return out
