"""SYNTHETIC ClinicalTrials.gov API v2 studies (documented format, dari/data/trials/README.md)
for tests and bench/trials.py. Every title says SYNTHETIC; the pages say "synthetic": true."""

from __future__ import annotations

import random
from typing import Any

CONDITIONS = [
    ("Gastric Cancer", "D013274", "Stomach Neoplasms"),
    ("Non-small Cell Lung Cancer", "D002289", "Carcinoma, Non-Small-Cell Lung"),
    ("Breast Cancer", "D001943", "Breast Neoplasms"),
    ("Type 2 Diabetes", "D003924", "Diabetes Mellitus, Type 2"),
    ("Atopic Dermatitis", "D003876", "Dermatitis, Atopic"),
    ("Alzheimer Disease", "D000544", "Alzheimer Disease"),
    ("Hepatocellular Carcinoma", "D006528", "Carcinoma, Hepatocellular"),
    ("Rheumatoid Arthritis", "D001172", "Arthritis, Rheumatoid"),
]
KOREAN_SITES = [
    ("Seoul National University Hospital", "Seoul"),
    ("SNUH", "Seoul"),
    ("서울대학교병원", "Seoul"),
    ("Samsung Medical Center", "Seoul"),
    ("Asan Medical Center", "Seoul"),
    ("Severance Hospital", "Seoul"),
    ("Seoul National University Bundang Hospital", "Seongnam"),
    ("Chonnam National University Hwasun Hospital", "Hwasun"),
]
STATUSES = [
    "RECRUITING",
    "COMPLETED",
    "COMPLETED",
    "ACTIVE_NOT_RECRUITING",
    "TERMINATED",
    "WITHDRAWN",
    "NOT_YET_RECRUITING",
    "UNKNOWN",
]
PHASES = [["PHASE1"], ["PHASE2"], ["PHASE3"], ["PHASE1", "PHASE2"], ["PHASE4"], ["EARLY_PHASE1"]]


def study(
    nct: str,
    *,
    title: str = "",
    condition: tuple[str, str, str] = CONDITIONS[0],
    phases: list[str] | None = None,
    status: str = "RECRUITING",
    start: str = "2023-05",
    enrollment: int = 120,
    sponsor: tuple[str, str] = ("SYNTHETIC Pharma 1", "INDUSTRY"),
    sites: list[tuple[str, str, str]] | None = None,
    intervention: tuple[str, str] = ("DRUG", "SYN-101"),
    officials: list[dict[str, str]] | None = None,
) -> dict[str, Any]:
    """One SYNTHETIC study; `sites` are (facility, city, country) with a PI at each."""
    sites = (
        sites
        if sites is not None
        else [("Seoul National University Hospital", "Seoul", "Korea, Republic of")]
    )
    return {
        "protocolSection": {
            "identificationModule": {
                "nctId": nct,
                "briefTitle": title or f"SYNTHETIC study {nct} of {condition[0]}",
            },
            "statusModule": {
                "overallStatus": status,
                "startDateStruct": {"date": start},
                "completionDateStruct": {"date": "2027-12-31"},
            },
            "sponsorCollaboratorsModule": {
                "leadSponsor": {"name": sponsor[0], "class": sponsor[1]},
                "collaborators": [],
            },
            "conditionsModule": {"conditions": [condition[0]]},
            "designModule": {
                "studyType": "INTERVENTIONAL",
                "phases": phases if phases is not None else ["PHASE2"],
                "enrollmentInfo": {"count": enrollment, "type": "ESTIMATED"},
            },
            "armsInterventionsModule": {
                "interventions": [{"type": intervention[0], "name": intervention[1]}]
            },
            "contactsLocationsModule": {
                "overallOfficials": officials or [],
                "locations": [
                    {
                        "facility": facility,
                        "status": status if status in ("RECRUITING", "COMPLETED") else "",
                        "city": city,
                        "country": country,
                        "contacts": [
                            {
                                "name": f"SYNTHETIC PI {i} {facility[:6]}",
                                "role": "PRINCIPAL_INVESTIGATOR",
                            }
                        ],
                    }
                    for i, (facility, city, country) in enumerate(sites)
                ],
            },
        },
        "derivedSection": {
            "conditionBrowseModule": {"meshes": [{"id": condition[1], "term": condition[2]}]}
        },
    }


def page(studies: list[dict[str, Any]], token: str | None = None) -> dict[str, Any]:
    doc: dict[str, Any] = {"synthetic": True, "studies": studies}
    if token:
        doc["nextPageToken"] = token
    return doc


def generate(n: int, seed: int = 13, n_sites: int = 400) -> list[dict[str, Any]]:
    """`n` SYNTHETIC studies with 1-6 sites each, mostly in Korea."""
    rng = random.Random(seed)
    pool = KOREAN_SITES + [
        (f"SYNTHETIC Hospital {k}", rng.choice(["Seoul", "Busan", "Daegu", "Incheon"]))
        for k in range(n_sites)
    ]
    out = []
    for i in range(n):
        chosen = rng.sample(pool, rng.randint(1, 6))
        sites = [(f, c, "Korea, Republic of") for f, c in chosen]
        if rng.random() < 0.3:
            sites.append((f"SYNTHETIC Abroad {rng.randrange(100)}", "Boston", "United States"))
        out.append(
            study(
                f"NCT9{i:07d}",
                condition=rng.choice(CONDITIONS),
                phases=rng.choice(PHASES),
                status=rng.choice(STATUSES),
                start=f"{rng.randint(2005, 2026)}-{rng.randint(1, 12):02d}",
                enrollment=rng.randint(10, 2000),
                sponsor=(
                    f"SYNTHETIC Sponsor {rng.randrange(300)}",
                    rng.choice(["INDUSTRY", "INDUSTRY", "OTHER"]),
                ),
                sites=sites,
                intervention=(
                    rng.choice(["DRUG", "BIOLOGICAL", "DEVICE"]),
                    f"SYN-{rng.randrange(5000)}",
                ),
            )
        )
    return out
