"""The e-mail inviting the shortlist of an open-innovation call to a partnering event. It
listens to `dari.events.signals.shortlist_invited` (announced by dari.insights, connected in
`dari.messaging.wiring`), goes to the confirmed members of each invited organisation, in each
one's language, unless they turned it off. It names the call, the event and the member's own
organisation, never the applied asset: the asset's visibility may hide it from a recipient."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from dari.accounts.access import vetted_members
from dari.accounts.models import User
from dari.core.names import local_name
from dari.directory.models import Program
from dari.events.models import Event
from dari.messaging.domain.mail import compose, deliver, site_url
from dari.messaging.domain.prefs import preferences_by_user
from dari.messaging.models import NoticeKind


def _recipients(organization_ids: list[str]) -> list[User]:
    """The vetted members of the organisations (`vetted_members`) with an address."""
    return list(
        vetted_members(organization_ids)
        .exclude(email="")
        .select_related("organization")
        .order_by("pk")
    )


def notify_shortlist_invited(
    event_id: int, program_id: str, organization_ids: list[str], **_: Any
) -> int:
    """E-mail each member of the invited organisations their invitation to the event."""
    event = Event.objects.filter(pk=event_id).first()
    call = Program.objects.filter(pk=program_id).first()
    if event is None or call is None:
        return 0
    people = _recipients(organization_ids)
    prefs = preferences_by_user([u.pk for u in people])
    link = site_url(reverse("events:detail", args=[event.slug]))
    sent = 0
    for user in people:
        mine = prefs[user.pk]
        if not mine.wants(NoticeKind.CALL_INVITED):
            continue
        context = {
            "event": event,
            "call_name": local_name(call, mine.language),
            "organization_name": local_name(user.organization, mine.language),
            "link": link,
        }
        out = compose(NoticeKind.CALL_INVITED, "call_invited", user, mine, event.timezone, context)
        sent += deliver(out)
    return sent
