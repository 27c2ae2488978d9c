"""Open-innovation calls: members apply with one of their organisation's assets; organisers
rank, shortlist or decline the applications and invite the shortlist to a partnering event.

Ranking: by the recommender's score of the call's organiser as a partner for the applied asset
(`score_partner`: stated focus, text, deal history, with its reasons), after the plain overlap
reasons between the asset and what the call seeks (its areas, modalities and earliest stage;
when it states none, what its organiser says it seeks), which organisers read as the call's
criteria. The score only ever reads an asset the ranking
organiser may see (`visible_assets`): otherwise the application is shown with its pitch only
and no score.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from dari.directory.access import visible_assets
from dari.directory.domain.ids import id_stem, insert_under_free_id
from dari.directory.domain.recommend import score_partner
from dari.directory.models import Asset, Program, bump_generation
from dari.directory.vocab import (
    Modality,
    ProgramKind,
    Stage,
    TherapeuticArea,
    label_of,
    reaches_stage,
)
from dari.events import signals
from dari.events.access import managed_events
from dari.events.domain.ended import event_over, over_message
from dari.events.domain.invitations import invite_organization
from dari.insights.access import may_apply, may_create_call, may_review, owns_call
from dari.insights.domain.call_scope import clean_scope, seeks_anything
from dari.insights.domain.errors import CallError
from dari.insights.models import CallApplication, CallStatus

# The years a call's dates may name: the bundled calls go back decades, none is set far ahead.
FIRST_YEAR = 1900
YEARS_AHEAD = 10

MAX_PITCH = 4000
KOREA = ZoneInfo("Asia/Seoul")


def get_call(program_id: str) -> Program:
    """The call `program_id`, or CallError when there is no such open-innovation call."""
    call = (
        Program.objects.filter(pk=program_id, kind=ProgramKind.OPEN_INNOVATION_CALL)
        .select_related("organizer")
        .first()
    )
    if call is None:
        raise CallError(
            _("There is no open-innovation call %(id)r.") % {"id": program_id}, code="not_found"
        )
    return call


def closed_for_applications(call: Program) -> CallError | None:
    """Why `call` takes no application today (before it opens, after its closing day, in
    Korea's time; dates may be partial: a call closing "2026-12" takes applications all
    December), or None when it takes them."""
    today = korea_today()
    if call.start and today[: len(call.start)] < call.start:
        return CallError(
            _("This call opens on %(date)s; applications are taken from then.")
            % {"date": call.start},
            code="not_open",
        )
    if call.end and today[: len(call.end)] > call.end:
        return CallError(
            _("This call closed on %(date)s and takes no more applications.") % {"date": call.end},
            code="closed",
        )
    assumed = assumed_end(call)
    if assumed and today > assumed:
        return CallError(
            _(
                "This call gave no closing date, so it is taken as closed at the end of the year"
                " after it opened (%(date)s); it takes no more applications."
            )
            % {"date": assumed},
            code="closed",
        )
    return None


def korea_today() -> str:
    """Today's date in Korea: calls open and close by Korea's calendar, not the reader's (pages
    run in the reader's own zone, reader_time_zone)."""
    day: date = timezone.localdate(timezone=KOREA)
    return day.isoformat()


def closing_day(call: Program) -> str:
    """The last day `call` takes applications, by the one rule for every call (bundled or
    created in Dari): its closing day, else `assumed_end`; "" when it has neither date."""
    return call.end or assumed_end(call)


def assumed_end(call: Program) -> str:
    """The closing day of a call that opened but names none: the last day of the year after
    the one it opened in ("" when it names its closing day or no opening). Organisers rarely
    leave a call open longer, and a call met in the press years ago (a 2017 challenge) must
    not invite applications today; a call with neither date says nothing to go by."""
    if call.end or not call.start:
        return ""
    return f"{int(call.start[:4]) + 1}-12-31"


