"""The domain of accounts: changes to memberships, invitations, e-mail domains, roles, partner
and CDA lists, tokens and sign-in limits (one module each), the audit trail they write, and
the read models of pages (`queries.py`). The names below stay importable from here."""

from dari.accounts.domain.links import add_link, remove_link
from dari.accounts.domain.profile import set_timezone

__all__ = ["add_link", "remove_link", "set_timezone"]
