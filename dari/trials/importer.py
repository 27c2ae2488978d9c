"""`import_studies`: validate registry studies whole, then write them in one transaction.

Nothing is written unless every file is valid. A study whose id exists is rewritten only if
what was imported changed (its digest), so a re-import is idempotent and a study changed
upstream updates; nothing is deleted. Sites and sponsors resolve to directory organisations
(dari/trials/resolve.py), after the organisations an earlier import made of a company the
directory holds are folded into it (dari/trials/domain/merge.py); a trial links to the
directory asset its intervention names.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from dari.directory.interchange import DirectoryError, read_file
from dari.directory.models import Asset
from dari.trials import bulk
from dari.trials.ctgov import Study, studies_of
from dari.trials.domain.merge import merge_registry_copies
from dari.trials.domain.stats import add_condition_texts, refresh_site_facts
from dari.trials.engine.glossary import area_of, condition_key
from dari.trials.engine.names import is_anonymous_site, name_key, organisation_names
from dari.trials.models import Investigator, Trial, TrialAsset, TrialSite
from dari.trials.resolve import Resolver
from dari.trials.vocab import PHASE_NUMBER

BATCH = 5000
Progress = Callable[[int], None]


class TrialImportError(DirectoryError):
    """Registry files that cannot be imported; `errors` names every problem and where."""


def read_studies(
    paths: Sequence[Path], synthetic: bool = False, origin: str = "ctgov"
) -> list[Study]:
    """Parse and validate files of ClinicalTrials.gov v2 JSON; TrialImportError names every
    problem (file and JSON path) and nothing is returned."""
    errors: list[str] = []
    studies: list[Study] = []
    for path in paths:
        try:
            doc = read_file(path)
        except DirectoryError as exc:
            errors.extend(exc.errors)
            continue
        studies.extend(studies_of(doc, str(path), errors, synthetic, origin))
    if errors:
        raise TrialImportError(errors)
    return studies


def _deduplicate(studies: Iterable[Study]) -> dict[str, tuple[Study, str]]:
    by_id: dict[str, tuple[Study, str]] = {}
    errors = []
    for study in studies:
        digest = study.digest
        seen = by_id.get(study.id)
        if seen is not None and seen[1] != digest:
            errors.append(f"{study.id}: imported twice with different content")
        by_id[study.id] = (study, digest)
    if errors:
        raise TrialImportError(errors)
    return by_id


def _codes(values: Iterable[str]) -> str:
    codes = sorted({v for v in values if v})
    return "|" + "|".join(codes) + "|" if codes else ""


TRIAL_COLUMNS = [f.attname for f in Trial._meta.concrete_fields]
SITE_COLUMNS = ["trial_id", "organization_id", "facility", "city", "country", "status"]
PERSON_COLUMNS = ["trial_id", "organization_id", "name", "role", "affiliation"]
LINK_COLUMNS = ["trial_id", "asset_id", "source_url"]
COLLABORATOR_COLUMNS = ["trial_id", "organization_id"]


def _trial_row(study: Study, digest: str, sponsor_id: str | None, now: dt.datetime) -> list[Any]:
    """The study's Trial row, in the order of TRIAL_COLUMNS."""
    countries = {loc.country for loc in study.locations if loc.country} | set(study.countries)
    text = [*study.conditions, *study.keywords]
    text += [f"{m['id']} {m['term']}" for m in study.mesh_terms]
    condition_text = " | ".join(text).casefold()
    values = {
        "id": study.id,
        "nct_id": study.nct_id,
        "cris_id": study.cris_id,
        "mfds_id": study.mfds_id,
        "title": study.title[:1000],
        "official_title": study.official_title,
        "phases": study.phases,
        "phase_codes": _codes(PHASE_NUMBER.get(p, "") for p in study.phases),
        "status": study.status,
        "status_as_of": study.status_as_of,
        "title_is_description": study.title_is_description,
        "study_type": study.study_type,
        "start_date": study.start_date,
        "start_year": study.start_date.year if study.start_date else None,
        "completion_date": study.completion_date,
        "enrollment": study.enrollment,
        "enrollment_type": study.enrollment_type,
        "lead_sponsor_id": sponsor_id,
        "sponsor_name": study.sponsor[0] if study.sponsor else "",
        "sponsor_class": study.sponsor[1] if study.sponsor else "",
        "conditions": study.conditions,
        "keywords": study.keywords,
        "mesh_terms": study.mesh_terms,
        "interventions": study.interventions,
        "intervention_types": _codes(i["type"] for i in study.interventions),
        "condition_text": condition_text,
        "condition_key": condition_key(condition_text),
        "area": area_of(" | ".join(text)),
        "countries": _codes(countries),
        "in_korea": "KR" in countries,
        "last_update": study.last_update,
        "source_url": study.source_url,
        "origin": study.origin,
        "synthetic": study.synthetic,
        "digest": digest,
        "updated": now,
    }
    return [values[c] for c in TRIAL_COLUMNS]


