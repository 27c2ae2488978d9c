"""Django admin: users with their organisation and role; memberships (platform admins
confirm, decline, remove), partner and CDA lists, the audit trail (read only), tokens."""

from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from dari.accounts.auth import LimitedAdminAuthenticationForm
from dari.accounts.domain.errors import AccountError
from dari.accounts.domain.membership import (
    confirm_membership,
    decline_request,
    remove_member,
    set_role,
)
from dari.accounts.models import (
    AuditEntry,
    EmailDomain,
    Invitation,
    Membership,
    MembershipState,
    OrganizationLink,
    PersonalAccessToken,
    User,
)

# The admin's sign-in obeys the same database-backed limits as the site's, with a message.
admin.site.login_form = LimitedAdminAuthenticationForm


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
    # The organisation follows the confirmed membership (see Memberships), never set by hand.
    readonly_fields = ["organization"]
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Dari"), {"fields": ("organization", "role", "timezone", "synthetic")}),
    )

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        with transaction.atomic():
            if change and "role" in form.changed_data:
                new_role = obj.role
                obj.role = User.objects.get(pk=obj.pk).role
                set_role(obj, new_role, request.user)  # audited
            super().save_model(request, obj, form, change)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organization", "state", "source", "changed", "changed_by"]
    list_filter = ["state", "source"]
    list_select_related = ["user", "organization", "changed_by"]
    search_fields = ["user__username", "user__email", "organization__name"]
    actions = ["confirm", "decline", "remove"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # changes go through the domain functions, which audit them

    def _each(self, request: HttpRequest, queryset: QuerySet[Membership], do: Any) -> None:
        for membership in queryset.select_related("user", "organization"):
            try:
                do(membership)
            except AccountError as exc:
                self.message_user(request, exc.message, messages.ERROR)

    @admin.action(description=_("Confirm the selected memberships"))
    def confirm(self, request: HttpRequest, queryset: QuerySet[Membership]) -> None:
        self._each(
            request,
            queryset.exclude(state=MembershipState.CONFIRMED),
            lambda m: confirm_membership(m.user, m.organization, request.user),
        )

    @admin.action(description=_("Decline the selected join requests"))
    def decline(self, request: HttpRequest, queryset: QuerySet[Membership]) -> None:
        self._each(
            request,
            queryset.filter(state=MembershipState.REQUESTED),
            lambda m: decline_request(m.organization, m.pk, request.user),
        )

    @admin.action(description=_("Remove the selected members"))
    def remove(self, request: HttpRequest, queryset: QuerySet[Membership]) -> None:
        self._each(
            request,
            queryset.filter(state=MembershipState.CONFIRMED),
            lambda m: remove_member(m.organization, m.user_id, request.user),
        )


@admin.register(OrganizationLink)
class OrganizationLinkAdmin(admin.ModelAdmin):
    list_display = ["owner", "other", "kind", "created"]
    list_filter = ["kind"]
    raw_id_fields = ["owner", "other"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # changes go through the organisation's page, where they are audited

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "actor_name", "organization", "action", "object_label", "before", "after"]
    list_filter = ["action"]
    search_fields = ["actor_name", "object_id", "object_label", "organization__name"]
    date_hierarchy = "at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organization", "state", "invited_by", "created"]
    list_filter = ["state"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # changes go through the domain functions, which audit them


@admin.register(EmailDomain)
class EmailDomainAdmin(admin.ModelAdmin):
    list_display = ["domain", "organization", "created"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # changes go through the domain functions, which audit them


@admin.register(PersonalAccessToken)
class PersonalAccessTokenAdmin(admin.ModelAdmin):
    list_display = ["prefix", "name", "user", "scope", "created", "last_used", "revoked"]
    list_filter = ["scope"]
    exclude = ["digest"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
