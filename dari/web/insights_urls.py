"""Pages of the virtual cluster at a glance, mounted at /insights/."""

from django.urls import path

from dari.web import call_views as c
from dari.web import insights_views as v

app_name = "insights"
urlpatterns = [
    path("", v.dashboard, name="dashboard"),
    path("observations/add", v.observation_add, name="observation-add"),
    path("ecosystem/", v.ecosystem, name="ecosystem"),
    path("clusters/", v.cluster_network, name="clusters"),
    path("clusters/<str:cluster_id>/", v.cluster_profile, name="cluster"),
    path("capabilities/", v.capabilities, name="capabilities"),
    path("calls/", c.call_list, name="calls"),
    path("calls/new", c.call_new, name="call-new"),
    path("calls/<str:program_id>/", c.call_detail, name="call"),
    path("calls/<str:program_id>/edit", c.call_edit, name="call-edit"),
    path("calls/<str:program_id>/review", c.call_review, name="call-review"),
    path("calls/<str:program_id>/invite", c.invite, name="invite"),
    path(
        "calls/<str:program_id>/co-organizers",
        c.call_co_organizer_add,
        name="call-co-organizer-add",
    ),
    path(
        "calls/<str:program_id>/co-organizers/<int:co_id>/remove",
        c.call_co_organizer_remove,
        name="call-co-organizer-remove",
    ),
    path(
        "calls/<str:program_id>/applications/<int:application_id>/<str:action>",
        c.application_action,
        name="application-action",
    ),
]
