"""URL map: pages (web), REST API (api), accounts (allauth), admin, language switch."""

from django.contrib import admin
from django.urls import include, path

from dari.ops.views import healthz

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("dari.api.urls")),
    path("events/", include("dari.web.events.urls")),
    path("insights/", include("dari.web.insights_urls")),
    path("curation/", include("dari.web.curation_urls")),
    path("trials/", include("dari.web.trials_urls")),
    path("healthz", healthz, name="healthz"),
    path("messages/", include("dari.web.messaging_urls")),
    path("webhooks/", include("dari.web.webhook_urls")),
    path("", include("dari.web.urls")),
]
