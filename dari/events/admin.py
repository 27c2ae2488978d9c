"""Django admin for events (organisers work in the event console; this is for platform admins)."""

from django.contrib import admin

from dari.events import models as m


class CoOrganizerInline(admin.TabularInline):
    model = m.CoOrganizer
    extra = 0
    autocomplete_fields = ["organization", "user"]


@admin.register(m.Event)
class EventAdmin(admin.ModelAdmin):
    inlines = [CoOrganizerInline]
    list_display = [
        "slug",
        "name",
        "mode",
        "start_date",
        "end_date",
        "schedule_published",
        "synthetic",
    ]
    list_filter = ["mode", "schedule_published", "synthetic"]
    search_fields = ["slug", "name", "name_ko"]


@admin.register(m.Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ["user", "event", "organization", "timezone"]
    list_filter = ["event"]
    list_select_related = ["user", "event", "organization"]
    raw_id_fields = ["user", "organization"]


@admin.register(m.MeetingRequest)
class MeetingRequestAdmin(admin.ModelAdmin):
    list_display = ["id", "event", "requester", "target_organization", "status", "created"]
    list_filter = ["event", "status"]
    raw_id_fields = ["requester", "target", "target_organization", "asset", "answered_by"]


@admin.register(m.Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["id", "event", "slot", "table", "status", "confirmed", "sequence"]
    list_filter = ["event", "status", "confirmed"]
    raw_id_fields = ["request", "slot"]


@admin.register(m.ScheduleRun)
class ScheduleRunAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "event",
        "trigger",
        "status",
        "scheduled",
        "unscheduled",
        "created",
        "finished",
    ]
    list_filter = ["event", "status"]


@admin.register(m.FollowUp)
class FollowUpAdmin(admin.ModelAdmin):
    list_display = ["meeting", "outcome", "deal", "created"]
    list_filter = ["outcome"]
    raw_id_fields = ["meeting", "reported_by", "deal"]