def score_fit(asset: Asset, call: Program) -> tuple[float | None, list[str]]:
    """The share of what the call seeks that the asset matches, with a reason per match: the
    call's own areas, modalities and earliest stage when it states any, else its organiser's
    stated interests (therapeutic areas, modalities, stages); None when neither states any."""
    if seeks_anything(call):
        return _score_call_fit(asset, call)
    organizer = call.organizer
    if organizer is None:
        return None, [_("The call names no organiser, so there is nothing to match.")]
    checks = [
        (organizer.interest_therapeutic_areas, asset.therapeutic_area, TherapeuticArea,
         _("Therapeutic area %(value)s is one the organiser seeks.")),
        (organizer.interest_modalities, asset.modality, Modality,
         _("Modality %(value)s is one the organiser seeks.")),
        (organizer.interest_stages, asset.stage, Stage,
         _("Stage %(value)s is one the organiser seeks.")),
    ]  # fmt: skip
    stated = [c for c in checks if c[0]]
    if not stated:
        return None, [_("The organiser states no interests to match against.")]
    reasons = [
        text % {"value": label_of(vocabulary, value)}
        for wanted, value, vocabulary, text in stated
        if value and value in wanted
    ]
    return round(len(reasons) / len(stated), 4), reasons


def _score_call_fit(asset: Asset, call: Program) -> tuple[float, list[str]]:
    stated, reasons = 0, []
    if call.seeks_therapeutic_areas:
        stated += 1
        if asset.therapeutic_area in call.seeks_therapeutic_areas:
            value = label_of(TherapeuticArea, asset.therapeutic_area)
            reasons.append(
                _("Therapeutic area %(value)s is one the call seeks.") % {"value": value}
            )
    if call.seeks_modalities:
        stated += 1
        if asset.modality in call.seeks_modalities:
            value = label_of(Modality, asset.modality)
            reasons.append(_("Modality %(value)s is one the call seeks.") % {"value": value})
    if call.seeks_min_stage:
        stated += 1
        if reaches_stage(asset.stage, call.seeks_min_stage):
            reasons.append(
                _("Stage %(value)s is at or past the call's earliest stage, %(minimum)s.")
                % {
                    "value": label_of(Stage, asset.stage),
                    "minimum": label_of(Stage, call.seeks_min_stage),
                }
            )
    return round(len(reasons) / stated, 4), reasons


def _require_reviewer(user: Any, call: Program) -> None:
    if not may_review(user, call):
        raise CallError(
            _("Only the call's organisers can review its applications."), code="forbidden"
        )


@transaction.atomic
def apply_to_call(user: Any, program_id: str, asset_id: str, pitch: str) -> CallApplication:
    """A signed-in member applies to a call with an asset of their own organisation."""
    if user is None or not user.is_authenticated:
        raise CallError(_("Sign in to apply."))
    if user.organization_id is None:
        raise CallError(_("Only members of an organisation can apply."))
    if not may_apply(user):
        raise CallError(
            _("Only confirmed members with a verified e-mail address can apply."),
            code="forbidden",
        )
    call = get_call(program_id)
    closed = closed_for_applications(call)
    if closed is not None:
        raise closed
    asset = (
        visible_assets(user)
        .filter(pk=asset_id, organization_id=user.organization_id)
        .select_related("organization")
        .first()
    )
    if asset is None:
        raise CallError(_("Choose one of your organisation's assets."), field="asset")
    pitch = pitch.strip()
    if not pitch:
        raise CallError(_("Write a short pitch."), field="pitch")
    if len(pitch) > MAX_PITCH:
        raise CallError(_("The pitch is too long (at most 4000 characters)."), field="pitch")
    score, _reasons = score_fit(asset, call)
    try:
        with transaction.atomic():
            return CallApplication.objects.create(
                program=call,
                organization_id=user.organization_id,
                asset=asset,
                pitch=pitch,
                score=score,
                submitted_by=user,
            )
    except IntegrityError:
        raise CallError(
            _("This asset has already been entered for this call."), field="asset"
        ) from None


def own_applications(user: Any, call: Program) -> list[CallApplication]:
    """The applications of the user's organisation to `call`, newest first (none for anyone
    who may not apply for one, `may_apply`). Each asset is loaded through the access funnel: one
    that has since left the organisation, or that the user may no longer see, is None."""
    if not may_apply(user):
        return []
    return list(
        CallApplication.objects.filter(program=call, organization_id=user.organization_id)
        .prefetch_related(Prefetch("asset", queryset=visible_assets(user)))
        .order_by("-created")
    )


