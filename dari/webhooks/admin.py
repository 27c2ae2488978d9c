"""Webhook endpoints and their delivery log in the admin (secrets are not listed)."""

from django.contrib import admin

from dari.webhooks.models import Delivery, Endpoint


@admin.register(Endpoint)
class EndpointAdmin(admin.ModelAdmin):
    list_display = ("url", "organization", "event", "created_by", "active", "created")
    list_filter = ("active",)
    exclude = ("secret",)
    raw_id_fields = ("organization", "event", "created_by")


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ("endpoint", "kind", "status", "attempts", "response_code", "next_try")
    list_filter = ("status", "kind")
    raw_id_fields = ("endpoint",)
