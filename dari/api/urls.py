"""/api/: the ninja API (its 405 answers made JSON) and a JSON 404 for any other path."""

from django.urls import path, re_path

from dari.api.errors import json_method_not_allowed, unknown_endpoint
from dari.api.routes import api

_api_patterns, _api_app, _api_namespace = api.urls
for _pattern in _api_patterns:
    _pattern.callback = json_method_not_allowed(_pattern.callback)

urlpatterns = [
    path("", (_api_patterns, _api_app, _api_namespace)),
    re_path(r"^(?P<path>.*)$", unknown_endpoint),
]