def rank_applications(user: Any, program_id: str) -> list[dict[str, Any]]:
    """The applications to a call for an organiser, best fit first by the recommender's score
    for the call's organiser as a partner (unscored last, then oldest first): application,
    asset (None when the organiser may not see it), score, reasons."""
    call = get_call(program_id)
    _require_reviewer(user, call)
    applications = list(
        CallApplication.objects.filter(program=call)
        .select_related("organization")
        .order_by("created", "id")
    )
    asset_ids = {a.asset_id for a in applications if a.asset_id}
    visible = {a.pk: a for a in visible_assets(user).filter(pk__in=asset_ids)}
    matches = score_partner(user, visible, call.organizer_id) if call.organizer_id else {}
    rows = []
    for application in applications:
        asset = visible.get(application.asset_id) if application.asset_id else None
        if asset is not None:
            score, reasons = score_fit(asset, call)
            match = matches.get(asset.pk)
            if match is not None:
                # The recommender ranks (stated focus, text, deal history); the plain fit
                # reasons stay first because organisers read them as the call's criteria.
                score = round(match.score, 4)
                reasons = [*reasons, *match.reasons]
        else:
            score, reasons = None, [_("The asset is not visible to you: only the pitch is shown.")]
        rows.append(
            {"application": application, "asset": asset, "score": score, "reasons": reasons}
        )
    # A stable sort keeps the date order among equal scores.
    rows.sort(key=lambda r: -r["score"] if r["score"] is not None else 1.0)
    return rows


def _application_for_review(user: Any, application_id: int) -> CallApplication:
    application = (
        CallApplication.objects.select_for_update(of=("self",))
        .select_related("program")
        .filter(pk=application_id)
        .first()
    )
    if application is None:
        raise CallError(_("No such application."), code="not_found")
    _require_reviewer(user, application.program)
    if application.status == CallStatus.INVITED:
        raise CallError(_("This applicant has already been invited to an event."))
    return application


@transaction.atomic
def shortlist_application(user: Any, application_id: int) -> CallApplication:
    """An organiser puts a submitted (or declined) application on the shortlist."""
    application = _application_for_review(user, application_id)
    application.status = CallStatus.SHORTLISTED
    application.save(update_fields=["status", "updated"])
    return application


@transaction.atomic
def decline_application(user: Any, application_id: int) -> CallApplication:
    """An organiser declines a submitted or shortlisted application."""
    application = _application_for_review(user, application_id)
    application.status = CallStatus.DECLINED
    application.save(update_fields=["status", "updated"])
    return application


@transaction.atomic
def invite_shortlist(user: Any, program_id: str, event_id: int) -> list[CallApplication]:
    """An organiser invites every shortlisted applicant of a call to a partnering event: the
    applications become "invited", their organisations are invited to the event (members
    register without approval), and once the transaction commits `shortlist_invited` is
    announced, on which the messaging app e-mails each applicant organisation's members (in
    their language, unless they turned these e-mails off)."""
    call = get_call(program_id)
    _require_reviewer(user, call)
    # An event the organiser may not manage answers like a missing one.
    event = managed_events(user).filter(pk=event_id).first()
    if event is None:
        raise CallError(_("No such event."), field="event", code="not_found")
    # Inviting uses the shortlist up and asks every applicant to register: not for a past event.
    if event_over(event):
        raise CallError(over_message(event), field="event", code="event_over")
    shortlist = list(
        CallApplication.objects.select_for_update()
        .filter(program=call, status=CallStatus.SHORTLISTED)
        .select_related("organization")
        .order_by("id")
    )
    if not shortlist:
        raise CallError(_("The shortlist is empty: shortlist applications first."))
    for application in shortlist:
        application.status = CallStatus.INVITED
        application.event = event
        application.save(update_fields=["status", "event", "updated"])
    # Each invited organisation is on the event's invitations, so its members' registrations
    # need no approval (the e-mail tells them to register).
    for organization_id in sorted({a.organization_id for a in shortlist} - {event.organizer_id}):
        invite_organization(user, event, organization_id)
    signals.announce(
        signals.shortlist_invited,
        event_id=event.pk,
        program_id=call.pk,
        organization_ids=sorted({a.organization_id for a in shortlist}),
    )
    return shortlist


def _call_id_stem(name: str) -> str:
    """The readable id of a new call (the first free of it, -2, -3 ...: `insert_under_free_id`)."""
    return id_stem(name, prefix="call-", fallback="call")


