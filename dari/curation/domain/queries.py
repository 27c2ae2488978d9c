"""The read side of the review queue: rows of the queue, one candidate with its text
highlighted, the records it may duplicate (same parties, and asset, within 30 days) with a
diff, and the fields the approval form starts from. Curators only (the caller checks)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet

from dari.curation.models import Candidate, CandidateStatus
from dari.directory.access import visible_assets, with_visible_asset
from dari.directory.models import Deal, Organization

WINDOW_DAYS = 30


@dataclass(frozen=True)
class Segment:
    text: str
    field: str  # "" for text no field rests on


@dataclass(frozen=True)
class DiffRow:
    field: str
    extracted: Any
    stored: Any
    same: bool


@dataclass(frozen=True)
class Duplicate:
    deal: Deal
    diff: list[DiffRow]


def queue(status: str = CandidateStatus.PENDING) -> QuerySet[Candidate]:
    rows = Candidate.objects.select_related("document", "decided_by")
    return rows.filter(status=status) if status else rows


def seen_by(candidates: list[Candidate], user: Any) -> list[Candidate]:
    """The candidates as `user` may read them, for display only (never saved): an asset they
    may not see (one another curator who could see it linked at approval, or one made
    confidential since the text was read) is dropped from the extracted fields, the evidence,
    the confidence and the spans, and left blank in the approval, exactly as if none had been
    named. The asset funnel decides, in one query."""
    named = {
        str(v)
        for c in candidates
        for v in (c.extracted.get("asset"), (c.approved or {}).get("asset"))
        if v
    }
    seen = set(visible_assets(user).filter(pk__in=named).values_list("pk", flat=True))
    for c in candidates:
        if c.extracted.get("asset") and c.extracted["asset"] not in seen:
            c.extracted = {k: v for k, v in c.extracted.items() if k != "asset"}
            c.evidence = {k: v for k, v in c.evidence.items() if k != "asset"}
            c.confidence = {k: v for k, v in c.confidence.items() if k != "asset"}
            c.spans = {k: v for k, v in c.spans.items() if k != "asset"}
        if c.approved and c.approved.get("asset") and c.approved["asset"] not in seen:
            c.approved = {**c.approved, "asset": ""}
    return candidates


def party(candidate: Candidate, role: str) -> dict[str, Any] | None:
    for p in candidate.extracted.get("parties", []):
        if p.get("role") == role:
            found: dict[str, Any] = p
            return found
    return None


def party_organizations(candidates: list[Candidate]) -> dict[str, Organization]:
    """The directory's organisations the candidates' parties were resolved to, by id (one
    query for a whole queue)."""
    ids = {
        p["organization"]
        for c in candidates
        for p in c.extracted.get("parties", [])
        if p.get("organization")
    }
    return Organization.objects.in_bulk(list(ids)) if ids else {}


def summary(candidate: Candidate, names: dict[str, str] | None = None) -> str:
    """'Licensor → Licensee' (or the investee and investors): a party resolved to an
    organisation under its name in `names` (by id) when given, else as extracted."""
    if candidate.kind == "observation":
        f = candidate.extracted
        return f"{f.get('target', '')} · {f.get('date', '')} · {f.get('value', '')}"
    parties = candidate.extracted.get("parties", [])
    names = names or {}
    return " → ".join(
        names.get(p.get("organization") or "") or p.get("name") or p.get("mentioned_as", "")
        for p in parties
    )


def segments(candidate: Candidate) -> list[Segment]:
    """The document's text cut at the evidence spans, each piece with the field it proves."""
    text = candidate.document.text
    marks: list[tuple[int, int, str]] = []
    for field, spans in candidate.spans.items():
        for start, end in spans:
            if 0 <= start < end <= len(text):
                marks.append((start, end, field))
    marks.sort()
    out: list[Segment] = []
    cursor = 0
    for start, end, field in marks:
        if start < cursor:
            continue
        if start > cursor:
            out.append(Segment(text[cursor:start], ""))
        out.append(Segment(text[start:end], field))
        cursor = end
    if cursor < len(text):
        out.append(Segment(text[cursor:], ""))
    return out


def _day(value: str) -> date | None:
    parts = (value or "").split("-")
    try:
        if len(parts) == 3:
            return date(int(parts[0]), int(parts[1]), int(parts[2]))
        if len(parts) == 2:
            return date(int(parts[0]), int(parts[1]), 15)
    except ValueError:
        return None
    return None


def duplicates(candidate: Candidate, user: Any = None) -> list[Duplicate]:
    """Deals with the same two parties (either way round), the same asset when both name one,
    dated within 30 days of the candidate (or undated). A deal's asset counts only when `user`
    may see it (`with_visible_asset`): a hidden one reads exactly like no asset."""
    licensor, licensee = party(candidate, "licensor"), party(candidate, "licensee")
    fields = candidate.extracted
    return [
        Duplicate(deal, diff(candidate, deal))
        for deal in deals_like(
            (licensor or {}).get("organization") or "",
            (licensee or {}).get("organization") or "",
            fields.get("date", ""),
            fields.get("asset", ""),
            user,
        )
    ]


