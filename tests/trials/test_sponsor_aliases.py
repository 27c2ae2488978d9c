"""A registry sponsor written under another spelling of a curated company resolves to it: with
"Pharmaceutical(s)", "Pharm" or "Pharma" left off where only one curated company has the rest
("Chong Kun Dang Pharmaceutical" is Chong Kun Dang), or through the curated sponsor-alias table
(dari/data/trials/sponsor_aliases.json: "Hoffmann-La Roche" is Roche). A name of another company
stays apart ("SK Life Science" is not SK bioscience). SYNTHETIC trials; the company names are
the real spellings the bundled registry records use."""

from __future__ import annotations

import json

import pytest

from dari.directory.bundled import load_bundled_data
from dari.directory.models import Organization
from dari.trials.bundled import DATA_DIR, load_trial_folder
from dari.trials.engine.names import bare_company_key, company_key
from dari.trials.importer import TrialImportError, import_files
from dari.trials.models import SiteAlias, Trial, TrialSite
from tests.factories import OrganizationFactory
from tests.trials.conftest import SITES
from tests.trials.synthetic import page, study

KR = "Korea, Republic of"
ROCHE_SOURCE = "https://pharmaboardroom.com/directory/roche-holding-ag/"
ALIASES = {
    "format": "dari-sponsor-aliases/1",
    "aliases": [
        {
            "organization": "roche",
            "names": ["Hoffmann-La Roche"],
            "sources": [ROCHE_SOURCE],
        }
    ],
}


@pytest.mark.parametrize(
    ("registry", "directory"),
    [
        ("Chong Kun Dang Pharmaceutical", "Chong Kun Dang"),
        ("Chong Kun Dang Pharmaceutical Corp.", "Chong Kun Dang"),
        ("Shin Poong Pharmaceutical Co. Ltd.", "Shin Poong Pharm"),
        ("IL-YANG PHARM. CO., LTD.", "Il-Yang Pharmaceutical"),
        ("Novartis Pharmaceuticals", "Novartis"),
        ("Astellas Pharma Inc", "Astellas"),
    ],
)
def test_a_trade_word_is_left_off_the_bare_key(registry, directory):
    assert bare_company_key(registry) == bare_company_key(directory) != ""


def test_a_nordic_legal_form_is_a_legal_form():
    assert company_key("Novo Nordisk A/S") == company_key("Novo Nordisk") == "novonordisk"


def _sponsors(write_json, names):
    studies = [study(f"NCT9140{i:04}", sponsor=(name, "INDUSTRY")) for i, name in enumerate(names)]
    import_files([write_json("p.json", page(studies))])
    trials = Trial.objects.order_by("pk").values_list("sponsor_name", "lead_sponsor_id")
    return dict(trials)


@pytest.mark.django_db
def test_a_sponsor_without_its_trade_word_resolves_to_the_one_curated_company(write_json):
    for org_id, name in [
        ("chong-kun-dang", "Chong Kun Dang"),
        ("chong-kun-dang-holdings", "Chong Kun Dang Holdings"),
        ("hanmi-pharmaceutical", "Hanmi Pharmaceutical"),
        ("hanmi-science", "Hanmi Science"),
        ("sk-bioscience", "SK bioscience"),
        ("sk-biopharmaceuticals", "SK Biopharmaceuticals"),
        ("seoul-pharma", "Seoul Pharma"),
    ]:
        OrganizationFactory(id=org_id, name=name, kind="pharma")
    names = [
        "Chong Kun Dang Pharmaceutical",
        "Hanmi Pharm. Co., Ltd.",
        "Hanmi Science Co., Ltd.",
        "SK Life Science",
        "SK Pharma Co., Ltd.",
        "Seoul Clinical Research Foundation",
    ]
    sponsor = _sponsors(write_json, names)
    assert [sponsor[n] for n in names[:3]] == [
        "chong-kun-dang",
        "hanmi-pharmaceutical",
        "hanmi-science",
    ]
    # another company of a group, a name too short once its trade word is left off
    assert [sponsor[n].startswith("reg-") for n in names[3:]] == [True, True, True]


