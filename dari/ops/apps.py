from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    name = "dari.ops"
    label = "ops"
    verbose_name = _("Operations")

    def ready(self) -> None:
        from django.core.signals import request_started

        from dari.ops import checks  # noqa: F401  (registers the deployment checks)
        from dari.ops.logs import forget_request_id

        request_started.connect(forget_request_id, dispatch_uid="dari.ops.forget_request_id")
