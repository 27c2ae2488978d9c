"""The site finder: rank trial sites for a condition and phase, with the reasons.

Input is plain facts (each site's counts of its trials of the condition, which the caller
selects and counts, in the database or with `count_trials`);
output is a ranked list of scores, each with its reasons as codes and numbers (the caller words
them in the reader's language). Every feature is defined once below: its weight, how its value
is computed and the reason it gives.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

RECRUITING = frozenset({"RECRUITING", "NOT_YET_RECRUITING", "ENROLLING_BY_INVITATION"})
STOPPED = frozenset({"TERMINATED", "WITHDRAWN"})

# Weights of the features (points); the score is their sum.
W_PHASE_TRIALS = 10.0  # per log-unit of recency-weighted trials in the phase asked
W_ANY_TRIALS = 3.0  # per log-unit of trials of the condition in any phase
W_INDUSTRY = 6.0  # times the industry-sponsored share
W_ENROLMENT = 0.6  # per log-unit of the median planned enrolment
W_COMPETING = -2.0  # per log-unit of recruiting trials of the same condition at the site
W_STOPPED = -8.0  # times the terminated-or-withdrawn share
W_PHASE1_UNIT = 5.0  # a phase 1 unit, when phase 1 is asked
RECENCY_HALF_LIFE = 5.0  # years after which a trial counts half


@dataclass(frozen=True)
class TrialFacts:
    """One trial of the condition at a site."""

    trial_id: str
    phases: frozenset[str]  # "1".."4"
    start_year: int | None
    industry: bool
    status: str  # the trial's overall status
    site_status: str  # its status at this site ("" when not stated)
    enrollment: int | None


@dataclass(frozen=True)
class SiteCounts:
    """What the ranking reads of a site's trials of the condition (counted by the caller, in
    the database or with `count_trials`)."""

    trials: int = 0
    industry: int = 0
    recruiting: int = 0  # recruiting at the site (or, when the site says nothing, overall)
    stopped: int = 0
    phase1: int = 0
    phase_years: tuple[tuple[int | None, int], ...] = ()  # trials in the phase asked, by year
    enrolments: tuple[int, ...] = ()  # planned enrolment of those trials


def count_trials(trials: Iterable[TrialFacts], phase: str | None) -> SiteCounts:
    """The counts of one site's trials (the database does the same with GROUP BY)."""
    trials = list(trials)
    in_phase = [t for t in trials if phase is None or phase in t.phases]
    years = Counter(t.start_year for t in in_phase)
    return SiteCounts(
        trials=len(trials),
        industry=sum(t.industry for t in trials),
        recruiting=sum((t.site_status or t.status) in RECRUITING for t in trials),
        stopped=sum(t.status in STOPPED for t in trials),
        phase1=sum("1" in t.phases for t in trials),
        phase_years=tuple(sorted(years.items(), key=lambda kv: kv[0] or 0)),
        enrolments=tuple(t.enrollment for t in in_phase if t.enrollment),
    )


@dataclass(frozen=True)
class SiteFacts:
    organization_id: str
    name: str
    name_ko: str = ""
    city: str = ""
    cluster_id: str = ""
    phase1_unit: bool = False
    counts: SiteCounts = SiteCounts()


@dataclass(frozen=True)
class SiteQuery:
    phase: str | None  # "1".."4" or None for any
    year: int  # the current year, for recency
    city: str = ""
    cluster_id: str = ""


@dataclass(frozen=True)
class Reason:
    """Why a site ranks where it does: a code and its numbers (worded by the caller)."""

    code: str
    points: float
    values: dict[str, float | int | str] = field(default_factory=dict)


@dataclass(frozen=True)
class SiteScore:
    organization_id: str
    name: str
    name_ko: str
    city: str
    cluster_id: str
    score: float
    trials: int
    phase_trials: int
    reasons: tuple[Reason, ...]


def _recency(year: int | None, now: int) -> float:
    if year is None:
        return 0.5
    return float(0.5 ** (max(0, now - year) / RECENCY_HALF_LIFE))


