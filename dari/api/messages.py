"""/api/events/threads: the caller's conversations (one per meeting request), a thread's
messages and replying (needs a write token or a session). Threads come only through
`dari.messaging.access`; a refused thread answers exactly like a missing one (404)."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from dari.api.errors import ApiError, field_error, not_found
from dari.api.schemas import BodyIn, ErrorOut
from dari.messaging.access import access_thread
from dari.messaging.domain.errors import MessagingError
from dari.messaging.domain.queries import conversations, thread, unread_count
from dari.messaging.domain.threads import post_message

router = Router(tags=["messages"])


class ThreadRowOut(Schema):
    request_id: int
    event: str
    event_slug: str
    other_side: str
    status: str
    last_activity: datetime
    unread: int


class ThreadsOut(Schema):
    unread: int
    threads: list[ThreadRowOut]


class MessageOut(Schema):
    id: int
    author: str
    organization: str
    body: str
    created: datetime
    mine: bool


class ThreadOut(Schema):
    request_id: int
    other_side: str
    status: str
    open: bool
    messages: list[MessageOut]


class ReplyIn(BodyIn):
    body: str


def _signed_in(request: HttpRequest) -> None:
    if not request.user.is_authenticated:
        raise ApiError(401, _("Sign in or send a personal access token."))


def _thread_out(request: HttpRequest, request_id: int) -> ThreadOut:
    found = access_thread(request.user, request_id)
    if found is None:
        raise not_found("thread", str(request_id))
    t = thread(request.user, found)
    return ThreadOut(
        request_id=found.pk,
        other_side=t.other_side,
        status=found.status,
        open=t.open,
        messages=[MessageOut(**m.__dict__) for m in t.messages],
    )


@router.get(
    "/threads",
    response={200: ThreadsOut, 401: ErrorOut},
    summary="My conversations, the latest first, with unread counts",
)
def list_threads(request: HttpRequest) -> ThreadsOut:
    _signed_in(request)
    rows = conversations(request.user)
    return ThreadsOut(
        unread=unread_count(request.user), threads=[ThreadRowOut(**r.__dict__) for r in rows]
    )


@router.get(
    "/threads/{request_id}",
    response={200: ThreadOut, 401: ErrorOut, 404: ErrorOut},
    summary="The messages of one conversation (the request's message first)",
)
def get_thread(request: HttpRequest, request_id: int) -> ThreadOut:
    _signed_in(request)
    return _thread_out(request, request_id)


@router.post(
    "/threads/{request_id}/messages",
    response={201: ThreadOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Reply in a conversation (needs a write token or a session)",
)
def reply(request: HttpRequest, request_id: int, body: ReplyIn) -> Status:
    _signed_in(request)
    try:
        post_message(request.user, request_id, body.body)
    except MessagingError as exc:
        if exc.code == "not_found":
            raise not_found("thread", str(request_id)) from None
        raise field_error(400, exc.field or "body", exc.code, exc.message) from None
    return Status(201, _thread_out(request, request_id))
