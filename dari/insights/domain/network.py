"""The clusters as one network: who partners, meets and shares facilities across clusters; the
capability profile of one cluster; and a capability finder over facilities and programmes.

Links between two different clusters A and B (docs/insights.md):
- deals: a deal whose licensor belongs to A and licensee to B (or the reverse);
- meetings: an accepted, not cancelled event meeting with participants of organisations in A
  and in B (a meeting counts once per pair of clusters it joins), shown only when at least K
  organisations of each cluster took part (`dari.core.smallcell`);
- facilities: an organisation of A that runs a facility located in B.
Assets in a profile come only through `visible_assets(user)`.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from itertools import combinations
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from dari.core.names import capability_name, local_description, local_name
from dari.core.smallcell import K, disclosable
from dari.directory.access import visible_assets
from dari.directory.models import Cluster, Deal, Facility, Organization, Program
from dari.directory.text import tokens_many
from dari.directory.vocab import FacilityKind, Modality, OrgKind, ProgramKind, Stage, label_of
from dari.events.models import Meeting, MeetingStatus
from dari.insights.domain.meeting_cells import fewer_than

KINDS = ("deals", "meetings", "facilities")


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def cluster_links(k: int = K) -> list[dict[str, Any]]:
    """One row per pair of clusters with any link shown: a, a_label, b, b_label, deals,
    meetings, facilities, total; strongest first, then by names. Meetings are not public: a
    pair's meeting count is shown only when at least `k` organisations of each cluster took
    part (`dari.core.smallcell`); otherwise it reads "fewer than k" (also for none, so that
    the cell tells nothing) and is left out of the total."""
    counts: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    deals = Deal.objects.filter(
        licensor__cluster__isnull=False, licensee__cluster__isnull=False
    ).values_list("licensor__cluster_id", "licensee__cluster_id")
    for a, b in deals:
        if a != b:
            counts[_pair(a, b)]["deals"] += 1
    seats = (
        Meeting.objects.exclude(status=MeetingStatus.CANCELLED)
        .filter(participants__organization__cluster__isnull=False)
        .values_list(
            "pk", "participants__organization_id", "participants__organization__cluster_id"
        )
    )
    orgs_of: defaultdict[int, defaultdict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for meeting_id, org_id, cluster_id in seats:
        orgs_of[meeting_id][cluster_id].add(org_id)
    met: defaultdict[tuple[str, str], int] = defaultdict(int)
    sides: defaultdict[tuple[str, str], defaultdict[str, set[str]]] = defaultdict(
        lambda: defaultdict(set)
    )
    for clusters in orgs_of.values():
        for a, b in combinations(sorted(clusters), 2):
            met[(a, b)] += 1
            sides[(a, b)][a] |= clusters[a]
            sides[(a, b)][b] |= clusters[b]
    meetings_shown = {
        pair: n
        for pair, n in met.items()
        if all(disclosable(sides[pair][side], k=k) for side in pair)
    }
    for pair, n in meetings_shown.items():
        counts[pair]["meetings"] += n
    facilities = Facility.objects.filter(
        cluster__isnull=False, organization__cluster__isnull=False
    ).values_list("organization__cluster_id", "cluster_id")
    for home, site in facilities:
        if home != site:
            counts[_pair(home, site)]["facilities"] += 1
    names = {c.pk: local_name(c) for c in Cluster.objects.only("id", "name", "name_ko")}
    rows = []
    for (a, b), c in counts.items():
        row: dict[str, Any] = {"a": a, "a_label": names[a], "b": b, "b_label": names[b]}
        row.update({kind: c[kind] for kind in KINDS})
        row["total"] = sum(c[kind] for kind in KINDS)
        if (a, b) not in meetings_shown:
            row["meetings"] = fewer_than(k)
        rows.append(row)
    return sorted(rows, key=lambda r: (-r["total"], r["a_label"], r["b_label"]))


def cluster_matrix(links: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The symmetric matrix of `cluster_links` rows, for a heatmap: a row per ordered pair
    (both directions) with its total."""
    cells = []
    for r in links:
        for a, b in (("a", "b"), ("b", "a")):
            cells.append(
                {
                    "from": r[f"{a}_label"],
                    "to": r[f"{b}_label"],
                    "total": r["total"],
                    "deals": r["deals"],
                    "meetings": r["meetings"],
                    "facilities": r["facilities"],
                }
            )
    return cells


def _count_rows(counter: Counter[str], vocabulary: Any) -> list[dict[str, Any]]:
    rows = [
        {"key": k, "label": label_of(vocabulary, k) if k else _("Not stated"), "count": n}
        for k, n in counter.items()
    ]
    return sorted(rows, key=lambda r: (r["key"] == "", -r["count"], r["label"]))


