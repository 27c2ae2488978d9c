"""Pages of partnering events, mounted at /events/."""

from django.urls import path

from dari.web import event_manage_views as m
from dari.web import event_views as v

app_name = "events"
urlpatterns = [
    path("", v.event_list, name="list"),
    path("new", m.event_new, name="new"),
    # Before the event's own pages, so that no event can shadow the feeds.
    path("calendar/<str:token>.ics", v.calendar_feed, name="feed"),
    path("<slug:slug>/", v.event_detail, name="detail"),
    path("<slug:slug>/edit", m.event_edit, name="edit"),
    path("<slug:slug>/register", v.register, name="register"),
    path("<slug:slug>/request", v.request_new, name="request-new"),
    path("<slug:slug>/suggestions", v.suggestions, name="suggestions"),
    path("<slug:slug>/availability", v.availability, name="availability"),
    path("<slug:slug>/availability/toggle", v.toggle_slot, name="toggle-slot"),
    path("<slug:slug>/availability/hours", v.working_hours, name="working-hours"),
    path("<slug:slug>/requests", v.request_list, name="requests"),
    path("<slug:slug>/requests/<int:request_id>/accept", v.request_accept, name="accept"),
    path("<slug:slug>/requests/<int:request_id>/decline", v.request_decline, name="decline"),
    path("<slug:slug>/requests/<int:request_id>/withdraw", v.request_withdraw, name="withdraw"),
    path("<slug:slug>/agenda", v.agenda, name="agenda"),
    path("<slug:slug>/agenda.ics", v.agenda_ics, name="agenda-ics"),
    path("<slug:slug>/meetings/<int:meeting_id>/cancel", v.meeting_cancel, name="cancel"),
    path("<slug:slug>/meetings/<int:meeting_id>/colleague", v.meeting_colleague, name="colleague"),
    path("<slug:slug>/meetings/<int:meeting_id>/outcome", v.meeting_outcome, name="outcome"),
    path("<slug:slug>/manage", m.manage, name="manage"),
    path("<slug:slug>/manage/run", m.run_scheduler, name="run"),
    path("<slug:slug>/manage/runs/<int:run_id>", m.run_status, name="run-status"),
    path("<slug:slug>/manage/publish", m.publish, name="publish"),
    path("<slug:slug>/manage/instance.json", m.instance_json, name="instance-json"),
    path("<slug:slug>/manage/schedule.json", m.schedule_json, name="schedule-json"),
    path("<slug:slug>/manage/co-organizers", m.co_organizer_add, name="co-organizer-add"),
    path(
        "<slug:slug>/manage/co-organizers/<int:co_id>/remove",
        m.co_organizer_remove,
        name="co-organizer-remove",
    ),
    path("<slug:slug>/analytics", m.analytics_page, name="analytics"),
]
