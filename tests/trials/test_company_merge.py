"""A registry sponsor written with its legal form ("Eli Lilly and Company") is the directory's
curated company ("Eli Lilly"); copies an earlier import made are folded into it (SYNTHETIC
trials; the company names are the real names the review met)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from dari.curation.domain.ingest import gazetteer
from dari.directory.models import Organization
from dari.trials.engine.names import company_key
from dari.trials.importer import import_files
from dari.trials.models import Investigator, SiteAlias, Trial, TrialSite
from tests.factories import OrganizationFactory
from tests.trials.synthetic import page, study


@pytest.mark.parametrize(
    ("registry", "directory"),
    [
        ("Eli Lilly and Company", "Eli Lilly"),
        ("ELI LILLY & CO.", "Eli Lilly"),
        ("Daewoong Pharmaceutical Co., Ltd.", "Daewoong Pharmaceutical"),
        ("Yuhan Corporation", "Yuhan"),
        ("MedImmune LLC", "MedImmune"),
        ("Celltrion, Inc.", "Celltrion"),
        ("주식회사 유한양행", "유한양행"),
        ("(주)유한양행", "유한양행"),
        ("㈜유한양행", "유한양행"),
        ("Boehringer Ingelheim GmbH", "Boehringer Ingelheim"),
    ],
)
def test_a_legal_form_is_not_part_of_the_company(registry, directory):
    assert company_key(registry) == company_key(directory) != ""


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Merck & Co., Inc.", "Merck KGaA"),
        ("Daewoong Co., Ltd.", "Daewoong Pharmaceutical Co., Ltd."),
        ("Hanmi Science Co., Ltd.", "Hanmi Pharmaceutical Co., Ltd."),
        ("Samsung Bioepis Co., Ltd.", "Samsung Biologics Co., Ltd."),
        ("Celltrion Pharm, Inc.", "Celltrion, Inc."),
        ("GC Biopharma Corp", "GC Cell Corp"),
        ("Johnson & Johnson", "Johnson Co."),
        ("Novartis Pharmaceuticals", "Novartis"),
        ("SK Biopharmaceuticals Co., Ltd.", "SK bioscience Co., Ltd."),
    ],
)
def test_different_companies_keep_different_keys(one, other):
    assert company_key(one) != company_key(other)


def test_a_name_that_is_only_a_legal_form_has_no_company_key():
    assert [company_key(n) for n in ("SK Inc.", "GC Corp", "주식회사", "Co., Ltd.")] == [""] * 4


@pytest.mark.django_db
def test_a_sponsor_with_a_legal_form_resolves_to_the_curated_company(write_json):
    lilly = OrganizationFactory(id="eli-lilly", name="Eli Lilly", kind="pharma", country="US")
    OrganizationFactory(id="merck-kgaa", name="Merck KGaA", kind="pharma", country="DE")
    OrganizationFactory(id="yuhan", name="Yuhan Corporation", name_ko="유한양행", kind="pharma")
    doc = study("NCT91000401", sponsor=("Eli Lilly and Company", "INDUSTRY"))
    doc["protocolSection"]["sponsorCollaboratorsModule"]["collaborators"] = [
        {"name": "Merck & Co., Inc.", "class": "INDUSTRY"},
        {"name": "주식회사 유한양행", "class": "INDUSTRY"},
    ]
    before = set(Organization.objects.values_list("name", flat=True))
    import_files([write_json("p.json", page([doc]))])
    trial = Trial.objects.get(pk="NCT91000401")
    assert (trial.lead_sponsor_id, trial.sponsor_name) == (lilly.pk, "Eli Lilly and Company")
    collaborators = sorted(trial.collaborators.values_list("name", flat=True))
    assert collaborators == ["Merck & Co., Inc.", "Yuhan Corporation"]
    made = set(Organization.objects.filter(pk__startswith="reg-").values_list("name", flat=True))
    assert made - before == {"Merck & Co., Inc.", *trial.sites.values_list("facility", flat=True)}


@pytest.mark.django_db
def test_two_curated_companies_with_one_key_take_no_registry_name(write_json):
    OrganizationFactory(id="acme-inc", name="SYNTHETIC Acme Inc.", kind="pharma")
    OrganizationFactory(id="acme-co", name="SYNTHETIC Acme Co.", kind="pharma")
    doc = study("NCT91000402", sponsor=("SYNTHETIC Acme Ltd.", "INDUSTRY"))
    import_files([write_json("p.json", page([doc]))])
    sponsor = Trial.objects.get(pk="NCT91000402").lead_sponsor
    assert (sponsor.pk.startswith("reg-"), sponsor.name) == (True, "SYNTHETIC Acme Ltd.")


def _copy_with_records(write_json):
    """A database imported before the rule: the curated Eli Lilly and a registry copy that is
    a trial's sponsor, a site, an investigator's organisation and a collaborator."""
    lilly = OrganizationFactory(id="eli-lilly", name="Eli Lilly", kind="pharma", country="US")
    import_files([write_json("p.json", page([study("NCT91000501"), study("NCT91000502")]))])
    copy = OrganizationFactory(
        id="reg-eli-lilly-and-company-1", name="Eli Lilly and Company", kind="pharma"
    )
    SiteAlias.objects.create(key="elilillyandcompany", text=copy.name, organization=copy)
    first, second = Trial.objects.order_by("pk")
    Trial.objects.filter(pk=first.pk).update(lead_sponsor=copy, sponsor_name=copy.name)
    TrialSite.objects.create(trial=first, organization=copy, facility=copy.name)
    Investigator.objects.create(trial=first, organization=copy, name="SYNTHETIC Investigator")
    first.collaborators.add(copy)
    second.collaborators.add(copy, lilly)
    return lilly, copy, first, second


@pytest.mark.django_db
def test_prune_merges_a_registry_copy_into_the_curated_company(write_json):
    lilly, copy, first, second = _copy_with_records(write_json)
    out = io.StringIO()
    call_command("trials", "prune-non-orgs", "--dry-run", stdout=out)
    assert out.getvalue().splitlines()[-1] == "would merge 1: Eli Lilly and Company → Eli Lilly"
    assert Organization.objects.filter(pk=copy.pk).exists()
    out = io.StringIO()
    call_command("trials", "prune-non-orgs", stdout=out)
    assert out.getvalue().splitlines() == [
        "removed 0",
        "merged 1: Eli Lilly and Company → Eli Lilly",
    ]
    assert not Organization.objects.filter(pk=copy.pk).exists()
    first.refresh_from_db()
    assert (first.lead_sponsor_id, first.sponsor_name) == (lilly.pk, "Eli Lilly and Company")
    assert list(first.collaborators.values_list("pk", flat=True)) == [lilly.pk]
    assert list(second.collaborators.values_list("pk", flat=True)) == [lilly.pk]
    site = TrialSite.objects.get(trial=first, facility="Eli Lilly and Company")
    assert site.organization_id == lilly.pk
    assert (
        Investigator.objects.get(trial=first, name="SYNTHETIC Investigator").organization_id
        == lilly.pk
    )
    assert SiteAlias.objects.get(key="elilillyandcompany").organization_id == lilly.pk


@pytest.mark.django_db
def test_the_next_import_merges_a_copy_even_of_unchanged_studies(write_json):
    lilly, copy, first, _ = _copy_with_records(write_json)
    path = write_json("p.json", page([study("NCT91000501"), study("NCT91000502")]))
    counts = import_files([path])
    assert (counts["unchanged"], counts["organisations merged"]) == (2, 1)
    assert not Organization.objects.filter(pk=copy.pk).exists()
    first.refresh_from_db()
    assert first.lead_sponsor_id == lilly.pk


@pytest.mark.django_db
def test_a_copy_named_outside_the_trials_app_is_kept(write_json):
    from tests.factories import UserFactory

    _, copy, _, _ = _copy_with_records(write_json)
    UserFactory(organization=copy)
    out = io.StringIO()
    call_command("trials", "prune-non-orgs", stdout=out)
    assert out.getvalue().splitlines() == [
        "removed 0",
        "kept 1 copies named elsewhere: Eli Lilly and Company",
    ]
    assert Organization.objects.filter(pk=copy.pk).exists()


@pytest.mark.django_db
def test_the_gazetteer_gives_a_shared_name_to_the_curated_organisation():
    lilly = OrganizationFactory(id="eli-lilly", name="Eli Lilly", kind="pharma", country="US")
    OrganizationFactory(id="reg-eli-lilly-1", name="Eli Lilly", kind="pharma", country="US")
    found = gazetteer().find("Yuhan licensed the compound to Eli Lilly in 2025.")
    assert [(m.text, m.value) for m in found] == [("Eli Lilly", ("organization", lilly.pk))]
