"""`import_directory`: validate dari-directory/1 documents whole, then write them in one
transaction. Nothing is written unless every document is valid and every reference resolves."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from dari.directory import models as m
from dari.directory.interchange import (
    SECTIONS,
    DirectoryError,
    Record,
    Section,
    collect_records,
    read_file,
    reference_errors,
    referenced_ids,
    to_model_values,
    validate_document,
)
from dari.directory.search import index_assets, organization_asset_ids
from dari.directory.text import search_texts
from dari.directory.vocab import Visibility

BATCH = 2000
Progress = Callable[[str, int], None]


def read_documents(paths: Sequence[Path]) -> list[tuple[str, Any]]:
    """Parse files; raises DirectoryError naming every file that is not well-formed JSON."""
    docs: list[tuple[str, Any]] = []
    errors: list[str] = []
    for path in paths:
        try:
            docs.append((str(path), read_file(path)))
        except DirectoryError as exc:
            errors.extend(exc.errors)
    if errors:
        raise DirectoryError(errors)
    return docs


def _existing_ids(wanted: dict[str, set[str]]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for section in SECTIONS:
        ids = list(wanted.get(section.key, ()))
        hits: set[str] = set()
        for i in range(0, len(ids), 900):  # stay under SQLite's parameter limit
            chunk = ids[i : i + 900]
            hits.update(section.model.objects.filter(pk__in=chunk).values_list("pk", flat=True))
        found[section.key] = hits
    return found


# public < members < partners < cda: an import keeps the stricter of the stored and the
# imported visibility.
VISIBILITY_RANK = {value: rank for rank, value in enumerate(Visibility.values)}


def _keep_owner_edits(section: Section, rows: list[dict[str, Any]]) -> None:
    """Put back, in the imported `rows`, what owners set on the pages: every field in a stored
    record's `edited_fields` keeps its stored value, and a visibility is never lowered."""
    model = section.model
    if not any(f.name == "edited_fields" for f in model._meta.get_fields()):
        return
    attrs = [f.attr for f in section.fields if f.kind != "m2m"]
    stored: dict[str, dict[str, Any]] = {}
    ids = [row["id"] for row in rows]
    for i in range(0, len(ids), 900):  # stay under SQLite's parameter limit
        for old in model.objects.filter(pk__in=ids[i : i + 900]).values(
            "id", *attrs, "edited_fields"
        ):
            stored[old["id"]] = old
    for row in rows:
        old = stored.get(row["id"])
        if old is None:
            continue
        edited = set(old["edited_fields"])
        for attr in attrs:
            if model._meta.get_field(attr).name in edited:
                row[attr] = old[attr]
        if "visibility" in row:
            row["visibility"] = max(
                row["visibility"], old["visibility"], key=VISIBILITY_RANK.__getitem__
            )


def _stamp_changed(model: type[Any], rows: list[dict[str, Any]], compared: list[str]) -> None:
    """Give each row its `updated` time: now for a new record or one whose content differs
    from what is stored, the stored time for one the import leaves as it was."""
    now = timezone.now()
    stored: dict[str, dict[str, Any]] = {}
    ids = [row["id"] for row in rows]
    for i in range(0, len(ids), 900):  # stay under SQLite's parameter limit
        for old in model.objects.filter(pk__in=ids[i : i + 900]).values("id", "updated", *compared):
            stored[old["id"]] = old
    for row in rows:
        old = stored.get(row["id"])
        same = old is not None and all(row.get(name) == old[name] for name in compared)
        row["updated"] = old["updated"] if same and old else now


def _write(section: Section, records: list[Record], progress: Progress | None) -> None:
    model = section.model
    searched = model in m.SEARCH_FIELDS
    update_fields = [f.attr for f in section.fields] + (["search_text"] if searched else [])
    for start in range(0, len(records), BATCH):
        batch = records[start : start + BATCH]
        rows = [to_model_values(section, r.data) for r in batch]
        _keep_owner_edits(section, rows)
        if searched:
            texts = search_texts([m.searchable_text(model, values) for values in rows])
            for values, stored in zip(rows, texts, strict=True):
                values["search_text"] = stored
        _stamp_changed(model, rows, update_fields)
        objs = [model(**values) for values in rows]
        model.objects.bulk_create(
            objs,
            update_conflicts=True,
            unique_fields=["id"],
            update_fields=[*update_fields, "updated"],
        )
        if model is m.Investment:
            through = m.Investment.investors.through
            ids = [o.pk for o in objs]
            through.objects.filter(investment_id__in=ids).delete()
            through.objects.bulk_create(
                [
                    through(investment_id=o.pk, organization_id=org)
                    for o in objs
                    for org in dict.fromkeys(o.investor_order)
                ]
            )
        if progress:
            progress(section.key, len(batch))


def import_directory(
    docs: list[tuple[str, dict[str, Any]]], progress: Progress | None = None
) -> Counter[str]:
    """Import valid documents in one transaction; returns the number of records per section.

    Records whose id exists are updated, except what their owners set on the pages (their
    `edited_fields`, and a visibility is never lowered); nothing is deleted. Raises
    DirectoryError (and writes nothing) for duplicate ids or references that resolve neither in
    the documents nor in the database.
    """
    problems = [p for name, doc in docs for p in validate_document(doc, name)]
    if problems:
        raise DirectoryError(problems)
    records, errors = collect_records(docs)
    errors += reference_errors(records, _existing_ids(referenced_ids(records)))
    if errors:
        raise DirectoryError(errors)
    by_section: dict[str, list[Record]] = {s.key: [] for s in SECTIONS}
    for r in records:
        by_section[r.section.key].append(r)
    with transaction.atomic():
        for section in SECTIONS:
            _write(section, by_section[section.key], progress)
        # Bulk writes send no signals: the search documents of the imported assets, and of
        # the assets of imported organisations (their names are in each document).
        owners = organization_asset_ids(r.data["id"] for r in by_section["organizations"])
        index_assets([*(r.data["id"] for r in by_section["assets"]), *owners])
        m.bump_generation()
    return Counter({k: len(v) for k, v in by_section.items() if v})


def import_files(paths: Sequence[Path], progress: Progress | None = None) -> Counter[str]:
    """Read, validate and import files as one transaction."""
    return import_directory(read_documents(paths), progress)
