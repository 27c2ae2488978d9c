"""The bundled real dataset (dari/data/*.json, dari-directory/1, a source URL per record)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from django.db import transaction

from dari.directory.affiliations import import_affiliations
from dari.directory.importer import import_files

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
AFFILIATIONS = DATA_DIR / "affiliations"


def bundled_files() -> list[Path]:
    """The directory files of the bundled dataset, in a stable order."""
    return sorted(DATA_DIR.glob("*.json"))


def load_bundled_data() -> Counter[str]:
    """Import (or update) the bundled dataset, with the group affiliations, in one
    transaction."""
    with transaction.atomic():
        counts = import_files(bundled_files())
        counts["affiliations"] = import_affiliations(*sorted(AFFILIATIONS.glob("*.json")))
    return counts
