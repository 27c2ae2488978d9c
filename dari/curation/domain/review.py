"""A curator approves a candidate (its record reaches the graph, in one transaction, with its
provenance: source, extracted value, approved value, who, when) or rejects it with a reason.

Approved fields, for a deal: licensor and licensee (a graph id, or `new:Name` to add the
organisation from this source), deal_type, date (YYYY, YYYY-MM or YYYY-MM-DD), asset (a graph
id or blank), currency, upfront_local and total_value_local (the amounts as the source states
them, in units of the currency), upfront_usd_m and total_value_usd_m (only a figure the source
states, or a dollar deal's own), description; `update` names an existing deal to amend instead
of adding one, and a new deal that repeats a recorded one (`deals_like`: the same parties either
way round, the same asset when both name one the curator may see, within 30 days) is refused
on `update` (DuplicateDeal, code `duplicate`) unless the caller says it is a separate deal.
For an investment: recipient, investors (ids or new:Name), kind, date,
amount_usd_m, amount_local, currency, description. Amounts may be written as a curator writes
them ("1조 2,000억", "120,000,000,000"); no amount is converted between currencies. For a
national target's observation: target, date (YYYY-MM-DD), value, note (the source is the
proposal's).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from decimal import Decimal
from typing import Any

from babel.numbers import is_currency
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from dari.core.money import parse_amount
from dari.curation.access import may_curate
from dari.curation.domain.errors import CurationError, DuplicateDeal
from dari.curation.domain.errors import recorded as said_recorded
from dari.curation.domain.observations import approve_observation
from dari.curation.domain.queries import deals_like, initial
from dari.curation.models import Candidate, CandidateKind, CandidateStatus
from dari.directory.access import visible_assets
from dari.directory.domain.ids import id_stem, insert_under_free_id
from dari.directory.models import (
    Deal,
    Investment,
    Organization,
    bump_generation,
    fill_search_text,
)
from dari.directory.vocab import DealType, InvestmentKind, OrgKind

NAME_LENGTH = Organization._meta.get_field("name").max_length or 300
DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$", re.ASCII)
NEW = "new:"


def _check_curator(user: Any) -> None:
    if not may_curate(user):
        raise CurationError(_("only curators review ingested records"), code="forbidden")


def _pending(candidate_id: int) -> Candidate:
    candidate = (
        Candidate.objects.select_for_update().select_related("document").filter(pk=candidate_id)
    ).first()
    if candidate is None:
        raise CurationError(
            _("no candidate record %(id)s") % {"id": candidate_id}, field="id", code="not_found"
        )
    if candidate.status != CandidateStatus.PENDING:
        raise CurationError(
            _("this candidate was already decided (%(status)s)")
            % {"status": candidate.get_status_display()},
            code="decided",
        )
    return candidate


def _organization(value: str, field: str, source: str) -> Organization:
    value = (value or "").strip()
    if value.startswith(NEW):
        name = value[len(NEW) :].strip()
        if not name:
            raise CurationError(_("give the new organisation's name"), field=field)
        if len(name) > NAME_LENGTH:
            raise CurationError(
                _("a name is at most %(max)s characters") % {"max": NAME_LENGTH},
                field=field,
                code="too_long",
            )
        org = Organization(name=name, kind=OrgKind.OTHER, sources=[source])
        fill_search_text([org])
        insert_under_free_id(org, id_stem(name))
        return org
    org = Organization.objects.filter(pk=value).first()
    if org is None:
        raise CurationError(_("no organisation with id %(id)s") % {"id": repr(value)}, field=field)
    return org


def _party_key(value: str) -> str:
    """What names one organisation: its id, or a new one's name whatever its case and spaces
    (two `new:` of one name would add two organisations)."""
    value = (value or "").strip()
    if value.startswith(NEW):
        return NEW + " ".join(value[len(NEW) :].split()).casefold()
    return value


# The amounts and the currency by the names the approval form gives them: a refusal names its
# field in words ("Total value (as stated): '1,2OO억' is not an amount"), never by identifier.
FIELD_LABELS = {
    "upfront_usd_m": _l("Upfront (USD m)"),
    "total_value_usd_m": _l("Total value (USD m)"),
    "upfront_local": _l("Upfront (as stated)"),
    "total_value_local": _l("Total value (as stated)"),
    "amount_usd_m": _l("Amount (USD m)"),
    "amount_local": _l("Amount (local currency)"),
    "currency": _l("Currency"),
}
CURRENCY = re.compile(r"^[A-Z]{3}$")
MAX_USD_M = 1_000_000  # USD 1 trillion, in the USD-millions fields
MAX_LOCAL = 10**17  # in a currency's own units (USD 1 trillion is about 10^16 rupiah)
FIRST_YEAR = 1900


def _refuse(name: str, message: str) -> CurationError:
    return CurationError(
        _("%(field)s: %(error)s") % {"field": FIELD_LABELS[name], "error": message}, field=name
    )


def _number(fields: dict[str, Any], name: str) -> float | None:
    """An amount as given: a number, or text as a curator writes one ("1조 2,000억",
    "120,000,000,000"; `parse_amount`), in the units its field names. Never converted."""
    value = fields.get(name)
    if value in (None, ""):
        return None
    number: float | None = None
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
    elif isinstance(value, str | Decimal):
        parsed = parse_amount(str(value)) if isinstance(value, str) else value
        number = float(parsed) if parsed is not None else None
    if number is None or not math.isfinite(number):
        raise _refuse(name, _("%(value)s is not an amount") % {"value": repr(value)})
    if number < 0:
        raise _refuse(name, _("an amount cannot be negative"))
    # No deal or round reaches USD 1 trillion; a larger figure is a typing slip (or a probe)
    # that would swamp every public total it enters.
    ceiling = MAX_USD_M if name.endswith("_usd_m") else MAX_LOCAL
    if number > ceiling:
        raise _refuse(
            name,
            _("%(value)s is larger than any deal (at most %(max)s)")
            % {"value": repr(value), "max": f"{ceiling:,.0f}"},
        )
    return number


def _currency(fields: dict[str, Any], stated: bool) -> str:
    """The three-letter code of the amounts as stated; required when there are any."""
    value = str(fields.get("currency") or "").strip()
    if not value:
        if stated:
            raise _refuse("currency", _("give the currency the amounts are stated in"))
        return ""
    # An ISO 4217 code (CLDR's list): "WON" has the shape of one and is none.
    if not (CURRENCY.match(value.upper()) and is_currency(value.upper())):
        raise _refuse(
            "currency",
            _("%(value)s is not a three-letter currency code (KRW, USD, EUR, JPY, CNY, CHF)")
            % {"value": repr(value)},
        )
    return value.upper()


def _amounts(fields: dict[str, Any], pairs: tuple[tuple[str, str], ...]) -> dict[str, Any]:
    """Each (as stated, USD m) pair of amounts with the currency. The USD figure is the one
    given (a source's own), or, in a dollar deal, the amount as stated in millions: no other
    currency is converted (no rate is stated beside an amount, and none is made up)."""
    values: dict[str, Any] = {}
    for local, usd in pairs:
        values[local] = _number(fields, local)
        values[usd] = _number(fields, usd)
    currency = _currency(fields, any(values[local] is not None for local, _usd in pairs))
    values["currency"] = currency
    for local, usd in pairs:
        if currency == "USD" and values[usd] is None and values[local] is not None:
            values[usd] = round(values[local] / 1e6, 6)
    return values


def _on_the_calendar(value: str) -> bool:
    """A full YYYY-MM-DD names a real day (not 2025-02-30); shorter forms need no check."""
    try:
        return len(value) < 10 or bool(dt.date.fromisoformat(value))
    except ValueError:
        return False


def _date(fields: dict[str, Any]) -> str:
    value = str(fields.get("date") or "").strip()
    if value and not (DATE.match(value) and _on_the_calendar(value)):
        raise CurationError(
            _("%(value)s is not a date (YYYY, YYYY-MM or YYYY-MM-DD)") % {"value": repr(value)},
            field="date",
        )
    # A deal or round is recorded once announced: not before FIRST_YEAR nor after next year.
    last = timezone.now().year + 1
    if value and not FIRST_YEAR <= int(value[:4]) <= last:
        raise CurationError(
            _("%(value)s is outside the years a deal may be dated (%(first)d to %(last)d)")
            % {"value": repr(value), "first": FIRST_YEAR, "last": last},
            field="date",
        )
    return value


def _choice(fields: dict[str, Any], name: str, choices: list[str], default: str) -> str:
    value = str(fields.get(name) or default)
    if value not in choices:
        raise CurationError(
            _("%(value)s is not one of %(choices)s")
            % {"value": repr(value), "choices": ", ".join(choices)},
            field=name,
        )
    return value


def _hold_the_parties(named: tuple[str, str]) -> None:
    """Lock the rows of the recorded organisations a new deal names (in id order, so two
    approvals never wait on each other crosswise) until the approval commits: two curators
    approving two reports of one deal at the same moment are serialised, and the second's
    check sees the first's deal (on PostgreSQL; SQLite runs one write transaction at a time)."""
    ids = sorted({value.strip() for value in named if not value.strip().startswith(NEW)})
    list(Organization.objects.select_for_update().filter(pk__in=ids).order_by("pk").values("pk"))


def _refuse_a_repeat(named: tuple[str, str], values: dict[str, Any], by: Any) -> None:
    """Refuse a new deal between the named parties that repeats a recorded one, naming it.

    `deals_like` sees with the approving curator's eyes: every deal is public (its parties,
    date and id are on the organisations' pages and in /api/deals for anyone), but its asset
    only counts, and is only ever named, when `by` may see it; a hidden asset reads exactly
    like no asset. So a recorded deal about a confidential asset stops the approval on its
    parties and date alone, named by its public id and date and never by its asset, and the
    answer is the same whatever that asset is: no refusal tells the curator anything of it."""
    asset = values["asset"].pk if "asset" in values else ""
    recorded = deals_like(named[0].strip(), named[1].strip(), values["date"], asset, by)
    if recorded:
        deals, dated = [(str(d.pk), d.date) for d in recorded], bool(values["date"])
        how = _(
            "To amend it, approve with it as the deal to update; if the text reports another "
            "deal, approve this one as a separate deal."
        )
        raise DuplicateDeal(f"{said_recorded(deals, dated)} {how}", deals, dated)


def _keeps_hidden_asset(candidate: Candidate, deal: Deal, asset_id: str, by: Any) -> bool:
    """Whether amending `deal` leaves its asset link as it is: the deal is about an asset `by`
    may not see, and the asset given is only the one extracted from the text (the proposal),
    not one the curator chose. A curator who cannot see what the link holds never overwrites
    it by confirming a proposal, and nothing they get back names it; naming another asset they
    may see replaces it (they choose it knowingly, and still learn nothing of the old one)."""
    if not deal.asset_id or visible_assets(by).filter(pk=deal.asset_id).exists():
        return False
    return asset_id == str(initial(candidate).get("asset") or "").strip()


def _approve_deal(
    candidate: Candidate, fields: dict[str, Any], by: Any, separate: bool = False
) -> str:
    source = candidate.document.source_url
    values: dict[str, Any] = {
        "deal_type": _choice(fields, "deal_type", DealType.values, "license"),
        "date": _date(fields),
        **_amounts(
            fields,
            (("upfront_local", "upfront_usd_m"), ("total_value_local", "total_value_usd_m")),
        ),
        "description": str(fields.get("description") or "").strip(),
    }
    asset_id = str(fields.get("asset") or "").strip()
    if asset_id:
        # Only an asset the curator may see: a hidden one answers exactly like a missing one
        # (no existence oracle, no public deal pointing at a confidential asset).
        asset = visible_assets(by).filter(pk=asset_id).first()
        if asset is None:
            raise CurationError(
                _("no asset with id %(id)s") % {"id": repr(asset_id)}, field="asset"
            )
        values["asset"] = asset
    update = str(fields.get("update") or "").strip()
    if update and separate:
        raise CurationError(
            _("give either the deal to amend or say this is a separate deal, not both"),
            field="update",
            code="conflict",
        )
    if update:
        deal = Deal.objects.select_for_update().filter(pk=update).first()
        if deal is None:
            raise CurationError(_("no deal with id %(id)s") % {"id": repr(update)}, field="update")
        if "asset" in values and _keeps_hidden_asset(candidate, deal, asset_id, by):
            del values["asset"]
        for name, value in values.items():
            if value not in (None, ""):
                setattr(deal, name, value)
        if source not in deal.sources:
            deal.sources = [*deal.sources, source]
        deal.save()
        return str(deal.pk)
    named = str(fields.get("licensor") or ""), str(fields.get("licensee") or "")
    same = _("the licensor and the licensee are the same")
    if named[0].strip() and _party_key(named[0]) == _party_key(named[1]):
        raise CurationError(same, field="licensee")
    _hold_the_parties(named)
    if not separate:
        _refuse_a_repeat(named, values, by)
    licensor = _organization(named[0], "licensor", source)
    licensee = _organization(named[1], "licensee", source)
    if licensor.pk == licensee.pk:
        raise CurationError(same, field="licensee")
    year = values["date"][:4] or str(timezone.now().year)
    deal = Deal(licensor=licensor, licensee=licensee, sources=[source], **values)
    insert_under_free_id(deal, id_stem(f"dl-{licensor.pk}-{licensee.pk}-{year}"))
    return str(deal.pk)


def _approve_investment(candidate: Candidate, fields: dict[str, Any]) -> str:
    source = candidate.document.source_url
    recipient_named = str(fields.get("recipient") or "")
    raw = fields.get("investors") or []
    names = raw if isinstance(raw, list) else [p for p in re.split(r"[,\n]", str(raw)) if p]
    names = [str(n) for n in names if str(n).strip()]
    keys = [_party_key(recipient_named), *(_party_key(n) for n in names)]
    for n, key in zip(names, keys[1:], strict=True):
        if keys.count(key) > 1:
            raise CurationError(
                _("%(name)s is named twice") % {"name": repr(n.strip())}, field="investors"
            )
    recipient = _organization(recipient_named, "recipient", source)
    investors = [_organization(n, "investors", source) for n in names]
    date = _date(fields)
    investment = Investment(
        recipient=recipient,
        kind=_choice(fields, "kind", InvestmentKind.values, "other"),
        date=date,
        **_amounts(fields, (("amount_local", "amount_usd_m"),)),
        description=str(fields.get("description") or "").strip(),
        sources=[source],
        investor_order=[o.pk for o in investors],
    )
    insert_under_free_id(
        investment, id_stem(f"inv-{recipient.pk}-{date[:4] or timezone.now().year}")
    )
    investment.investors.set(investors)
    return str(investment.pk)


@transaction.atomic
def approve(
    candidate_id: int, by: Any, fields: dict[str, Any], separate: bool = False
) -> Candidate:
    """Write the approved record to the graph and keep the decision; all or nothing.

    `separate`: the curator says a new deal is not the recorded one it looks like (without it
    such a deal is refused with DuplicateDeal); it is not one of the approved fields."""
    _check_curator(by)
    candidate = _pending(candidate_id)
    # Only the fields of this kind's approval: a misspelt one is refused, never ignored
    # while the proposal goes through unchanged.
    known = initial(candidate)
    for name in fields:
        if name not in known:
            raise CurationError(
                _("%(name)s is not a field of this approval (%(fields)s)")
                % {"name": repr(name), "fields": ", ".join(known)},
                field=name,
                code="unknown_field",
            )
    if candidate.kind == CandidateKind.DEAL:
        record_id = _approve_deal(candidate, fields, by, separate)
    elif candidate.kind == CandidateKind.INVESTMENT:
        record_id = _approve_investment(candidate, fields)
    elif candidate.kind == CandidateKind.OBSERVATION:
        record_id = approve_observation(candidate, by, fields)
    else:
        raise CurationError(
            _("%(kind)s candidates are approved by adding the record in the directory")
            % {"kind": candidate.get_kind_display()},
            field="kind",
        )
    bump_generation()
    candidate.status = CandidateStatus.APPROVED
    # As the curator gave them, in JSON's terms (a form's date becomes YYYY-MM-DD).
    candidate.approved = json.loads(json.dumps(fields, cls=DjangoJSONEncoder))
    candidate.decided_by = by
    candidate.decided_at = timezone.now()
    candidate.record_id = record_id
    candidate.save()
    return candidate


@transaction.atomic
def reject(candidate_id: int, by: Any, reason: str) -> Candidate:
    _check_curator(by)
    reason = (reason or "").strip()
    if not reason:
        raise CurationError(_("say why the candidate is rejected"), field="reason")
    candidate = _pending(candidate_id)
    candidate.status = CandidateStatus.REJECTED
    candidate.reason = reason
    candidate.decided_by = by
    candidate.decided_at = timezone.now()
    candidate.save()
    return candidate
