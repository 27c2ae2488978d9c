from dari.core.errors import DomainError


class CurationError(DomainError):
    """A refused ingestion or review; nothing was written."""
