"""`dari ingest FILE... [--source URL] [--lang auto|en|ko] [--json] [--dry-run]`

Reads each text (a press release, disclosure or article, English or Korean) and stores its
candidate records in the review queue; nothing reaches the graph until a curator approves it
(`dari review`). A file may name its source on its first line (`Source: URL` or `출처: URL`)
instead of --source. All files or none: one bad file writes nothing and names itself.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser
from django.db import transaction
from django.utils.translation import gettext as _

from dari.cli.command import DariCommand
from dari.curation.domain.errors import CurationError
from dari.curation.domain.ingest import LANGUAGES, gazetteer, prepare, read, store
from dari.curation.domain.queries import queue
from dari.curation.models import Candidate

_SOURCE_LINE = re.compile(r"^\s*(?:source|출처)\s*:\s*(\S+)\s*$", re.IGNORECASE)


def candidate_json(c: Candidate) -> dict[str, Any]:
    out = {
        "id": c.pk,
        "kind": c.kind,
        "status": c.status,
        "source": c.document.source_url,
        "fields": c.extracted,
        "evidence": c.evidence,
        "confidence": c.confidence,
    }
    if c.suggested:  # the fields a local model filled or changed
        out["suggested"] = c.suggested
    return out


class Command(DariCommand):
    help = "Extract candidate deals and investments from texts into the review queue."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--source", default="", help="the address the texts were published at")
        parser.add_argument("--lang", default="auto", choices=LANGUAGES)
        parser.add_argument("--json", action="store_true", help="print the candidates as JSON")
        parser.add_argument("--dry-run", action="store_true", help="extract, store nothing")
        parser.add_argument("--as-user", default="", help="record who ingested")
        self.add_output_argument(parser)

    def _read(self, path: Path, source: str) -> tuple[str, str]:
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise self.bad_input(f"{path}: no such file") from None
        except UnicodeDecodeError as exc:
            raise self.bad_input(
                f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})"
            ) from None
        except OSError as exc:
            raise self.bad_input(f"{path}: cannot be read ({exc.strerror})") from None
        first, _sep, rest = text.partition("\n")
        match = _SOURCE_LINE.match(first)
        if match:
            return rest, source or match.group(1)
        return text, source

    def handle(self, *args: Any, **options: Any) -> None:
        user = self.named_user(options["as_user"]) if options["as_user"] else None
        texts = [(Path(f), *self._read(Path(f), options["source"])) for f in options["files"]]
        gaz = gazetteer()
        if options["dry_run"]:
            found = [
                c.as_json() for _p, text, _s in texts for c in read(text, gaz, options["lang"])
            ]
            self.emit_json({"candidates": found}, options["output"])
            return
        # Every file is read before the transaction opens (a local model may be slow), then
        # all are stored or none.
        readings = []
        for path, text, source in texts:
            try:
                readings.append((path, prepare(text, source, options["lang"], gaz)))
            except CurationError as exc:
                raise self.bad_input(f"{path}: {exc.message}") from None
        docs = []
        with transaction.atomic():
            for path, reading in readings:
                try:
                    docs.append(store(reading, user))
                except CurationError as exc:
                    raise self.bad_input(f"{path}: {exc.message}") from None
        rows = queue("").filter(document__in=docs).order_by("id")
        if options["json"]:
            self.emit_json({"candidates": [candidate_json(c) for c in rows]}, options["output"])
        else:
            for c in rows:
                self.stdout.write(f"{c.pk}\t{c.kind}\t{c.document.source_url}")
            self.stderr.write(
                _("%(n)s candidate records wait for review (dari review list)") % {"n": len(rows)}
            )
