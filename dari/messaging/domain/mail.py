"""E-mails of Dari's notifications: rendered from Django templates (subject and text body) in the
recipient's language and time zone, with a link back to the site, and sent without ever
vanishing silently: a failed send is logged with its kind and recipient.

Templates: `messaging/email/<template>_subject.txt` and `messaging/email/<template>.txt`.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone as djtz
from django.utils import translation

from dari.messaging.domain.prefs import Preferences
from dari.messaging.models import SentNotice

log = logging.getLogger(__name__)
BLANK_LINES = re.compile(r"\n{3,}")


@dataclass(frozen=True)
class Outgoing:
    """One e-mail ready to go: to whom, what, and (for reminders and digests) its unique key."""

    kind: str
    user_id: int
    to: str
    language: str
    subject: str
    body: str
    key: str = ""


def site_url(path: str) -> str:
    """An absolute link to the site (DARI_BASE_URL, e.g. https://dari.example.org)."""
    return str(settings.DARI_BASE_URL).rstrip("/") + path


def compose(
    kind: str,
    template: str,
    user: Any,
    prefs: Preferences,
    zone: str,
    context: dict[str, Any],
    key: str = "",
) -> Outgoing:
    """Render an e-mail for `user` in their language, with times shown in `zone`."""
    ctx = {
        "recipient": user,
        "zone": zone,
        "site": site_url(""),
        "prefs_url": site_url(reverse("messages:preferences")),
        **context,
    }
    with translation.override(prefs.language), djtz.override(zone):
        subject = render_to_string(f"messaging/email/{template}_subject.txt", ctx)
        body = render_to_string(f"messaging/email/{template}.txt", ctx)
    return Outgoing(
        kind=kind,
        user_id=user.pk,
        to=user.email,
        language=prefs.language,
        subject=" ".join(subject.split()),
        body=BLANK_LINES.sub("\n\n", body.strip()) + "\n",
        key=key,
    )


def _send(out: Outgoing) -> None:
    send_mail(out.subject, out.body, settings.DEFAULT_FROM_EMAIL, [out.to], fail_silently=False)


def deliver(out: Outgoing) -> bool:
    """Send one e-mail; a failure is logged (never raised into the change that caused it)."""
    if not out.to:
        return False
    try:
        _send(out)
    except Exception:
        log.exception("could not send the %s e-mail to user %s", out.kind, out.user_id)
        return False
    return True


def deliver_once(out: Outgoing) -> bool:
    """Send a reminder or digest unless it was already sent: the SentNotice row and the send
    commit together, so two workers racing for it send it once; a failed send is logged and
    leaves no row, so the next tick tries again."""
    if not out.to:
        return False
    try:
        with transaction.atomic():
            SentNotice.objects.create(user_id=out.user_id, kind=out.kind, key=out.key)
            _send(out)
    except IntegrityError:
        return False
    except Exception:
        log.exception("could not send the %s e-mail to user %s", out.kind, out.user_id)
        return False
    return True