def cluster_profile(cluster: Cluster, user: Any) -> dict[str, Any]:
    """What a cluster can do: modalities and stages of its organisations' visible assets,
    organisations by kind, its facilities (shared-access first) and its organisations'
    programmes."""
    assets = visible_assets(user).filter(organization__cluster=cluster)
    organizations = Organization.objects.filter(cluster=cluster)
    facilities = (
        Facility.objects.filter(Q(cluster=cluster) | Q(organization__cluster=cluster))
        .select_related("organization", "cluster")
        .order_by("name")
    )
    programs = Program.objects.filter(organizer__cluster=cluster).select_related("organizer")
    return {
        "modalities": _count_rows(Counter(assets.values_list("modality", flat=True)), Modality),
        "stages": _count_rows(Counter(assets.values_list("stage", flat=True)), Stage),
        "assets": assets.count(),
        "organization_kinds": _count_rows(
            Counter(organizations.values_list("kind", flat=True)), OrgKind
        ),
        "organizations": organizations.count(),
        "facilities": sorted(facilities, key=lambda f: (f.shared_access is not True, f.name)),
        "programs": list(programs),
    }


# Capability finder -------------------------------------------------------------------------

STOPWORDS = frozenset(
    "a an and as at by for from in into of on or the to with 및 등 위한 를 을".split()
)
# A few Korean words of the trade, so a Korean query finds English facility records.
SYNONYMS = {
    "생산": "manufacturing",
    "제조": "manufacturing",
    "위탁생산": "cdmo",
    "교육": "training",
    "훈련": "training",
    "인력": "training",
    "임상": "clinical",
    "임상시험": "clinical",
    "세포": "cell",
    "배양": "culture",
    "유전자": "gene",
    "항체": "antibody",
    "백신": "vaccine",
    "동물": "animal",
    "실험": "laboratory",
    "연구": "research",
    "공정": "process",
    "개발": "development",
    "충전": "fill",
    "분석": "analytical",
    "바이오의약품": "biologics",
    "창업": "incubator",
}
_PLURAL = re.compile(r"(?<=[a-z]{3})s$")


def _norm(words: list[str]) -> set[str]:
    """Lower-case tokens without stop words, Korean synonyms added, simple plurals folded
    ("adcs" → "adc")."""
    out: set[str] = set()
    for w in words:
        if w in STOPWORDS:
            continue
        out.add(_PLURAL.sub("", w))
        if w in SYNONYMS:
            out.add(SYNONYMS[w])
    return out


def _facility_text(f: Facility) -> str:
    kind = f"{f.kind.replace('_', ' ')} {label_of(FacilityKind, f.kind)}"
    # Both renderings of each tag, so that 무균 충전 finds "aseptic filling" in either language.
    tags = [*f.capabilities, *(capability_name(c, "ko") for c in f.capabilities)]
    return " ".join([f.name, kind, " ".join(tags), *_descriptions(f)])


def _program_text(p: Program) -> str:
    kind = f"{p.kind.replace('_', ' ')} {label_of(ProgramKind, p.kind)}"
    return " ".join([p.name, kind, *_descriptions(p)])


def _descriptions(record: Facility | Program) -> list[str]:
    """A record's description and its Korean rendering (when there is one), so that a Korean
    query finds a bundled facility or programme by what its description says."""
    korean = local_description(record, "ko")
    return [record.description] if korean == record.description else [record.description, korean]


def find_capabilities(
    query: str, cluster: str = "", facility_kind: str = "", program_kind: str = ""
) -> dict[str, Any]:
    """Facilities and programmes across all clusters matching `query` (every record when the
    query is empty), filtered by cluster and kind. Facilities with shared access come first,
    then by the number of query words matched; each result names the words it matched."""
    wanted = _norm(tokens_many([query])[0]) if query.strip() else set()
    facilities = Facility.objects.select_related("organization", "cluster")
    programs = Program.objects.select_related("organizer__cluster")
    if cluster:
        facilities = facilities.filter(cluster_id=cluster)
        programs = programs.filter(organizer__cluster_id=cluster)
    if facility_kind:
        facilities = facilities.filter(kind=facility_kind)
    if program_kind:
        programs = programs.filter(kind=program_kind)
    facility_list = list(facilities)
    program_list = list(programs)
    texts = [_facility_text(f) for f in facility_list] + [_program_text(p) for p in program_list]
    token_sets = [_norm(t) for t in tokens_many(texts)]
    results: dict[str, list[dict[str, Any]]] = {"facilities": [], "programs": []}
    for i, record in enumerate([*facility_list, *program_list]):
        matched = sorted(wanted & token_sets[i])
        if wanted and not matched:
            continue
        is_facility = i < len(facility_list)
        results["facilities" if is_facility else "programs"].append(
            {"record": record, "matched": matched, "score": len(matched)}
        )
    results["facilities"].sort(
        key=lambda r: (r["record"].shared_access is not True, -r["score"], r["record"].name)
    )
    results["programs"].sort(key=lambda r: (-r["score"], r["record"].name))
    return {"query_tokens": sorted(wanted), **results}
