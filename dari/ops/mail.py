"""SMTP delivery that never loses a failure silently: every message that could not be sent is
logged (logger `dari.mail`, level ERROR, with subject and number of recipients), also when the
caller asked to fail silently (notifications do, so that a mail server down never undoes a
meeting)."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.core.mail.message import EmailMessage

logger = logging.getLogger("dari.mail")


class EmailBackend(SMTPBackend):  # type: ignore[misc]  # Django is untyped here
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        silently = self.fail_silently
        self.fail_silently = False
        try:
            return int(super().send_messages(email_messages) or 0)
        except Exception:
            logger.exception(
                "mail not sent: %d message(s) via %s:%s (%s)",
                len(email_messages),
                self.host,
                self.port,
                "; ".join(f"{m.subject!r} to {len(m.recipients())}" for m in email_messages),
            )
            if not silently:
                raise
            return 0
        finally:
            self.fail_silently = silently

    def close(self) -> None:
        try:
            super().close()
        except Exception:
            logger.exception("mail: closing the connection to %s:%s failed", self.host, self.port)
