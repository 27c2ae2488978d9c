"""`import_studies`: validate registry studies whole, then write them in one transaction.

Nothing is written unless every file is valid. A study whose id exists is rewritten only if
what was imported changed (its digest), so a re-import is idempotent and a study changed
upstream updates; nothing is deleted. Sites and sponsors resolve to directory organisations
(dari/trials/resolve.py); a trial links to the directory asset its intervention names.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from django.db import transaction

from dari.directory.interchange import DirectoryError, read_file
from dari.directory.models import Asset
from dari.trials.ctgov import Study, studies_of
from dari.trials.engine.glossary import area_of
from dari.trials.engine.names import is_anonymous_site, name_key
from dari.trials.models import Investigator, Trial, TrialAsset, TrialSite
from dari.trials.resolve import Resolver
from dari.trials.vocab import PHASE_NUMBER

BATCH = 2000
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


def _trial(study: Study, digest: str, sponsor_id: str | None) -> Trial:
    countries = {loc.country for loc in study.locations if loc.country}
    text = [*study.conditions, *study.keywords]
    text += [f"{m['id']} {m['term']}" for m in study.mesh_terms]
    return Trial(
        id=study.id,
        nct_id=study.nct_id,
        cris_id=study.cris_id,
        mfds_id=study.mfds_id,
        title=study.title[:1000],
        official_title=study.official_title,
        phases=study.phases,
        phase_codes=_codes(PHASE_NUMBER.get(p, "") for p in study.phases),
        status=study.status,
        study_type=study.study_type,
        start_date=study.start_date,
        start_year=study.start_date.year if study.start_date else None,
        completion_date=study.completion_date,
        enrollment=study.enrollment,
        enrollment_type=study.enrollment_type,
        lead_sponsor_id=sponsor_id,
        sponsor_name=study.sponsor[0] if study.sponsor else "",
        sponsor_class=study.sponsor[1] if study.sponsor else "",
        conditions=study.conditions,
        keywords=study.keywords,
        mesh_terms=study.mesh_terms,
        interventions=study.interventions,
        intervention_types=_codes(i["type"] for i in study.interventions),
        condition_text=" | ".join(text).casefold(),
        area=area_of(" | ".join(text)),
        countries=_codes(countries),
        in_korea="KR" in countries,
        last_update=study.last_update,
        source_url=study.source_url,
        origin=study.origin,
        synthetic=study.synthetic,
        digest=digest,
    )


TRIAL_FIELDS = [f.name for f in Trial._meta.concrete_fields if f.name != "id"]


def _asset_keys() -> dict[str, str]:
    keys: dict[str, str] = {}
    for asset_id, name in Asset.objects.values_list("id", "name"):
        keys.setdefault(name_key(name), asset_id)
    return keys


def _person(
    study: Study, org_id: str | None, name: str, role: str, affiliation: str
) -> Investigator:
    return Investigator(
        trial_id=study.id,
        organization_id=org_id,
        name=name[:300],
        role=role[:40],
        affiliation=affiliation[:500],
    )


def _children(
    study: Study, resolver: Resolver, assets: dict[str, str]
) -> tuple[list[TrialSite], list[Investigator], list[tuple[str, str]], list[TrialAsset]]:
    sites: dict[str | None, TrialSite] = {}
    people: list[Investigator] = []
    anonymous: list[TrialSite] = []
    for loc in study.locations:
        org_id = None
        if not is_anonymous_site(loc.facility, loc.city):
            org_id = resolver.resolve_site(loc.facility, loc.city, loc.country, study.source_url)
        site = TrialSite(
            trial_id=study.id,
            organization_id=org_id,
            facility=loc.facility[:500],
            city=loc.city[:200],
            country=loc.country,
            status=loc.status,
        )
        if org_id is None:
            anonymous.append(site)
        elif org_id not in sites or loc.status == "RECRUITING":
            sites[org_id] = site
        people += [_person(study, org_id, name, role, loc.facility) for name, role in loc.contacts]
    people += [
        _person(study, resolver.find(affiliation), name, role, affiliation)
        for name, role, affiliation in study.officials
    ]
    collaborators = []
    for name, sponsor_class in study.collaborators:
        org_id = resolver.resolve_sponsor(name, sponsor_class, study.source_url)
        if org_id:
            collaborators.append((study.id, org_id))
    links = {}
    for item in study.interventions:
        for name in [item["name"], *item["other_names"]]:
            asset_id = assets.get(name_key(name))
            if asset_id:
                links[asset_id] = TrialAsset(trial_id=study.id, asset_id=asset_id)
    return (
        [*sites.values(), *anonymous],
        people,
        list(dict.fromkeys(collaborators)),
        list(links.values()),
    )


def _existing_digests(ids: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for i in range(0, len(ids), 900):  # stay under SQLite's parameter limit
        found.update(Trial.objects.filter(pk__in=ids[i : i + 900]).values_list("pk", "digest"))
    return found


def _delete_children(ids: list[str]) -> None:
    through = Trial.collaborators.through
    for i in range(0, len(ids), 900):
        chunk = ids[i : i + 900]
        for model in (TrialSite, Investigator, TrialAsset):
            model.objects.filter(trial_id__in=chunk).delete()
        through.objects.filter(trial_id__in=chunk).delete()


def import_studies(studies: Sequence[Study], progress: Progress | None = None) -> Counter[str]:
    """Write validated studies in one transaction; returns how many were new, updated,
    unchanged, and how many organisations were created for unknown sites and sponsors."""
    by_id = _deduplicate(studies)
    existing = _existing_digests(list(by_id))
    todo = [(s, d) for s, d in by_id.values() if existing.get(s.id) != d]
    counts: Counter[str] = Counter(
        new=sum(1 for s, _ in todo if s.id not in existing),
        updated=sum(1 for s, _ in todo if s.id in existing),
        unchanged=len(by_id) - len(todo),
    )
    if progress and counts["unchanged"]:
        progress(counts["unchanged"])
    if not todo:
        return counts
    resolver = Resolver.load()
    assets = _asset_keys()
    through = Trial.collaborators.through
    with transaction.atomic():
        _delete_children([s.id for s, _ in todo if s.id in existing])
        for start in range(0, len(todo), BATCH):
            batch = todo[start : start + BATCH]
            trials, sites, people, collaborators, links = [], [], [], [], []
            for study, digest in batch:
                sponsor_id = None
                if study.sponsor:
                    sponsor_id = resolver.resolve_sponsor(*study.sponsor, study.source_url)
                trials.append(_trial(study, digest, sponsor_id))
                s, p, c, a = _children(study, resolver, assets)
                sites += s
                people += p
                collaborators += c
                links += a
            counts["organisations created"] += resolver.save()
            Trial.objects.bulk_create(
                trials, update_conflicts=True, unique_fields=["id"], update_fields=TRIAL_FIELDS
            )
            TrialSite.objects.bulk_create(sites, batch_size=BATCH)
            Investigator.objects.bulk_create(people, batch_size=BATCH)
            through.objects.bulk_create(
                [through(trial_id=t, organization_id=o) for t, o in collaborators],
                batch_size=BATCH,
            )
            TrialAsset.objects.bulk_create(links, batch_size=BATCH, ignore_conflicts=True)
            if progress:
                progress(len(batch))
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
    return text
