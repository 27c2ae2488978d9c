"""The optimiser's words in the reader's language: why a meeting is not scheduled (the engine's
structured reason, see dari.scheduling.explain), a run's progress and its method. Rendered at
display time, times in the reader's zone with the language's date formats."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import formats, translation

from dari.core.names import local_name
from dari.events.models import Meeting, Participant, ScheduleRun, Slot

Reason = Mapping[str, Any]


# Django's translation functions are untyped; these keep their names, so makemessages finds them.
def _(message: str) -> str:
    return str(translation.gettext(message))


def ngettext(singular: str, plural: str, n: int) -> str:
    return str(translation.ngettext(singular, plural, n))


def pgettext(context: str, message: str) -> str:
    return str(translation.pgettext(context, message))


def join(items: list[str], limit: int = 4) -> str:
    """ "A, B and C" in the active language, the rest counted after `limit` items."""
    if len(items) > limit:
        # One sentence for the shown items and the count: Korean puts the count after them
        # ("A, B, C, D 외 2개"), not as one more item ("A, B, C, D 및 2개 더").
        rest = len(items) - limit
        return ngettext("%(items)s and %(n)d more", "%(items)s and %(n)d more", rest) % {
            "items": ", ".join(items[:limit]),
            "n": rest,
        }
    if len(items) <= 1:
        return "".join(items)
    return _("%(items)s and %(last)s") % {"items": ", ".join(items[:-1]), "last": items[-1]}


def local_moment(start: datetime, zone: str) -> str:
    """A slot's start in `zone`: localized day, 24-hour time ("3월 11일 10:00")."""
    local = start.astimezone(ZoneInfo(zone))
    day = formats.date_format(local, "MONTH_DAY_FORMAT")
    return pgettext("day and time", "%(day)s %(time)s") % {
        "day": day,
        # The 24-hour clock of the agenda, grid and runs (Django's TIME_FORMAT is "8 a.m." /
        # "오전 8:00"), so a reason names a slot as the rest of the page does.
        "time": local.strftime("%H:%M"),
    }


def day_label(day: date) -> str:
    """A day as a person reads it in the active language ("Wed 11 March", "3월 11일 (수)")."""
    return pgettext("weekday and date", "%(weekday)s %(date)s") % {
        "weekday": str(formats.date_format(day, "D")),
        "date": str(formats.date_format(day, "MONTH_DAY_FORMAT")),
    }


def _keys(reason: Reason) -> tuple[set[str], set[str]]:
    people = set(reason.get("who", ())) | set(reason.get("lonely", ()))
    for line in reason.get("busy", ()):
        people.add(line["who"])
        for meets in line["meets"]:
            people.update(meets["with"])
    slots = set(reason.get("slots", ())) | set(reason.get("full", ()))
    return people, slots


def _pk(key: str) -> int | None:
    return int(key[1:]) if key[1:].isdigit() else None


def _clause(kind: str, locked: int) -> str:
    """Why the meetings in the way stayed where they are."""
    if kind == "locked":
        return _("Those meetings are confirmed and never move.")
    why = {
        "higher": _("The others have higher priority."),
        "same_or_higher": _("The others have the same or higher priority."),
        "stuck": _("Moving the others would leave more meetings without a time."),
    }.get(kind, "")
    if not why:
        return ""
    if locked:
        why = (
            ngettext(
                "%(n)d of those meetings is confirmed.",
                "%(n)d of those meetings are confirmed.",
                locked,
            )
            % {"n": locked}
            + " "
            + why
        )
    return why + " " + _("No rearrangement found frees a common slot.")


