"""A registry's person or place is no organisation: the importer makes none of it, the trial
keeps the registry's text (SYNTHETIC studies; the names are invented or generic)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from dari.directory.models import Organization
from dari.trials.engine.names import is_anonymous_site
from dari.trials.engine.notorg import PERSON, PLACE, not_an_organisation
from dari.trials.importer import import_files
from dari.trials.models import Trial, TrialSite
from tests.factories import OrganizationFactory, UserFactory
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


@pytest.mark.django_db
def test_prune_removes_what_an_earlier_import_made_of_a_person_or_a_place(write_json):
    """A database imported before the rule keeps such organisations (a re-import of unchanged
    studies writes nothing): `trials prune-non-orgs` removes them, the trials keep the
    registry's text; one a user has joined stays (SYNTHETIC names)."""
    doc = study("NCT91000301", sponsor=("SYNTHETIC Pharma 9", "INDUSTRY"))
    import_files([write_json("p.json", page([doc]))])
    trial = Trial.objects.get(pk="NCT91000301")
    person = OrganizationFactory(id="reg-gildong-hong-1", name="Gildong Hong", kind="other")
    place = OrganizationFactory(id="reg-andover-ma-1", name="Andover, MA", kind="other")
    placeholder = OrganizationFactory(id="reg-cts-1", name="Clinical Trial Site", kind="other")
    joined = OrganizationFactory(id="reg-seoul-1", name="Seoul", kind="other")
    UserFactory(organization=joined)
    Trial.objects.filter(pk=trial.pk).update(lead_sponsor=person, sponsor_name="Gildong Hong")
    TrialSite.objects.create(trial=trial, organization=place, facility="Andover, MA")
    trial.collaborators.add(person)
    out = io.StringIO()
    call_command("trials", "prune-non-orgs", "--dry-run", stdout=out)
    assert "would remove 3: Andover, MA; Clinical Trial Site; Gildong Hong" in out.getvalue()
    assert Organization.objects.filter(pk=person.pk).exists()
    out = io.StringIO()
    call_command("trials", "prune-non-orgs", stdout=out)
    assert out.getvalue().splitlines() == [
        "removed 3: Andover, MA; Clinical Trial Site; Gildong Hong",
        "kept 1 named elsewhere: Seoul",
    ]
    trial.refresh_from_db()
    assert (trial.lead_sponsor_id, trial.sponsor_name) == (None, "Gildong Hong")
    assert list(trial.collaborators.all()) == []
    assert TrialSite.objects.get(trial=trial, facility="Andover, MA").organization_id is None
    assert not Organization.objects.filter(pk__in=[person.pk, place.pk, placeholder.pk]).exists()
    out = io.StringIO()
    call_command("trials", "prune-non-orgs", stdout=out)
    assert out.getvalue().splitlines()[0] == "removed 0"
    assert Organization.objects.filter(pk=joined.pk).exists()


@pytest.mark.django_db
def test_named_elsewhere_finds_every_reference_outside_the_trials_app_in_one_pass(
    write_json, django_assert_max_num_queries
):
    """A user (a foreign key) or an investment's investors (many to many) keep an organisation;
    a trial's sponsorship does not; one query per relation, whatever the number of ids."""
    from dari.directory.models import Investment
    from dari.trials.domain.prune import named_elsewhere

    member, investor, sponsor = (
        OrganizationFactory(id=f"reg-{n}-1", name=n, kind="other")
        for n in ("member", "investor", "sponsor")
    )
    recipient = OrganizationFactory(id="org-recipient", name="Recipient", kind="other")
    UserFactory(organization=member)
    inv = Investment.objects.create(id="inv-x", recipient=recipient, kind="other", sources=[])
    inv.investors.add(investor)
    doc = study("NCT91000302", sponsor=("SYNTHETIC Pharma 10", "INDUSTRY"))
    import_files([write_json("q.json", page([doc]))])
    Trial.objects.filter(pk="NCT91000302").update(lead_sponsor=sponsor)
    ids = [member.pk, investor.pk, sponsor.pk]
    with django_assert_max_num_queries(30):
        assert named_elsewhere(ids) == {member.pk, investor.pk}
