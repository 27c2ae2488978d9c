"""The funnel after a meeting: no interest, CDA signed, term sheet, deal (linking a deal).

One report per outcome, person and meeting: reporting the same outcome again updates that
report's note and deal (the database's unique constraint is the last guard; the meeting's row
lock makes two reports at once wait for each other)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from dari.directory.models import Deal
from dari.events.domain.errors import EventError
from dari.events.models import FollowUp, Meeting, MeetingStatus, Outcome, Participant
from dari.events.signals import announce, deal_recorded, followup_updated


@transaction.atomic
def report_outcome(
    meeting_id: int, by: Participant, outcome: str, deal_id: str | None = None, note: str = ""
) -> FollowUp:
    """Either side reports what came of a meeting; a deal outcome may name the deal record.
    The same outcome reported again by the same person updates the report (announced only
    when its note or deal changed)."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting_id)
    if not meeting.seats.filter(participant=by).exists():
        raise EventError(_("only a participant of this meeting can report its outcome"))
    if meeting.status == MeetingStatus.CANCELLED:
        raise EventError(_("this meeting was cancelled"))
    if outcome not in Outcome.values:
        raise EventError(
            _("%(outcome)r is not one of %(choices)s")
            % {"outcome": outcome, "choices": ", ".join(Outcome.values)},
            field="outcome",
        )
    deal = None
    if deal_id:
        if outcome != Outcome.DEAL:
            raise EventError(_("only a 'deal' outcome links a deal record"), field="deal")
        deal = Deal.objects.filter(pk=deal_id).first()
        if deal is None:
            raise EventError(_("no deal with id %(deal)r") % {"deal": deal_id}, field="deal")
    followup = FollowUp.objects.filter(meeting=meeting, reported_by=by, outcome=outcome).first()
    if followup is None:
        followup = FollowUp.objects.create(
            meeting=meeting, reported_by=by, outcome=outcome, deal=deal, note=note
        )
    elif (followup.note, followup.deal_id) == (note, deal.pk if deal else None):
        return followup
    else:
        linked = followup.deal_id
        followup.note = note
        followup.deal = deal
        followup.save(update_fields=["note", "deal"])
        if deal is not None and linked == deal.pk:
            deal = None  # already announced
    announce(followup_updated, followup_id=followup.pk, meeting_id=meeting.pk, outcome=outcome)
    if deal is not None:
        announce(deal_recorded, followup_id=followup.pk, meeting_id=meeting.pk, deal_id=deal.pk)
    return followup
