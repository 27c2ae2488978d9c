"""What happened in an event, announced once the transaction that did it has committed.

The domain announces; listeners (e-mail notifications, webhooks, ...) connect in their app's
`ready()` and receive primitive ids, so a listener loads what it needs and decides for itself
what its recipient may see. A listener's failure never undoes the change it heard about.

Signals and their keyword arguments:
- `request_created`: request_id
- `request_answered`: request_id, status ("accepted" | "declined")
- `meetings_changed`: meeting_ids, change ("scheduled" | "moved" | "cancelled")
- `move_requested`: move_id (one side asks to move a scheduled meeting)
- `move_answered`: move_id, status ("accepted" | "declined")
- `followup_updated`: followup_id, meeting_id, outcome
- `deal_recorded`: followup_id, meeting_id, deal_id (a follow-up that links a deal record)
- `shortlist_invited`: event_id, program_id, organization_ids (the organisations whose
  applications to an open-innovation call were shortlisted are invited to the event; announced
  by dari.insights, which may not import the messaging app that listens)
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.dispatch import Signal

request_created = Signal()
request_answered = Signal()
meetings_changed = Signal()
move_requested = Signal()
move_answered = Signal()
followup_updated = Signal()
deal_recorded = Signal()
shortlist_invited = Signal()


def announce(signal: Signal, **kwargs: Any) -> None:
    """Send `signal` after the current transaction commits (at once outside a transaction)."""
    transaction.on_commit(lambda: signal.send(sender=None, **kwargs))
