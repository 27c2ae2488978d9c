"""The `dari` console script: every Django management command, plus `dari schedule`.

`dari schedule` solves a partnering-schedule/1 file with the pure engine and needs no database,
so it is dispatched before Django is set up (faster start, works on a machine with no database).
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv if argv is None else ["dari", *argv])
    if len(args) > 1 and args[1] == "schedule":
        from dari.scheduling.cli import main as schedule_main

        return schedule_main(args[2:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dari.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
