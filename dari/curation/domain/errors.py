from django.utils.translation import gettext as _

from dari.core.errors import DomainError


class CurationError(DomainError):
    """A refused ingestion or review; nothing was written."""


class DuplicateDeal(CurationError):
    """A new deal that would repeat one the directory records (field `update`, code
    `duplicate`): `deals` holds the (id, date) of each recorded deal, so each interface can say
    how to go on in its own terms (an id to amend, or the deal added as a separate one)."""

    def __init__(self, message: str, deals: list[tuple[str, str]], dated: bool = True) -> None:
        super().__init__(message, field="update", code="duplicate")
        self.deals = deals
        self.dated = dated

    def named(self) -> str:
        """The recorded deals as a person reads them: "dl-a-b-2025 (2025-03), ..."."""
        return named_deals(self.deals)

    def recorded(self) -> str:
        """What is recorded, in the reader's language (`recorded`)."""
        return recorded(self.deals, self.dated)


def named_deals(deals: list[tuple[str, str]]) -> str:
    return ", ".join(f"{pk} ({date or '–'})" for pk, date in deals)


def recorded(deals: list[tuple[str, str]], dated: bool) -> str:
    """The deals a new one would repeat, in the reader's language: "near this date" only when
    the new deal has a date to be near."""
    said: str
    if dated:
        said = _(
            "A deal between these organisations is already recorded near this date: %(deals)s."
        )
    else:
        said = _("A deal between these organisations is already recorded: %(deals)s.")
    return said % {"deals": named_deals(deals)}
