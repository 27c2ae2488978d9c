"""The review queue (/curation/): curators ingest texts, read each candidate with its evidence
highlighted beside the records it may duplicate, then approve (edited) or reject. Everyone
else gets 404: the queue's existence and counts are not shown to them."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dari.core.forms import add_domain_error
from dari.core.money import money, plain_number
from dari.core.names import local_name
from dari.curation.access import may_curate
from dari.curation.domain import queries
from dari.curation.domain.errors import CurationError, DuplicateDeal
from dari.curation.domain.ingest import gazetteer, prepare, store
from dari.curation.domain.review import approve, reject
from dari.curation.models import CandidateKind, CandidateStatus
from dari.directory.access import visible_assets
from dari.directory.models import Deal, Investment
from dari.directory.vocab import DealType, Stage, label_of
from dari.web.curation_forms import (
    DealApprovalForm,
    IngestForm,
    InvestmentApprovalForm,
    ObservationApprovalForm,
    RejectForm,
)

View = Callable[..., HttpResponse]
APPROVAL_FORMS: dict[str, type[Any]] = {
    CandidateKind.DEAL: DealApprovalForm,
    CandidateKind.INVESTMENT: InvestmentApprovalForm,
    CandidateKind.OBSERVATION: ObservationApprovalForm,
}

FIELD_LABELS = {
    "parties": _l("Parties"),
    "currency": _l("Currency"),
    "upfront": _l("Upfront"),
    "near_term": _l("Near-term payments"),
    "milestones": _l("Milestones"),
    "total": _l("Total"),
    "equity": _l("Equity"),
    "amount": _l("Amount"),
    "round": _l("Round"),
    "date": _l("Date"),
    "deal_type": _l("Deal type"),
    "royalties": _l("Royalties"),
    "territory": _l("Territory"),
    "territory_excluding": _l("Territory excluded"),
    "stage_at_signing": _l("Stage at signing"),
    "asset": _l("Asset"),
    "asset_name": _l("Asset named"),
    "original_amounts": _l("Amounts in other currencies"),
    "upfront_usd": _l("Upfront in US dollars, as stated"),
    "total_usd": _l("Total in US dollars, as stated"),
    "flags": _l("Flags"),
    "target": _l("Target"),
    "value": _l("Value"),
    "note": _l("Note"),
}
ROLE_LABELS = {
    "licensor": _l("Licensor"),
    "licensee": _l("Licensee"),
    "acquirer": _l("Acquirer"),
    "target": _l("Seller or target"),
    "investor": _l("Investor"),
    "investee": _l("Investee"),
    "partner": _l("Partner"),
}


FLAG_LABELS = {
    "up_to": _l("The total is an upper bound (“up to”)"),
    "undisclosed": _l("The source says the terms are undisclosed"),
}


def _flags(value: list[Any], currency: str) -> str:
    """The extractor's flags in words: "up_to", "undisclosed", "jv_contribution:<amount>"."""
    out = []
    for flag in value:
        code, _sep, amount = str(flag).partition(":")
        if code == "jv_contribution":
            try:
                shown = money(float(amount), currency) if currency else amount
            except ValueError:
                shown = amount
            out.append(_("Contribution to a joint venture: %(amount)s") % {"amount": shown})
        else:
            out.append(str(FLAG_LABELS.get(code, code)))
    return "; ".join(out)


def _label(field: str) -> str:
    return str(FIELD_LABELS.get(field, field))


USD_M = {"upfront_usd_m", "total_value_usd_m"}
AMOUNTS = {"upfront", "near_term", "milestones", "total", "equity", "amount"}
STATED_USD = {"upfront_usd", "total_usd"}
VOCABULARY_FIELDS: dict[str, Any] = {"deal_type": DealType, "stage_at_signing": Stage}


def _shown(name: str, value: Any, currency: str) -> Any:
    """A value as a curator reads it: an amount in its currency ("USD 640m", "6억 4,000만
    달러"), a code by its label, a yes or no; never a Python list or a bare True."""
    if name in AMOUNTS and isinstance(value, int | float):
        return money(value, currency) if currency else value
    if name in STATED_USD and isinstance(value, int | float):
        return money(value, "USD")
    if name == "original_amounts" and isinstance(value, list):
        return ", ".join(
            money(pair[0], str(pair[1]))
            for pair in value
            if isinstance(pair, list | tuple) and len(pair) == 2
        )
    if name in USD_M and isinstance(value, int | float) and not isinstance(value, bool):
        # "2,600" or "12.5" under a label that names the unit, never "2600.0"
        return plain_number(value, places=3)
    if name == "flags" and isinstance(value, list):
        return _flags(value, currency)
    if name == "territory" and value == "worldwide":  # the extractor's one coded territory
        return _("Worldwide")
    if name in VOCABULARY_FIELDS and isinstance(value, str) and value:
        return label_of(VOCABULARY_FIELDS[name], value)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return value


