"""The base of every Dari management command: the grammar of dari.cli.grammar on Django.

A command raises `self.bad_input(...)` (exit 2) or `self.refused(...)` (exit 1), or lets a
domain refusal (a dari.core.errors.DomainError, or a type listed in `refusals`) escape (exit 1,
its own translated message); on the command
line the message is one line on stderr, `dari NAME: message`, with no traceback (unless
--traceback). Through call_command the same errors arrive as CommandError with `returncode`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, ClassVar

from django.contrib.auth import get_user_model
from django.core.management.base import (
    BaseCommand,
    CommandError,
    CommandParser,
    SystemCheckError,
    handle_default_options,
)
from django.db import connections
from django.utils.translation import gettext as _

from dari.cli.grammar import (
    BAD_INPUT,
    OUTPUT_HELP,
    REFUSED,
    CommandLineError,
    json_text,
    write_output,
)
from dari.core.errors import DomainError


class DariCommand(BaseCommand):
    """A management command that follows the one command-line grammar."""

    # Domain errors that mean "refused" (exit 1); their message is shown as it is. Every
    # DomainError is one; a command adds the error types of domains that have no DomainError.
    refusals: ClassVar[tuple[type[Exception], ...]] = (DomainError,)

    def add_output_argument(self, parser: CommandParser) -> None:
        parser.add_argument("-o", "--output", metavar="FILE", help=OUTPUT_HELP)

    def bad_input(self, message: str) -> CommandError:
        return CommandError(message, returncode=BAD_INPUT)

    def refused(self, message: str) -> CommandError:
        return CommandError(message, returncode=REFUSED)

    def import_refused(self, errors: list[str]) -> CommandError:
        """Bad input (exit 2) listing an import's problems (at most 200), nothing written."""
        noun = "problem" if len(errors) == 1 else "problems"
        lines = "\n".join(f"  {e}" for e in errors[:200])
        more = f"\n  ... and {len(errors) - 200} more" if len(errors) > 200 else ""
        return self.bad_input(
            f"import refused, nothing was written ({len(errors)} {noun}):\n{lines}{more}"
        )

    def named_user(self, username: str) -> Any:
        """The user `--as-user` names, else bad input (exit 2) naming it."""
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise self.bad_input(_("--as-user: no user named %(name)s") % {"name": repr(username)})
        return user

    def emit(self, data: str | bytes, output: str | Path | None) -> None:
        """Write the command's data to `-o FILE`, or to stdout for `-o -` or no -o."""
        try:
            write_output(data, output, self.stdout, self.stderr)
        except CommandLineError as exc:
            raise CommandError(str(exc), returncode=exc.code) from None

    def emit_json(self, doc: Any, output: str | Path | None) -> None:
        self.emit(json_text(doc), output)

    def execute(self, *args: Any, **options: Any) -> Any:
        try:
            return super().execute(*args, **options)
        except CommandLineError as exc:
            raise CommandError(str(exc), returncode=exc.code) from None
        except self.refusals as exc:
            # An id that names nothing (or nothing the caller may see) is bad input, exit 2.
            code = BAD_INPUT if getattr(exc, "code", None) == "not_found" else REFUSED
            raise CommandError(str(exc), returncode=code) from None

    def run_from_argv(self, argv: list[str]) -> None:
        # BaseCommand.run_from_argv, with the message prefixed by the command instead of the
        # exception's class name.
        self._called_from_command_line = True
        prog = f"{os.path.basename(argv[0])} {argv[1]}"
        parser = self.create_parser(argv[0], argv[1])
        options = parser.parse_args(argv[2:])  # bad usage: argparse exits 2
        cmd_options = vars(options)
        args = cmd_options.pop("args", ())
        handle_default_options(options)
        try:
            self.execute(*args, **cmd_options)
        except CommandError as exc:
            if options.traceback:
                raise
            if isinstance(exc, SystemCheckError):
                self.stderr.write(str(exc), lambda x: x)
            else:
                self.stderr.write(f"{prog}: {exc}")
            sys.exit(exc.returncode)
        finally:
            connections.close_all()
