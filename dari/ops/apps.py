from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    name = "dari.ops"
    label = "ops"
    verbose_name = _("Operations")

    def ready(self) -> None:
        from dari.ops import checks  # noqa: F401  (registers the deployment checks)