def _duplicates(candidate: Any, user: Any) -> list[dict[str, Any]]:
    """The deals the candidate may duplicate, each compared field by field under the approval
    form's labels, a deal type by its label (never the field's or the type's code)."""
    labels = {name: field.label for name, field in DealApprovalForm.base_fields.items()}
    return [
        {
            "deal": duplicate.deal,
            "diff": [
                {
                    "field": labels.get(row.field, row.field),
                    "extracted": _shown(row.field, row.extracted, ""),
                    "stored": _shown(row.field, row.stored, ""),
                    "same": row.same,
                }
                for row in duplicate.diff
            ],
        }
        for duplicate in queries.duplicates(candidate, user)
    ]


def _party_names(candidates: list[Any]) -> dict[str, str]:
    """Each organisation a party was resolved to, by id, under the reader's name for it."""
    return {pk: local_name(o) for pk, o in queries.party_organizations(candidates).items()}


def _extracted(candidate: Any, form: Any, user: Any) -> list[dict[str, Any]]:
    """The extracted fields as the page shows them: translated names and roles (a national
    target by the name the approval form lists it under), a party resolved to an organisation
    and the asset under their names (ids beside them, as the approval form takes them)."""
    rows = []
    currency = str(candidate.extracted.get("currency") or "")
    names = _party_names([candidate])
    for name, value in candidate.extracted.items():
        if name == "target" and candidate.kind == CandidateKind.OBSERVATION:
            value = dict(form.fields["target"].choices).get(value, value)
        if name == "parties":
            value = [
                {
                    **p,
                    "name": names.get(p.get("organization") or "") or p.get("name"),
                    "role_label": str(ROLE_LABELS.get(p.get("role"), p.get("role"))),
                }
                for p in value
            ]
        if name == "asset" and value:
            asset = visible_assets(user).filter(pk=value).first()
            value = {"id": value, "name": asset.name if asset else ""}
        rows.append(
            {
                "field": name,
                "label": _label(name),
                "value": value if name in ("parties", "asset") else _shown(name, value, currency),
                "evidence": candidate.evidence.get(name, ""),
                "confidence": candidate.confidence.get(name),
                "suggested": name in (candidate.suggested or []),
            }
        )
    return rows