def _asset_keys() -> dict[str, str]:
    keys: dict[str, str] = {}
    for asset_id, name in Asset.objects.values_list("id", "name"):
        keys.setdefault(name_key(name), asset_id)
    return keys


@dataclass
class Rows:
    """The rows of one batch of studies, in the columns' order."""

    trials: list[list[Any]] = field(default_factory=list)
    sites: list[tuple[Any, ...]] = field(default_factory=list)
    people: list[tuple[Any, ...]] = field(default_factory=list)
    collaborators: list[tuple[str, str]] = field(default_factory=list)
    links: list[tuple[str, str, str]] = field(default_factory=list)


@dataclass
class Sites:
    """Locations -> organisations, each distinct (facility, city, country) resolved once."""

    resolver: Resolver
    known: dict[tuple[str, str, str], str | None] = field(default_factory=dict)

    def of(self, facility: str, city: str, country: str, source: str) -> str | None:
        key = (facility, city, country)
        if key not in self.known:
            org_id = None
            if not is_anonymous_site(facility, city):
                org_id = self.resolver.resolve_site(facility, city, country, source)
            self.known[key] = org_id
        return self.known[key]


def _add_children(
    rows: Rows, study: Study, resolver: Resolver, sites: Sites, assets: dict[str, str]
) -> None:
    """The study's sites (one per organisation, a recruiting one preferred), the people the
    registry names, its collaborators and the assets it tests."""
    by_org: dict[str, tuple[Any, ...]] = {}
    anonymous = []
    for loc in study.locations:
        org_id = sites.of(loc.facility, loc.city, loc.country, study.source_url)
        site = (study.id, org_id, loc.facility[:500], loc.city[:200], loc.country, loc.status)
        if org_id is None:
            anonymous.append(site)
        elif org_id not in by_org or loc.status == "RECRUITING":
            by_org[org_id] = site
        rows.people += [
            (study.id, org_id, name[:300], role[:40], loc.facility[:500])
            for name, role in loc.contacts
        ]
    rows.sites += [*by_org.values(), *anonymous]
    rows.people += [
        (study.id, resolver.find(affiliation), name[:300], role[:40], affiliation[:500])
        for name, role, affiliation in study.officials
    ]
    collaborators = []
    for text, sponsor_class in study.collaborators:
        for name in organisation_names(text):
            org_id = resolver.resolve_sponsor(name, sponsor_class, study.source_url)
            if org_id:
                collaborators.append((study.id, org_id))
    rows.collaborators += dict.fromkeys(collaborators)
    links = {}
    for item in study.interventions:
        for name in [item["name"], *item["other_names"]]:
            asset_id = assets.get(name_key(name))
            if asset_id:
                links[asset_id] = (study.id, asset_id, "")
    rows.links += links.values()


