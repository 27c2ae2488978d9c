"""`dari export [-o FILE] [--as-user NAME]`: the directory as dari-directory/1."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from dari.accounts.access import visible_assets
from dari.directory.exporter import export_directory


class Command(BaseCommand):
    help = "Export the whole directory as dari-directory/1 JSON (stdout unless -o)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("-o", "--output", type=Path, help="file to write (default: stdout)")
        parser.add_argument(
            "--as-user",
            metavar="USERNAME",
            help="export only what this user may see (default: everything, as an operator)",
        )
        parser.add_argument(
            "--public", action="store_true", help="export only public assets (as anonymous)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        assets = None
        if options["public"]:
            assets = visible_assets(None)
        elif options["as_user"]:
            user = get_user_model().objects.filter(username=options["as_user"]).first()
            if user is None:
                raise CommandError(f"--as-user: no user named {options['as_user']!r}")
            assets = visible_assets(user)
        text = json.dumps(export_directory(assets), ensure_ascii=False, indent=1)
        if options["output"]:
            options["output"].write_text(text + "\n", encoding="utf-8")
            self.stderr.write(f"wrote {options['output']}")
        else:
            sys.stdout.write(text + "\n")
