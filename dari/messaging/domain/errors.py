from __future__ import annotations

from dari.core.errors import DomainError


class MessagingError(DomainError):
    """A message or a setting refused: `field` and `code` say what and where."""
