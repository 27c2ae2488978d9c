"""The directory filters shared by pages and API: every parameter of every filter narrows as it
says, in the list's order, and a bad value raises FilterError naming the parameter."""

from __future__ import annotations

import pytest
from django.http import QueryDict

from dari.directory.filters import (
    SORTS,
    AssetFilter,
    ClusterFilter,
    DealFilter,
    FacilityFilter,
    FilterError,
    InvestmentFilter,
    OrganizationFilter,
    ProgramFilter,
)
from dari.directory.models import Asset, Cluster, Deal, Facility, Investment, Organization, Program
from dari.directory.vocab import (
    DealType,
    FacilityKind,
    InvestmentKind,
    Modality,
    OrgKind,
    ProgramKind,
    Stage,
    TherapeuticArea,
)
from tests.factories import (
    AssetFactory,
    ClusterFactory,
    DealFactory,
    FacilityFactory,
    OrganizationFactory,
    ProgramFactory,
    index_for_search,
    invest,
)

MODELS = {
    AssetFilter: Asset,
    ClusterFilter: Cluster,
    OrganizationFilter: Organization,
    DealFilter: Deal,
    InvestmentFilter: Investment,
    FacilityFilter: Facility,
    ProgramFilter: Program,
}


@pytest.fixture
def world(db):
    """Two clusters, three organisations (one whose search tokens are not stored yet) and two
    of everything else, differing in every filtered field."""
    osong = ClusterFactory(id="cl-osong", name="Osong", country="KR")
    kobe = ClusterFactory(id="cl-kobe", name="Kobe", country="JP")
    alpha = index_for_search(
        OrganizationFactory(
            id="org-alpha", name="Alpha Bio", name_ko="알파바이오", cluster=osong, kind="biotech"
        ),
        "Alpha Bio 알파바이오 antibody platform for gastric cancer",
    )
    beta = index_for_search(
        OrganizationFactory(id="org-beta", name="Beta Pharma", kind="pharma", country="US"),
        "Beta Pharma neurology partner",
    )
    gamma = OrganizationFactory(
        id="org-gamma", name="Gamma Capital", name_ko="감마캐피탈", kind="investor", cluster=kobe
    )
    index_for_search(
        AssetFactory(
            id="as-claudin",
            organization=alpha,
            name="AB-101",
            description="An anti-claudin antibody for gastric cancer",
            therapeutic_area="oncology",
            modality="antibody",
            stage="phase2",
            seeking=["license", "co_development"],
        ),
        "AB-101 claudin gastric",
    )
    index_for_search(
        AssetFactory(
            id="as-tau",
            organization=beta,
            name="BP-7",
            description="Tau for Alzheimer's disease",
            therapeutic_area="neurology",
            modality="small_molecule",
            stage="preclinical",
            seeking=["option"],
        ),
        "BP-7 tau alzheimer",
    )
    DealFactory(id="dl-old", licensor=alpha, licensee=beta, deal_type="license", date="2023-05")
    DealFactory(id="dl-new", licensor=beta, licensee=alpha, deal_type="option", date="2025-02-01")
    invest(alpha, [gamma], id="inv-seed", kind="seed", date="2022-01")
    invest(beta, [gamma, alpha], id="inv-ipo", kind="ipo", date="2024")
    FacilityFactory(id="fac-lab", organization=alpha, cluster=osong, name="Lab", kind="laboratory")
    FacilityFactory(
        id="fac-plant", organization=beta, name="Plant", kind="gmp_manufacturing", cluster=None
    )
    ProgramFactory(id="prog-acc", organizer=alpha, name="Acc", kind="accelerator", start="2024-03")
    ProgramFactory(id="prog-conf", organizer=gamma, name="Conf", kind="conference", start="2025")


def ids(filter_class, params):
    queryset = MODELS[filter_class].objects.all()
    return [obj.pk for obj in filter_class.from_params(params).apply(queryset)]


