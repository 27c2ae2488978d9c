"""House rule: no Python module over 600 lines outside migrations (run by `make lint`).

Prints each offender with its length and exits 1 if there is one."""

from __future__ import annotations

import sys
from pathlib import Path

LIMIT = 600
ROOTS = ("dari", "tests", "bench", "tools")


def offenders(base: Path) -> list[tuple[str, int]]:
    found = []
    for root in ROOTS:
        for path in sorted((base / root).rglob("*.py")):
            if "migrations" in path.parts or ".venv" in path.parts:
                continue
            lines = len(path.read_text(encoding="utf-8").splitlines())
            if lines > LIMIT:
                found.append((str(path.relative_to(base)), lines))
    return found


def main() -> int:
    found = offenders(Path(__file__).resolve().parent.parent)
    for name, lines in found:
        print(f"{name}: {lines} lines (the limit is {LIMIT}; split it by responsibility)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
