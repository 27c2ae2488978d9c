"""`dari trials import-ctgov`: validated, one transaction, errors with their paths, idempotent,
updates on change, sites resolved through aliases (SYNTHETIC files in the documented format)."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from dari.directory.models import Organization
from dari.trials.bundled import load_trial_folder
from dari.trials.importer import TrialImportError, import_files
from dari.trials.models import Investigator, SiteFact, SiteProfile, Trial, TrialAsset, TrialSite
from tests.factories import AssetFactory
from tests.getwalk import changed_tables, database_checksum
from tests.trials.conftest import SITES
from tests.trials.synthetic import page, study

pytestmark = pytest.mark.django_db

KR = "Korea, Republic of"


def test_a_page_imports_trials_sites_people_and_sponsors(write_json):
    doc = page(
        [
            study(
                "NCT90000001",
                phases=["PHASE1", "PHASE2"],
                sites=[
                    ("Samsung Medical Center", "Seoul", KR),
                    ("Research Site", "Busan", KR),
                    ("Local Institution - 7203", "Daegu", KR),
                    ("Incheon", "Incheon", KR),
                ],
                officials=[{"name": "SYNTHETIC Chair", "role": "STUDY_CHAIR", "affiliation": "X"}],
            ),
            study(
                "NCT90000002",
                status="COMPLETED",
                sites=[("Mayo Clinic", "Rochester", "United States")],
            ),
        ]
    )
    counts = import_files([write_json("p.json", doc)])
    assert (counts["new"], counts["unchanged"]) == (2, 0)
    trial = Trial.objects.get(pk="NCT90000001")
    assert (trial.phase_codes, trial.in_korea, trial.synthetic, trial.area) == (
        "|1|2|",
        True,
        True,
        "oncology",
    )
    assert trial.source_url == "https://clinicaltrials.gov/study/NCT90000001"
    assert trial.lead_sponsor.name == "SYNTHETIC Pharma 1"
    assert trial.lead_sponsor.kind == "pharma"
    sites = list(trial.sites.order_by("facility").values_list("facility", "organization__name"))
    # A registry placeholder ("Research Site") names no organisation.
    assert sites == [
        ("Incheon", None),
        ("Local Institution - 7203", None),
        ("Research Site", None),
        ("Samsung Medical Center", "Samsung Medical Center"),
    ]
    smc = Organization.objects.get(name="Samsung Medical Center")
    assert (smc.kind, smc.city, smc.country) == ("hospital", "Seoul", "KR")
    assert SiteProfile.objects.get(organization=smc).origin == "registry"
    people = sorted(Investigator.objects.filter(trial=trial).values_list("name", "role"))
    assert people == [
        ("SYNTHETIC Chair", "STUDY_CHAIR"),
        ("SYNTHETIC PI 0 Samsun", "PRINCIPAL_INVESTIGATOR"),
        ("SYNTHETIC PI 1 Resear", "PRINCIPAL_INVESTIGATOR"),
        ("SYNTHETIC PI 2 Local", "PRINCIPAL_INVESTIGATOR"),
        ("SYNTHETIC PI 3 Incheo", "PRINCIPAL_INVESTIGATOR"),
    ]
    assert Trial.objects.get(pk="NCT90000002").in_korea is False


def test_one_study_file_imports(write_json):
    counts = import_files([write_json("one.json", study("NCT90000003"))], synthetic=True)
    assert counts["new"] == 1
    assert Trial.objects.get().synthetic is True


def test_a_bad_file_writes_nothing_and_names_the_path(write_json):
    good = write_json("good.json", page([study("NCT90000010")]))
    bad_study = study("NCT90000011")
    bad_study["protocolSection"]["statusModule"]["overallStatus"] = "RUNNING"
    bad_study["protocolSection"]["designModule"]["phases"] = ["PHASE9"]
    bad = write_json("bad.json", page([study("NCT90000012"), bad_study]))
    before = database_checksum()
    with pytest.raises(TrialImportError) as exc:
        import_files([good, bad])
    assert exc.value.errors == [
        f"{bad}: studies[1].protocolSection.statusModule.overallStatus: 'RUNNING' is not one of "
        + ", ".join(__import__("dari.trials.vocab", fromlist=["x"]).TrialStatus.values),
        f"{bad}: studies[1].protocolSection.designModule.phases[0]: 'PHASE9' is not one of "
        "EARLY_PHASE1, PHASE1, PHASE2, PHASE3, PHASE4, NA",
    ]
    assert changed_tables(before, database_checksum()) == []


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (
            lambda s: s["protocolSection"]["identificationModule"].pop("nctId"),
            "studies[0].protocolSection.identificationModule.nctId: required (or a CRIS KCT number in secondaryIdInfos)",
        ),
        (
            lambda s: s["protocolSection"]["identificationModule"].update(nctId="NCT12"),
            "studies[0].protocolSection.identificationModule.nctId: 'NCT12' is not an NCT number (NCT and 8 digits)",
        ),
        (
            lambda s: s["protocolSection"]["statusModule"].update(
                startDateStruct={"date": "2023-13"}
            ),
            "studies[0].protocolSection.statusModule.startDateStruct.date: '2023-13' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
        ),
        (
            lambda s: s["protocolSection"]["designModule"].update(enrollmentInfo={"count": -3}),
            "studies[0].protocolSection.designModule.enrollmentInfo.count: expected a whole number of participants",
        ),
        (
            lambda s: s["protocolSection"]["identificationModule"].update(briefTitle="a\x00b"),
            "studies[0].protocolSection.identificationModule.briefTitle: text contains a NUL character",
        ),
        (
            lambda s: s["protocolSection"]["identificationModule"].update(briefTitle="a\ud800"),
            "studies[0].protocolSection.identificationModule.briefTitle: text is not valid Unicode (a lone surrogate)",
        ),
        (
            lambda s: s["protocolSection"].update(unread=2**70),
            "studies[0].protocolSection.unread: number too large",
        ),
    ],
)
def test_each_problem_is_named(write_json, mutate, message):
    s = study("NCT90000020")
    mutate(s)
    path = write_json("x.json", page([s]))
    with pytest.raises(TrialImportError) as exc:
        import_files([path])
    assert exc.value.errors == [f"{path}: {message}"]
    assert Trial.objects.count() == 0


def test_text_that_only_looks_unstorable_imports(write_json):
    title = "SYNTHETIC NaN Infinity \\u0000 12345678901234567890"
    import_files([write_json("p.json", page([study("NCT90000021", title=title)]))])
    assert Trial.objects.get().title == title


def test_the_site_finders_facts_follow_every_import(write_json):
    sites = [("Asan Medical Center", "Seoul", KR), ("Research Site", "Seoul", KR)]
    import_files([write_json("a.json", page([study("NCT90000040", sites=sites)]))])
    changed = study("NCT90000040", status="TERMINATED", sites=sites[:1], phases=["PHASE3"])
    import_files([write_json("b.json", page([changed, study("NCT90000041")]))])

    def facts():
        return sorted(
            SiteFact.objects.values_list(
                "trial_id", "organization_id", "phase_codes", "recruiting", "stopped"
            )
        )

    assert [f[0] for f in facts()] == ["NCT90000040", "NCT90000041"]
    assert facts()[0][2:] == ("|3|", False, True)
    incremental = facts()
    call_command("trials", "refresh-finder", stdout=io.StringIO())
    assert facts() == incremental


def test_malformed_json_is_named(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"studies": [', encoding="utf-8")
    with pytest.raises(TrialImportError) as exc:
        import_files([path])
    assert exc.value.errors[0].startswith(f"{path}: malformed JSON at line 1")


def test_reimport_is_idempotent_and_a_change_updates(write_json):
    path = write_json("p.json", page([study("NCT90000030"), study("NCT90000031")]))
    import_files([path])
    before = database_checksum()
    counts = import_files([path])
    assert (counts["new"], counts["updated"], counts["unchanged"]) == (0, 0, 2)
    assert changed_tables(before, database_checksum()) == []
    changed = study(
        "NCT90000030", status="TERMINATED", sites=[("Asan Medical Center", "Seoul", KR)]
    )
    counts = import_files([write_json("p2.json", page([changed, study("NCT90000031")]))])
    assert (counts["updated"], counts["unchanged"]) == (1, 1)
    trial = Trial.objects.get(pk="NCT90000030")
    assert trial.status == "TERMINATED"
    assert list(trial.sites.values_list("facility", flat=True)) == ["Asan Medical Center"]
    assert TrialSite.objects.filter(trial_id="NCT90000030").count() == 1


def test_site_names_resolve_through_aliases(write_json, tmp_path):
    folder = tmp_path / "bundle"
    write_json("bundle/sites.json", SITES)
    names = [
        "Seoul National University Hospital",
        "SNUH",
        "서울대학교병원",
        "seoul national university-hospital",
        "SEOUL NATIONAL  UNIVERSITY HOSPITAL",
        "Seoul National University Hospital, Seoul",
        # a sponsor's site number or unit after the hospital's name
        "Seoul National University Hospital /ID# 252289",
        "Seoul National University Hospital ( Site 1604)",
        "Seoul National University Hospital - PPDS",
        "Seoul National University Hospital-Oncology ( Site 1600)",
        "Lung Cancer Center - Seoul National University Hospital",
    ]
    studies = [study(f"NCT910000{i:02}", sites=[(n, "Seoul", KR)]) for i, n in enumerate(names)]
    write_json("bundle/ctgov-0001.json", page(studies))
    counts = load_trial_folder(folder)
    assert counts["new"] == 11
    orgs = set(TrialSite.objects.values_list("organization_id", flat=True))
    assert orgs == {"org-snuh-test"}
    snuh = Organization.objects.get(pk="org-snuh-test")
    assert (snuh.kind, snuh.name_ko, snuh.site_profile.phase1_unit) == (
        "hospital",
        "서울대학교병원",
        True,
    )
    before = database_checksum()
    load_trial_folder(folder)
    assert changed_tables(before, database_checksum()) == []


def test_a_site_name_misspelt_by_one_letter_is_the_bundled_site(write_json, tmp_path):
    write_json("bundle/sites.json", SITES)
    names = [
        "Seoul National Univresity Hospital",  # two letters swapped
        "Seoul National Uniersity Hospital",  # one left out
        "Asan Medial Center",
        "Asan Medical Center and 10 other institutes",
        # two letters away from a bundled site, or too short to judge: a site of its own
        "Seoul National Univrsty Hospital",
        "Asan Medicul Cantre",
        "AMX",
    ]
    studies = [study(f"NCT9130000{i}", sites=[(n, "Seoul", KR)]) for i, n in enumerate(names)]
    write_json("bundle/ctgov-0001.json", page(studies))
    load_trial_folder(tmp_path / "bundle")
    site = dict(TrialSite.objects.values_list("facility", "organization_id"))
    assert [site[n] for n in names[:4]] == ["org-snuh-test", "org-snuh-test"] + ["org-amc-test"] * 2
    assert not {site[n] for n in names[4:]} & {"org-snuh-test", "org-amc-test"}


def test_an_unknown_site_is_one_organisation_whatever_the_sponsors_number(write_json, tmp_path):
    write_json("bundle/sites.json", SITES)
    names = ["Eulji University Medical Center - Site 20", "Eulji University Medical Center /ID# 7"]
    studies = [study(f"NCT9120000{i}", sites=[(n, "Daejeon", KR)]) for i, n in enumerate(names)]
    studies.append(study("NCT91200009", sites=[("Eisai Site #1", "Seoul", KR)]))
    write_json("bundle/ctgov-0001.json", page(studies))
    load_trial_folder(tmp_path / "bundle")
    sites = TrialSite.objects.exclude(organization=None).values_list(
        "organization__name", flat=True
    )
    assert sorted(set(sites)) == ["Eulji University Medical Center"]
    # a sponsor's numbered placeholder names no organisation: the location keeps its city only
    assert not Organization.objects.filter(name__startswith="Eisai").exists()


def test_a_bad_sites_file_writes_nothing(write_json, tmp_path):
    bad = {
        **SITES,
        "sites": [
            {**SITES["sites"][0], "kind": "pharma"},
            {**SITES["sites"][1], "aliases": ["SNUH"]},
        ],
    }
    path = write_json("bundle/sites.json", bad)
    write_json("bundle/ctgov-0001.json", page([study("NCT91000009")]))
    with pytest.raises(TrialImportError) as exc:
        load_trial_folder(tmp_path / "bundle")
    assert exc.value.errors == [
        f"{path}: sites[0].kind: 'pharma' is not one of hospital, clinical_trial_center",
        f"{path}: sites[1]: the name 'SNUH' also names site 'org-snuh-test'",
    ]
    assert (Trial.objects.count(), Organization.objects.count()) == (0, 0)


def test_links_come_from_every_links_file_and_one_bad_link_writes_nothing(write_json, tmp_path):
    asset = AssetFactory()
    write_json("bundle/ctgov-0001.json", page([study("NCT91000011"), study("NCT91000012")]))
    links = {"format": "dari-trial-assets/1"}
    write_json("bundle/asset_links.json", {**links, "links": [_link("NCT91000011", asset)]})
    second = write_json(
        "bundle/asset_links2.json",
        {**links, "links": [_link("NCT91000012", asset), _link("NCT99999999", asset)]},
    )
    with pytest.raises(TrialImportError) as exc:
        load_trial_folder(tmp_path / "bundle")
    assert exc.value.errors == [
        f"{second}: links[1]: no trial 'NCT99999999' or no asset {asset.pk!r}"
    ]
    assert Trial.objects.count() == 0
    write_json("bundle/asset_links2.json", {**links, "links": [_link("NCT91000012", asset)]})
    load_trial_folder(tmp_path / "bundle")
    assert set(TrialAsset.objects.values_list("trial_id", flat=True)) == {
        "NCT91000011",
        "NCT91000012",
    }


def _link(trial: str, asset) -> dict[str, str]:
    return {
        "trial": trial,
        "asset": asset.pk,
        "source_url": f"https://clinicaltrials.gov/study/{trial}",
    }


def test_the_command_refuses_a_bad_file_with_exit_2(write_json):
    s = study("NCT90000040")
    s["protocolSection"]["identificationModule"]["briefTitle"] = ""
    path = write_json("bad.json", page([s]))
    with pytest.raises(CommandError) as exc:
        call_command("trials", "import-ctgov", str(path))
    assert exc.value.returncode == 2
    assert str(exc.value) == (
        "import refused, nothing was written (1 problem):\n"
        f"  {path}: studies[0].protocolSection.identificationModule.briefTitle: required"
    )


def test_the_command_imports_and_says_what(write_json, capsys):
    path = write_json("p.json", page([study("NCT90000050")]))
    call_command("trials", "import-ctgov", str(path), "--no-progress")
    call_command("trials", "import-ctgov", str(path), "--no-progress")
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "imported 1 new trials; 2 organisations created",
        "imported 1 unchanged trials",
    ]


def test_a_site_name_keeps_no_quotes_from_a_csv_export(write_json, tmp_path):
    """A CSV export may keep its quoting around a facility (SYNTHETIC name): the organisation
    made for it is named without the quotes, and the same site without quotes is the same one."""
    folder = tmp_path / "bundle"
    write_json("bundle/sites.json", SITES)
    quoted = '"Synthetic Hospital, Department of Cardiology"'
    studies = [
        study("NCT91000101", sites=[(quoted, "Seoul", KR)]),
        study("NCT91000102", sites=[(quoted.strip('"'), "Seoul", KR)]),
    ]
    write_json("bundle/ctgov-0001.json", page(studies))
    load_trial_folder(folder)
    orgs = set(TrialSite.objects.values_list("organization_id", flat=True))
    assert len(orgs) == 1
    assert Organization.objects.get(pk=orgs.pop()).name == (
        "Synthetic Hospital, Department of Cardiology"
    )


def test_one_registry_entry_may_name_several_organisations():
    from dari.trials.engine.names import organisation_names

    assert organisation_names("Yonsei University; Severance Hospital") == [
        "Yonsei University",
        "Severance Hospital",
    ]
    assert organisation_names("University of California, San Francisco") == [
        "University of California, San Francisco"
    ]
    assert organisation_names(" A Hospital ;; A Hospital; ") == ["A Hospital"]
