"""`import_affiliations`: which organisation belongs to which group (dari-affiliations/1).

A document is `{"format": "dari-affiliations/1", "affiliations": [{"organization": id,
"parent": id, "relation": "subsidiary" | "division" | "affiliate", "sources": [url, ...]}]}`.
It is validated whole (both ids known, no organisation its own ancestor, every source on an
accepted host) and written in one transaction; the stored set is replaced by the document's, so
removing a line removes the affiliation. Several documents (the bundled folder holds one file
per batch of sourced relations) are validated as one set: an organisation has one parent across
all of them. Errors name their file and JSON path.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.db import transaction

from dari.directory import models as m
from dari.directory.interchange import DirectoryError, read_file
from dari.directory.sourcehosts import source_host_problem

FORMAT = "dari-affiliations/1"


def _problems(doc: Any, name: str, known: set[str], parent_of: dict[str, str]) -> list[str]:
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        return [f"{name}: format: expected {FORMAT!r}"]
    rows = doc.get("affiliations")
    if not isinstance(rows, list):
        return [f"{name}: affiliations: expected a list"]
    problems: list[str] = []
    for i, row in enumerate(rows):
        where = f"{name}: affiliations[{i}]"
        if not isinstance(row, dict):
            problems.append(f"{where}: expected an object")
            continue
        for key in ("organization", "parent"):
            if row.get(key) not in known:
                problems.append(f"{where}.{key}: no organisation with id {row.get(key)!r}")
        if row.get("relation", "subsidiary") not in m.AffiliationKind.values:
            problems.append(f"{where}.relation: {row.get('relation')!r} is not a relation")
        sources = row.get("sources")
        if not isinstance(sources, list) or not sources:
            problems.append(f"{where}.sources: at least one source is required")
        else:
            for j, url in enumerate(sources):
                problem = source_host_problem(url) if isinstance(url, str) else "not a string"
                if problem:
                    problems.append(f"{where}.sources[{j}]: {problem}")
        org, parent = row.get("organization"), row.get("parent")
        if isinstance(org, str) and isinstance(parent, str):
            if org in parent_of:
                problems.append(f"{where}.organization: {org!r} already has a parent")
            parent_of[org] = parent
    return problems


def _cycles(parent_of: dict[str, str], name: str) -> list[str]:
    problems = []
    for org in parent_of:
        seen, cursor = {org}, parent_of[org]
        while cursor in parent_of:
            if cursor in seen:
                problems.append(f"{name}: affiliations: {org!r} would be its own ancestor")
                break
            seen.add(cursor)
            cursor = parent_of[cursor]
    return problems


def import_affiliations(*paths: Path) -> int:
    """Replace the stored affiliations by the files'; returns how many there are."""
    known = set(m.Organization.objects.values_list("pk", flat=True))
    problems: list[str] = []
    parent_of: dict[str, str] = {}
    rows: list[dict[str, Any]] = []
    for path in paths:
        doc = read_file(path)
        found = _problems(doc, str(path), known, parent_of)
        problems += found
        if not found:
            rows += doc["affiliations"]
    problems += _cycles(parent_of, ", ".join(str(p) for p in paths))
    if problems:
        raise DirectoryError(problems)
    with transaction.atomic():
        m.Affiliation.objects.all().delete()
        m.Affiliation.objects.bulk_create(
            m.Affiliation(
                organization_id=r["organization"],
                parent_id=r["parent"],
                relation=r.get("relation", "subsidiary"),
                sources=r["sources"],
            )
            for r in rows
        )
        m.bump_generation()
    return len(rows)
