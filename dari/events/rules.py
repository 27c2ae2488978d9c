"""Rules of event settings that every entry shares (forms, domain, admin) and the events' small
vocabularies: layer 0, no models."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

PLACEHOLDERS = ("{room}", "{event}", "{uid}")


class ParticipantRole(models.TextChoices):
    """What a participant comes to an event for (who-can-meet-whom rules and quotas use it)."""

    BUYER = "buyer", gettext_lazy("Buyer (in-licensing)")
    SELLER = "seller", gettext_lazy("Seller (out-licensing)")
    INVESTOR = "investor", gettext_lazy("Investor")
    SERVICE = "service", gettext_lazy("Service provider")
    OTHER = "other", pgettext_lazy("participant role", "Other")


class RuleDimension(models.TextChoices):
    """What a who-can-meet-whom rule pairs: organisation kinds or participant roles."""

    KIND = "kind", gettext_lazy("Organisation kind")
    ROLE = "role", gettext_lazy("Participant role")


class MoveStatus(models.TextChoices):
    """The states of a request to move a meeting."""

    PENDING = "pending", gettext_lazy("Waiting for an answer")
    ACCEPTED = "accepted", gettext_lazy("Accepted")
    DECLINED = "declined", gettext_lazy("Declined")
    WITHDRAWN = "withdrawn", gettext_lazy("Withdrawn")


def video_template_problem(template: str) -> str | None:
    """What is wrong with a video link template (translated), or None: it must be an http(s)
    address whose placeholders are known and which names a room per meeting ({room} or {uid});
    "" (no video links) is allowed."""
    if not template:
        return None
    try:
        parts = urlsplit(template)
    except ValueError:
        parts = urlsplit("")
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return _("The video link template must be an http:// or https:// address.")
    unknown = sorted(set(re.findall(r"\{[^{}]*\}", template)) - set(PLACEHOLDERS))
    rest = template
    for placeholder in PLACEHOLDERS:
        rest = rest.replace(placeholder, "")
    if unknown or "{" in rest or "}" in rest:
        return _("Unknown placeholder %(found)s: use {room}, {event} or {uid}.") % {
            "found": ", ".join(unknown) or "{"
        }
    if "{room}" not in template and "{uid}" not in template:
        return _("The video link template needs {room}, so that each meeting has its own room.")
    return None


def validate_video_template(template: str) -> None:
    """Model-field validator (the admin's forms) for `video_template_problem`."""
    problem = video_template_problem(template)
    if problem is not None:
        raise ValidationError(problem, code="invalid")