@pytest.mark.parametrize(
    ("filter_class", "params", "expected"),
    [
        # Without parameters: everything, in the list's order.
        (AssetFilter, {}, ["as-claudin", "as-tau"]),
        (ClusterFilter, {}, ["cl-kobe", "cl-osong"]),
        (OrganizationFilter, {}, ["org-alpha", "org-beta", "org-gamma"]),
        (DealFilter, {}, ["dl-new", "dl-old"]),
        (InvestmentFilter, {}, ["inv-ipo", "inv-seed"]),
        (FacilityFilter, {}, ["fac-lab", "fac-plant"]),
        (ProgramFilter, {}, ["prog-conf", "prog-acc"]),
        # Assets
        (AssetFilter, {"q": "claudin"}, ["as-claudin"]),
        (AssetFilter, {"q": "CLAUDIN gastric"}, ["as-claudin"]),
        (AssetFilter, {"q": "claudin tau"}, []),
        (AssetFilter, {"q": "neurology"}, ["as-tau"]),  # its therapeutic area
        (AssetFilter, {"q": "beta"}, ["as-tau"]),  # a word of the organisation's name
        (AssetFilter, {"therapeutic_area": "neurology"}, ["as-tau"]),
        (AssetFilter, {"modality": "antibody"}, ["as-claudin"]),
        (AssetFilter, {"stage": "preclinical"}, ["as-tau"]),
        (AssetFilter, {"cluster": "cl-osong"}, ["as-claudin"]),
        (AssetFilter, {"country": "us"}, ["as-tau"]),
        (AssetFilter, {"seeking": "co_development"}, ["as-claudin"]),
        (AssetFilter, {"seeking": "option"}, ["as-tau"]),
        (AssetFilter, {"seeking": "acquisition"}, []),
        (AssetFilter, {"organization": "org-beta"}, ["as-tau"]),
        (AssetFilter, {"sort": "-name"}, ["as-tau", "as-claudin"]),
        # The stage sorts in development order: preclinical before phase 2.
        (AssetFilter, {"sort": "stage"}, ["as-tau", "as-claudin"]),
        (AssetFilter, {"sort": "-stage"}, ["as-claudin", "as-tau"]),
        (AssetFilter, {"sort": "organization"}, ["as-claudin", "as-tau"]),
        (AssetFilter, {"sort": "modality"}, ["as-claudin", "as-tau"]),
        (AssetFilter, {"modality": "antibody", "country": "US"}, []),
        # Clusters
        (ClusterFilter, {"country": "kr"}, ["cl-osong"]),
        (ClusterFilter, {"country": "JP"}, ["cl-kobe"]),
        # Organisations: q matches the name or Korean name whole, or every stored token
        (OrganizationFilter, {"q": "gastric"}, ["org-alpha"]),
        (OrganizationFilter, {"q": "gastric neurology"}, []),
        (OrganizationFilter, {"q": "알파바이오"}, ["org-alpha"]),
        (OrganizationFilter, {"q": "Gamma Cap"}, ["org-gamma"]),  # no tokens stored
        (OrganizationFilter, {"q": "감마"}, ["org-gamma"]),
        (OrganizationFilter, {"q": "pharma"}, ["org-beta"]),
        (OrganizationFilter, {"kind": "investor"}, ["org-gamma"]),
        (OrganizationFilter, {"country": "kr"}, ["org-alpha", "org-gamma"]),
        (OrganizationFilter, {"cluster": "cl-kobe"}, ["org-gamma"]),
        (OrganizationFilter, {"kind": "biotech", "country": "US"}, []),
        # Deals
        (DealFilter, {"year": "2023"}, ["dl-old"]),
        (DealFilter, {"year": "2024"}, []),
        (DealFilter, {"deal_type": "option"}, ["dl-new"]),
        (DealFilter, {"country": "us"}, ["dl-old"]),  # of the licensee
        (DealFilter, {"licensor": "org-alpha"}, ["dl-old"]),
        (DealFilter, {"licensee": "org-alpha"}, ["dl-new"]),
        # Investments
        (InvestmentFilter, {"year": "2022"}, ["inv-seed"]),
        (InvestmentFilter, {"kind": "ipo"}, ["inv-ipo"]),
        (InvestmentFilter, {"recipient": "org-alpha"}, ["inv-seed"]),
        (InvestmentFilter, {"investor": "org-gamma"}, ["inv-ipo", "inv-seed"]),
        (InvestmentFilter, {"investor": "org-alpha"}, ["inv-ipo"]),
        (InvestmentFilter, {"country": "kr"}, ["inv-seed"]),  # of the recipient
        # Facilities
        (FacilityFilter, {"kind": "gmp_manufacturing"}, ["fac-plant"]),
        (FacilityFilter, {"organization": "org-alpha"}, ["fac-lab"]),
        (FacilityFilter, {"cluster": "cl-osong"}, ["fac-lab"]),
        # Programmes
        (ProgramFilter, {"kind": "accelerator"}, ["prog-acc"]),
        (ProgramFilter, {"organizer": "org-gamma"}, ["prog-conf"]),
        (ProgramFilter, {"year": "2024"}, ["prog-acc"]),
    ],
)
def test_each_parameter_narrows_in_the_list_order(world, filter_class, params, expected):
    assert ids(filter_class, params) == expected