def render_reason(
    reason: Reason,
    names: Mapping[str, str],
    starts: Mapping[str, datetime],
    zone: str,
    named: Callable[[str], bool] | None = None,
) -> str:
    """One structured reason as sentences in the active language, times in `zone`. `named`:
    whether the reader may read who a participant (by key) meets; the others in the way are
    counted, not named (None: everyone is named, as to the organisers)."""
    if not reason:
        return ""

    def name(key: str) -> str:
        return names.get(key, _("someone no longer registered"))

    who = [name(k) for k in reason.get("who", ())]
    everyone = join(who)
    if reason.get("code") == "no_common_slot":
        text = _("There is no slot in which %(who)s are all available.") % {"who": everyone}
        lonely = [name(k) for k in reason.get("lonely", ())]
        if lonely:
            text += " " + ngettext(
                "%(names)s has no available slot at all.",
                "%(names)s have no available slot at all.",
                len(lonely),
            ) % {"names": join(lonely)}
        return text
    if reason.get("code") != "slots_taken":
        return _("The optimiser gave no reason.")
    times = [local_moment(starts[s], zone) for s in reason["slots"] if s in starts]
    parts = [
        ngettext(
            "The only slot in which %(who)s are all available, %(times)s (%(zone)s), is taken.",
            "The %(n)d slots in which %(who)s are all available, %(times)s (%(zone)s), are taken.",
            len(times),
        )
        % {"who": everyone, "n": len(times), "times": join(times), "zone": zone}
    ]
    for line in reason.get("busy", ()):
        partners, unnamed = [], set[str]()
        for x in line["meets"]:
            shown = [k for k in x["with"] if named is None or named(k)]
            unnamed.update(k for k in x["with"] if k not in shown)
            if shown:
                partners.append(join([name(k) for k in shown], 3))
        if not partners and unnamed:
            parts.append(
                ngettext(
                    "%(name)s meets another participant then.",
                    "%(name)s meets %(n)d other participants then.",
                    len(unnamed),
                )
                % {"name": name(line["who"]), "n": len(unnamed)}
            )
            continue
        if len(partners) > 3 or unnamed:
            # Counted as people ("외 3명" in Korean), not as things ("3개 더").
            rest = max(0, len(partners) - 3) + len(unnamed)
            parts.append(
                ngettext(
                    "%(name)s meets %(partners)s and %(n)d other then.",
                    "%(name)s meets %(partners)s and %(n)d others then.",
                    rest,
                )
                % {"name": name(line["who"]), "partners": ", ".join(partners[:3]), "n": rest}
            )
            continue
        parts.append(
            _("%(name)s meets %(partners)s then.")
            % {"name": name(line["who"]), "partners": join(partners, 3)}
        )
    full = [local_moment(starts[s], zone) for s in reason.get("full", ()) if s in starts]
    if full:
        tables = int(reason.get("tables") or 0)
        parts.append(
            ngettext(
                "The one table is taken at %(times)s.",
                "All %(n)d tables are taken at %(times)s.",
                tables,
            )
            % {"n": tables, "times": join(full, 3)}
        )
    clause = _clause(str(reason.get("blockers", "none")), int(reason.get("locked", 0)))
    if clause:
        parts.append(clause)
    return " ".join(parts)


def reason_texts(
    meetings: Iterable[Meeting], zone: str, reader: Participant | None = None
) -> dict[int, str]:
    """Meeting pk -> why it is not scheduled, in the active language with times in `zone`;
    two queries whatever the number of meetings (their participants prefetched).

    `reader`: a participant reading their own meetings. Who else the people of a meeting meet
    is theirs and the organisers': the reader reads the names of that meeting's people and of
    their own organisation's only; anyone else in the way is counted ("meets another
    participant"). None: the organisers, who read every name."""
    meetings = list(meetings)
    reasons = {m.pk: m.unscheduled_reason for m in meetings if m.unscheduled_reason}
    people: set[int] = set()
    slots: set[int] = set()
    for reason in reasons.values():
        p, s = _keys(reason)
        people.update(pk for pk in map(_pk, p) if pk is not None)
        slots.update(int(k) for k in s if str(k).isdigit())
    names = {}
    ours: set[str] = set()  # the keys of the reader's organisation's people
    own_organization = reader.organization_id if reader is not None else None
    if people:
        for p in Participant.objects.filter(pk__in=people).select_related("user", "organization"):
            if p.organization_id is not None and p.organization_id == own_organization:
                ours.add(f"p{p.pk}")
            org = local_name(p.organization)
            names[f"p{p.pk}"] = (
                _("%(name)s (%(organization)s)") % {"name": p.name, "organization": org}
                if org
                else p.name
            )
    starts = (
        {
            str(pk): start
            for pk, start in Slot.objects.filter(pk__in=slots).values_list("pk", "start")
        }
        if slots
        else {}
    )
    if reader is None:
        return {pk: render_reason(r, names, starts, zone) for pk, r in reasons.items()}
    texts = {}
    for m in meetings:
        if m.pk in reasons:
            seated = ours | {f"p{p.pk}" for p in m.participants.all()}
            texts[m.pk] = render_reason(reasons[m.pk], names, starts, zone, seated.__contains__)
    return texts


def run_progress(run: ScheduleRun) -> str:
    """What a run is doing, in the active language."""
    params = run.progress_params or {}
    code = run.progress
    if code == "building":
        return _("building the problem")
    if code == "optimising":
        n = int(params.get("meetings", 0))
        return ngettext("optimising %(n)d meeting", "optimising %(n)d meetings", n) % {"n": n}
    if code == "done":
        return pgettext("schedule run", "done")
    if code == "requeued":
        return _("the worker running it stopped (%(detail)s); queued again") % {
            "detail": params.get("detail", "")
        }
    return str(code)


def run_error(run: ScheduleRun) -> str:
    """Why a run failed, in the active language where Dari knows the reason."""
    params = run.progress_params or {}
    if run.progress == "lost":
        return _("the worker running this run stopped (%(detail)s); it was not retried again") % {
            "detail": params.get("detail", "")
        }
    if run.progress == "changing":
        return _("the event kept changing while it was being scheduled; run again")
    return str(run.error)


def method_name(method: str | None) -> str:
    """The optimiser's methods ("lp-rounding+local-search+cp-sat") in the active language."""
    if not method:
        return ""
    names = {
        "fcfs": _("first come, first served"),
        "greedy": _("greedy"),
        "lp-rounding": _("LP rounding"),
        "local-search": _("local search"),
        "cp-sat": _("CP-SAT (exact)"),
        "cp-sat(no gain)": _("CP-SAT (no gain)"),
    }
    return " + ".join(str(names.get(part, part)) for part in method.split("+"))
