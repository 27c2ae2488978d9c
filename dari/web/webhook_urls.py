"""Webhook pages, mounted at /webhooks/."""

from django.urls import path

from dari.web import webhooks as w

app_name = "webhooks"
urlpatterns = [
    path("", w.endpoints, name="list"),
    path("<int:endpoint_id>/", w.endpoint_detail, name="detail"),
    path("<int:endpoint_id>/edit", w.endpoint_edit, name="edit"),
    path("<int:endpoint_id>/rotate", w.endpoint_rotate, name="rotate"),
    path("<int:endpoint_id>/remove", w.endpoint_remove, name="remove"),
]
