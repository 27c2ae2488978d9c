"""`dari assets search|reindex`: the asset search of the pages and the API on the command line,
and the rebuild of its index (after a change of the glossary or the tokeniser).

    dari assets reindex

    dari assets search [WORDS ...] [--therapeutic-area A] [--modality M] [--stage S]
                       [--cluster ID] [--country CC] [--seeking T] [--organization ID]
                       [--sort S] [--top N] [--as-user NAME | --public] [--json] [-o FILE]

Words in Korean or English (위암 finds gastric-cancer assets described in English); with
words, most relevant first. The parameters are those of the asset list (one filter, see
dari/directory/filters.py); a bad value is bad input naming its option. Without --as-user or
--public the command runs as an operator (a platform admin sees every asset). The ids printed
are those `dari recommend partners --asset` accepts.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser
from django.db import transaction
from django.utils.translation import gettext as _

from dari.cli.command import DariCommand
from dari.directory.domain.search import search_assets
from dari.directory.filters import AssetFilter, FilterError

# The operator of the command line, as `dari recommend` defines it (one definition).
from dari.directory.management.commands.recommend import _Operator
from dari.directory.search import index_assets

FILTER_OPTIONS = [p.name for p in AssetFilter.parameters() if p.name != "q"]


class Command(DariCommand):
    help = "Search pipeline assets (Korean or English words), with the asset list's filters."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="search|reindex")
        sub.add_parser("reindex", help="rewrite every asset's search document")
        search = sub.add_parser("search", help="assets matching words and filters")
        search.add_argument("words", nargs="*", metavar="WORDS")
        for name in FILTER_OPTIONS:
            search.add_argument("--" + name.replace("_", "-"), dest=name, default="")
        search.add_argument("--top", type=int, default=20, metavar="N")
        who = search.add_mutually_exclusive_group()
        who.add_argument("--as-user", metavar="USERNAME", help="only what this user may see")
        who.add_argument("--public", action="store_true", help="only public assets (anonymous)")
        search.add_argument("--json", action="store_true", help="print JSON")
        self.add_output_argument(search)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "reindex":
            with transaction.atomic():
                count = index_assets()
            self.stderr.write(_("%(count)d assets indexed") % {"count": count})
            return
        if options["top"] < 1:
            raise self.bad_input(_("--top: must be at least 1"))
        params = {name: options[name] for name in FILTER_OPTIONS}
        params["q"] = " ".join(options["words"])
        try:
            chosen = AssetFilter.from_params(params)
        except FilterError as exc:
            option = "--" + exc.field.replace("_", "-")
            raise self.bad_input(f"{option}: {exc.message}") from None
        if options["public"]:
            user: Any = None
        elif options["as_user"]:
            user = self.named_user(options["as_user"])
        else:
            user = _Operator()
        rows = search_assets(user, chosen)
        found = [
            {
                "id": asset.pk,
                "name": asset.name,
                "organization": asset.organization_id,
                "therapeutic_area": asset.therapeutic_area,
                "modality": asset.modality,
                "stage": asset.stage,
                "indications": asset.indications,
            }
            for asset in rows[: options["top"]]
        ]
        out = {
            "query": chosen.q,
            "sort": chosen.chosen_sort,
            "count": rows.count(),
            "assets": found,
        }
        if options["json"]:
            self.emit_json(out, options["output"])
        else:
            self.emit(as_text(out), options["output"])


def as_text(out: dict[str, Any]) -> str:
    """For people: the count, then each asset's id (as other commands accept it), name,
    organisation and main indications."""
    lines = [_("%(count)d assets") % {"count": out["count"]}]
    for rank, asset in enumerate(out["assets"], 1):
        indications = "; ".join(asset["indications"][:3])
        lines.append(f"{rank:>3}. {asset['id']}  {asset['name']}  [{asset['organization']}]")
        if indications:
            lines.append(f"       {indications}")
    return "".join(line + "\n" for line in lines)
