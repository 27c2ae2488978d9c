"""Helpers of the event page tests: URLs, logging in, reading a response."""

from __future__ import annotations

import re

from django.urls import reverse

from dari.events.models import (
    Participant,
)

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def url(name, *args):
    return reverse(f"events:{name}", args=args)


def login(client, who):
    client.force_login(who.user if isinstance(who, Participant) else who)
    return client


def html(response) -> str:
    return response.content.decode()


def texts(response, css_class: str) -> list[str]:
    """Text of the elements with the given class (tags stripped, spaces collapsed)."""
    found = re.findall(
        rf'class="{css_class}"[^>]*>(.*?)</(?:span|div|li|td|p)>', html(response), re.S
    )
    return [" ".join(re.sub(r"<[^>]+>", "", t).split()) for t in found]


def get_in_korean(client, path, data=None):
    """GET `path` in Korean; the language the request activates ends with it (the locale
    middleware leaves it active in the thread, where later tests would read Korean)."""
    from django.utils import translation

    with translation.override(None):
        return client.get(path, data, HTTP_ACCEPT_LANGUAGE="ko")
