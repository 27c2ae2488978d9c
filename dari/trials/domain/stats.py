"""The site finder's precomputed facts: one `SiteFact` per trial and resolved site, with what
the ranking counts (year, phases, industry, recruiting, stopped, enrolment), one
`InvestigatorFact` per person named at a resolved site in a site role (with the trial's
condition key, phases and intervention types), and one `ConditionText` per distinct condition
text. The importer refreshes the facts of the trials it writes, inside its transaction;
`refresh_site_facts()` rebuilds them all."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import connection

from dari.trials.models import (
    ConditionText,
    Investigator,
    InvestigatorFact,
    SiteFact,
    Trial,
    TrialSite,
)
from dari.trials.vocab import RECRUITING_STATUSES, SITE_ROLES, STOPPED_STATUSES

COLUMNS = (
    "organization_id",
    "trial_id",
    "country",
    "condition_key",
    "start_year",
    "phase_codes",
    "intervention_types",
    "industry",
    "recruiting",
    "stopped",
    "enrollment",
)
PERSON_COLUMNS = (
    "organization_id",
    "trial_id",
    "condition_key",
    "phase_codes",
    "intervention_types",
    "name",
)


def _marks(values: Sequence[str]) -> str:
    return ", ".join(["%s"] * len(values))


def _insert_select(where: str, params: Sequence[str]) -> None:
    recruiting = sorted(RECRUITING_STATUSES)
    stopped = sorted(STOPPED_STATUSES)
    sql = f"""
        INSERT INTO {SiteFact._meta.db_table} ({", ".join(COLUMNS)})
        SELECT s.organization_id, s.trial_id, s.country, t.condition_key, t.start_year,
               t.phase_codes, t.intervention_types, t.sponsor_class = %s,
               s.status IN ({_marks(recruiting)})
                 OR (s.status = '' AND t.status IN ({_marks(recruiting)})),
               t.status IN ({_marks(stopped)}), t.enrollment
        FROM {TrialSite._meta.db_table} s JOIN {Trial._meta.db_table} t ON t.id = s.trial_id
        WHERE s.organization_id IS NOT NULL {where}"""
    people = f"""
        INSERT INTO {InvestigatorFact._meta.db_table} ({", ".join(PERSON_COLUMNS)})
        SELECT i.organization_id, i.trial_id, t.condition_key, t.phase_codes,
               t.intervention_types, i.name
        FROM {Investigator._meta.db_table} i JOIN {Trial._meta.db_table} t ON t.id = i.trial_id
        WHERE i.organization_id IS NOT NULL AND i.role IN ({_marks(SITE_ROLES)}) {where}"""
    with connection.cursor() as cursor:
        cursor.execute(sql, ["INDUSTRY", *recruiting, *recruiting, *stopped, *params])
        cursor.execute(people, [*SITE_ROLES, *params])


def refresh_site_facts(stamp: dt.datetime | None = None) -> None:
    """Rebuild the facts of the trials written at `stamp` (their `updated`; the importer
    stamps every trial it writes with one time), or of every trial when None; the old facts
    of those trials go. Call inside the transaction that wrote the trials."""
    if stamp is None:
        SiteFact.objects.all().delete()
        InvestigatorFact.objects.all().delete()
        _insert_select("", [])
        return
    written = Trial.objects.filter(updated=stamp).values("pk")
    SiteFact.objects.filter(trial_id__in=written).delete()
    InvestigatorFact.objects.filter(trial_id__in=written).delete()
    _insert_select("AND t.updated = %s", [connection.ops.adapt_datetimefield_value(stamp)])


def add_condition_texts(texts: dict[str, str]) -> None:
    """Store the condition texts (key -> text) not stored yet."""
    known = set(ConditionText.objects.values_list("key", flat=True))
    ConditionText.objects.bulk_create(
        [ConditionText(key=k, text=t) for k, t in texts.items() if k not in known],
        batch_size=500,
    )


def vacuum_finder_tables() -> None:
    """On PostgreSQL, outside a transaction: VACUUM ANALYZE the trials and the site finder's
    facts after a large write. The planner then knows their sizes (it otherwise sorts tens of
    thousands of facts to group them), and the covering indexes are read without a visit to
    the table per row; autovacuum would do the same, but only minutes later, or never where
    it is off."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    tables = ", ".join(
        m._meta.db_table
        for m in (Trial, TrialSite, Investigator, SiteFact, InvestigatorFact, ConditionText)
    )
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM (ANALYZE) {tables}")