# A reason before it is a `Reason`: (code, points, values). Plain tuples of numbers and
# strings, which the garbage collector stops tracking: every site is scored, and hundreds of
# live objects per search would bring on full collections (tens of ms each) every few searches.
Feature = tuple[str, float, dict[str, float | int | str]]


def _reasons(site: SiteFacts, query: SiteQuery) -> tuple[list[Feature], int]:
    """The site's reasons (in the order their points are summed) and its trials in the phase."""
    c = site.counts
    reasons: list[Feature] = []
    in_phase = sum(n for _y, n in c.phase_years)
    if in_phase:
        weighted = sum(n * _recency(y, query.year) for y, n in c.phase_years)
        values: dict[str, float | int | str] = {"n": in_phase}
        years = [y for y, _n in c.phase_years if y is not None]
        if years:
            values["first"], values["last"] = min(years), max(years)
        reasons.append(("phase_trials", W_PHASE_TRIALS * math.log1p(weighted), values))
    reasons.append(("all_trials", W_ANY_TRIALS * math.log1p(c.trials), {"n": c.trials}))
    if c.trials:
        industry = c.industry / c.trials
        reasons.append(("industry_share", W_INDUSTRY * industry, {"share": round(industry, 3)}))
        if c.enrolments:
            median = statistics.median(c.enrolments)
            reasons.append(("median_enrolment", W_ENROLMENT * math.log1p(median), {"n": median}))
        if c.recruiting:
            reasons.append(
                ("competing", W_COMPETING * math.log1p(c.recruiting), {"n": c.recruiting})
            )
        stopped = c.stopped / c.trials
        if stopped:
            reasons.append(("stopped_share", W_STOPPED * stopped, {"share": round(stopped, 3)}))
    if query.phase == "1" and (site.phase1_unit or c.phase1 >= 3):
        reasons.append(
            ("phase1_unit", W_PHASE1_UNIT, {"stated": int(site.phase1_unit), "n": c.phase1})
        )
    return reasons, in_phase


def _score(reasons: list[Feature]) -> float:
    return round(sum(points for _code, points, _values in reasons), 3)


def _scored(site: SiteFacts, features: list[Feature], in_phase: int) -> SiteScore:
    c = site.counts
    reasons = [Reason(code, points, values) for code, points, values in features]
    return SiteScore(
        organization_id=site.organization_id,
        name=site.name,
        name_ko=site.name_ko,
        city=site.city,
        cluster_id=site.cluster_id,
        score=_score(features),
        trials=c.trials,
        phase_trials=in_phase,
        reasons=tuple(sorted(reasons, key=lambda r: -abs(r.points))),
    )


def rank_sites(sites: list[SiteFacts], query: SiteQuery, top: int = 20) -> list[SiteScore]:
    """The best `top` sites for the query, best first (ties by name); a site with no trial in
    the phase asked is ranked only after every site that has one."""
    chosen = [
        s
        for s in sites
        if (not query.city or _same_city(s.city, query.city))
        and (not query.cluster_id or s.cluster_id == query.cluster_id)
    ]
    ranked = []
    for s in chosen:
        if s.counts.trials:
            reasons, in_phase = _reasons(s, query)
            key = (in_phase == 0, -_score(reasons), s.name, s.organization_id)
            ranked.append((key, s, reasons, in_phase))
    # Only the sites shown are worded: a broad condition has hundreds of sites.
    ranked.sort(key=lambda r: r[0])
    return [_scored(s, reasons, in_phase) for _key, s, reasons, in_phase in ranked[:top]]


def score_site(site: SiteFacts, query: SiteQuery) -> SiteScore:
    """One site's score and its reasons, the strongest first."""
    return _scored(site, *_reasons(site, query))


def _same_city(recorded: str, asked: str) -> bool:
    """ "Incheon" finds sites in "Incheon (Songdo)" as well as in "Incheon"."""
    recorded, asked = recorded.casefold(), asked.casefold()
    return recorded == asked or recorded.startswith(asked + " (")
