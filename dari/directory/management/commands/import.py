"""`dari import FILE...`: validate and import dari-directory/1 files in one transaction."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from dari.cli.command import DariCommand
from dari.directory.importer import import_directory, read_documents
from dari.directory.interchange import DirectoryError


class Command(DariCommand):
    help = "Import dari-directory/1 JSON files (all or nothing; re-importing an id updates it)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
        parser.add_argument("--no-progress", action="store_true", help="never show a progress bar")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            docs = read_documents(options["files"])
            total = sum(
                len(v)
                for _, doc in docs
                if isinstance(doc, dict)
                for v in doc.values()
                if isinstance(v, list)
            )
            bar = None
            if sys.stderr.isatty() and not options["no_progress"]:
                from tqdm import tqdm

                bar = tqdm(total=total, unit="rec", desc="importing", file=sys.stderr)
            counts = import_directory(docs, progress=(lambda _s, n: bar.update(n)) if bar else None)
            if bar:
                bar.close()
        except DirectoryError as exc:
            raise self.import_refused(exc.errors) from None
        summary = ", ".join(f"{n} {k}" for k, n in counts.items()) or "nothing"
        self.stdout.write(f"imported {summary}")
