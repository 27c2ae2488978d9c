"""`dari token ...`: personal access tokens for the API.

dari token create --user NAME [--name LABEL] [--write]   prints the token once
dari token list --user NAME                              the user's tokens (never the secret)
dari token revoke --user NAME ID                         revoke one
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from dari.accounts.domain.errors import AccountError
from dari.accounts.domain.queries import tokens_of
from dari.accounts.domain.tokens import create_token, revoke_token
from dari.accounts.models import User
from dari.cli.command import DariCommand


class Command(DariCommand):
    help = "Personal access tokens for the API: create (shown once), list, revoke."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        create = sub.add_parser("create", help="create a token and print it once")
        create.add_argument("--user", required=True, help="user name")
        create.add_argument("--name", default="command line", help="a label for the token")
        create.add_argument("--write", action="store_true", help="allow changes, not only reads")
        ls = sub.add_parser("list", help="list a user's tokens")
        ls.add_argument("--user", required=True)
        revoke = sub.add_parser("revoke", help="revoke a token")
        revoke.add_argument("--user", required=True)
        revoke.add_argument("id", type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            user = User.objects.get(username=options["user"])
        except User.DoesNotExist:
            raise self.bad_input(f"--user: no user named {options['user']!r}") from None
        try:
            if options["action"] == "create":
                token, secret = create_token(user, options["name"], write=options["write"])
                self.stdout.write(secret)
                self.stderr.write(
                    f"token {token.pk} ({token.scope}) for {user.username}: "
                    "store it now, it is not shown again"
                )
            elif options["action"] == "list":
                for t in tokens_of(user):
                    state = f"revoked {t.revoked:%Y-%m-%d}" if t.revoked else "active"
                    used = f"{t.last_used:%Y-%m-%d %H:%M}" if t.last_used else "never"
                    self.stdout.write(
                        f"{t.pk}\t{t.prefix}…\t{t.name}\t{t.scope}\t{state}\tlast used {used}"
                    )
            else:
                revoke_token(user, options["id"])
                self.stderr.write(f"token {options['id']} revoked")
        except AccountError as exc:  # about the values given (name, token id): bad input
            raise self.bad_input(exc.message) from None
