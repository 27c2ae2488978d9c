"""`dari export [-o FILE] [--as-user NAME | --public]`: the directory as dari-directory/1."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from dari.cli.command import DariCommand
from dari.directory.access import visible_assets
from dari.directory.exporter import export_directory


class Command(DariCommand):
    help = "Export the whole directory as dari-directory/1 JSON (stdout unless -o FILE)."

    def add_arguments(self, parser: CommandParser) -> None:
        self.add_output_argument(parser)
        who = parser.add_mutually_exclusive_group()
        who.add_argument(
            "--as-user",
            metavar="USERNAME",
            help="export only what this user may see (default: everything, as an operator)",
        )
        who.add_argument(
            "--public", action="store_true", help="export only public assets (as anonymous)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        assets = None
        if options["public"]:
            assets = visible_assets(None)
        elif options["as_user"]:
            assets = visible_assets(self.named_user(options["as_user"]))
        self.emit_json(export_directory(assets), options["output"])
