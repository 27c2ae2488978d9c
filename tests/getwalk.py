"""Helpers to request every GET URL of the site and to tell whether the database changed.

`database_checksum()` fingerprints every table's rows (columns that record reads, such as a
session or `last_login`, are left out: see IGNORED). `get_urls(values)` lists every page URL of
the site's namespaces and every GET operation of the API, with path parameters filled from
`values` (parameter name -> value); `path_values()` takes real ids from the demo data. Extend
VALUES_FROM (or pass your own values) when a new parameter name appears: a URL whose parameter
has no value fails the test that uses it, so no page is silently skipped.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver

# Tables and columns that a read may change: the session itself, the login time, a token's
# last use. Everything else must stay exactly as it was.
IGNORED_TABLES = {"django_session"}
IGNORED_COLUMNS = {"last_login", "last_used", "last_used_at"}
NAMESPACES = ("web", "events", "insights", "curation", "trials", "messages", "webhooks")


def database_checksum() -> dict[str, str]:
    """A digest of each table's rows (ordered by primary key), one entry per table."""
    sums: dict[str, str] = {}
    for model in apps.get_models(include_auto_created=True):
        table = model._meta.db_table
        if table in IGNORED_TABLES or not model._meta.managed:
            continue
        columns = [
            f.attname
            for f in model._meta.concrete_fields
            if f.attname not in IGNORED_COLUMNS and f.column not in IGNORED_COLUMNS
        ]
        digest = hashlib.sha256()
        for row in model._base_manager.order_by("pk").values_list(*columns):
            digest.update(repr(row).encode())
        sums[table] = digest.hexdigest()
    return sums


def changed_tables(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(t for t in before.keys() | after.keys() if before.get(t) != after.get(t))


def _walk(patterns: Iterable[Any], prefix: str, namespace: str | None) -> Iterable[tuple]:
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace or namespace
            yield from _walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            yield namespace, prefix + str(p.pattern), p.name


PARAM = re.compile(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>")


def _fill(route: str, values: dict[str, Any]) -> str:
    def one(m: re.Match[str]) -> str:
        name = m.group("name")
        if name not in values:
            raise KeyError(f"no value for <{name}> in {route}: add it to the values")
        return str(values[name])

    return "/" + PARAM.sub(one, route)


def page_urls(values: dict[str, Any]) -> list[str]:
    """Every URL of the page namespaces (GET, POST-only and htmx views alike)."""
    urls = []
    for namespace, route, _name in _walk(get_resolver().url_patterns, "", None):
        if namespace in NAMESPACES:
            urls.append(_fill(route, values))
    return sorted(set(urls))


def api_get_urls(values: dict[str, Any]) -> list[str]:
    """Every GET operation of the REST API, from its OpenAPI document."""
    from dari.api.routes import api

    schema = api.get_openapi_schema()
    urls = []
    for path, operations in schema["paths"].items():
        if "get" in operations:
            urls.append(re.sub(r"\{(\w+)\}", lambda m: str(values[m.group(1)]), path))
    return sorted(set(urls))


def _first(model: type[models.Model], **filters: Any) -> Any:
    obj = model._default_manager.filter(**filters).order_by("pk").first()
    return obj.pk if obj is not None else "none"


def path_values() -> dict[str, Any]:
    """Real values for every path parameter, taken from the database (the demo data)."""
    from dari.curation.models import Candidate
    from dari.directory.models import (
        Asset,
        Cluster,
        Deal,
        Facility,
        Investment,
        Organization,
        Program,
    )
    from dari.events.models import (
        CoOrganizer,
        Event,
        Invitation,
        Meeting,
        MeetingRequest,
        MeetingRule,
        MoveRequest,
        Participant,
        ScheduleRun,
    )
    from dari.insights.models import CallApplication
    from dari.trials.models import Trial
    from dari.webhooks.models import Endpoint

    event = Event.objects.filter(synthetic=True).order_by("-start_date").first() or (
        Event.objects.order_by("pk").first()
    )
    participant = Participant.objects.filter(event=event).order_by("pk").first()
    call = Program.objects.filter(kind="open_innovation_call").order_by("pk").first()
    return {
        "slug": event.slug if event else "none",
        "token": participant.calendar_token if participant else "none",
        "request_id": _first(MeetingRequest, event=event),
        "meeting_id": _first(Meeting, event=event),
        "run_id": _first(ScheduleRun, event=event),
        "co_id": _first(CoOrganizer, event=event),
        "invitation_id": _first(Invitation, event=event),
        "cluster_id": _first(Cluster),
        "candidate_id": Candidate.objects.order_by("pk").values_list("pk", flat=True).first() or 0,
        "org_id": _first(Organization, pk="ablbio"),
        "organization_id": _first(Organization, pk="ablbio"),
        "asset_id": _first(Asset, visibility="public"),
        "deal_id": _first(Deal),
        "investment_id": _first(Investment),
        "facility_id": _first(Facility),
        "program_id": call.pk if call else _first(Program),
        "application_id": _first(CallApplication),
        "action": "shortlist",
        "trial_id": _first(Trial),
        "table": "meetings",
        "endpoint_id": _first(Endpoint),
        "move_id": _first(MoveRequest, meeting__event=event),
        "participant_id": participant.pk if participant else "none",
        "rule_id": _first(MeetingRule, event=event),
    }


def get_as_loaded(client: Any, url: str, **headers: Any) -> Any:
    """GET a URL as a browser would load it: an htmx fragment (which redirects a plain GET to
    its page) is asked for as htmx, so that its own answer is the one checked."""
    response = client.get(url, **headers)
    if response.status_code == 302 and "HX-Request" in response.get("Vary", ""):
        response = client.get(url, HTTP_HX_REQUEST="true", **headers)
    return response