@pytest.mark.django_db
def test_a_place_is_no_company_whose_name_without_its_trade_word_it_is(write_json):
    OrganizationFactory(id="seoul-pharma", name="Seoul Pharma", kind="pharma")
    import_files(
        [write_json("p.json", page([study("NCT91600001", sites=[("Seoul", "Seoul", KR)])]))]
    )
    assert list(TrialSite.objects.values_list("facility", "organization_id")) == [("Seoul", None)]


@pytest.mark.django_db
def test_two_curated_companies_with_one_bare_key_take_no_registry_name(write_json):
    OrganizationFactory(id="acme-pharma", name="SYNTHETIC Acme Pharma", kind="pharma")
    OrganizationFactory(id="acme", name="SYNTHETIC Acme", kind="pharma")
    sponsor = _sponsors(write_json, ["SYNTHETIC Acme Pharmaceuticals Inc.", "SYNTHETIC Acme Inc."])
    assert sponsor["SYNTHETIC Acme Pharmaceuticals Inc."].startswith("reg-")
    assert sponsor["SYNTHETIC Acme Inc."] == "acme"


def _bundle(write_json, aliases, sponsors):
    write_json("bundle/sites.json", SITES)
    write_json("bundle/sponsor_aliases.json", aliases)
    studies = [
        study(f"NCT9150{i:04}", sponsor=(name, "INDUSTRY")) for i, name in enumerate(sponsors)
    ]
    return write_json("bundle/ctgov-0001.json", page(studies)).parent


@pytest.mark.django_db
def test_a_sponsor_alias_resolves_to_the_curated_company(write_json):
    OrganizationFactory(id="roche", name="Roche", name_ko="로슈", kind="pharma")
    folder = _bundle(write_json, ALIASES, ["Hoffmann-La Roche", "Hoffmann Pharma"])
    load_trial_folder(folder)
    sponsor = dict(Trial.objects.values_list("sponsor_name", "lead_sponsor_id"))
    assert sponsor["Hoffmann-La Roche"] == "roche"
    assert sponsor["Hoffmann Pharma"].startswith("reg-")
    assert SiteAlias.objects.get(key="hoffmannlaroche").organization_id == "roche"


@pytest.mark.django_db
def test_a_registry_copy_of_an_aliased_sponsor_is_folded_in_on_reload(write_json):
    """A database imported before the alias table: its copy "Hoffmann-La Roche" goes, its
    trials link to Roche."""
    folder = _bundle(write_json, {**ALIASES, "aliases": []}, ["Hoffmann-La Roche"])
    load_trial_folder(folder)
    copy = Trial.objects.get().lead_sponsor
    assert copy.pk.startswith("reg-")
    OrganizationFactory(id="roche", name="Roche", kind="pharma")
    write_json("bundle/sponsor_aliases.json", ALIASES)
    counts = load_trial_folder(folder)
    assert (counts["unchanged"], counts["organisations merged"]) == (1, 1)
    assert not Organization.objects.filter(pk=copy.pk).exists()
    assert Trial.objects.get().lead_sponsor_id == "roche"


@pytest.mark.django_db
def test_a_sponsor_alias_that_names_a_site_or_has_no_source_is_refused(write_json):
    bad = {
        "format": "dari-sponsor-aliases/1",
        "aliases": [
            {"organization": "roche", "names": ["SNUH"], "sources": [ROCHE_SOURCE]},
            {"organization": "gsk", "names": ["GlaxoSmithKline"], "sources": []},
            {"organization": "gsk", "names": ["GSK plc"], "sources": ["https://example.org/x"]},
        ],
    }
    with pytest.raises(TrialImportError) as refused:
        load_trial_folder(_bundle(write_json, bad, ["Hoffmann-La Roche"]))
    assert [e.split(": ", 1)[1] for e in refused.value.errors] == [
        "aliases[0]: the name 'SNUH' also names 'org-snuh-test'",
        "aliases[1].sources: a list of web addresses is required",
        "aliases[2].sources: 'https://example.org/x' is refused (a placeholder host)",
    ]
    assert Trial.objects.count() == 0


@pytest.mark.django_db
def test_every_bundled_sponsor_alias_names_a_bundled_organisation():
    load_bundled_data()
    doc = json.loads((DATA_DIR / "sponsor_aliases.json").read_text(encoding="utf-8"))
    wanted = {entry["organization"] for entry in doc["aliases"]}
    present = set(Organization.objects.filter(pk__in=wanted).values_list("pk", flat=True))
    assert sorted(wanted - present) == []
