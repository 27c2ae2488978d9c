"""Who curates: platform admins, organisers and curators (accounts.Role). Nobody else sees
the review queue, an ingested text or a candidate, in any page, API answer or count."""

from __future__ import annotations

from typing import Any

from dari.accounts.access import signed_in


def may_curate(user: Any) -> bool:
    return signed_in(user) and bool(user.is_curator)
