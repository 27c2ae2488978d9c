"""Django admin: users with their organisation and role; partner and CDA lists."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from dari.accounts.auth import LimitedAdminAuthenticationForm
from dari.accounts.models import OrganizationLink, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = [
        "username",
        "email",
        "first_name",
        "last_name",
        "organization",
        "role",
        "synthetic",
    ]
    list_filter = ["role", "synthetic", "is_staff", "is_active"]
    list_select_related = ["organization"]
    raw_id_fields = ["organization"]
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Dari"), {"fields": ("organization", "role", "timezone", "synthetic")}),
    )


@admin.register(OrganizationLink)
class OrganizationLinkAdmin(admin.ModelAdmin):
    list_display = ["owner", "other", "kind", "created"]
    list_filter = ["kind"]
    raw_id_fields = ["owner", "other"]


# The admin's sign-in obeys the same database-backed limits as the site's, with a message.
admin.site.login_form = LimitedAdminAuthenticationForm
