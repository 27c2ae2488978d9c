"""Pages of partnering events, mounted at /events/."""

from django.urls import path

from dari.web.events import agenda as a
from dari.web.events import controls as c
from dari.web.events import moving as mv
from dari.web.events import organiser as o
from dari.web.events import pages as e
from dari.web.events import participant as p

app_name = "events"
urlpatterns = [
    path("", e.event_list, name="list"),
    path("new", o.event_new, name="new"),
    # Before the event's own pages, so that no event can shadow the feeds.
    path("calendar/<str:token>.ics", a.calendar_feed, name="feed"),
    path("<slug:slug>/", e.event_detail, name="detail"),
    path("<slug:slug>/edit", o.event_edit, name="edit"),
    path("<slug:slug>/register", e.register, name="register"),
    path("<slug:slug>/request", p.request_new, name="request-new"),
    path("<slug:slug>/suggestions", e.suggestions, name="suggestions"),
    path("<slug:slug>/availability", p.availability, name="availability"),
    path("<slug:slug>/availability/toggle", p.toggle_slot, name="toggle-slot"),
    path("<slug:slug>/availability/hours", p.working_hours, name="working-hours"),
    path("<slug:slug>/requests", p.requests_page, name="requests"),
    path("<slug:slug>/requests/<int:request_id>/accept", p.request_accept, name="accept"),
    path("<slug:slug>/requests/<int:request_id>/decline", p.request_decline, name="decline"),
    path("<slug:slug>/requests/<int:request_id>/withdraw", p.request_withdraw, name="withdraw"),
    path("<slug:slug>/agenda", a.agenda_page, name="agenda"),
    path("<slug:slug>/agenda.ics", a.agenda_ics, name="agenda-ics"),
    path("<slug:slug>/agenda/calendar-link", a.calendar_feed_reset, name="feed-reset"),
    path("<slug:slug>/meetings/<int:meeting_id>/cancel", a.meeting_cancel, name="cancel"),
    path("<slug:slug>/meetings/<int:meeting_id>/colleague", a.meeting_colleague, name="colleague"),
    path("<slug:slug>/meetings/<int:meeting_id>/outcome", a.meeting_outcome, name="outcome"),
    path("<slug:slug>/manage", o.manage, name="manage"),
    path("<slug:slug>/manage/run", o.run_scheduler, name="run"),
    path("<slug:slug>/manage/runs/<int:run_id>", o.run_status, name="run-status"),
    path("<slug:slug>/manage/publish", o.publish, name="publish"),
    path("<slug:slug>/manage/instance.json", o.instance_json, name="instance-json"),
    path("<slug:slug>/manage/schedule.json", o.schedule_json, name="schedule-json"),
    path("<slug:slug>/manage/co-organizers", o.co_organizer_add, name="co-organizer-add"),
    path(
        "<slug:slug>/manage/co-organizers/<int:co_id>/remove",
        o.co_organizer_remove,
        name="co-organizer-remove",
    ),
    path("<slug:slug>/manage/invitations", o.invitation_add, name="invitation-add"),
    path(
        "<slug:slug>/manage/invitations/<int:invitation_id>/remove",
        o.invitation_remove,
        name="invitation-remove",
    ),
    path("<slug:slug>/analytics", o.analytics_page, name="analytics"),
    path("<slug:slug>/manage/export/<str:table>", o.export_table, name="export"),
    path("<slug:slug>/agenda/export", a.agenda_export, name="agenda-export"),
    path("<slug:slug>/meetings/<int:meeting_id>/move", mv.move_ask, name="move-ask"),
    path("<slug:slug>/moves/<int:move_id>/accept", mv.move_accept, name="move-accept"),
    path("<slug:slug>/moves/<int:move_id>/decline", mv.move_decline, name="move-decline"),
    path("<slug:slug>/moves/<int:move_id>/withdraw", mv.move_withdraw, name="move-withdraw"),
    path("<slug:slug>/manage/controls", c.controls_page, name="controls"),
    path("<slug:slug>/manage/controls/approval", c.approval_switch, name="approval"),
    path(
        "<slug:slug>/manage/participants/<int:participant_id>/approve",
        c.participant_approve,
        name="approve",
    ),
    path("<slug:slug>/manage/rules", c.rule_add, name="rule-add"),
    path("<slug:slug>/manage/rules/<int:rule_id>/remove", c.rule_remove, name="rule-remove"),
    path("<slug:slug>/manage/quotas", c.quota_set, name="quota"),
    path("<slug:slug>/manage/moves/<int:move_id>/place", c.move_place, name="move-place"),
]