def _existing_digests(ids: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for i in range(0, len(ids), bulk.CHUNK):
        chunk = ids[i : i + bulk.CHUNK]
        found.update(Trial.objects.filter(pk__in=chunk).values_list("pk", "digest"))
    return found


def _delete_children(ids: list[str]) -> None:
    for model in (TrialSite, Investigator, TrialAsset, Trial.collaborators.through):
        bulk.delete_where(model, "trial_id", ids)


KEY, TEXT = TRIAL_COLUMNS.index("condition_key"), TRIAL_COLUMNS.index("condition_text")


def _write(rows: Rows, existing: dict[str, str]) -> None:
    add_condition_texts({r[KEY]: r[TEXT] for r in rows.trials})
    new = [r for r in rows.trials if r[0] not in existing]
    bulk.insert_rows(Trial, TRIAL_COLUMNS, new)
    bulk.upsert_rows(Trial, TRIAL_COLUMNS, [r for r in rows.trials if r[0] in existing])
    bulk.insert_rows(TrialSite, SITE_COLUMNS, rows.sites)
    bulk.insert_rows(Investigator, PERSON_COLUMNS, rows.people)
    bulk.insert_rows(Trial.collaborators.through, COLLABORATOR_COLUMNS, rows.collaborators)
    bulk.insert_rows(TrialAsset, LINK_COLUMNS, rows.links)


def import_studies(studies: Sequence[Study], progress: Progress | None = None) -> Counter[str]:
    """Write validated studies in one transaction; returns how many were new, updated,
    unchanged, how many organisations were created for unknown sites and sponsors and how many
    registry copies of curated organisations were merged into them. The merge runs first in
    a transaction of its own (each merge is whole by itself and is kept if the import fails)."""
    by_id = _deduplicate(studies)
    existing = _existing_digests(list(by_id))
    todo = [(s, d) for s, d in by_id.values() if existing.get(s.id) != d]
    counts: Counter[str] = Counter(
        new=sum(1 for s, _ in todo if s.id not in existing),
        updated=sum(1 for s, _ in todo if s.id in existing),
        unchanged=len(by_id) - len(todo),
    )
    merged, _kept = merge_registry_copies()
    if merged:
        counts["organisations merged"] = len(merged)
    if progress and counts["unchanged"]:
        progress(counts["unchanged"])
    if not todo:
        return counts
    resolver = Resolver.load()
    sites = Sites(resolver)
    assets = _asset_keys()
    now = timezone.now()
    with transaction.atomic():
        _delete_children([s.id for s, _ in todo if s.id in existing])
        for start in range(0, len(todo), BATCH):
            rows = Rows()
            for study, digest in todo[start : start + BATCH]:
                sponsor_id = None
                if study.sponsor:
                    sponsor_id = resolver.resolve_sponsor(*study.sponsor, study.source_url)
                rows.trials.append(_trial_row(study, digest, sponsor_id, now))
                _add_children(rows, study, resolver, sites, assets)
            counts["organisations created"] += resolver.save()
            _write(rows, existing)
            if progress:
                progress(len(rows.trials))
        refresh_site_facts(now)
    return +counts if counts else counts


def import_files(
    paths: Sequence[Path], progress: Progress | None = None, synthetic: bool = False
) -> Counter[str]:
    """Read, validate and import ClinicalTrials.gov v2 files as one transaction."""
    return import_studies(read_studies(paths, synthetic), progress)


def describe(counts: Counter[str]) -> str:
    """`12 new, 3 updated, 40 unchanged trials; 5 organisations created`."""
    trials = ", ".join(f"{counts[k]} {k}" for k in ("new", "updated", "unchanged") if counts[k])
    text = f"{trials or 'no'} trials"
    if counts["organisations created"]:
        text += f"; {counts['organisations created']} organisations created"
    if counts["organisations merged"]:
        text += f"; {counts['organisations merged']} registry copies merged into the directory's"
    return text
