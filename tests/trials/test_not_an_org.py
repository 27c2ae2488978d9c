"""A registry's person or place is no organisation: the importer makes none of it, the trial
keeps the registry's text (SYNTHETIC studies; the names are invented or generic)."""

from __future__ import annotations

import pytest

from dari.directory.models import Organization
from dari.trials.engine.names import is_anonymous_site
from dari.trials.engine.notorg import PERSON, PLACE, not_an_organisation
from dari.trials.importer import import_files
from dari.trials.models import Trial, TrialSite
from tests.trials.synthetic import page, study

KR = "Korea, Republic of"


@pytest.mark.parametrize(
    "name",
    [
        "Gil Dong Hong",
        "Hong Gildong",
        "Ga-Eun Kim",
        "MinJi Park",
        "Jane Roe, M.D.",
        "John Doe, PhD",
        "Dr. Jane Roe",
        "Prof. Chulsoo Lee",
        "Professor Jane Roe",
        "Gildong Hong, Jeonju",
    ],
)
def test_a_persons_name_is_no_organisation(name):
    assert not_an_organisation(name) == PERSON


@pytest.mark.parametrize(
    "name",
    ["Andover, MA", "Boston, MA", "Seoul", "Incheon", "Goyang-si", "Hwasun-gun", "Korea"],
)
def test_a_place_is_no_organisation(name):
    assert not_an_organisation(name) == PLACE


@pytest.mark.parametrize(
    "name",
    [
        "Samsung Medical Center",
        "Seoul National University Hospital",
        "Dr. Reddy's Laboratories",
        "Janssen, LP",
        "Chong Kun Dang Pharmaceutical",
        "Hoffmann-La Roche",
        "Kim's Eye Hospital",
        "Park Pharma",
        "Asan Foundation",
        "MD Anderson Cancer Center",
        "LG Chem",
        "Korea OIAA",
        "Sanofi",
        "",
    ],
)
def test_an_organisations_name_passes(name):
    assert not_an_organisation(name) is None


def test_a_generic_trial_site_is_a_placeholder():
    assert is_anonymous_site("Clinical Trial Site")
    assert is_anonymous_site("Acme Investigational Trial Site")


@pytest.mark.django_db
def test_the_importer_makes_no_organisation_of_a_person_or_a_place(write_json):
    """An investigator registered as sponsor keeps the name as registered and no
    organisation; a collaborator who is a person is dropped; a site named by a place or a person
    stays a site with its facility text and no organisation."""
    doc = study(
        "NCT91000201",
        sponsor=("Gildong Hong", "OTHER"),
        sites=[("Andover, MA", "Andover", "United States"), ("Gil Dong Hong", "Seoul", KR)],
    )
    doc["protocolSection"]["sponsorCollaboratorsModule"]["collaborators"] = [
        {"name": "Jane Roe, M.D.", "class": "OTHER"},
        {"name": "SYNTHETIC Collaborator Hospital", "class": "OTHER"},
    ]
    before = Organization.objects.count()
    import_files([write_json("p.json", page([doc]))])
    trial = Trial.objects.get(pk="NCT91000201")
    assert (trial.lead_sponsor_id, trial.sponsor_name) == (None, "Gildong Hong")
    assert list(trial.collaborators.values_list("name", flat=True)) == [
        "SYNTHETIC Collaborator Hospital"
    ]
    sites = TrialSite.objects.filter(trial=trial).order_by("facility")
    assert [(s.facility, s.organization_id) for s in sites] == [
        ("Andover, MA", None),
        ("Gil Dong Hong", None),
    ]
    assert Organization.objects.count() == before + 1
    assert not Organization.objects.filter(name__in=["Gildong Hong", "Andover, MA"]).exists()
