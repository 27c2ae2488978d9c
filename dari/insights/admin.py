"""Admin: national targets with their observations inline, and call applications."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from dari.insights.models import CallApplication, NationalTarget, Observation


class ObservationInline(admin.TabularInline):
    model = Observation
    extra = 1
    fields = ("date", "value", "source", "note", "added_by")
    readonly_fields = ("added_by",)


@admin.register(NationalTarget)
class NationalTargetAdmin(admin.ModelAdmin):
    list_display = (
        "id",
        "name",
        "unit",
        "baseline_value",
        "baseline_year",
        "target_value",
        "target_year",
        "direction",
    )
    search_fields = ("id", "name", "name_ko", "metric")
    inlines = [ObservationInline]

    def save_formset(self, request: Any, form: Any, formset: Any, change: bool) -> None:
        for obj in formset.save(commit=False):
            if isinstance(obj, Observation) and obj.added_by_id is None and obj.pk is None:
                obj.added_by = request.user
            obj.save()
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()


@admin.register(Observation)
class ObservationAdmin(admin.ModelAdmin):
    list_display = ("target", "date", "value", "source", "added_by")
    list_filter = ("target",)
    date_hierarchy = "date"
    readonly_fields = ("added_by", "created")

    def save_model(self, request: Any, obj: Observation, form: Any, change: bool) -> None:
        if not change and obj.added_by_id is None:
            obj.added_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(CallApplication)
class CallApplicationAdmin(admin.ModelAdmin):
    list_display = ("program", "organization", "status", "score", "created")
    list_filter = ("status",)
    raw_id_fields = ("program", "organization", "asset", "submitted_by", "event")
