"""`dari trials ...`: clinical trials for operators and scripts.

dari trials import-ctgov FILE... [--synthetic]     ClinicalTrials.gov API v2 JSON (study or page)
dari trials fetch-ctgov --country C [--condition T] [--since DATE] [--state FILE] [--save-dir DIR]
dari trials import-aact DIR [--synthetic]          AACT pipe-delimited flat files
dari trials load-bundled                           the real trials of dari/data/trials/
dari trials sites --condition T [--phase N] [--country KR] [--top N] [--json] [-o FILE]
dari trials refresh-finder                         rebuild the site finder's precomputed facts

Imports are all or nothing (every problem named with its file and path; exit 2), a re-import
changes nothing, and a progress bar shows on a terminal.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import CommandParser
from django.db import transaction

from dari.cli.command import DariCommand
from dari.directory.interchange import DirectoryError
from dari.trials.aact import read_aact
from dari.trials.bundled import load_bundled_trials
from dari.trials.ctgov import Study
from dari.trials.domain.merge import merge_registry_copies
from dari.trials.domain.prune import prune_non_organisations
from dari.trials.domain.queries import SiteSearch, find_sites
from dari.trials.domain.stats import refresh_site_facts, vacuum_finder_tables
from dari.trials.fetch import API_URL, Fetcher, FetchError, fetch_studies, query_params
from dari.trials.importer import describe, import_studies, read_studies
from dari.trials.models import SiteFact
from dari.trials.vocab import InterventionType


class Command(DariCommand):
    help = "Clinical trials: import from registries, load the bundled trials, find sites."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        ct = sub.add_parser("import-ctgov", help="import ClinicalTrials.gov API v2 JSON files")
        ct.add_argument("files", nargs="+", type=Path, metavar="FILE")
        ct.add_argument("--synthetic", action="store_true", help="mark the trials synthetic")
        ct.add_argument("--no-progress", action="store_true", help="never show a progress bar")
        aa = sub.add_parser("import-aact", help="import AACT pipe-delimited flat files")
        aa.add_argument("folder", type=Path, metavar="DIR")
        aa.add_argument("--synthetic", action="store_true", help="mark the trials synthetic")
        aa.add_argument("--no-progress", action="store_true", help="never show a progress bar")
        sub.add_parser("load-bundled", help="load the real trials of dari/data/trials/")
        sub.add_parser(
            "refresh-finder",
            help="rebuild the site finder's facts from the trials (imports keep them current)",
        )
        pr = sub.add_parser(
            "prune-non-orgs",
            help="remove organisations an earlier import made of a person or a place, and merge"
            " its copies of a directory company into it",
        )
        pr.add_argument("--dry-run", action="store_true", help="list them, change nothing")
        fe = sub.add_parser("fetch-ctgov", help="page through the ClinicalTrials.gov API v2")
        fe.add_argument("--country", required=True, help='e.g. "Korea, Republic of"')
        fe.add_argument("--condition", default="")
        fe.add_argument(
            "--since",
            type=dt.date.fromisoformat,
            default=None,
            metavar="DATE",
            help="only studies updated since this date (YYYY-MM-DD)",
        )
        fe.add_argument(
            "--state",
            type=Path,
            default=None,
            metavar="FILE",
            help="where the next page token is kept (resume); default var/",
        )
        fe.add_argument(
            "--save-dir",
            type=Path,
            default=None,
            metavar="DIR",
            help="also keep each page as ctgov-NNNNN.json",
        )
        fe.add_argument("--base-url", default=API_URL, help=f"default {API_URL}")
        fe.add_argument(
            "--min-interval",
            type=float,
            default=1.0,
            metavar="SECONDS",
            help="at least this long between two requests (default 1)",
        )
        fe.add_argument("--page-size", type=int, default=100)
        fe.add_argument("--max-pages", type=int, default=None)
        si = sub.add_parser("sites", help="rank trial sites for a condition and phase")
        si.add_argument(
            "--condition", required=True, help="free text or MeSH id, Korean or English"
        )
        si.add_argument("--phase", choices=["1", "2", "3", "4"], default="")
        si.add_argument("--country", default="KR", help="ISO code of the sites' country")
        si.add_argument("--city", default="")
        si.add_argument("--cluster", default="")
        si.add_argument("--intervention-type", choices=InterventionType.values, default="")
        si.add_argument("--top", type=int, default=10)
        si.add_argument("--json", action="store_true", help="print JSON")
        self.add_output_argument(si)

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        try:
            if action == "import-ctgov":
                self._import(lambda: read_studies(options["files"], options["synthetic"]), options)
            elif action == "import-aact":
                self._import(lambda: read_aact(options["folder"], options["synthetic"]), options)
            elif action == "load-bundled":
                counts = load_bundled_trials()
                vacuum_finder_tables()
                self.stdout.write(f"loaded {counts['sites']} sites; {describe(counts)}")
            elif action == "refresh-finder":
                with transaction.atomic():
                    refresh_site_facts()
                vacuum_finder_tables()
                self.stdout.write(f"{SiteFact.objects.count()} site facts")
            elif action == "prune-non-orgs":
                removed, kept = prune_non_organisations(options["dry_run"])
                verb = "would remove" if options["dry_run"] else "removed"
                names = f": {'; '.join(removed)}" if removed else ""
                self.stdout.write(f"{verb} {len(removed)}{names}")
                if kept:
                    self.stdout.write(f"kept {len(kept)} named elsewhere: {'; '.join(kept)}")
                merged, kept = merge_registry_copies(options["dry_run"])
                if merged:
                    verb = "would merge" if options["dry_run"] else "merged"
                    self.stdout.write(f"{verb} {len(merged)}: {'; '.join(merged)}")
                if kept:
                    self.stdout.write(f"kept {len(kept)} copies named elsewhere: {'; '.join(kept)}")
            elif action == "fetch-ctgov":
                self._fetch(options)
            elif action == "sites":
                self._sites(options)
        except DirectoryError as exc:
            raise self.import_refused(exc.errors) from None

    def _import(self, read: Callable[[], list[Study]], options: dict[str, Any]) -> None:
        studies = read()
        bar = None
        if sys.stderr.isatty() and not options["no_progress"]:
            from tqdm import tqdm

            bar = tqdm(total=len(studies), unit="trial", desc="importing", file=sys.stderr)
        counts = import_studies(studies, progress=bar.update if bar else None)
        if bar:
            bar.close()
        if counts["new"] or counts["updated"]:
            vacuum_finder_tables()
        self.stdout.write(f"imported {describe(counts)}")

    def _fetch(self, options: dict[str, Any]) -> None:
        params = query_params(
            options["country"], options["condition"], options["since"], options["page_size"]
        )
        state = options["state"] or Path(settings.VAR_DIR) / "ctgov-fetch.json"
        fetcher = Fetcher(base_url=options["base_url"], min_interval=options["min_interval"])

        def page_done(page: int, counts: Counter[str]) -> None:
            self.stderr.write(f"page {page}: {describe(counts)}")

        try:
            total = fetch_studies(
                params, state, fetcher, options["save_dir"], page_done, options["max_pages"]
            )
        except FetchError as exc:
            raise self.refused(f"{exc} (resume with the same command; state in {state})") from None
        if total["done"]:
            self.stdout.write(f"already fetched to the end ({state}); delete it to start again")
            return
        if total["new"] or total["updated"]:
            vacuum_finder_tables()
        self.stdout.write(f"fetched {total['pages']} pages: {describe(total)}")

    def _sites(self, options: dict[str, Any]) -> None:
        found = find_sites(
            SiteSearch(
                condition=options["condition"],
                phase=options["phase"],
                country=options["country"].upper(),
                city=options["city"],
                cluster=options["cluster"],
                intervention_type=options["intervention_type"],
                top=options["top"],
            )
        )
        if options["json"]:
            self.emit_json([s.as_json() for s in found], options["output"])
            return
        lines = [
            f"{i}. {s.name} [{s.organization_id}] score {s.score:.1f}, {s.trials} trials: "
            + "; ".join(s.reasons)
            for i, s in enumerate(found, 1)
        ]
        self.emit("\n".join(lines) + "\n" if lines else "no site found\n", options["output"])
