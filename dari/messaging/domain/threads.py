"""Writing in the thread of a meeting request, and marking it read. The thread's members are
decided by `dari.messaging.access`; a new message is e-mailed to the other members after
commit (`dari.messaging.domain.notices`)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from dari.events.access import registrations
from dari.events.models import MeetingRequest, RequestStatus
from dari.messaging.access import access_thread
from dari.messaging.domain.errors import MessagingError
from dari.messaging.models import Message, ThreadRead

MAX_BODY = 4000
CLOSED = (RequestStatus.DECLINED, RequestStatus.WITHDRAWN, RequestStatus.EXPIRED)


def _thread(user: Any, request_id: int) -> MeetingRequest:
    request = access_thread(user, request_id)
    if request is None:
        raise MessagingError(_("No conversation with this number."), code="not_found")
    return request


@transaction.atomic
def post_message(user: Any, request_id: int, body: str) -> Message:
    """Add a message to the thread of a request the user belongs to (while it is open)."""
    request = _thread(user, request_id)
    body = body.strip()
    if not body:
        raise MessagingError(_("Write a message first."), field="body", code="required")
    if len(body) > MAX_BODY:
        raise MessagingError(
            _("The message is too long (at most %(n)d characters).") % {"n": MAX_BODY},
            field="body",
            code="max_length",
        )
    if request.status in CLOSED:
        raise MessagingError(
            _("This request is %(status)s: the conversation is closed.")
            % {"status": str(request.get_status_display()).lower()},
            code="closed",
        )
    author = registrations(user).get(event_id=request.event_id)
    message = Message.objects.create(request=request, author=author, body=body)
    ThreadRead.objects.update_or_create(
        request=request, user=user, defaults={"last_read": message.pk}
    )
    message_id = message.pk
    transaction.on_commit(lambda: _announce(message_id))
    return message


def _announce(message_id: int) -> None:
    from dari.messaging.domain.notices import notify_message

    notify_message(message_id)


@transaction.atomic
def mark_read(user: Any, request_id: int) -> int:
    """The user has read the thread to its last message; the number of that message."""
    request = _thread(user, request_id)
    last = Message.objects.filter(request=request).aggregate(m=Max("pk"))["m"] or 0
    ThreadRead.objects.update_or_create(request=request, user=user, defaults={"last_read": last})
    return int(last)
