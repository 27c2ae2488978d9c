"""The review queue, mounted at /curation/."""

from django.urls import path

from dari.web import curation_views as v

app_name = "curation"
urlpatterns = [
    path("", v.queue, name="queue"),
    path("ingest", v.ingest, name="ingest"),
    path("<int:candidate_id>/", v.candidate, name="candidate"),
    path("<int:candidate_id>/approve", v.candidate_approve, name="approve"),
    path("<int:candidate_id>/reject", v.candidate_reject, name="reject"),
]