@pytest.mark.parametrize(
    ("filter_class", "name", "value", "allowed"),
    [
        (AssetFilter, "therapeutic_area", "x", TherapeuticArea.values),
        (AssetFilter, "modality", "x", Modality.values),
        (AssetFilter, "stage", "x", Stage.values),
        (AssetFilter, "seeking", "x", DealType.values),
        (AssetFilter, "sort", "price", list(SORTS)),
        (OrganizationFilter, "kind", "alien", OrgKind.values),
        (DealFilter, "deal_type", "gift", DealType.values),
        (InvestmentFilter, "kind", "loan", InvestmentKind.values),
        (FacilityFilter, "kind", "moon", FacilityKind.values),
        (ProgramFilter, "kind", "party", ProgramKind.values),
    ],
)
def test_values_outside_the_vocabulary_name_the_parameter(filter_class, name, value, allowed):
    with pytest.raises(FilterError) as raised:
        filter_class.from_params({name: value})
    assert str(raised.value) == f"{name}: {value!r} is not one of {', '.join(allowed)}"


@pytest.mark.parametrize(
    ("filter_class", "params", "value"),
    [
        (DealFilter, {"year": "20x5"}, "20x5"),
        (DealFilter, {"year": "202"}, "202"),
        (InvestmentFilter, {"year": "2024-01"}, "2024-01"),
        (ProgramFilter, {"year": "next"}, "next"),
        (ProgramFilter, {"year": "x", "kind": "party"}, "x"),  # the year is checked first
    ],
)
def test_years_must_have_four_digits(filter_class, params, value):
    with pytest.raises(FilterError) as raised:
        filter_class.from_params(params)
    assert str(raised.value) == f"year: {value!r} is not a four-digit year"


def test_blank_and_padded_values_are_trimmed():
    chosen = AssetFilter.from_params({"q": "  claudin ", "stage": " ", "sort": "", "country": None})
    assert chosen == AssetFilter(q="claudin", stage="", sort="", country="")
    assert (chosen.chosen_sort, AssetFilter().chosen_sort) == ("relevance", "name")


def test_query_dicts_and_upper_case_countries():
    chosen = DealFilter.from_params(QueryDict("country=us&year=2025&page=2&deal_type=option"))
    assert chosen == DealFilter(year="2025", deal_type="option", country="US")
    assert OrganizationFilter(country="kr").country == "KR"


def test_filters_narrow_and_never_widen(world):
    chosen = AssetFilter.from_params({"country": "US"})
    assert list(chosen.apply(Asset.objects.filter(stage="phase2"))) == []
    orgs = Organization.objects.exclude(pk="org-gamma")
    assert [o.pk for o in OrganizationFilter(q="gamma").apply(orgs)] == []
