"""Messages pages: my conversations, one conversation (replies posted with htmx), the unread
count of the header (loaded by htmx, so pages pay no query for it) and my e-mail settings.
Threads come only through `dari.messaging.access`; a refused thread is a 404 like a missing
one. GETs only read: a thread is marked read by a POST the page sends when it has loaded."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dari.core.errors import DomainError
from dari.core.forms import add_domain_error
from dari.messaging.access import access_thread
from dari.messaging.domain.prefs import preferences_of, remember_language, set_preferences
from dari.messaging.domain.queries import conversations, moves_to_answer, thread, unread_count
from dari.messaging.domain.threads import mark_read, post_message
from dari.messaging.models import NoticeKind
from dari.web.events.guards import is_htmx
from dari.web.fragments import fragment_of
from dari.web.messaging_forms import PreferencesForm, ReplyForm

NO_THREAD = gettext_lazy("No conversation with this number.")


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    context = {"rows": conversations(request.user), "moves": moves_to_answer(request.user)}
    return render(request, "messaging/inbox.html", context)


@fragment_of("messages:inbox")
@require_GET
def unread(request: HttpRequest) -> HttpResponse:
    """The header's badge: my unread messages and the requests to move a meeting that wait for
    my answer (empty when none, or when signed out)."""
    messages_n, moves_n = unread_count(request.user), len(moves_to_answer(request.user))
    context = {"n": messages_n + moves_n, "messages_n": messages_n, "moves_n": moves_n}
    return render(request, "messaging/_unread.html", context)


def _thread_page(
    request: HttpRequest, request_id: int, form: ReplyForm, status: int = 200
) -> HttpResponse:
    meeting_request = access_thread(request.user, request_id)
    if meeting_request is None:
        raise Http404(NO_THREAD)
    template = "messaging/_thread.html" if is_htmx(request) else "messaging/thread.html"
    context = {"thread": thread(request.user, meeting_request), "form": form}
    return render(request, template, context, status=status)


@login_required
@require_GET
def thread_page(request: HttpRequest, request_id: int) -> HttpResponse:
    return _thread_page(request, request_id, ReplyForm())


@login_required
@require_POST
def reply(request: HttpRequest, request_id: int) -> HttpResponse:
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            post_message(request.user, request_id, form.cleaned_data["body"])
        except DomainError as exc:
            if exc.code == "not_found":
                raise Http404(NO_THREAD) from None
            add_domain_error(form, exc)
        else:
            remember_language(request.user, request.LANGUAGE_CODE)
            if not is_htmx(request):
                return redirect("messages:thread", request_id)
            form = ReplyForm()
    return _thread_page(request, request_id, form, status=400 if form.errors else 200)


@login_required
@require_POST
def read(request: HttpRequest, request_id: int) -> HttpResponse:
    try:
        mark_read(request.user, request_id)
    except DomainError:
        raise Http404(NO_THREAD) from None
    return HttpResponse(status=204)


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    mine = preferences_of(request.user)
    initial = {
        "language": mine.language if mine.chosen else request.LANGUAGE_CODE,
        "reminder_minutes": mine.reminder_minutes,
        "on": [k for k in NoticeKind.values if mine.wants(k)],
    }
    form = PreferencesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            set_preferences(
                request.user,
                language=data["language"],
                reminder_minutes=data["reminder_minutes"],
                off=[k for k in NoticeKind.values if k not in data["on"]],
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("Your e-mail settings are saved."))
            return redirect("messages:preferences")
    return render(request, "messaging/preferences.html", {"form": form})
