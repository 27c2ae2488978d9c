"""Each person's e-mail settings: the language of their e-mails, how long before a meeting they
are reminded, and the kinds of e-mail they turned off. Account mail (sign-up, password,
invitations) is not one of these kinds: it always goes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from dari.messaging.domain.errors import MessagingError
from dari.messaging.models import (
    DEFAULT_REMINDER_MINUTES,
    REMINDER_CHOICES,
    NoticeKind,
    NoticeSettings,
)

LANGUAGES = [code for code, _name in settings.LANGUAGES]


@dataclass(frozen=True)
class Preferences:
    language: str
    reminder_minutes: int
    off: frozenset[str]
    chosen: bool = False  # saved by the person (else the defaults)

    def wants(self, kind: str) -> bool:
        return kind not in self.off


def _supported(language: str | None) -> str | None:
    base = (language or "").split("-")[0].lower()
    return base if base in LANGUAGES else None


def preferences_of(user: Any) -> Preferences:
    """The person's settings, or the defaults (the site's language) when they never chose."""
    row = NoticeSettings.objects.filter(user_id=user.pk).first()
    if row is None:
        return Preferences(settings.LANGUAGE_CODE, DEFAULT_REMINDER_MINUTES, frozenset())
    return Preferences(row.language, row.reminder_minutes, frozenset(row.off), chosen=True)


def preferences_by_user(user_ids: Iterable[int]) -> dict[int, Preferences]:
    """Settings of many people in one query (defaults for those who never chose)."""
    found = {
        row.user_id: Preferences(row.language, row.reminder_minutes, frozenset(row.off))
        for row in NoticeSettings.objects.filter(user_id__in=list(user_ids))
    }
    default = Preferences(settings.LANGUAGE_CODE, DEFAULT_REMINDER_MINUTES, frozenset())
    return {uid: found.get(uid, default) for uid in user_ids}


@transaction.atomic
def set_preferences(user: Any, *, language: str, reminder_minutes: int, off: Iterable[str]) -> None:
    """Save the person's e-mail settings (every field at once)."""
    if _supported(language) is None:
        raise MessagingError(_("Choose English or Korean."), field="language", code="invalid")
    if reminder_minutes not in {m for m, _label in REMINDER_CHOICES}:
        raise MessagingError(
            _("Choose one of the offered reminder times."), field="reminder_minutes"
        )
    kinds = sorted(set(off))
    unknown = [k for k in kinds if k not in NoticeKind.values]
    if unknown:
        raise MessagingError(
            _("Unknown kind of e-mail: %(kind)s") % {"kind": unknown[0]}, field="off"
        )
    NoticeSettings.objects.update_or_create(
        user_id=user.pk,
        defaults={
            "language": _supported(language),
            "reminder_minutes": reminder_minutes,
            "off": kinds,
        },
    )


def remember_language(user: Any, language: str | None) -> None:
    """The first language a person uses the site in becomes the language of their e-mails,
    until they choose one (called on sign-in and when they write; never on a read)."""
    code = _supported(language)
    if code is None or not getattr(user, "pk", None):
        return
    NoticeSettings.objects.get_or_create(user_id=user.pk, defaults={"language": code})
