from django.urls import path

from dari.api.routes import api

urlpatterns = [path("", api.urls)]
