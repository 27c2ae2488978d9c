"""Web addresses (layer 0): a website or source is stored and shown only when it is an http(s)
address, so a stored `javascript:` or `data:` value can never become a link."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# The scheme must open the value exactly: browsers drop leading blanks and control characters,
# so " javascript:..." must not pass as a relative address.
WEB_ADDRESS = re.compile(r"https?://[^\s\x00-\x1f\x7f]+", re.IGNORECASE)
WEB_ADDRESS_PATTERN = r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s\u0000-\u001f\u007f]+$"
"""The same rule as a JSON-schema pattern (no flags there)."""


def is_web_address(value: Any) -> bool:
    """Whether `value` is an absolute http:// or https:// address."""
    return isinstance(value, str) and WEB_ADDRESS.fullmatch(value) is not None


def validate_web_address(value: Any) -> None:
    """A model/form validator: an empty value or an http(s) address."""
    if value and not is_web_address(value):
        raise ValidationError(
            _("Only web addresses starting with http:// or https:// are accepted: %(value)s"),
            code="not_web_address",
            params={"value": str(value)[:200]},
        )


def validate_web_addresses(values: Any) -> None:
    """A validator of a list of sources: each an http(s) address."""
    if not isinstance(values, list):
        return
    for value in values:
        validate_web_address(value)
