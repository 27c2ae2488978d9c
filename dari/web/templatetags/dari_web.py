"""Template filters for vocabulary labels, sources and query strings."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlsplit

from django import template
from django.db import models
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from dari.accounts.access import may_administer
from dari.accounts.models import InvitationState, LinkKind, MembershipSource, MembershipState, Role
from dari.core.money import money as _money
from dari.core.money import usd_millions as _usd_millions
from dari.core.names import both_names as _both_names
from dari.core.names import capability_name as _capability_name
from dari.core.names import city_name as _city_name
from dari.core.names import country_name as _country_name
from dari.core.names import is_korean, term_gist, term_name
from dari.core.names import language_name as _language_name
from dari.core.names import local_description as _local_description
from dari.core.names import local_name as _local_name
from dari.core.names import local_text as _local_text
from dari.core.names import other_name as _other_name
from dari.core.names import region_name as _region_name
from dari.core.names import zone_label as _zone_label
from dari.core.names import zone_name as _zone_name
from dari.directory.vocab import (
    DealStatus,
    DealType,
    FacilityKind,
    InvestmentKind,
    Modality,
    OrgKind,
    ProgramKind,
    Stage,
    TherapeuticArea,
    Visibility,
    label_of,
)
from dari.directory.weblinks import is_web_address
from dari.trials.vocab import InterventionType, TrialStatus

register = template.Library()

VOCABULARIES: dict[str, type[models.TextChoices]] = {
    "org_kind": OrgKind,
    "therapeutic_area": TherapeuticArea,
    "modality": Modality,
    "stage": Stage,
    "deal_type": DealType,
    "deal_status": DealStatus,
    "visibility": Visibility,
    "investment_kind": InvestmentKind,
    "facility_kind": FacilityKind,
    "program_kind": ProgramKind,
    "role": Role,
    "link_kind": LinkKind,
    "trial_status": TrialStatus,
    "intervention_type": InterventionType,
}


@register.filter
def label(value: str | None, vocabulary: str) -> str:
    """`{{ asset.stage|label:"stage" }}`: the translated label of one vocabulary value."""
    if not value:
        return ""
    return label_of(VOCABULARIES[vocabulary], value)


@register.filter
def country_name(code: str | None) -> str:
    """`{{ org.country|country_name }}`: the country's name in the active language."""
    return _country_name(code)


@register.filter
def best_score(rows: Any) -> float:
    """`{{ rows|best_score }}`: the highest score of a list of recommendations, rows being
    (record, recommendation) pairs or objects with a `score`."""
    scores = [getattr(row[1] if isinstance(row, tuple) else row, "score", 0) for row in rows]
    return max((float(s or 0) for s in scores), default=0.0)


@register.filter
def strength(score: Any, top: Any) -> int:
    """`{{ rec.score|strength:top }}`: a match's strength out of 10, relative to the best of
    its list. The rankers score on different scales (0.5-0.63 for partners, 4.5-7 for
    assets), so a raw score means nothing to a reader; a bar of ten reads alike on every list
    and keeps its order."""
    try:
        value, best = float(score), float(top)
    except (TypeError, ValueError):
        return 0
    if best <= 0 or value <= 0:
        return 0
    return max(1, min(10, round(10 * value / best)))


@register.filter
def zone_name(zone: str | None) -> str:
    """`{{ p.timezone|zone_name }}`: a time zone as a place in the active language."""
    return _zone_name(zone)


@register.filter
def zone_label(zone: str | None, at: Any = None) -> str:
    """`{{ event.timezone|zone_label:event.start_date }}`: "Asia/Seoul (UTC+9)", the zone's
    id and its offset from UTC on that day (now without one)."""
    return _zone_label(zone, at if isinstance(at, dt.date) else None)


@register.filter
def city_name(city: str | None) -> str:
    """`{{ org.city|city_name }}`: a Korean city in Hangul for a Korean reader."""
    return _city_name(city)


@register.filter
def region_name(region: str | None) -> str:
    """`{{ cluster.region|region_name }}`: "경북(안동)" for a Korean reader."""
    return _region_name(region)


@register.filter
def local_name(record: Any) -> str:
    """`{{ org.cluster|local_name }}`: a record's Korean name for a Korean reader (when it has
    one), its name otherwise; where only one name fits."""
    return "" if record is None else _local_name(record)


@register.filter
def local(record: Any, field: str) -> str:
    """`{{ target|local:"note" }}`: a record's text in the reader's language (its `note_ko`
    for a Korean reader when it has one); a record read from a file (a dict) alike."""
    return "" if record is None else _local_text(record, field)


@register.filter
def local_description(record: Any) -> str:
    """`{{ asset|local_description }}`: a record's description in the reader's language (the
    Korean rendering of a bundled record for a Korean reader, while its English is the text
    rendered)."""
    return "" if record is None else _local_description(record)


@register.filter
def both_names(record: Any) -> str:
    """`{{ org|both_names }}`: "셀트리온 · Celltrion", where one plain line must name a record to
    readers of either language (a menu's or a datalist's option)."""
    return "" if record is None else _both_names(record)


