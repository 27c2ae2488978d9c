"""The review queue in the API (curators only: platform admins, organisers, curators):
ingest a text, list and read candidates, approve (with edited fields) or reject. Anyone else
gets 403 and learns nothing of the queue; nothing in it shows in any other endpoint."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from dari.api.errors import ApiError, field_error
from dari.api.schemas import BodyIn, ErrorOut
from dari.curation.access import may_curate
from dari.curation.domain.errors import DuplicateDeal
from dari.curation.domain.ingest import ingest_text
from dari.curation.domain.observations import propose_observation
from dari.curation.domain.queries import initial, queue, seen_by
from dari.curation.domain.review import approve, reject
from dari.curation.models import Candidate

router = Router(tags=["review"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}


class CandidateOut(Schema):
    id: int
    kind: str
    status: str
    source: str
    fields: dict[str, Any] = Field(description="What was extracted, as extracted.")
    evidence: dict[str, str] = Field(description="The text span behind each field.")
    confidence: dict[str, float]
    suggested: list[str] = Field(
        default=[],
        description="The fields a local model filled or changed (lower confidence; "
        "docs/curation.md); empty when the rules alone read the text.",
    )
    approved: dict[str, Any] | None = None
    proposed: dict[str, Any] = Field(description="The approval fields the queue starts from.")
    decided_by: str | None = None
    decided_at: str | None = None
    reason: str = ""
    record: str = ""


class IngestIn(BodyIn):
    text: str
    source: str
    lang: str = "auto"


class IngestOut(Schema):
    candidates: list[CandidateOut]


class ApproveIn(BodyIn):
    """The fields of the record as the curator wants it; any left out stay as proposed."""

    licensor: str | None = None
    licensee: str | None = None
    asset: str | None = None
    deal_type: str | None = None
    date: str | None = None
    upfront_usd_m: float | None = None
    total_value_usd_m: float | None = None
    upfront_local: float | None = None
    total_value_local: float | None = None
    description: str | None = None
    update: str | None = Field(
        None, description="The id of a recorded deal to amend instead of adding a new one."
    )
    separate: bool = Field(
        False,
        description=(
            "A new deal that repeats a recorded one (the same parties, the same asset, within "
            "30 days) is refused with 409 (code duplicate on `update`, naming the recorded "
            "deals); true adds it as a separate deal."
        ),
    )
    recipient: str | None = None
    investors: list[str] | None = None
    kind: str | None = None
    amount_usd_m: float | None = None
    amount_local: float | None = None
    currency: str | None = None
    target: str | None = None
    value: float | None = None
    note: str | None = None


class ObservationIn(BodyIn):
    """A national target's figure as a public source states it (an annual figure is dated the
    last day of its year)."""

    target: str
    date: str = Field(description="YYYY-MM-DD")
    value: float
    source: str
    note: str = ""


class RejectIn(BodyIn):
    reason: str


class ListQuery(Schema):
    status: str = Field(
        "pending",
        description="pending, approved, rejected or all",
        pattern="^(pending|approved|rejected|all)$",
    )


def _curator(request: HttpRequest) -> None:
    if not may_curate(request.user):
        raise ApiError(403, _("Only curators use the review queue."))


def _out(c: Candidate) -> CandidateOut:
    return CandidateOut(
        id=c.pk,
        kind=c.kind,
        status=c.status,
        source=c.document.source_url,
        fields=c.extracted,
        evidence=c.evidence,
        confidence=c.confidence,
        suggested=c.suggested,
        approved=c.approved,
        proposed=initial(c),
        decided_by=c.decided_by.get_username() if c.decided_by else None,
        decided_at=c.decided_at.isoformat() if c.decided_at else None,
        reason=c.reason,
        record=c.record_id,
    )


def _one(request: HttpRequest, candidate_id: int) -> Candidate:
    c = queue("").filter(pk=candidate_id).first()
    if c is None:
        raise ApiError(404, _("No candidate record with that id."))
    (shown,) = seen_by([c], request.user)
    return shown


@router.post(
    "/ingest", response={201: IngestOut, **ERRORS}, summary="Extract candidates from a text"
)
def post_ingest(request: HttpRequest, body: IngestIn) -> Status[IngestOut]:
    _curator(request)
    doc = ingest_text(body.text, body.source, body.lang, request.user)
    rows = seen_by(list(queue("").filter(document=doc)), request.user)
    return Status(201, IngestOut(candidates=[_out(c) for c in rows]))


@router.post(
    "/review/observations",
    response={201: CandidateOut, **ERRORS},
    summary="Propose a national target's observation for review",
)
def post_observation(request: HttpRequest, body: ObservationIn) -> Status[CandidateOut]:
    _curator(request)
    c = propose_observation(
        request.user, body.target, body.date, body.value, body.source, body.note
    )
    return Status(201, _out(_one(request, c.pk)))


@router.get("/review", response={200: list[CandidateOut], **ERRORS}, summary="The review queue")
def list_review(request: HttpRequest, params: Query[ListQuery]) -> list[CandidateOut]:
    _curator(request)
    status = "" if params.status == "all" else params.status
    return [_out(c) for c in seen_by(list(queue(status).order_by("id")[:500]), request.user)]


@router.get("/review/{candidate_id}", response={200: CandidateOut, **ERRORS})
def get_review(request: HttpRequest, candidate_id: int) -> CandidateOut:
    _curator(request)
    return _out(_one(request, candidate_id))


@router.post(
    "/review/{candidate_id}/approve",
    response={200: CandidateOut, **ERRORS},
    summary="Approve, with the fields as the curator edited them (omitted: as proposed)",
)
def post_approve(request: HttpRequest, candidate_id: int, body: ApproveIn) -> CandidateOut:
    _curator(request)
    given = body.dict(exclude_unset=True)
    separate = bool(given.pop("separate", False))
    fields = {**initial(_one(request, candidate_id)), **given}
    try:
        approve(candidate_id, request.user, fields, separate=separate)
    except DuplicateDeal as exc:
        message = (
            exc.recorded()
            + " "
            + _(
                'To amend it, send "update": its id; if the text reports another deal, send '
                '"separate": true.'
            )
        )
        # The ids as data too: a client offers "update" without parsing the message.
        ids = [pk for pk, _date in exc.deals]
        raise field_error(409, "update", exc.code, message, deals=ids) from None
    return _out(_one(request, candidate_id))


@router.post("/review/{candidate_id}/reject", response={200: CandidateOut, **ERRORS})
def post_reject(request: HttpRequest, candidate_id: int, body: RejectIn) -> CandidateOut:
    _curator(request)
    reject(candidate_id, request.user, body.reason)
    return _out(_one(request, candidate_id))
