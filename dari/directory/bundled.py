"""The bundled real dataset (dari/data/*.json, dari-directory/1, a source URL per record)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from django.db import transaction

from dari.core.names import organization_names_ko
from dari.directory.affiliations import import_affiliations
from dari.directory.importer import import_directory, read_documents

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
AFFILIATIONS = DATA_DIR / "affiliations"


def bundled_files() -> list[Path]:
    """The directory files of the bundled dataset, in a stable order."""
    return sorted(DATA_DIR.glob("*.json"))


def with_korean_names(docs: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    """The documents, each organisation without a Korean name of its own given the one the
    Korean press uses (`organization_names_ko`: 사노피 for Sanofi), so that the stored
    `name_ko` serves the pages, the API and search alike; one its owner set on the pages is
    kept by the import (`edited_fields`)."""
    names = organization_names_ko()
    for _, doc in docs:
        for record in doc.get("organizations", []) if isinstance(doc, dict) else []:
            if isinstance(record, dict) and not record.get("name_ko"):
                korean = names.get(str(record.get("id", "")))
                if korean:
                    record["name_ko"] = korean
    return docs


def load_bundled_data() -> Counter[str]:
    """Import (or update) the bundled dataset, with the foreign organisations' Korean names and
    the group affiliations, in one transaction."""
    with transaction.atomic():
        counts = import_directory(with_korean_names(read_documents(bundled_files())))
        counts["affiliations"] = import_affiliations(*sorted(AFFILIATIONS.glob("*.json")))
    return counts
