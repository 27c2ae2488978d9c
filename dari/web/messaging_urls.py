"""Messages between the two sides of a meeting request, mounted at /messages/."""

from django.urls import path

from dari.web import messaging_views as v

app_name = "messages"
urlpatterns = [
    path("", v.inbox, name="inbox"),
    path("unread", v.unread, name="unread"),
    path("preferences", v.preferences, name="preferences"),
    path("<int:request_id>/", v.thread_page, name="thread"),
    path("<int:request_id>/reply", v.reply, name="reply"),
    path("<int:request_id>/read", v.read, name="read"),
]
