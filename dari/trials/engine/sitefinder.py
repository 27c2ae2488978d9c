"""The site finder: rank trial sites for a condition and phase, with the reasons.

Input is plain facts (each site's matching trials, as the caller selected them by condition);
output is a ranked list of scores, each with its reasons as codes and numbers (the caller words
them in the reader's language). Every feature is defined once below: its weight, how its value
is computed and the reason it gives.
"""

from __future__ import annotations

import math
import statistics
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
class SiteFacts:
    organization_id: str
    name: str
    name_ko: str = ""
    city: str = ""
    cluster_id: str = ""
    phase1_unit: bool = False
    trials: tuple[TrialFacts, ...] = ()
    # (name, trial id) of the people the registry names at this site for these trials.
    investigators: tuple[tuple[str, str], ...] = ()


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
    investigators: tuple[tuple[str, int], ...]  # (name, matching trials), most first


def _recency(year: int | None, now: int) -> float:
    if year is None:
        return 0.5
    return float(0.5 ** (max(0, now - year) / RECENCY_HALF_LIFE))


def _is_recruiting(t: TrialFacts) -> bool:
    status = t.site_status or t.status
    return status in RECRUITING


def score_site(site: SiteFacts, query: SiteQuery) -> SiteScore:
    trials = site.trials
    in_phase = [t for t in trials if query.phase is None or query.phase in t.phases]
    reasons: list[Reason] = []
    weighted = sum(_recency(t.start_year, query.year) for t in in_phase)
    if in_phase:
        years = [t.start_year for t in in_phase if t.start_year is not None]
        values: dict[str, float | int | str] = {"n": len(in_phase)}
        if years:
            values["first"], values["last"] = min(years), max(years)
        reasons.append(Reason("phase_trials", W_PHASE_TRIALS * math.log1p(weighted), values))
    reasons.append(Reason("all_trials", W_ANY_TRIALS * math.log1p(len(trials)), {"n": len(trials)}))
    if trials:
        industry = sum(t.industry for t in trials) / len(trials)
        reasons.append(
            Reason("industry_share", W_INDUSTRY * industry, {"share": round(industry, 3)})
        )
        sizes = [t.enrollment for t in in_phase or trials if t.enrollment]
        if sizes:
            median = statistics.median(sizes)
            reasons.append(
                Reason("median_enrolment", W_ENROLMENT * math.log1p(median), {"n": median})
            )
        competing = sum(_is_recruiting(t) for t in trials)
        if competing:
            reasons.append(
                Reason("competing", W_COMPETING * math.log1p(competing), {"n": competing})
            )
        stopped = sum(t.status in STOPPED for t in trials) / len(trials)
        if stopped:
            reasons.append(
                Reason("stopped_share", W_STOPPED * stopped, {"share": round(stopped, 3)})
            )
    phase1 = sum("1" in t.phases for t in trials)
    if query.phase == "1" and (site.phase1_unit or phase1 >= 3):
        reasons.append(
            Reason("phase1_unit", W_PHASE1_UNIT, {"stated": int(site.phase1_unit), "n": phase1})
        )
    counts: dict[str, set[str]] = {}
    wanted = {t.trial_id for t in in_phase or trials}
    for name, trial_id in site.investigators:
        if trial_id in wanted:
            counts.setdefault(name, set()).add(trial_id)
    people = sorted(((n, len(ids)) for n, ids in counts.items()), key=lambda p: (-p[1], p[0]))
    return SiteScore(
        organization_id=site.organization_id,
        name=site.name,
        name_ko=site.name_ko,
        city=site.city,
        cluster_id=site.cluster_id,
        score=round(sum(r.points for r in reasons), 3),
        trials=len(trials),
        phase_trials=len(in_phase),
        reasons=tuple(sorted(reasons, key=lambda r: -abs(r.points))),
        investigators=tuple(people[:5]),
    )


def rank_sites(sites: list[SiteFacts], query: SiteQuery, top: int = 20) -> list[SiteScore]:
    """The best `top` sites for the query, best first (ties by name); a site with no trial in
    the phase asked is ranked only after every site that has one."""
    chosen = [
        s
        for s in sites
        if (not query.city or s.city.casefold() == query.city.casefold())
        and (not query.cluster_id or s.cluster_id == query.cluster_id)
    ]
    scores = [score_site(s, query) for s in chosen if s.trials]
    scores.sort(key=lambda s: (s.phase_trials == 0, -s.score, s.name, s.organization_id))
    return scores[:top]
