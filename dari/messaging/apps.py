from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagingConfig(AppConfig):
    name = "dari.messaging"
    label = "messaging"
    verbose_name = _("Messages and notifications")

    def ready(self) -> None:
        from dari.messaging import wiring

        wiring.connect()
