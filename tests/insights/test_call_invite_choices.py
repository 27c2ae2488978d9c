"""The review page offers a shortlist only the organiser's events that are not over."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from dari.events.models import Event


@pytest.mark.django_db
@pytest.mark.parametrize(("days", "offered"), [(30, True), (-3, False)])
def test_the_invite_form_lists_an_event_ahead_and_not_one_over(
    world, organiser, client, days, offered
):
    event = world["event"]
    day = timezone.localdate() + dt.timedelta(days=days)
    Event.objects.filter(pk=event.pk).update(start_date=day, end_date=day)
    client.force_login(organiser)
    page = client.get("/insights/calls/p-call/review")
    expected = [(event.pk, f"{event.name} ({day:%Y-%m-%d})")] if offered else []
    assert page.context["invite_form"].fields["event"].choices == expected