@register.simple_tag
def other_name(record: Any, css: str = "muted") -> SafeString:
    """`{{ org|local_name }}{% other_name org %}`: after the name in the reader's language,
    the record's other name (English or Korean) in a span with its own `lang`; nothing when
    the record has one name only."""
    other = "" if record is None else _other_name(record)
    if not other:
        return mark_safe("")
    lang = "en" if is_korean() else "ko"
    return format_html(' <span class="{}" lang="{}">{}</span>', css, lang, other)


@register.filter
def terms(values: list[str] | None) -> list[str]:
    """`{{ asset.indications|terms|join:", " }}`: each term in the reader's language where the
    glossary or the indication table knows it (위암 for "gastric cancer" to a Korean reader),
    each rendering once ("obesity" and "overweight" are both 비만)."""
    return list(dict.fromkeys(term_name(v) for v in values or []))


# What an audit entry's before/after keys hold, by the vocabulary that names their values.
AUDIT_VOCABULARIES: dict[str, tuple[type[models.TextChoices], ...]] = {
    "state": (MembershipState, InvitationState),
    "source": (MembershipSource,),
    "role": (Role,),
    "kind": (LinkKind,),
    "visibility": (Visibility,),
}


@register.filter
def audit_value(value: Any, key: str) -> str:
    """`{{ v|audit_value:k }}`: one value of an audit entry by its label ("확인됨", not
    "confirmed"); values of other keys (an address, an id) as they are."""
    text = "" if value is None else str(value)
    for vocabulary in AUDIT_VOCABULARIES.get(key, ()):
        if text in vocabulary.values:
            return label_of(vocabulary, text)
    return text


@register.filter
def headword(label: str | None) -> str:
    """`{{ v|label:"visibility"|headword }}`: a label's words before its colon ("회원" of
    "회원: 모든 기관의 확인된 구성원"), where a tag has room for a word only."""
    return str(label or "").split(":")[0].strip()


@register.filter
def term(value: str | None) -> str:
    """`{{ indication|term }}`: one term in the reader's language where the glossary or the
    indication table (`term_name`) knows it."""
    return term_name(value or "")


@register.filter
def capability(value: str | None) -> str:
    """`{{ tag|capability }}`: a facility's capability tag in the reader's language."""
    return _capability_name(value or "")


@register.filter
def usd_millions(amount: Any) -> str:
    """`{{ deal.total_value_usd_m|usd_millions }}`: "USD 1,040m"; "10억 4,000만 달러"."""
    return _usd_millions(amount)


@register.filter
def money(amount: Any, currency: str) -> str:
    """`{{ inv.amount_local|money:inv.currency }}`: "KRW 90bn"; "900억 원"."""
    return _money(amount, currency)


@register.filter
def language_name(code: str | None) -> str:
    """`{{ "ko"|language_name }}`: the language's name in the active language."""
    return _language_name(code)


@register.filter
def labels(values: list[str] | None, vocabulary: str) -> list[str]:
    """The translated labels of a list of vocabulary values."""
    return [label_of(VOCABULARIES[vocabulary], v) for v in values or []]


@register.filter
def web_url(url: str | None) -> str:
    """`href="{{ x|web_url }}"`: the address if it is http(s), else "" (a stored
    `javascript:` or `data:` value never becomes a link)."""
    return url if is_web_address(url) else ""


@register.filter
def host(url: str) -> str:
    """The host of a source URL, for a short link text."""
    netloc = urlsplit(url).netloc
    return netloc.removeprefix("www.") or url


@register.filter
def source_links(sources: list[str] | None) -> list[dict[str, str]]:
    """A record's sources as links: each named by its host, and where two share a host (two
    articles of one newspaper), by the end of its address as well, so no two read alike."""
    urls = list(sources or [])
    hosts = [host(url) for url in urls]
    links = []
    for url, name in zip(urls, hosts, strict=True):
        if hosts.count(name) > 1:
            parts = urlsplit(url)
            tail = parts.path.rstrip("/").rsplit("/", 1)[-1] + (
                f"?{parts.query}" if parts.query else ""
            )
            if tail:
                name = f"{name} › {tail if len(tail) <= 40 else tail[:39] + '…'}"
        links.append({"url": url, "href": web_url(url), "label": name})
    return links


@register.simple_tag(takes_context=True)
def query_with(context: Any, **changes: Any) -> str:
    """The current query string with some parameters replaced (None or "" removes one)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        params.pop(key, None)
        if value not in (None, ""):
            params[key] = value
    encoded = params.urlencode()
    return "?" + encoded if encoded else "?"


@register.filter
def administers(user: Any, organization_id: str | None) -> bool:
    """Whether a signed-in `user` may edit the organisation."""
    return may_administer(user, organization_id)


@register.filter
def startswith(value: str, prefix: str) -> bool:
    """`{% if request.path|startswith:clusters_url %}`: the current section of the site."""
    return str(value).startswith(str(prefix))


@register.filter
def listing(value: str | None) -> str:
    """A listing as a reader reads it: "KOSDAQ:196170" -> "KOSDAQ · 196170"; other text as is."""
    exchange, sep, ticker = (value or "").partition(":")
    if sep and exchange.strip() and ticker.strip():
        return f"{exchange.strip()} · {ticker.strip()}"
    return value or ""


@register.filter
def gist(value: str | None) -> str:
    """`{{ indication|gist }}`: a term in the reader's language, or for a Korean reader what a
    longer phrase the glossary has no entry for is about (`term_gist`)."""
    return term_gist(value or "")
