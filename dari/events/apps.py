from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "dari.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self) -> None:
        from dari.events.tasks import on_task_lost
        from dari.ops.workers import task_lost

        task_lost.connect(on_task_lost, dispatch_uid="dari.events.on_task_lost")