def curators_only(view: View) -> View:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not may_curate(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


@require_GET
@curators_only
def queue(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", CandidateStatus.PENDING)
    if status not in CandidateStatus.values:
        status = CandidateStatus.PENDING
    rows = list(queries.queue(status).order_by("-id")[:200])
    names = _party_names(rows)
    return render(
        request,
        "curation/queue.html",
        {
            "rows": [(c, queries.summary(c, names)) for c in rows],
            "status": status,
            "statuses": CandidateStatus.choices,
        },
    )


@require_http_methods(["GET", "POST"])
@curators_only
def ingest(request: HttpRequest) -> HttpResponse:
    form = IngestForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        # Each text with the file it came from ("" when pasted): a refusal names the file.
        texts = [("", form.cleaned_data["text"])] if form.cleaned_data["text"].strip() else []
        for upload in form.cleaned_data["files"]:
            try:
                texts.append((upload.name, upload.read().decode("utf-8")))
            except UnicodeDecodeError:
                form.add_error("files", _("%(name)s is not UTF-8 text") % {"name": upload.name})
        if not texts and not form.errors:
            form.add_error("text", _("paste a text or upload a file"))
        if not form.errors:
            gaz = gazetteer()
            docs = []
            current = ""  # the file being read when a refusal comes
            try:
                # Every text is read before the transaction opens (a local model may be slow),
                # then all are stored or none.
                readings = []
                for current, text in texts:  # noqa: B007 (read in the handler below)
                    readings.append(
                        (
                            current,
                            prepare(
                                text, form.cleaned_data["source"], form.cleaned_data["lang"], gaz
                            ),
                        )
                    )
                with transaction.atomic():
                    for current, reading in readings:  # noqa: B007 (read in the handler below)
                        docs.append(store(reading, request.user))
            except CurationError as exc:
                if current and exc.field == "text":
                    message = _("%(name)s: %(error)s") % {"name": current, "error": exc.message}
                    form.add_error("files", message)
                else:
                    add_domain_error(form, exc)
            else:
                n = sum(d.candidates.count() for d in docs)
                messages.success(request, _("%(n)s candidate records wait for review.") % {"n": n})
                return redirect("curation:queue")
    status = 400 if request.method == "POST" else 200
    return render(request, "curation/ingest.html", {"form": form}, status=status)


def _approval_form(candidate: Any, data: Any = None) -> Any:
    cls = APPROVAL_FORMS.get(candidate.kind, DealApprovalForm)
    form = cls(data, initial=queries.initial(candidate))
    f = candidate.extracted
    if cls is DealApprovalForm and f.get("milestones") and not f.get("total"):
        # An empty total beside extracted milestones read as lost: say why it is empty. The
        # total is never summed here (a text may state milestones without a total).
        form.fields["total_value_usd_m"].help_text = _(
            "The text gives milestones of %(milestones)s but no total; enter one only "
            "from a source that states it."
        ) % {"milestones": _shown("milestones", f["milestones"], f.get("currency", ""))}
    return form


def _candidate(request: HttpRequest, candidate_id: int) -> Any:
    """The candidate as the curator may read it (`queries.seen_by`)."""
    candidate = queries.queue("").filter(pk=candidate_id).first()
    if candidate is None:
        raise Http404
    (shown,) = queries.seen_by([candidate], request.user)
    return shown


def _detail(
    request: HttpRequest,
    candidate: Any,
    form: Any = None,
    reject_form: Any = None,
    status: int = 200,
) -> HttpResponse:
    form = form or _approval_form(candidate)
    return render(
        request,
        "curation/candidate.html",
        {
            "c": candidate,
            "segments": [(seg, _label(seg.field)) for seg in queries.segments(candidate)],
            "extracted": _extracted(candidate, form, request.user),
            "duplicates": _duplicates(candidate, request.user) if candidate.kind == "deal" else [],
            "form": form,
            "reject_form": reject_form or RejectForm(),
            "pending": candidate.status == CandidateStatus.PENDING,
            "approvable": candidate.kind in APPROVAL_FORMS,
        },
        status=status,
    )


@require_GET
@curators_only
def candidate(request: HttpRequest, candidate_id: int) -> HttpResponse:
    return _detail(request, _candidate(request, candidate_id))


@require_POST
@curators_only
def candidate_approve(request: HttpRequest, candidate_id: int) -> HttpResponse:
    cand = _candidate(request, candidate_id)
    form = _approval_form(cand, request.POST)
    if form.is_valid():
        try:
            approved = approve(
                cand.pk,
                request.user,
                form.cleaned_data,
                separate=bool(request.POST.get("separate")),
            )
        except DuplicateDeal as exc:
            _offer_a_separate_deal(form, exc)
        except CurationError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("Approved: the record is in the directory."))
            return redirect(_published_at(approved))
    return _detail(request, cand, form=form, status=400)


def _offer_a_separate_deal(form: Any, exc: DuplicateDeal) -> None:
    """The domain's refusal of a deal that repeats a recorded one (the curator may have
    corrected the parties, so the page's duplicate panel, which compares the extracted
    parties, never showed it), in the form's terms: amend the recorded deal, or tick the box
    to add this one as a separate deal."""
    form.fields["separate"] = forms.BooleanField(label=_("Add as a separate deal"), required=False)
    form.add_error(
        "update",
        forms.ValidationError(
            exc.recorded()
            + " "
            + _(
                "To amend it, enter its id here; if the text reports another deal, "
                "tick “Add as a separate deal”."
            ),
            code=exc.code,
        ),
    )


def _published_at(candidate: Any) -> str:
    """Where the curator sees the record just approved: a deal among its licensor's deals, an
    investment on its recipient's page; otherwise the approved tab of the queue."""
    if candidate.kind == CandidateKind.DEAL:
        deal = Deal.objects.filter(pk=candidate.record_id).first()
        if deal is not None:
            return reverse("web:organization", args=[deal.licensor_id]) + "#deals"
    if candidate.kind == CandidateKind.INVESTMENT:
        investment = Investment.objects.filter(pk=candidate.record_id).first()
        if investment is not None:
            return reverse("web:organization", args=[investment.recipient_id]) + "#investments"
    return reverse("curation:queue") + f"?status={CandidateStatus.APPROVED}"


@require_POST
@curators_only
def candidate_reject(request: HttpRequest, candidate_id: int) -> HttpResponse:
    cand = _candidate(request, candidate_id)
    form = RejectForm(request.POST)
    if form.is_valid():
        try:
            reject(cand.pk, request.user, form.cleaned_data["reason"])
        except CurationError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("Rejected."))
            return redirect("curation:queue")
    return _detail(request, cand, reject_form=form, status=400)