def deals_like(a: str, b: str, when: str, asset: str, user: Any = None) -> list[Deal]:
    """The deals a deal between organisations `a` and `b` (ids, either way round) dated `when`
    about `asset` may duplicate, by the rule of `duplicates` ([] unless both are ids)."""
    if not a or not b or a == b:
        return []
    rows = with_visible_asset(
        Deal.objects.filter(Q(licensor_id=a, licensee_id=b) | Q(licensor_id=b, licensee_id=a)),
        user,
    ).select_related("licensor", "licensee")
    day = _day(when)
    out: list[Deal] = []
    for deal in rows:
        shown = deal.visible_asset_id
        if asset and shown and asset != shown:
            continue
        stored = _day(deal.date)
        if day and stored and abs((day - stored).days) > WINDOW_DAYS:
            continue
        out.append(deal)
    return out


def diff(candidate: Candidate, deal: Deal) -> list[DiffRow]:
    form = initial(candidate)
    stored = {
        "licensor": deal.licensor_id,
        "licensee": deal.licensee_id,
        "asset": getattr(deal, "visible_asset_id", None) or "",
        "deal_type": deal.deal_type,
        "date": deal.date,
        "upfront_usd_m": deal.upfront_usd_m,
        "total_value_usd_m": deal.total_value_usd_m,
    }
    return [
        DiffRow(name, form.get(name), value, str(form.get(name) or "") == str(value or ""))
        for name, value in stored.items()
    ]


def _usd_m(fields: dict[str, Any], name: str) -> float | None:
    """An amount in millions of dollars: the amount itself when the text's currency is the
    dollar, else the dollar figure the text states beside it (`upfront_usd`, `total_usd`)."""
    usd = fields.get(name) if fields.get("currency") == "USD" else fields.get(f"{name}_usd")
    if isinstance(usd, int | float) and not isinstance(usd, bool):
        return round(float(usd) / 1e6, 3)
    return None


def _as_stated(fields: dict[str, Any], name: str) -> int | float | None:
    """An amount in another currency than the dollar, as the text states it (in its units)."""
    value = fields.get(name)
    if fields.get("currency") not in (None, "", "USD") and isinstance(value, int | float):
        return value
    return None


def _party_value(p: dict[str, Any] | None) -> str:
    if not p:
        return ""
    return p.get("organization") or f"new:{p.get('name') or p.get('mentioned_as', '')}"


def initial(candidate: Candidate) -> dict[str, Any]:
    """The approval form's starting values, from what was extracted: USD amounts in
    millions; an amount in another currency as stated, with its currency, and the dollar
    figure only where the text states one beside it (none is ever converted)."""
    f = candidate.extracted
    if candidate.kind == "observation":
        return {name: f.get(name, "") for name in ("target", "date", "value", "note")}
    if candidate.kind == "investment":
        investee = party(candidate, "investee")
        investors = [p for p in f.get("parties", []) if p.get("role") == "investor"]
        amount = f.get("amount")
        return {
            "recipient": _party_value(investee),
            "investors": ", ".join(_party_value(p) for p in investors),
            "kind": _round_kind(f.get("round", "")),
            "date": f.get("date", ""),
            "amount_usd_m": round(amount / 1e6, 3)
            if f.get("currency") == "USD" and amount
            else None,
            "amount_local": amount if f.get("currency") not in (None, "USD") else None,
            "currency": f.get("currency", ""),
            "description": "",
        }
    return {
        "licensor": _party_value(party(candidate, "licensor") or party(candidate, "acquirer")),
        "licensee": _party_value(party(candidate, "licensee") or party(candidate, "target")),
        "asset": f.get("asset", ""),
        "deal_type": f.get("deal_type", "license"),
        "date": f.get("date", ""),
        "currency": f.get("currency", ""),
        "upfront_local": _as_stated(f, "upfront"),
        "total_value_local": _as_stated(f, "total"),
        "upfront_usd_m": _usd_m(f, "upfront"),
        "total_value_usd_m": _usd_m(f, "total"),
        "description": "",
        "update": "",
    }


def _round_kind(text: str) -> str:
    t = (text or "").lower().replace(" ", "").replace("시리즈", "series")
    for prefix, kind in (
        ("seriesa", "series_a"),
        ("seriesb", "series_b"),
        ("seriesc", "series_c"),
        ("seriesd", "series_d_plus"),
        ("seriese", "series_d_plus"),
        ("seed", "seed"),
        ("pre-ipo", "other"),
        ("preipo", "other"),
        ("ipo", "ipo"),
    ):
        if t.startswith(prefix):
            return kind
    return "other"
