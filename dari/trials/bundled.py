"""The bundled real trials (dari/data/trials/, format in its README.md): the Korean trial sites
(sites.json, dari-trial-sites/1), the registry spellings of curated sponsors
(sponsor_aliases.json, dari-sponsor-aliases/1), ClinicalTrials.gov v2 pages (ctgov-*.json),
trials known from reputable reports (reports-*.json, dari-trial-reports/1) and the assets trials
test (asset_links*.json). `load_bundled_trials()` reads all, then writes in one
transaction; a second load changes nothing."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

from django.db import transaction

from dari.directory import models as dm
from dari.directory.interchange import DirectoryError, read_file
from dari.directory.sourcehosts import source_host_problem
from dari.trials.engine.names import name_key
from dari.trials.importer import TrialImportError, import_studies, read_studies
from dari.trials.models import SiteAlias, SiteProfile, Trial, TrialAsset
from dari.trials.reports import read_reports
from dari.trials.vocab import SiteOrigin

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "trials"
SITES_FORMAT = "dari-trial-sites/1"
LINKS_FORMAT = "dari-trial-assets/1"
SPONSOR_ALIASES_FORMAT = "dari-sponsor-aliases/1"
WEB = re.compile(r"^https?://\S+$")
SITE_KINDS = ("hospital", "clinical_trial_center")


def _site_errors(doc: Any, name: str) -> list[str]:
    errors: list[str] = []
    if not isinstance(doc, dict) or doc.get("format") != SITES_FORMAT:
        return [f"{name}: format: expected {SITES_FORMAT!r}"]
    sites = doc.get("sites")
    if not isinstance(sites, list):
        return [f"{name}: sites: expected a list"]
    clusters = set(dm.Cluster.objects.values_list("id", flat=True))
    seen: dict[str, str] = {}
    for i, site in enumerate(sites):
        at = f"{name}: sites[{i}]"
        if not isinstance(site, dict):
            errors.append(f"{at}: expected an object")
            continue
        for key in ("id", "name_en", "name_ko", "city", "source_url"):
            if not isinstance(site.get(key), str) or not site[key].strip():
                errors.append(f"{at}.{key}: a non-empty string is required")
        if site.get("kind") not in SITE_KINDS:
            errors.append(f"{at}.kind: {site.get('kind')!r} is not one of {', '.join(SITE_KINDS)}")
        if isinstance(site.get("source_url"), str) and not WEB.match(site["source_url"]):
            errors.append(f"{at}.source_url: not a web address (http:// or https://)")
        if site.get("cluster") not in (None, "") and site.get("cluster") not in clusters:
            errors.append(f"{at}.cluster: no cluster {site.get('cluster')!r}")
        aliases = site.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            errors.append(f"{at}.aliases: expected a list of strings")
            continue
        for text in [site.get("name_en"), site.get("name_ko"), *aliases]:
            if not isinstance(text, str):
                continue
            key = name_key(text)
            other = seen.setdefault(key, str(site.get("id")))
            if key and other != site.get("id"):
                errors.append(f"{at}: the name {text!r} also names site {other!r}")
    return errors


def _write_sites(sites: list[dict[str, Any]]) -> int:
    existing = set(
        dm.Organization.objects.filter(pk__in=[s["id"] for s in sites]).values_list("pk", flat=True)
    )
    new = []
    for s in sites:
        if s["id"] in existing:
            continue
        values = {
            "id": s["id"],
            "name": s["name_en"],
            "name_ko": s["name_ko"],
            "kind": s["kind"],
            "country": s.get("country") or "KR",
            "city": s["city"],
            "cluster_id": s.get("cluster") or None,
            "website": s.get("website") or "",
            "sources": [s["source_url"]],
            "description": "",
            "interest_description": "",
        }
        new.append(dm.Organization(**values))
    dm.fill_search_text(new)
    dm.Organization.objects.bulk_create(new)
    SiteProfile.objects.bulk_create(
        [
            SiteProfile(
                organization_id=s["id"],
                origin=SiteOrigin.BUNDLED,
                phase1_unit=bool(s.get("phase1_unit")),
                source_url=s["source_url"],
            )
            for s in sites
        ],
        update_conflicts=True,
        unique_fields=["organization"],
        update_fields=["origin", "phase1_unit", "source_url"],
    )
    aliases = {}
    for s in sites:
        for text in [s["name_en"], s["name_ko"], *s.get("aliases", [])]:
            if name_key(text):
                aliases[name_key(text)] = SiteAlias(
                    key=name_key(text), text=text, organization_id=s["id"]
                )
    SiteAlias.objects.bulk_create(
        list(aliases.values()),
        update_conflicts=True,
        unique_fields=["key"],
        update_fields=["text", "organization"],
    )
    if new:
        dm.bump_generation()
    return len(new)


def _sponsor_aliases(
    doc: Any, name: str, sites: list[dict[str, Any]], errors: list[str]
) -> dict[str, tuple[str, str]]:
    """Alias key -> (organisation, spelling) of a sponsor-alias file; problems go to `errors`."""
    if not isinstance(doc, dict) or doc.get("format") != SPONSOR_ALIASES_FORMAT:
        errors.append(f"{name}: format: expected {SPONSOR_ALIASES_FORMAT!r}")
        return {}
    site_keys = {
        name_key(text): s.get("id")
        for s in sites
        for text in [s.get("name_en"), s.get("name_ko"), *s.get("aliases", [])]
        if isinstance(text, str)
    }
    found: dict[str, tuple[str, str]] = {}
    for i, entry in enumerate(doc.get("aliases") or []):
        at = f"{name}: aliases[{i}]"
        org = entry.get("organization") if isinstance(entry, dict) else None
        if not isinstance(org, str) or not org:
            errors.append(f"{at}.organization: an organisation id is required")
            continue
        sources = entry.get("sources")
        if not sources or not all(isinstance(u, str) and WEB.match(u) for u in sources):
            errors.append(f"{at}.sources: a list of web addresses is required")
        else:
            errors += [
                f"{at}.sources: {url!r} is refused ({problem})"
                for url in sources
                if (problem := source_host_problem(url))
            ]
        names = entry.get("names")
        if not names or not all(isinstance(n, str) and name_key(n) for n in names):
            errors.append(f"{at}.names: a list of names is required")
            continue
        for text in names:
            key = name_key(text)
            other = found.get(key, (org, ""))[0]
            if other != org or site_keys.get(key, org) != org:
                errors.append(f"{at}: the name {text!r} also names {site_keys.get(key, other)!r}")
            found[key] = (org, text)
    return found


def _write_sponsor_aliases(aliases: dict[str, tuple[str, str]]) -> int:
    """Point each spelling at its curated organisation (an earlier import's alias of a registry
    copy included: the merge then folds the copy in). An organisation the database lacks (the
    directory not loaded) is skipped."""
    present = set(
        dm.Organization.objects.filter(pk__in={o for o, _ in aliases.values()}).values_list(
            "pk", flat=True
        )
    )
    rows = [
        SiteAlias(key=key[:500], text=text[:500], organization_id=org)
        for key, (org, text) in aliases.items()
        if org in present
    ]
    SiteAlias.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["key"], update_fields=["text", "organization"]
    )
    return len(rows)


def _links(doc: Any, name: str, errors: list[str]) -> list[dict[str, str]]:
    if not isinstance(doc, dict) or doc.get("format") != LINKS_FORMAT:
        errors.append(f"{name}: format: expected {LINKS_FORMAT!r}")
        return []
    links = doc.get("links")
    if not isinstance(links, list):
        errors.append(f"{name}: links: expected a list")
        return []
    for i, link in enumerate(links):
        if not isinstance(link, dict) or not all(
            isinstance(link.get(k), str) and link[k] for k in ("trial", "asset")
        ):
            errors.append(f'{name}: links[{i}]: "trial" and "asset" ids are required')
    return [{**link, "index": str(i)} for i, link in enumerate(links) if isinstance(link, dict)]


def load_trial_folder(folder: Path = DATA_DIR) -> Counter[str]:
    """Import a folder in the bundled layout in one transaction (nothing on any problem)."""
    errors: list[str] = []
    sites: list[dict[str, Any]] = []
    sites_file = folder / "sites.json"
    if sites_file.exists():
        try:
            doc = read_file(sites_file)
            errors += _site_errors(doc, str(sites_file))
            sites = doc.get("sites", []) if not errors else []
        except DirectoryError as exc:
            errors += exc.errors
    sponsor_aliases: dict[str, tuple[str, str]] = {}
    aliases_file = folder / "sponsor_aliases.json"
    if aliases_file.exists():
        try:
            doc = read_file(aliases_file)
            sponsor_aliases = _sponsor_aliases(doc, str(aliases_file), sites, errors)
        except DirectoryError as exc:
            errors += exc.errors
    pages = sorted(folder.glob("ctgov-*.json"))
    try:
        studies = read_studies(pages, origin="bundled")
    except TrialImportError as exc:
        errors += exc.errors
        studies = []
    studies += read_reports(sorted(folder.glob("reports-*.json")), errors)
    links: list[dict[str, str]] = []
    link_files = sorted(folder.glob("asset_links*.json"))
    for links_file in link_files:
        try:
            found = _links(read_file(links_file), str(links_file), errors)
            links += [{**link, "file": str(links_file)} for link in found]
        except DirectoryError as exc:
            errors += exc.errors
    if errors:
        raise TrialImportError(errors)
    with transaction.atomic():
        counts: Counter[str] = Counter(sites=len(sites))
        counts["organisations created"] += _write_sites(sites)
        _write_sponsor_aliases(sponsor_aliases)
        counts += import_studies(studies)
        trial_ids = set(Trial.objects.values_list("pk", flat=True)) if links else set()
        asset_ids = set(dm.Asset.objects.values_list("pk", flat=True)) if links else set()
        missing = [
            f"{link['file']}: links[{link['index']}]: no trial {link['trial']!r}"
            f" or no asset {link['asset']!r}"
            for link in links
            if link["trial"] not in trial_ids or link["asset"] not in asset_ids
        ]
        if missing:
            raise TrialImportError(missing)
        TrialAsset.objects.bulk_create(
            [
                TrialAsset(
                    trial_id=x["trial"], asset_id=x["asset"], source_url=x.get("source_url", "")
                )
                for x in links
            ],
            ignore_conflicts=True,
        )
    return counts


def load_bundled_trials() -> Counter[str]:
    return load_trial_folder(DATA_DIR)


OBSERVATIONS_FILE = DATA_DIR / "konect.json"
OBSERVATIONS_FORMAT = "dari-trial-observations/1"


def konect_observations(path: Path = OBSERVATIONS_FILE) -> list[dict[str, Any]]:
    """KoNECT's published figures (each with its source), by year; TrialImportError names
    every problem of the file."""
    doc = read_file(path)
    errors = []
    if not isinstance(doc, dict) or doc.get("format") != OBSERVATIONS_FORMAT:
        raise TrialImportError([f"{path}: format: expected {OBSERVATIONS_FORMAT!r}"])
    rows = doc.get("observations", [])
    for i, row in enumerate(rows):
        at = f"{path}: observations[{i}]"
        if not isinstance(row.get("year"), int):
            errors.append(f"{at}.year: a year is required")
        if not isinstance(row.get("korea_share"), int | float):
            errors.append(f"{at}.korea_share: a number is required")
        if not WEB.match(str(row.get("source", ""))):
            errors.append(f"{at}.source: a source URL is required")
    if errors:
        raise TrialImportError(errors)
    return sorted(rows, key=lambda r: r["year"])
