"""tools/check_trial_data.py: the bundled real trials pass; bad files (SYNTHETIC, written here) fail
with the place of each problem."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location(
    "check_trial_data", ROOT / "tools" / "check_trial_data.py"
)
assert _spec and _spec.loader
check = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check)


def _study(nct: str, country: str = "Korea, Republic of", **dari: str) -> dict:
    study: dict = {
        "protocolSection": {
            "identificationModule": {"nctId": nct, "briefTitle": "SYNTHETIC study"},
            "statusModule": {"overallStatus": "RECRUITING"},
            "contactsLocationsModule": {
                "locations": [{"facility": "SYNTHETIC", "country": country}]
            },
        }
    }
    if dari:
        study["dari"] = dari
    return study


def _folder(tmp_path: Path, studies: list[dict]) -> Path:
    (tmp_path / "ctgov-synthetic.json").write_text(
        json.dumps({"studies": studies}), encoding="utf-8"
    )
    sites = {
        "format": "dari-trial-sites/1",
        "sites": [
            {
                "id": "org-x",
                "kind": "hospital",
                "name_en": "SYNTHETIC Hospital",
                "name_ko": "합성병원",
                "city": "Seoul",
                "source_url": "https://example.org/",
            }
        ],
    }
    (tmp_path / "sites.json").write_text(json.dumps(sites), encoding="utf-8")
    return tmp_path


def test_bundled_trial_data_passes(capsys):
    assert check.main(["check"]) == 0
    out = capsys.readouterr().out
    studies = int(out.split(" studies")[0].split()[-1])
    assert studies >= 300


def test_good_synthetic_folder_passes(tmp_path):
    assert check.main(["check", str(_folder(tmp_path, [_study("NCT00000001")]))]) == 0


def test_each_problem_is_named(tmp_path, capsys):
    studies = [
        _study("NCT00000001"),
        _study("NCT00000001"),  # duplicate
        _study("NCT123"),  # bad id
        _study("NCT00000002", country="Japan"),  # no Korean site
        _study("NCT00000003", source_url="https://example.org/NCT00000003"),  # not the registry
    ]
    assert check.main(["check", str(_folder(tmp_path, studies))]) == 1
    out = capsys.readouterr().out
    assert "studies[1]: NCT00000001 is already in" in out
    assert "studies[2].identificationModule.nctId: 'NCT123'" in out
    assert "studies[3].contactsLocationsModule.locations: no location in Korea" in out
    assert "studies[4].dari.source_url" in out


def test_pages_read_must_pass_the_host_policy(tmp_path, capsys):
    """Each page named in dari.obtained_from (a list of pages read) must be on a host the
    source-host policy accepts; a repository copy (a dict) is left alone. SYNTHETIC hosts."""
    good = _study("NCT00000001")
    good["dari"] = {"obtained_from": ["https://www.synthetic-registry.org/NCT00000001"]}
    copy = _study("NCT00000002")
    copy["dari"] = {"obtained_from": {"repository": "synthetic/repo", "path": "x.json"}}
    bad = _study("NCT00000003")
    bad["dari"] = {
        "obtained_from": [
            "https://www.synthetic-registry.org/NCT00000003",
            "https://preprod.synthetic-registry.org/NCT00000003",
            "https://trial.medpath.com/clinical-trial/synthetic",
            42,
        ]
    }
    assert check.main(["check", str(_folder(tmp_path, [good, copy]))]) == 0
    capsys.readouterr()
    assert check.main(["check", str(_folder(tmp_path, [good, copy, bad]))]) == 1
    out = capsys.readouterr().out
    assert "obtained_from[0]" not in out
    assert "studies[2].dari.obtained_from[1]: 'https://preprod.synthetic-registry.org" in out
    assert "studies[2].dari.obtained_from[2]: 'https://trial.medpath.com" in out
    assert "studies[2].dari.obtained_from[3]: 42 is refused (not a web address)" in out


def test_cris_only_study_needs_a_cris_url(tmp_path, capsys):
    cris = _study("NCT00000001")
    ident = cris["protocolSection"]["identificationModule"]
    del ident["nctId"]
    ident["secondaryIdInfos"] = [{"id": "KCT0001234", "domain": "CRIS"}]
    assert check.main(["check", str(_folder(tmp_path, [cris]))]) == 1
    assert "is not on clinicaltrials.gov or cris.nih.go.kr" in capsys.readouterr().out
    cris["dari"] = {"source_url": "https://cris.nih.go.kr/cris/search/detailSearch.do?seq=1"}
    assert check.main(["check", str(_folder(tmp_path, [cris]))]) == 0


def _bundled(name: str) -> dict:
    return json.loads((check.DEFAULT / name).read_text(encoding="utf-8"))


def test_at_least_thirty_designated_trial_centres():
    """KoNECT/MOHW regional and global leading centres and MFDS-designated institutions, each
    designation with its own source (README.md, "designations")."""
    assert check.designated_sites(check.DEFAULT) >= 30
    programmes = {
        d["programme"] for s in _bundled("sites.json")["sites"] for d in s.get("designations", [])
    }
    assert {"mohw_regional_ctc", "global_leading_ctc", "mfds_designated"} <= programmes


def test_every_trial_folder_source_passes_the_host_policy():
    from dari.directory.sourcehosts import source_host_problem

    urls = []
    for site in _bundled("sites.json")["sites"]:
        urls.append(site["source_url"])
        urls += [d["source_url"] for d in site.get("designations", [])]
    urls += [link["source_url"] for link in _bundled("asset_links.json")["links"]]
    for path in sorted(check.DEFAULT.glob("ctgov-*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        urls += [s.get("dari", {}).get("source_url", "") for s in doc["studies"]]
        for study in doc["studies"]:
            pages = study.get("dari", {}).get("obtained_from")
            if isinstance(pages, list):  # the pages read for the record (not a repository copy)
                urls += pages
    refused = sorted(
        {f"{u}: {source_host_problem(u)}" for u in urls if u and source_host_problem(u)}
    )
    assert refused == []


def test_designation_problems_are_named(tmp_path, capsys):
    folder = _folder(tmp_path, [_study("NCT00000001")])
    doc = json.loads((folder / "sites.json").read_text(encoding="utf-8"))
    doc["sites"][0]["designations"] = [{"programme": "SYNTHETIC", "year": "2004"}]
    (folder / "sites.json").write_text(json.dumps(doc), encoding="utf-8")
    assert check.main(["check", str(folder)]) == 1
    out = capsys.readouterr().out
    assert "designations[0].programme: 'SYNTHETIC'" in out
    assert "designations[0].year: not a year" in out
    assert "designations[0].source_url: not a web address" in out


def test_a_trial_of_a_korean_asset_may_have_no_korean_site(tmp_path, capsys):
    """A study without a Korean location passes only when asset_links.json links it to a bundled
    asset of a Korean organisation (SYNTHETIC organisations and assets, written here)."""
    directory = {
        "organizations": [
            {"id": "synthetic-kr", "country": "KR"},
            {"id": "synthetic-us", "country": "US"},
        ],
        "assets": [
            {"id": "as-synthetic-kr", "organization": "synthetic-kr"},
            {"id": "as-synthetic-us", "organization": "synthetic-us"},
        ],
    }
    (tmp_path / "directory.json").write_text(json.dumps(directory), encoding="utf-8")
    folder = tmp_path / "trials"
    folder.mkdir()
    studies = [_study("NCT00000001", country="Japan"), _study("NCT00000002", country="Japan")]
    _folder(folder, studies)
    links = {
        "format": "dari-trial-assets/1",
        "links": [
            {"trial": "NCT00000001", "asset": "as-synthetic-kr"},
            {"trial": "NCT00000002", "asset": "as-synthetic-us"},
        ],
    }
    (folder / "asset_links.json").write_text(json.dumps(links), encoding="utf-8")
    assert check.main(["check", str(folder)]) == 1
    out = capsys.readouterr().out
    assert "studies[0]" not in out
    assert "studies[1].contactsLocationsModule.locations: no location in Korea" in out
    links["links"].pop()
    (folder / "asset_links.json").write_text(json.dumps(links), encoding="utf-8")
    _folder(folder, studies[:1])
    assert check.main(["check", str(folder)]) == 0
