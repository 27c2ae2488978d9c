"""List bundled names that would make (or are) an organisation but name a person, a place or a
registry placeholder (plain Python, no Django).

    python tools/list_suspect_orgs.py [-v] [DATA_FOLDER]

Reads the directory's organisation files (dari/data/organizations*.json, trials/sites.json) and
the bundled trials (trials/ctgov-*.json, trials/reports-*.json): every lead sponsor,
collaborator and site name. A name is suspicious when dari/trials/engine/notorg.py calls it a
person or a place, or dari/trials/engine/names.py a placeholder site ("Clinical Trial Site").
For each person or place (and with -v each placeholder) it prints the kind, the name and where
it comes from (file, record, field), and for a directory organisation
how many bundled records name its id (deals, assets, trials...).
Exit status 1 when a directory organisation file holds one that is not in ALLOWED.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "dari" / "data"
ENGINE = ROOT / "dari" / "trials" / "engine"

# Genuine organisations whose names the rule would take for a person or a place, by id, each
# with why (none so far: "Dr. Reddy's Laboratories" passes, its name holds "Laboratories").
ALLOWED: dict[str, str] = {}


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ENGINE / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


notorg = _load("notorg")
names = _load("names")


def kind_of(name: str, city: str = "") -> str | None:
    """ "person", "place", "placeholder" or None (an organisation's name, as far as we know)."""
    found = notorg.not_an_organisation(name)
    if found:
        return str(found)
    if name.strip() and names.is_anonymous_site(name, city) and name_key(name) != name_key(city):
        return "placeholder"
    return None


def name_key(text: str) -> str:
    return str(names.name_key(text))


def _json(path: Path) -> dict:
    data = json.loads(path.read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else {}


def directory_orgs(folder: Path) -> list[tuple[str, str, str]]:
    """(file, id, name) of every organisation the bundled directory files define."""
    found = []
    for path in [*sorted(folder.glob("organizations*.json")), folder / "trials" / "sites.json"]:
        if not path.exists():
            continue
        data = _json(path)
        for org in data.get("organizations", []) + data.get("sites", []):
            name = org.get("name") or org.get("name_en") or ""
            found.append((path.name, str(org.get("id", "")), name))
    return found


def trial_names(folder: Path) -> list[tuple[str, str, str, str, str]]:
    """(file, trial id, role, name, city) of every sponsor, collaborator and site named by the
    bundled trials."""
    found = []
    for path in sorted((folder / "trials").glob("ctgov-*.json")):
        data = _json(path)
        for study in data.get("studies") or [data]:
            p = study.get("protocolSection", {})
            ident = p.get("identificationModule", {})
            tid = ident.get("nctId") or ident.get("orgStudyIdInfo", {}).get("id", "?")
            sc = p.get("sponsorCollaboratorsModule", {})
            if sc.get("leadSponsor", {}).get("name"):
                found.append((path.name, tid, "sponsor", sc["leadSponsor"]["name"], ""))
            for c in sc.get("collaborators", []):
                found.append((path.name, tid, "collaborator", c.get("name", ""), ""))
            for loc in p.get("contactsLocationsModule", {}).get("locations", []):
                facility, city = loc.get("facility", ""), loc.get("city", "")
                found.append((path.name, tid, "site", facility, city))
    for path in sorted((folder / "trials").glob("reports-*.json")):
        for item in _json(path).get("trials", []):
            if item.get("sponsor"):
                found.append((path.name, item.get("id", "?"), "sponsor", item["sponsor"], ""))
            for site in item.get("korean_sites", []):
                found.append((path.name, item.get("id", "?"), "site", site, ""))
    return found


def references(folder: Path, org_ids: set[str]) -> Counter[str]:
    """How many times each id is named (as a JSON string) in the bundled data files."""
    counts: Counter[str] = Counter()
    for path in folder.rglob("*.json"):
        text = path.read_text(encoding="utf-8")
        for org_id in org_ids:
            counts[org_id] += text.count(f'"{org_id}"')
    return counts


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    argv = [a for a in argv if a != "-v"]
    folder = Path(argv[0]) if argv else DEFAULT
    bad_orgs = [(f, i, n, k) for f, i, n in directory_orgs(folder) if (k := kind_of(n))]
    refs = references(folder, {i for _, i, _, _ in bad_orgs})
    print(f"Directory organisation files: {len(bad_orgs)} suspicious names")
    failing = 0
    for file, org_id, name, kind in bad_orgs:
        allowed = org_id in ALLOWED
        failing += not allowed
        note = f"  (allowed: {ALLOWED[org_id]})" if allowed else ""
        print(f"  {kind:11} {name!r} id={org_id} in {file}; {refs[org_id] - 1} references{note}")
    by_name: dict[tuple[str, str], list[str]] = defaultdict(list)
    kinds: Counter[str] = Counter()
    for file, tid, role, name, city in trial_names(folder):
        kind = kind_of(name, city)
        if kind:
            by_name[(kind, name)].append(f"{file}:{tid}:{role}")
            kinds[kind] += 1
    print(
        f"Bundled trials: {len(by_name)} suspicious names in {sum(kinds.values())} fields "
        f"({', '.join(f'{k} {v}' for k, v in sorted(kinds.items())) or 'none'}); the importer "
        "makes no organisation of them"
    )
    for (kind, name), where in sorted(by_name.items()):
        if kind == "placeholder" and not verbose:
            continue
        shown = ", ".join(where[:4]) + (f" (+{len(where) - 4})" if len(where) > 4 else "")
        print(f"  {kind:11} {name!r}: {shown}")
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
