"""The `dari` console script: every Django management command, plus `dari schedule`.

`dari schedule` solves a partnering-schedule/1 file with the pure engine and needs no database,
so it is dispatched before Django is set up (faster start, works on a machine with no database).
Every command follows one grammar (dari.cli.grammar); an unknown command is bad usage (exit 2).
"""

from __future__ import annotations

import os
import sys

from dari.cli.grammar import BAD_INPUT


def main(argv: list[str] | None = None) -> int:
    """Run one command; the return value is its exit code (0 done, 1 refused, 2 bad usage)."""
    args = list(sys.argv if argv is None else ["dari", *argv])
    if len(args) > 1 and args[1] == "schedule":
        from dari.scheduling.cli import main as schedule_main

        return schedule_main(args[2:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dari.settings")
    from django.core.management import BaseCommand, ManagementUtility

    class _Utility(ManagementUtility):  # type: ignore[misc]  # Django has no type stubs here
        def fetch_command(self, subcommand: str) -> BaseCommand:
            try:
                return super().fetch_command(subcommand)
            except SystemExit:  # Django has said "Unknown command" and exits 1
                raise SystemExit(BAD_INPUT) from None

    try:
        _Utility(args).execute()
    except SystemExit as exc:
        if exc.code is None:
            return 0
        if isinstance(exc.code, int):
            return exc.code
        print(exc.code, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
