"""Check the bundled real trial data in dari/data/trials/ (plain Python, no Django).

    python tools/check_trial_data.py [FOLDER]

Every study in ctgov-*.json must have a registry id (NCT + 8 digits, or a CRIS KCT + 7 digits in
secondaryIdInfos when there is no NCT id), a source URL on clinicaltrials.gov (for that same NCT
id) or cris.nih.go.kr, a brief title, an overall status and at least one location in Korea, unless
asset_links.json links it to a bundled asset of a Korean organisation (a trial of a Korean asset
whose sources name no Korean site). A trial known from a report (reports-*.json) needs an id, a
title, its report and every page used on hosts the source-host policy accepts, and a Korean site or
country, or a link to a Korean asset. No id may appear twice. sites.json needs the fields its README
asks for, web addresses and unique names; asset_links.json may only name bundled trials and bundled
assets. When a study's dari.obtained_from is a list of pages read, each must be a web address on a
host the source-host policy accepts (dari/directory/sourcehosts.py: no mirrors, copies,
pre-production or staging servers). Exit status 1 on any problem, each printed with its file and
place.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "dari" / "data" / "trials"
NCT = re.compile(r"^NCT\d{8}$")
KCT = re.compile(r"^KCT\d{7}$")
KOREA = {"korea, republic of", "south korea", "republic of korea", "korea"}
REGISTRY_HOSTS = {"clinicaltrials.gov", "www.clinicaltrials.gov", "cris.nih.go.kr"}
SITE_KINDS = {"hospital", "clinical_trial_center"}
# Public designations of a site (README.md, "designations"): MOHW/KoNECT regional clinical trial
# centre, KoNECT global leading centre or its consortium partner, MFDS-designated institution.
PROGRAMMES = {
    "mohw_regional_ctc",
    "global_leading_ctc",
    "global_leading_ctc_partner",
    "mfds_designated",
}


def _load_source_host_problem() -> Callable[[str], str | None]:
    """The source-host policy, loaded from its file (plain Python, no Django, no package import)."""
    spec = importlib.util.spec_from_file_location(
        "sourcehosts", ROOT / "dari" / "directory" / "sourcehosts.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.source_host_problem  # type: ignore[no-any-return]


source_host_problem = _load_source_host_problem()


def obtained_from_problems(dari: object, where: str) -> list[str]:
    """Problems of a study's dari.obtained_from when it is a list of pages read: each must be a web
    address whose host the source-host policy accepts (a dict naming a repository copy is left
    alone)."""
    pages = dari.get("obtained_from") if isinstance(dari, dict) else None
    if not isinstance(pages, list):
        return []
    problems = []
    for j, url in enumerate(pages):
        problem = source_host_problem(url) if isinstance(url, str) else "not a web address"
        if problem:
            problems.append(f"{where}.dari.obtained_from[{j}]: {url!r} is refused ({problem})")
    return problems


def _key(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


NO_KOREAN_SITE = "contactsLocationsModule.locations: no location in Korea"


def study_problems(study: object, where: str) -> tuple[str | None, list[str]]:
    """(registry id, problems) of one ClinicalTrials.gov v2-shaped study; a missing Korean
    location is reported as `NO_KOREAN_SITE` (main() forgives it for a trial of a Korean asset)."""
    if not isinstance(study, dict) or not isinstance(study.get("protocolSection"), dict):
        return None, [f"{where}: not a study (no protocolSection)"]
    ps = study["protocolSection"]
    problems: list[str] = []
    ident = ps.get("identificationModule") or {}
    nct = ident.get("nctId")
    kcts = [
        s.get("id")
        for s in ident.get("secondaryIdInfos") or []
        if isinstance(s, dict) and KCT.match(str(s.get("id", "")))
    ]
    if nct is not None and not NCT.match(str(nct)):
        problems.append(f"{where}.identificationModule.nctId: {nct!r} is not NCT + 8 digits")
    reg_id = nct if nct else (kcts[0] if kcts else None)
    if reg_id is None:
        problems.append(f"{where}: no registry id (nctId, or a KCT id in secondaryIdInfos)")
    if not str(ident.get("briefTitle") or "").strip():
        problems.append(f"{where}.identificationModule.briefTitle: missing")
    if not (ps.get("statusModule") or {}).get("overallStatus"):
        problems.append(f"{where}.statusModule.overallStatus: missing")
    url = (study.get("dari") or {}).get("source_url")
    if not url and nct:
        url = f"https://clinicaltrials.gov/study/{nct}"
    host = urlparse(str(url or "")).netloc.lower()
    if host not in REGISTRY_HOSTS:
        problems.append(
            f"{where}.dari.source_url: {url!r} is not on clinicaltrials.gov or cris.nih.go.kr"
        )
    elif nct and "clinicaltrials.gov" in host and not str(url).rstrip("/").endswith(nct):
        problems.append(f"{where}.dari.source_url: {url!r} is not the page of {nct}")
    problems += obtained_from_problems(study.get("dari"), where)
    locations = (ps.get("contactsLocationsModule") or {}).get("locations") or []
    if not any(
        isinstance(loc, dict) and str(loc.get("country", "")).casefold() in KOREA
        for loc in locations
    ):
        problems.append(f"{where}.{NO_KOREAN_SITE}")
    return reg_id, problems


def report_problems(item: object, where: str) -> tuple[str | None, list[str]]:
    """(registry id, problems) of one trial known from a report (reports-*.json): an id, a title,
    the report and every page used on hosts the source-host policy accepts; a trial with no
    Korean site or country is reported as `NO_KOREAN_SITE` like a registry record."""
    if not isinstance(item, dict):
        return None, [f"{where}: not a trial object"]
    problems: list[str] = []
    reg_id = str(item.get("id") or "").strip() or None
    if reg_id is None:
        problems.append(f"{where}.id: missing")
    if not str(item.get("title") or "").strip():
        problems.append(f"{where}.title: missing")
    pages = [("source_url", item.get("source_url"))]
    pages += [(f"sources[{j}]", url) for j, url in enumerate(item.get("sources") or [])]
    for name, url in pages:
        problem = source_host_problem(url) if isinstance(url, str) and url else "missing"
        if problem:
            problems.append(f"{where}.{name}: {url!r} is refused ({problem})")
    if "KR" not in (item.get("countries") or []) and not item.get("korean_sites"):
        problems.append(f"{where}.{NO_KOREAN_SITE}")
    return reg_id, problems


def _documents(folder: Path, pattern: str, key: str) -> list[tuple[str, object]]:
    """(where, item) of every item under `key` in the folder's files matching `pattern` (a file
    without `key` is one item); unreadable files are reported as items of None."""
    out: list[tuple[str, object]] = []
    for path in sorted(folder.glob(pattern)):
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            out.append((f"{path.name}: unreadable JSON ({exc})", None))
            continue
        items = doc.get(key) if isinstance(doc, dict) and key in doc else [doc]
        if not isinstance(items, list):
            out.append((f"{path.name}: {key}: expected a list", None))
            continue
        out += [(f"{path.name}: {key}[{i}]", item) for i, item in enumerate(items)]
    return out


def check_studies(folder: Path) -> tuple[dict[str, list[str]], list[str], int]:
    """(problems of each registry id, problems of no id, number of studies)."""
    ids: dict[str, list[str]] = {}
    wheres: dict[str, str] = {}
    problems: list[str] = []
    count = 0
    found_in = [
        *(
            (where, study, study_problems)
            for where, study in _documents(folder, "ctgov-*.json", "studies")
        ),
        *(
            (where, item, report_problems)
            for where, item in _documents(folder, "reports-*.json", "trials")
        ),
    ]
    for where, item, check in found_in:
        if item is None:
            problems.append(where)
            continue
        reg_id, found = check(item, where)
        count += 1
        if not reg_id:
            problems += found
        elif reg_id in ids:
            problems += [*found, f"{where}: {reg_id} is already in {wheres[reg_id]}"]
        else:
            ids[reg_id], wheres[reg_id] = found, where
    if count == 0:
        problems.append(f"{folder}: no ctgov-*.json studies")
    return ids, problems, count


def check_sites(folder: Path) -> tuple[int, list[str]]:
    path = folder / "sites.json"
    if not path.exists():
        return 0, [f"{path.name}: missing"]
    doc = json.loads(path.read_text(encoding="utf-8"))
    problems: list[str] = []
    if doc.get("format") != "dari-trial-sites/1":
        problems.append(f"{path.name}: format: expected 'dari-trial-sites/1'")
    names: dict[str, str] = {}
    ids: set[str] = set()
    sites = doc.get("sites") or []
    for i, site in enumerate(sites):
        where = f"{path.name}: sites[{i}]"
        for field in ("id", "name_en", "name_ko", "city", "source_url"):
            if not str(site.get(field) or "").strip():
                problems.append(f"{where}.{field}: missing")
        if site.get("kind") not in SITE_KINDS:
            problems.append(f"{where}.kind: {site.get('kind')!r}")
        if site.get("id") in ids:
            problems.append(f"{where}.id: {site.get('id')!r} twice")
        ids.add(site.get("id"))
        if not re.match(r"^https?://\S+$", str(site.get("source_url") or "")):
            problems.append(f"{where}.source_url: not a web address")
        for j, des in enumerate(site.get("designations") or []):
            at = f"{where}.designations[{j}]"
            if des.get("programme") not in PROGRAMMES:
                problems.append(f"{at}.programme: {des.get('programme')!r}")
            if "year" in des and not isinstance(des["year"], int):
                problems.append(f"{at}.year: not a year")
            if not re.match(r"^https?://\S+$", str(des.get("source_url") or "")):
                problems.append(f"{at}.source_url: not a web address")
        if site.get("name_ko") and not re.search(r"[\uac00-\ud7a3]", site["name_ko"]):
            problems.append(f"{where}.name_ko: no Hangul")
        for text in [site.get("name_en"), site.get("name_ko"), *(site.get("aliases") or [])]:
            if not text:
                continue
            other = names.setdefault(_key(text), str(site.get("id")))
            if other != site.get("id"):
                problems.append(f"{where}: the name {text!r} also names {other}")
    return len(sites), problems


def designated_sites(folder: Path) -> int:
    """How many sites carry at least one sourced public designation."""
    path = folder / "sites.json"
    if not path.exists():
        return 0
    sites = json.loads(path.read_text(encoding="utf-8")).get("sites") or []
    return sum(1 for s in sites if s.get("designations"))


CLINICAL = ("phase1", "phase2", "phase3", "filed", "approved")
NOT_MEDICINES = ("diagnostic", "medical_device", "digital_therapeutic", "platform_technology")
"""Modalities that are not tested in a drug or vaccine trial: the coverage is printed without
them too."""


def bundled_assets(
    folder: Path, medicines_only: bool = False
) -> tuple[dict[str, str], dict[str, str], set[str]]:
    """(stage by asset id, organisation by asset id, Korean organisation ids) of the bundle;
    with `medicines_only`, without diagnostics, devices, software and platforms."""
    stage: dict[str, str] = {}
    owner: dict[str, str] = {}
    korean_orgs: set[str] = set()
    for data in sorted(folder.parent.glob("*.json")):
        loaded = json.loads(data.read_text(encoding="utf-8"))
        if not isinstance(loaded, dict):
            continue
        for asset in loaded.get("assets", []):
            if medicines_only and asset.get("modality") in NOT_MEDICINES:
                continue
            stage[asset["id"]] = asset.get("stage") or ""
            owner[asset["id"]] = asset.get("organization", "")
        orgs = loaded.get("organizations", [])
        korean_orgs |= {o["id"] for o in orgs if o.get("country") == "KR"}
    return stage, owner, korean_orgs


def korean_clinical_coverage(
    folder: Path, medicines_only: bool = False
) -> dict[str, tuple[int, int]]:
    """(linked, all) Korean assets at phase 1 or later, by stage and in total."""
    stage, owner, korean_orgs = bundled_assets(folder, medicines_only)
    linked = {
        link.get("asset")
        for path in sorted(folder.glob("asset_links*.json"))
        for link in json.loads(path.read_text(encoding="utf-8")).get("links") or []
    }
    out: dict[str, tuple[int, int]] = {}
    for name in (*CLINICAL, "total"):
        ids = [
            a
            for a, st in stage.items()
            if owner[a] in korean_orgs and st in CLINICAL and name in (st, "total")
        ]
        out[name] = (sum(1 for a in ids if a in linked), len(ids))
    return out


def check_links(folder: Path, trial_ids: set[str]) -> tuple[int, list[str], set[str]]:
    """(number of links, problems, trials linked to an asset of a Korean organisation), over
    every asset_links*.json of the folder."""
    paths = sorted(folder.glob("asset_links*.json"))
    if not paths:
        return 0, [], set()
    stage, owner, korean_orgs = bundled_assets(folder)
    assets = set(stage)
    problems = []
    links: list[dict] = []
    for path in paths:
        doc = json.loads(path.read_text(encoding="utf-8"))
        if doc.get("format") != "dari-trial-assets/1":
            problems.append(f"{path.name}: format: expected 'dari-trial-assets/1'")
        for i, link in enumerate(doc.get("links") or []):
            links.append(link)
            if link.get("trial") not in trial_ids:
                problems.append(
                    f"{path.name}: links[{i}].trial: {link.get('trial')!r} is not a bundled trial"
                )
            if assets and link.get("asset") not in assets:
                problems.append(
                    f"{path.name}: links[{i}].asset: {link.get('asset')!r} is not a bundled asset"
                )
    korean = {
        str(link.get("trial")) for link in links if owner.get(link.get("asset", "")) in korean_orgs
    }
    return len(links), problems, korean


def main(argv: list[str]) -> int:
    folder = Path(argv[1]) if len(argv) > 1 else DEFAULT
    by_id, problems, count = check_studies(folder)
    trial_ids = set(by_id)
    n_sites, site_problems = check_sites(folder)
    n_links, link_problems, korean_asset_trials = check_links(folder, trial_ids)
    for reg_id, found in by_id.items():
        # A trial of a bundled Korean asset may have no known Korean site (its record says so).
        forgiven = reg_id in korean_asset_trials
        problems += [p for p in found if not (forgiven and p.endswith(NO_KOREAN_SITE))]
    problems += site_problems + link_problems
    for problem in problems:
        print(problem)
    print(
        f"{count} studies ({len(trial_ids)} ids), {n_sites} sites "
        f"({designated_sites(folder)} designated), {n_links} asset links: "
        f"{'OK' if not problems else f'{len(problems)} problem(s)'}"
    )
    for label, medicines_only in (("", False), (" (medicines and vaccines only)", True)):
        coverage = korean_clinical_coverage(folder, medicines_only)
        print(
            f"Korean assets at phase 1 or later with a trial{label}: "
            + ", ".join(f"{name} {n}/{of}" for name, (n, of) in coverage.items())
        )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
