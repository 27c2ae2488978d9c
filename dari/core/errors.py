"""The one type of domain refusal: a translated message a person can act on, the field it
concerns (None when it concerns the whole operation) and a stable code for clients.

Domain code raises a subclass of `DomainError` (`EventError`, `InsightsError`, ...); forms get it
through `dari.core.forms.add_domain_error`, the API maps it to one error shape. The field is an
identifier for programs: it is never glued into the message, so no identifier reaches a person.
"""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """A refused domain operation; nothing was written."""

    default_code = "invalid"

    def __init__(self, message: Any, field: str | None = None, code: str | None = None) -> None:
        super().__init__(str(message))
        self.message = str(message)
        self.field = field
        self.code = code or self.default_code

    def __str__(self) -> str:
        return self.message

    def as_dict(self) -> dict[str, Any]:
        """The error as the API's error item: {"field", "code", "message"}."""
        return {"field": self.field, "code": self.code, "message": self.message}
