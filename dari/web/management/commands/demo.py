"""`dari demo [--no-serve]`: migrate, load the real dataset and the demo data, then serve.

Running it again keeps all data: the bundled records are re-imported by id (updated, never
duplicated) and demo users are created only when missing.
"""

from __future__ import annotations

import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandParser

from dari.accounts.demo import DEMO_LOGINS, ensure_demo_users
from dari.cli.command import DariCommand
from dari.curation.demo import seed_review_queue
from dari.directory.bundled import load_bundled_data
from dari.directory.domain.recommend import TIERS, embed_directory, shared_index
from dari.events.demo import ensure_demo_event
from dari.insights.bundled import load_targets
from dari.trials.bundled import load_bundled_trials
from dari.trials.importer import describe


class Command(DariCommand):
    help = "Prepare the demo database (migrate, real data, demo users and event) and serve it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-serve", action="store_true", help="prepare the database only")
        parser.add_argument("--addrport", default="127.0.0.1:8000")

    def handle(self, *args: Any, **options: Any) -> None:
        settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
        call_command("migrate", verbosity=0, interactive=False)
        counts = load_bundled_data()
        self.stdout.write("real dataset: " + ", ".join(f"{n} {k}" for k, n in counts.items()))
        targets = load_targets()
        self.stdout.write("national targets: " + ", ".join(f"{n} {k}" for k, n in targets.items()))
        trials = load_bundled_trials()
        self.stdout.write(f"clinical trials: {trials['sites']} sites; {describe(trials)}")
        ensure_demo_users()
        event = ensure_demo_event()
        self.stdout.write(f"demo event: {event.name} (/events/{event.slug}/)")
        queued = seed_review_queue()
        self.stdout.write(f"review queue: {queued} ingested texts (/curation/)")
        # Embeds once (the index job's work, done here so the demo starts ranked); the
        # vectors are stored in the database, so later starts embed nothing.
        done = embed_directory()
        self.stdout.write(f"embeddings: {done['embedded']} texts embedded")
        for tier in TIERS:
            index = shared_index(tier)
            self.stdout.write(
                f"recommendations ({tier}): {index.n_orgs} organisations, {index.n_assets} assets"
            )
        url = f"http://{options['addrport']}/"
        self.stdout.write("")
        self.stdout.write(f"Dari is ready at {url}")
        self.stdout.write("Demo logins (synthetic people at real organisations):")
        for username, password, what in DEMO_LOGINS:
            self.stdout.write(f"  {username:<10} {password:<20} {what}")
        self.stdout.write("")
        if options["no_serve"]:
            return
        call_command("collectstatic", verbosity=0, interactive=False)
        # The background-job worker (schedule runs) and the periodic jobs (request expiry)
        # live as long as the server.
        helpers = [
            subprocess.Popen([sys.executable, "-c", f"from dari.cli import main; main({argv!r})"])
            for argv in (["db_worker", "--no-reload"], ["periodic"])
        ]
        try:
            call_command("runserver", options["addrport"], use_reloader=False)
        finally:
            for helper in helpers:
                helper.terminate()
            for helper in helpers:
                helper.wait(timeout=10)
