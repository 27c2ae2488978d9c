"""The one grammar of every `dari` command (pure Python: `dari schedule` uses it without Django).

- Output: data goes to `-o FILE`, or to standard output with `-o -` or no `-o`; everything said
  about the run (summaries, "wrote FILE") goes to standard error once data may be on stdout.
- `--json` means the same data as JSON, wherever a command offers it.
- Ids: a command accepts every id another command prints (`p36` and `36` name the same
  participant); see `numbered`.
- Exit codes: 0 done; 1 refused (the request was understood and a rule said no); 2 bad usage or
  input (an unknown option, a bad value, an id that names nothing, an unreadable or invalid file),
  with one message on stderr naming what is wrong and where, never a traceback.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

DONE = 0
REFUSED = 1
BAD_INPUT = 2

MAX_ID = 2**63 - 1  # larger numbers name nothing (and overflow a database integer)
STDOUT = "-"
OUTPUT_HELP = "file to write ('-' or no -o: standard output)"


class CommandLineError(Exception):
    """A command stops: `code` is the exit code, the message says what is wrong and where."""

    def __init__(self, message: str, code: int = BAD_INPUT) -> None:
        super().__init__(message)
        self.code = code


def to_stdout(target: str | Path | None) -> bool:
    return target is None or str(target) == STDOUT


def json_text(doc: Any) -> str:
    """JSON as every command writes it: UTF-8 (no \\u escapes), indented, a final newline."""
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def write_output(
    data: str | bytes,
    target: str | Path | None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> None:
    """Write data to the file `target`, or to standard output for `-` or None.

    The caller builds all of `data` first, so a refused run never leaves a half-written file;
    a file that cannot be written is bad input (exit 2) naming the path.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if to_stdout(target):
        out = stdout or sys.stdout
        buffer = getattr(out, "buffer", None)
        if buffer is not None:
            out.flush()
            buffer.write(raw)
            buffer.flush()
        else:  # a text-only stream (a StringIO in a test)
            out.write(raw.decode("utf-8"))
        return
    path = Path(str(target))
    try:
        path.write_bytes(raw)
    except OSError as exc:
        raise CommandLineError(f"-o: cannot write {path}: {exc.strerror or exc}") from None
    (stderr or sys.stderr).write(f"wrote {path}\n")


def numbered(ref: str, key: Callable[[int], str]) -> int | None:
    """The number in `ref` if it is a bare number or the printed form `key(number)`, else None.

    `key` is the function that prints the id (e.g. participant_key: 36 -> "p36"), so the form a
    command accepts is defined where the form it prints is.
    """
    match = re.fullmatch(r"[^0-9]*?([0-9]+)", ref.strip())
    if match is None:
        return None
    number = int(match[1])
    if number > MAX_ID:
        return None
    return number if ref.strip() in (match[1], key(number)) else None


def fail(prog: str, error: CommandLineError, stderr: TextIO | None = None) -> int:
    """Say what is wrong on stderr, prefixed with the command; return the exit code."""
    (stderr or sys.stderr).write(f"{prog}: {error}\n")
    return error.code
