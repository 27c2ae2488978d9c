"""Which addresses an endpoint may have: https only, never a loopback, private, link-local or
otherwise internal host (the server must not be turned against its own network). Checked when
an endpoint is registered (by its name) and again before each delivery (by the addresses the
name resolves to). The setting DARI_WEBHOOKS_ALLOW_LOOPBACK lets tests and local development
use http://127.0.0.1 and http://localhost."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

from dari.webhooks.domain.errors import WebhookError
from dari.webhooks.models import Endpoint

INTERNAL_SUFFIXES = (".localhost", ".local", ".internal", ".lan", ".home.arpa")
MAX_LENGTH = Endpoint._meta.get_field("url").max_length or 500


def _loopback_allowed() -> bool:
    return bool(getattr(settings, "DARI_WEBHOOKS_ALLOW_LOOPBACK", False))


def _internal_ip(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if _loopback_allowed() and ip.is_loopback:
        return False
    return not ip.is_global or ip.is_multicast


def check_url(url: str) -> str:
    """`url` stripped, or a WebhookError (field "url") saying what is wrong with it."""
    url = url.strip()
    if len(url) > MAX_LENGTH:
        raise WebhookError(
            _("The address is too long (at most %(n)d characters).") % {"n": MAX_LENGTH},
            field="url",
            code="max_length",
        )
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        parts.port  # noqa: B018 (a bad port raises ValueError here)
    except ValueError:
        host, parts = "", urlsplit("")
    if not host or parts.scheme not in ("https", "http"):
        raise WebhookError(_("Give an https:// address."), field="url", code="invalid")
    loopback_name = host == "localhost" or host.endswith(".localhost")
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        ip = None
    local = _loopback_allowed() and (loopback_name or (ip is not None and ip.is_loopback))
    if parts.scheme != "https" and not local:
        raise WebhookError(
            _("Only https:// addresses receive notices."), field="url", code="https_only"
        )
    if parts.username or parts.password:
        raise WebhookError(
            _("Leave passwords out of the address; the signature authenticates us."),
            field="url",
            code="credentials",
        )
    internal = (ip is not None and _internal_ip(ip)) or (
        not local and (loopback_name or host.endswith(INTERNAL_SUFFIXES) or "." not in host)
    )
    if internal:
        raise WebhookError(
            _("This address points into a private network; give a public one."),
            field="url",
            code="private_host",
        )
    return url


def check_resolved(url: str) -> None:
    """Before a delivery: every address the host name resolves to must be public."""
    host = urlsplit(url).hostname or ""
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except OSError:
        raise WebhookError(_("The host name does not resolve."), field="url", code="dns") from None
    for info in infos:
        ip = ipaddress.ip_address(info[4][0])
        if _internal_ip(ip):
            raise WebhookError(
                _("This address points into a private network; give a public one."),
                field="url",
                code="private_host",
            )
