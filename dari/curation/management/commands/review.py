"""`dari review ...`: the review queue on the command line.

dari review list [--status pending|approved|rejected|all] [--json]
dari review approve ID --as-user NAME [--set FIELD=VALUE ...] [--update DEAL | --separate]
    starts from the extracted values; a new deal that repeats a recorded one is refused (exit 1,
    naming it) unless --update names the deal to amend or --separate says it is another deal
dari review reject ID --as-user NAME --reason TEXT
dari review propose-observation --as-user NAME --target ID --date YYYY-MM-DD --value N
    --source URL [--note TEXT]         a national target's figure, queued for review
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _

from dari.cli.command import DariCommand
from dari.core.errors import DomainError
from dari.curation.domain.errors import CurationError, DuplicateDeal
from dari.curation.domain.observations import propose_observation
from dari.curation.domain.queries import initial, queue, summary
from dari.curation.domain.review import approve, reject
from dari.curation.management.commands.ingest import candidate_json
from dari.curation.models import CandidateStatus


class Command(DariCommand):
    help = "List, approve or reject the candidate records that ingestion extracted."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        ls = sub.add_parser("list", help="the queue")
        ls.add_argument("--status", default="pending", choices=[*CandidateStatus.values, "all"])
        ls.add_argument("--json", action="store_true")
        self.add_output_argument(ls)
        ok = sub.add_parser("approve", help="write a candidate's record to the graph")
        ok.add_argument("id", type=int)
        ok.add_argument("--as-user", required=True)
        ok.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE")
        how = ok.add_mutually_exclusive_group()
        how.add_argument("--update", metavar="DEAL", help="the id of a recorded deal to amend")
        how.add_argument(
            "--separate",
            action="store_true",
            help="add the deal even though it looks like a recorded one",
        )
        no = sub.add_parser("reject", help="reject a candidate, saying why")
        no.add_argument("id", type=int)
        no.add_argument("--as-user", required=True)
        no.add_argument("--reason", required=True)
        ob = sub.add_parser("propose-observation", help="queue a national target's figure")
        ob.add_argument("--as-user", required=True)
        ob.add_argument("--target", required=True)
        ob.add_argument("--date", required=True, help="YYYY-MM-DD")
        ob.add_argument("--value", required=True)
        ob.add_argument("--source", required=True)
        ob.add_argument("--note", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "list":
            status = "" if options["status"] == "all" else options["status"]
            rows = list(queue(status).order_by("id"))
            if options["json"]:
                self.emit_json([candidate_json(c) for c in rows], options["output"])
            else:
                for c in rows:
                    self.stdout.write(f"{c.pk}\t{c.kind}\t{c.status}\t{summary(c)}")
            return
        user = self.named_user(options["as_user"])
        if action == "propose-observation":
            try:
                c = propose_observation(
                    user,
                    options["target"],
                    options["date"],
                    options["value"],
                    options["source"],
                    options["note"],
                )
            except DomainError as exc:
                raise self.refused(f"--{exc.field}: {exc}" if exc.field else str(exc)) from None
            self.stdout.write(str(c.pk))
            return
        if action == "reject":
            reject(options["id"], user, options["reason"])
            self.stderr.write(f"candidate {options['id']} rejected")
            return
        row = queue("").filter(pk=options["id"]).first()
        fields = initial(row) if row is not None else {}
        for item in options["set"]:
            name, sep, value = item.partition("=")
            if not sep or not name.strip():
                raise self.bad_input(f"--set: {item!r} is not FIELD=VALUE")
            fields[name.strip()] = value
        if options["update"] is not None:
            fields["update"] = options["update"]
        try:
            candidate = approve(options["id"], user, fields, separate=options["separate"])
        except DuplicateDeal as exc:
            raise self.refused(
                exc.recorded()
                + " "
                + _(
                    "To amend it, give --update and its id; if the text reports another deal, "
                    "give --separate."
                )
            ) from None
        except CurationError as exc:
            if exc.field == "update" and options["update"] is not None:
                raise self.refused(f"--update: {exc}") from None
            if exc.field not in fields:
                raise
            # Name where: the --set field of a bad value (a message never holds the field).
            raise self.refused(f"--set {exc.field}: {exc}") from None
        self.stdout.write(candidate.record_id)
