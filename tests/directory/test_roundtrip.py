"""import → export → import round-trips exactly (property test over generated documents)."""

from __future__ import annotations

import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dari.directory import vocab
from dari.directory.exporter import export_directory
from dari.directory.importer import import_directory
from dari.directory.models import Asset, Cluster, Deal, Facility, Investment, Organization, Program

ids = st.text(string.ascii_lowercase + string.digits, min_size=1, max_size=8)
text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=30)
urls = st.lists(st.just("https://example.org/source").map(str), max_size=1)


def choice(cls):
    return st.sampled_from(cls.values)


def unique_list(cls):
    return st.lists(choice(cls), unique=True, max_size=3)


def maybe(strategy):
    return st.one_of(st.none(), strategy)


def drop_none(d: dict) -> dict:
    return {k: v for k, v in d.items() if v is not None}


@st.composite
def documents(draw):
    cluster_ids = draw(st.lists(ids, unique=True, min_size=1, max_size=3))
    org_ids = draw(st.lists(ids, unique=True, min_size=2, max_size=4))
    asset_ids = draw(st.lists(ids, unique=True, max_size=4))
    clusters = [
        drop_none(
            {
                "id": f"cl-{c}",
                "name": draw(text.filter(bool)),
                "name_ko": draw(maybe(text)),
                "focus": draw(maybe(st.lists(text, max_size=2))),
                "founded": draw(maybe(st.integers(1900, 2030))),
                "sources": draw(urls),
            }
        )
        for c in cluster_ids
    ]
    orgs = []
    for o in org_ids:
        interests = drop_none(
            {
                "modalities": draw(maybe(unique_list(vocab.Modality))),
                "stages": draw(maybe(unique_list(vocab.Stage))),
                "description": draw(maybe(text)),
            }
        )
        orgs.append(
            drop_none(
                {
                    "id": o,
                    "name": draw(text.filter(bool)),
                    "kind": draw(choice(vocab.OrgKind)),
                    "country": draw(maybe(st.sampled_from(["KR", "US", "GB"]))),
                    "cluster": draw(maybe(st.sampled_from([f"cl-{c}" for c in cluster_ids]))),
                    "therapeutic_areas": draw(maybe(unique_list(vocab.TherapeuticArea))),
                    "interests": interests or None,
                    "employees": draw(maybe(st.integers(0, 10**6))),
                    "listed": draw(maybe(st.sampled_from(["KOSDAQ", "NYSE"]))),
                    "sources": draw(urls),
                }
            )
        )
    assets = [
        drop_none(
            {
                "id": f"as-{a}",
                "organization": draw(st.sampled_from(org_ids)),
                "name": draw(text.filter(bool)),
                "description": draw(maybe(text)),
                "modality": draw(maybe(choice(vocab.Modality))),
                "targets": draw(maybe(st.lists(text, max_size=2))),
                "stage": draw(maybe(choice(vocab.Stage))),
                "partnering": draw(
                    maybe(
                        st.fixed_dictionaries(
                            {},
                            optional={
                                "seeking": unique_list(vocab.DealType),
                                "available": st.booleans(),
                            },
                        )
                    )
                ),
                "visibility": draw(maybe(choice(vocab.Visibility))),
                "sources": draw(urls),
            }
        )
        for a in asset_ids
    ]
    deals = [
        drop_none(
            {
                "id": f"dl-{i}",
                "licensor": draw(st.sampled_from(org_ids)),
                "licensee": draw(st.sampled_from(org_ids)),
                "asset": draw(maybe(st.sampled_from([f"as-{a}" for a in asset_ids])))
                if asset_ids
                else None,
                "deal_type": draw(choice(vocab.DealType)),
                "date": draw(maybe(st.sampled_from(["2024", "2025-03", "2025-03-17"]))),
                "upfront_usd_m": draw(maybe(st.floats(0, 10**4, allow_nan=False))),
            }
        )
        for i in range(draw(st.integers(0, 3)))
    ]
    investments = [
        drop_none(
            {
                "id": f"inv-{i}",
                "recipient": draw(st.sampled_from(org_ids)),
                "investors": draw(
                    maybe(st.lists(st.sampled_from(org_ids), unique=True, max_size=2))
                ),
                "kind": draw(choice(vocab.InvestmentKind)),
                "currency": draw(maybe(st.just("KRW"))),
            }
        )
        for i in range(draw(st.integers(0, 2)))
    ]
    facilities = [
        drop_none(
            {
                "id": f"fa-{i}",
                "organization": draw(st.sampled_from(org_ids)),
                "name": draw(text.filter(bool)),
                "kind": draw(choice(vocab.FacilityKind)),
                "shared_access": draw(maybe(st.booleans())),
                "capabilities": draw(maybe(st.lists(text, max_size=2))),
            }
        )
        for i in range(draw(st.integers(0, 2)))
    ]
    programs = [
        drop_none(
            {
                "id": f"pr-{i}",
                "name": draw(text.filter(bool)),
                "kind": draw(choice(vocab.ProgramKind)),
                "organizer": draw(maybe(st.sampled_from(org_ids))),
                "start": draw(maybe(st.just("2026-02"))),
            }
        )
        for i in range(draw(st.integers(0, 2)))
    ]
    return {
        "format": "dari-directory/1",
        "clusters": clusters,
        "organizations": orgs,
        "assets": assets,
        "deals": deals,
        "investments": investments,
        "facilities": facilities,
        "programs": programs,
    }


def canonical(doc: dict) -> dict:
    """What an export says of a document: empty optional values left out, visibility explicit."""

    def clean(value):
        if isinstance(value, dict):
            out = {k: clean(v) for k, v in value.items()}
            return {k: v for k, v in out.items() if v not in (None, "", [], {})}
        return value

    out = {"format": doc["format"]}
    for key in (
        "clusters",
        "organizations",
        "assets",
        "deals",
        "investments",
        "facilities",
        "programs",
    ):
        rows = [clean(r) for r in doc.get(key, [])]
        if key == "assets":
            rows = [{**r, "visibility": r.get("visibility", "public")} for r in rows]
        out[key] = sorted(rows, key=lambda r: r["id"])
    return out


def wipe():
    for model in (Deal, Investment, Facility, Program, Asset, Organization, Cluster):
        model.objects.all().delete()


@pytest.mark.django_db
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(doc=documents())
def test_import_export_import_round_trips_exactly(doc):
    wipe()
    import_directory([("gen.json", doc)])
    exported = export_directory()
    assert exported == canonical(doc)
    wipe()
    import_directory([("export.json", exported)])
    assert export_directory() == exported