def _check_date(value: str, field: str) -> None:
    """A call's date is blank or a day, month or year of the calendar (not 2026-13-45)."""
    if not value:
        return
    parts = value.split("-")
    try:
        # ASCII digits only: str.isdigit and int take "٢٠٢٦", which would be stored as given
        # and compare wrongly with today's date.
        digits = all(p.isascii() and p.isdigit() for p in parts)
        if [len(p) for p in parts] != [4, 2, 2][: len(parts)] or not digits:
            raise ValueError(value)
        # A month or a year stands for its first day.
        date(*map(int, parts), *[1] * (3 - len(parts)))
    except ValueError:
        raise CallError(
            _("%(value)s is not a date (YYYY, YYYY-MM or YYYY-MM-DD)") % {"value": repr(value)},
            field=field,
            code="invalid",
        ) from None
    first, last = FIRST_YEAR, timezone.now().year + YEARS_AHEAD
    if not first <= int(parts[0]) <= last:
        raise CallError(
            _("Give a date in the years %(first)d to %(last)d.") % {"first": first, "last": last},
            field=field,
            code="out_of_range",
        )


def _check_dates(start: str, end: str) -> None:
    _check_date(start, "start")
    _check_date(end, "end")
    # Partial dates compare by period: a deadline in "2026" closes no earlier than "2026-05".
    if start and end and end < start[: len(end)]:
        raise CallError(_("The call closes before it opens."), field="end", code="invalid")


def _save_checked(call: Program, stem: str = "") -> None:
    """Validate `call` as the model does, naming the field at fault, then save it; a new call
    (`stem` given) is inserted under the first free id from `stem`, made free at the insert
    (`insert_under_free_id`), which a look-up would race."""
    try:
        call.full_clean(exclude=["id"] if stem else None)
    except ValidationError as e:
        field, problems = next(iter(e.message_dict.items()))
        raise CallError(problems[0], field=None if field == NON_FIELD_ERRORS else field) from None
    if stem:
        insert_under_free_id(call, stem)
    else:
        call.save()
    bump_generation()


@transaction.atomic
def create_call(user: Any, values: Mapping[str, Any]) -> Program:
    """A new open-innovation call from `values` (name, description, organizer id, start and
    end as ISO dates or "" (a blank start is today, in Korea), sources; name_ko,
    description_ko and what it seeks, see `call_scope.clean_scope`): only for whoever may
    create calls of that organiser (dari.insights.access.may_create_call). Nothing is written
    on a refusal."""
    organizer_id = values.get("organizer") or None
    if not may_create_call(user, organizer_id):
        raise CallError(
            _("You cannot create a call for this organisation."), field="organizer",
            code="forbidden",
        )  # fmt: skip
    name = str(values.get("name", "")).strip()
    if not name:
        raise CallError(_("Give the call a name."), field="name", code="required")
    # A call created with no opening day opens the day it is created: so the rule for a call
    # without a closing day (`assumed_end`) closes it like a bundled one, never leaving it open.
    start, end = values.get("start") or korea_today(), values.get("end") or ""
    _check_dates(start, end)
    stem = _call_id_stem(name)
    call = Program(
        name=name,
        organizer_id=organizer_id,
        kind=ProgramKind.OPEN_INNOVATION_CALL,
        start=start,
        end=end,
        description=str(values.get("description", "")).strip(),
        sources=list(values.get("sources") or []),
        **clean_scope(values),
    )
    _save_checked(call, stem=stem)
    return call


# What an edit may change; the organiser and the kind stay (a call moves to no other owner).
EDITABLE = ("name", "description", "start", "end", "sources")


@transaction.atomic
def edit_call(user: Any, program_id: str, values: Mapping[str, Any]) -> Program:
    """Change the fields of a call present in `values` (those of `create_call` but the
    organiser): only for the call's owners (dari.insights.access.owns_call). Nothing is
    written on a refusal."""
    call = get_call(program_id)
    if not owns_call(user, call):
        raise CallError(_("Only the call's owners can change it."), code="forbidden")
    scope = clean_scope(values)
    if "name" in values:
        values = {**values, "name": str(values["name"] or "").strip()}
        if not values["name"]:
            raise CallError(_("Give the call a name."), field="name", code="required")
    for field in EDITABLE:
        if field in values:
            value = values[field]
            if field == "description":
                value = str(value or "").strip()
            elif field == "sources":
                value = list(value or [])
            elif field == "start":
                # A call that opened keeps its opening day (else a blank would reopen it).
                value = value or call.start or korea_today()
            elif field == "end":
                value = value or ""
            setattr(call, field, value)
    for field, value in scope.items():
        setattr(call, field, value)
    _check_dates(call.start, call.end)
    _save_checked(call)
    return call
