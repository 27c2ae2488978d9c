"""Fragments that htmx loads into a page (partners, recommended assets, suggestions, a run's
progress, the unread badge): opened directly, without htmx, one would be an unstyled scrap of
HTML, so the browser is sent to the page it belongs in, at its place there."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.cache import patch_vary_headers

View = Callable[..., HttpResponse]


def fragment_of(
    parent: str, anchor: str = "", keep: tuple[str, ...] = ()
) -> Callable[[View], View]:
    """A view that answers htmx only; any other GET is a 302 to the URL named `parent` (built
    from the view's arguments named in `keep`) at `#anchor`. The redirect comes before any
    lookup or access check, so it says nothing of whether the object exists; the parent page
    makes its own checks."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if getattr(request, "htmx", False):
                response = view(request, *args, **kwargs)
            else:
                url = reverse(parent, kwargs={name: kwargs[name] for name in keep})
                response = HttpResponseRedirect(f"{url}#{anchor}" if anchor else url)
            # The same URL answers a fragment or a redirect: caches must tell them apart.
            patch_vary_headers(response, ["HX-Request"])
            return response

        wrapped.fragment_of = parent  # type: ignore[attr-defined]
        return wrapped

    return decorate
