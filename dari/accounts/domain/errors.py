"""The one error type of account operations: the field it concerns, a code, a message."""

from __future__ import annotations

from typing import Any


class AccountError(ValueError):
    """An account operation refused; nothing was written. `field` names the form field or
    parameter at fault ("" for the whole request), `code` is stable for programs."""

    def __init__(self, message: Any, *, field: str = "", code: str = "invalid") -> None:
        super().__init__(str(message))
        self.message = str(message)
        self.field = field
        self.code = code
