"""Search benchmark: 100,000 SYNTHETIC assets; ours against today's search in the same run.

For each database (SQLite FTS5, PostgreSQL tsvector + GIN; a fresh one, rows written directly),
a fixed mix of Korean and English queries, each without and with filters, for two readers
(the same queries on the same data), answered:

- search: as /api/assets answers (the count and the first page of 20 records, with each
  asset's organisation and cluster), ranked by relevance with the semantic channel on (the
  production default): the 50 best lexical matches re-ordered with the sentence encoder,
  their vectors read from the shared table (stored beforehand for the candidates, as the
  index job stores every search text), the query encoded in the process;
- facets: the six facet counts of the asset page for the same parameters;
- page: both, as the asset page does.

The readers: anonymous (public assets only), and a signed-in vetted MEMBER of a synthetic
organisation that owns confidential (CDA) assets and is on the CDA lists of a few others
(MEMBER_ORG, GRANTS): it sees the public and members-tier assets, its own confidential ones
and those of the organisations that granted it CDA; a member's broad search reads and ranks
many more rows than an anonymous one (on SQLite, the non-public ones from public
statistics, dari/directory/search_rank.py).

"today" is the implementation this branch replaced, kept as bench/search_baseline.py: the
ranked queryset read three times (50 candidates, count, page ordered by position), the query
encoded on every search, one query per facet. "ours" is dari/directory/domain/search.py and
queries.asset_facets. Both run on the same database in the same process, call after call;
their answers (count, page ids in order, facet counts) are compared and must be equal.

The mix is run ROUNDS times (each call's wall and CPU time recorded: this process's CPU, plus
the PostgreSQL backend's from /proc when the server is local); per round, p50/p95/p99. The
table gives the best round (lowest p95 of ours' page; the quietest) and the spread of p95
over the rounds: the machine may be shared. The first round is the first time each query is
seen (the query's embedding is then cached by ours; today encodes it on every search).

    .venv/bin/python bench/search.py [--assets 100000] [--database sqlite|postgres|both]
        [--rounds 5] [--workdir DIR (keep and reuse the filled databases)]
        [--pg-url postgres://postgres@127.0.0.1:5432/dari_bench_search]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DARI = str(ROOT / ".venv" / "bin" / "dari")
PG_URL = "postgres://postgres@127.0.0.1:5432/dari_bench_search"

QUERIES = [
    "위암",
    "비소세포폐암",
    "알츠하이머",
    "이중항체",
    "항체약물접합체",
    "비만 치료제",
    "HER2 양성 유방암",
    "gastric cancer",
    "NSCLC EGFR",
    "bispecific antibody",
    "ADC TROP2",
    "obesity GLP-1",
    "Alzheimer's disease",
    "rheumatoid arthritis",
    "cancer",
    "antibody",
]
FILTERS: list[dict[str, str]] = [{}, {"stage": "phase2", "therapeutic_area": "oncology"}]
"""Each query without filters, then with two (a facet value chosen keeps its alternatives)."""
MODALITIES = ["small_molecule", "antibody", "bispecific_antibody", "adc", "cell_therapy", "rna"]
STAGES = ["discovery", "preclinical", "phase1", "phase2", "phase3"]
PAGE = 20
READERS = ("anonymous", "member")
MEMBER_ORG = "syn-org-000000"
"""The member's organisation (SYNTHETIC; at 100,000 assets it owns 19, 6 of them CDA)."""
GRANTS = [(f"syn-org-{i:06d}", "cda") for i in range(1, 6)] + [
    (f"syn-org-{i:06d}", "partner") for i in range(6, 11)
]
"""Owners that put the member's organisation on their CDA or partner list."""
FACETS_EXACT_UP_TO = 5000  # dari.directory.domain.queries (not imported here: no Django yet)


def fresh_env(database: str, tmp: Path, pg_url: str, reuse: bool) -> tuple[dict[str, str], bool]:
    """The environment of this benchmark's database, migrated; whether it is already filled
    (`reuse`: a workdir kept from an earlier run)."""
    (tmp / database).mkdir(exist_ok=True)
    env = dict(os.environ, DARI_VAR_DIR=str(tmp / database))
    env.pop("DATABASE_URL", None)
    marker = tmp / database / "filled"
    filled = reuse and marker.exists()
    if database == "postgres":
        env["DATABASE_URL"] = pg_url
        name = pg_url.rsplit("/", 1)[1]
        if not filled:
            for tool in ("dropdb", "createdb"):
                extra = ["--if-exists"] if tool == "dropdb" else []
                subprocess.run(
                    [tool, "-h", "127.0.0.1", "-U", "postgres", *extra, name], check=True
                )
            # Data in memory or on SSD: random reads cost about as much as sequential ones
            # (the usual setting; docs/search.md). Both searches run under it.
            subprocess.run(
                [
                    "psql",
                    "-q",
                    "-h",
                    "127.0.0.1",
                    "-U",
                    "postgres",
                    "-d",
                    name,
                    "-c",
                    f"ALTER DATABASE {name} SET random_page_cost = 1.1",
                ],
                check=True,
            )
    subprocess.run([DARI, "migrate", "-v", "0"], env=env, check=True)
    return env, filled


def generate(n_assets: int, seed: int = 11) -> dict:
    """A SYNTHETIC dari-directory/1 document whose assets name real indications, targets and
    modalities (from the glossary), one in six described in Korean."""
    from dari.matching.glossary import glossary

    g = glossary()
    indications = [e for e in g if e.kind == "indication"]
    targets = [e for e in g if e.kind == "target"]
    areas = ["oncology", "immunology", "neurology", "metabolic", "rare_disease", "ophthalmology"]
    rng = random.Random(seed)
    n_orgs = max(10, n_assets // 20)
    orgs = [
        {
            "id": f"syn-org-{i:06d}",
            "name": f"SYNTHETIC Org {i}",
            "kind": rng.choice(["biotech", "pharma"]),
            "country": rng.choice(["KR", "US", "DE", "JP"]),
            "description": "SYNTHETIC benchmark organisation.",
            "sources": ["https://example.org/synthetic"],
        }
        for i in range(n_orgs)
    ]
    assets = []
    for i in range(n_assets):
        ind = rng.sample(indications, k=rng.randint(1, 3))
        tgt = rng.choice(targets)
        modality = rng.choice(MODALITIES)
        if i % 6 == 0:
            description = (
                f"SYNTHETIC 벤치마크 자산. {tgt.ko}을 표적으로 하는 "
                f"{ind[0].ko} 치료제 후보물질로 전임상 연구 중이다."
            )
        else:
            description = (
                f"SYNTHETIC benchmark asset: a {modality.replace('_', ' ')} against "
                f"{tgt.en.upper()} for {ind[0].en}, in development."
            )
        assets.append(
            {
                "id": f"syn-asset-{i:07d}",
                "organization": orgs[rng.randrange(n_orgs)]["id"],
                "name": f"SYN-{i}",
                "description": description,
                "modality": modality,
                "therapeutic_area": rng.choice(areas),
                "stage": rng.choice(STAGES),
                "targets": [tgt.en.upper()],
                "indications": [e.en for e in ind],
                "partnering": {"seeking": ["license"], "available": True},
                "visibility": rng.choice(["public", "public", "members", "cda"]),
                "sources": ["https://example.org/synthetic"],
            }
        )
    return {"format": "dari-directory/1", "organizations": orgs, "assets": assets}


# Filling -------------------------------------------------------------------------------------


def fill(path: Path) -> dict[str, float]:
    """Write the SYNTHETIC records straight into the fresh database (the importer's
    validation is bench/import.py's subject, not this one's), with the search fields the
    importer would store: the organisations' `search_text` and the asset search index."""
    from django.db import transaction

    from dari.directory import models as m
    from dari.directory.search import index_assets

    doc = json.loads(path.read_text(encoding="utf-8"))
    start = time.perf_counter()
    with transaction.atomic():
        m.Organization.objects.bulk_create(
            m.Organization(
                id=o["id"],
                name=o["name"],
                kind=o["kind"],
                country=o["country"],
                description=o["description"],
                search_text=f" {o['name'].lower()} ",
            )
            for o in doc["organizations"]
        )
        for i in range(0, len(doc["assets"]), 5000):
            batch = doc["assets"][i : i + 5000]
            m.Asset.objects.bulk_create(
                m.Asset(
                    id=a["id"],
                    organization_id=a["organization"],
                    name=a["name"],
                    description=a["description"],
                    modality=a["modality"],
                    therapeutic_area=a["therapeutic_area"],
                    stage=a["stage"],
                    targets=a["targets"],
                    indications=a["indications"],
                    seeking=a["partnering"]["seeking"],
                    visibility=a["visibility"],
                )
                for a in batch
            )
    rows = time.perf_counter() - start
    start = time.perf_counter()
    with transaction.atomic():
        index_assets()
    return {"rows_s": rows, "index_s": time.perf_counter() - start}


# Measuring (in a subprocess with the database's environment) ------------------------------


class Clock:
    """Wall and CPU time of a call: this process's CPU, plus the PostgreSQL backend's (read
    from /proc when the server runs on this machine)."""

    def __init__(self) -> None:
        from django.db import connection

        self.backend: Path | None = None
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                pid = cursor.fetchone()[0]
            path = Path(f"/proc/{pid}/schedstat")
            self.backend = path if path.exists() else None

    def _backend_cpu(self) -> float:
        return int(self.backend.read_text().split()[0]) / 1e9 if self.backend else 0.0

    def time(self, call: Any, *args: Any) -> tuple[Any, float, float]:
        """(result, wall ms, CPU ms)."""
        w, c, b = time.perf_counter(), time.process_time(), self._backend_cpu()
        out = call(*args)
        cpu = time.process_time() - c + self._backend_cpu() - b
        return out, (time.perf_counter() - w) * 1000, cpu * 1000


def _answer(rows: Any) -> tuple[int, list[str]]:
    """What /api/assets does: the count, then the first page of records."""
    from dari.api.records import asset_record

    count = rows.count()
    return int(count), [asset_record(asset)["id"] for asset in rows[:PAGE]]


def _facets(facets: list[Any]) -> tuple[bool, list[tuple[str, list[tuple[str, int]]]]]:
    """Whether the counts are estimates, and the options with a count, by facet."""
    approximate = any(f.approximate for f in facets)
    return approximate, [(f.name, [(v, n) for v, _, n in f.options if n]) for f in facets]


def _errors(estimated: list[Any], exact: list[Any]) -> list[float]:
    """Relative error of each estimated count of an option with at least 100 assets (an
    option missing from the estimate counts as 100 %)."""
    out = []
    for (_, guesses), (_, counts) in zip(estimated, exact, strict=True):
        guess = dict(guesses)
        out += [abs(guess.get(v, 0) - n) / n for v, n in counts if n >= 100]
    return out


def bench_member() -> Any:
    """The SYNTHETIC vetted member (created once per database: a verified address, a
    confirmed membership of MEMBER_ORG) and the links of GRANTS."""
    from allauth.account.models import EmailAddress

    from dari.accounts.models import (
        Membership,
        MembershipSource,
        MembershipState,
        OrganizationLink,
        User,
    )

    user, created = User.objects.get_or_create(
        username="syn-bench-member",
        defaults={"email": "syn-bench-member@example.org", "organization_id": MEMBER_ORG},
    )
    if created:
        EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
        Membership.objects.create(
            user=user,
            organization_id=MEMBER_ORG,
            state=MembershipState.CONFIRMED,
            source=MembershipSource.PLATFORM_ADMIN,
        )
    for owner, kind in GRANTS:
        OrganizationLink.objects.get_or_create(owner_id=owner, other_id=MEMBER_ORG, kind=kind)
    return User.objects.get(pk=user.pk)


def store_candidate_vectors(readers: dict[str, Any]) -> int:
    """Store the vectors of every search's semantic candidates, as the index job does for
    every search text (the job embeds all of them; these are the ones the mix reads)."""
    from dari.directory.domain.recommend import job_embedder
    from dari.directory.domain.search import SEMANTIC_CANDIDATES, SearchResults
    from dari.directory.filters import AssetFilter
    from dari.directory.search import semantic_texts, top_matches

    ids: set[str] = set()
    for user in readers.values():
        for query in QUERIES:
            for extra in FILTERS:
                chosen = AssetFilter.from_params({"q": query, **extra})
                narrowed = SearchResults(user, chosen, chosen.query(), semantic=False)._narrowed
                matches, _ = top_matches(narrowed, chosen.query(), SEMANTIC_CANDIDATES)
                ids.update(m.asset_id for m in matches)
    texts = [t for t in semantic_texts(ids).values() if t]
    job_embedder().embed(texts)
    return len(texts)


def measure(path: Path, rounds: int, filled: bool) -> dict:
    import django

    django.setup()
    from django.db import connection, transaction

    loaded = {"rows_s": 0.0, "index_s": 0.0}
    if not filled:
        loaded = fill(path)
        if connection.vendor == "postgresql":  # what autovacuum does after a bulk load
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        (Path(os.environ["DARI_VAR_DIR"]) / "filled").write_text("yes")
    import search_baseline as today

    from dari.directory.access import visible_assets
    from dari.directory.domain import queries
    from dari.directory.domain import search as ours
    from dari.directory.domain.recommend import use_embedder
    from dari.directory.filters import AssetFilter
    from dari.directory.search import parsed
    from dari.matching import UseEmbedder

    with transaction.atomic():
        member = bench_member()
    readers = {"anonymous": None, "member": member}
    seen = {name: visible_assets(user).count() for name, user in readers.items()}
    # Pages read stored vectors (as in production); the query is encoded in the process.
    use_embedder(UseEmbedder(), in_request=False)
    start = time.perf_counter()
    with transaction.atomic():
        stored = store_candidate_vectors(readers)
    vectors_s = time.perf_counter() - start
    start = time.perf_counter()
    parsed("위암 warm-up")  # loads the Korean analyser: once per process, for both
    from dari.directory.domain.recommend import query_embedder

    query_embedder().embed(["warm-up"])  # loads the encoder: once per process, for both
    warm_s = time.perf_counter() - start
    clock = Clock()
    counted: dict[str, int] = {}  # ours' count of the current call, as the page passes it
    methods = {
        "search": (
            lambda u, c: _answer(ours.search_assets(u, c)),
            lambda u, c: _answer(today.search_assets(u, c)),
        ),
        "facets": (
            lambda u, c: _facets(queries.asset_facets(u, c, matches=counted["n"])),
            lambda u, c: _facets(today.asset_facets(u, c)),
        ),
    }
    samples: list[dict[str, Any]] = []
    found: dict[str, dict[str, int]] = {name: {} for name in readers}
    differ: list[str] = []
    errors: list[float] = []
    estimated: set[str] = set()
    for round_ in range(rounds):
        for reader, user in readers.items():
            for query in QUERIES:
                for extra in FILTERS:
                    chosen = AssetFilter.from_params({"q": query, **extra})
                    label = query + ("" if not extra else " +filters")
                    for kind, (mine, theirs) in methods.items():
                        # Who goes first alternates by round (the second reads warmer caches).
                        if round_ % 2 == 0:
                            a, w1, c1 = clock.time(mine, user, chosen)
                            b, w2, c2 = clock.time(theirs, user, chosen)
                        else:
                            b, w2, c2 = clock.time(theirs, user, chosen)
                            a, w1, c1 = clock.time(mine, user, chosen)
                        common = dict(round=round_, reader=reader, kind=kind)
                        samples.append(dict(common, who="ours", wall=w1, cpu=c1))
                        samples.append(dict(common, who="today", wall=w2, cpu=c2))
                        if kind == "search":
                            found[reader][label] = counted["n"] = a[0]
                        if kind == "facets" and a[0]:  # estimated: how far from exact counts
                            estimated.add(f"{label} ({reader})")
                            errors += _errors(a[1], b[1])
                        elif a != b and f"{label} ({reader}, {kind})" not in differ:
                            differ.append(f"{label} ({reader}, {kind})")
    return {
        "samples": samples,
        "seen": seen,
        "found": found,
        "differ": differ,
        "estimated": sorted(estimated),
        "errors": errors,
        "stored_vectors": stored,
        "vectors_s": vectors_s,
        "warm_s": warm_s,
        **loaded,
    }


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p * (len(ordered) - 1))))]


def _series(
    samples: list[dict], reader: str, who: str, kind: str, key: str, round_: int | None
) -> list[float]:
    """The times of one method for one reader; `page` is search + facets of the same call."""
    chosen = [
        s
        for s in samples
        if s["reader"] == reader and s["who"] == who and (round_ is None or s["round"] == round_)
    ]
    if kind != "page":
        return [s[key] for s in chosen if s["kind"] == kind]
    search = [s[key] for s in chosen if s["kind"] == "search"]
    facets = [s[key] for s in chosen if s["kind"] == "facets"]
    return [a + b for a, b in zip(search, facets, strict=True)]


def table(db: str, data: dict, rounds: int) -> list[str]:
    samples = data["samples"]
    lines = []
    for reader in READERS:
        p95 = {
            r: _pct(_series(samples, reader, "ours", "page", "wall", r), 0.95)
            for r in range(rounds)
        }
        best = min(p95, key=lambda r: p95[r])
        for kind in ("search", "facets", "page"):
            for who in ("today", "ours"):
                wall = _series(samples, reader, who, kind, "wall", best)
                cpu = _series(samples, reader, who, kind, "cpu", best)
                spread = [
                    _pct(_series(samples, reader, who, kind, "wall", r), 0.95)
                    for r in range(rounds)
                ]
                lines.append(
                    f"| {db} | {reader} | {kind} | {who} | {_pct(wall, 0.5):.0f} | "
                    f"{_pct(wall, 0.95):.0f} | {_pct(wall, 0.99):.0f} | {_pct(cpu, 0.5):.0f} | "
                    f"{_pct(cpu, 0.95):.0f} | {_pct(cpu, 0.99):.0f} | "
                    f"{min(spread):.0f}-{max(spread):.0f} |"
                )
        lines.append(f"<!-- {db}, {reader}: best round {best + 1} of {rounds} -->")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--assets", type=int, default=100_000)
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--workdir", help="keep the databases here and reuse them next time")
    parser.add_argument("--pg-url", default=PG_URL)
    parser.add_argument("--measure", metavar="FILE", help=argparse.SUPPRESS)
    parser.add_argument("--filled", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(Path(args.measure), args.rounds, args.filled)))
        return
    dbs = ["sqlite", "postgres"] if args.database == "both" else [args.database]
    report = []
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(args.workdir or tmpdir)
        tmp.mkdir(parents=True, exist_ok=True)
        data = tmp / f"assets-{args.assets}.json"
        if not data.exists():
            data.write_text(json.dumps(generate(args.assets), ensure_ascii=False))
        for db in dbs:
            env, filled = fresh_env(db, tmp, args.pg_url, reuse=bool(args.workdir))
            out = subprocess.run(
                [sys.executable, __file__, "--measure", str(data), "--rounds", str(args.rounds)]
                + (["--filled"] if filled else []),
                env=dict(env, DJANGO_SETTINGS_MODULE="dari.settings"),
                check=True,
                capture_output=True,
                text=True,
            )
            report.append((db, json.loads(out.stdout.strip().splitlines()[-1])))
    combos = len(QUERIES) * len(FILTERS)
    print(
        f"\nSearch over {args.assets:,} SYNTHETIC assets, anonymous and member readers, "
        f"{len(QUERIES)} queries x {len(FILTERS)} (without, with filters) = {combos} calls per "
        f"reader, method and round, {args.rounds} rounds, {os.cpu_count()} cores (shared); best "
        "round of each database and reader (lowest p95 of ours' page), times in ms"
    )
    print(
        "| database | reader | answer | method | p50 wall | p95 wall | p99 wall | p50 CPU | "
        "p95 CPU | p99 CPU | p95 wall over rounds |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for db, data_ in report:
        print("\n".join(table(db, data_, args.rounds)))
    db, data_ = report[0]
    for reader in READERS:
        print(
            f"\nResults per query (count found, {reader}: sees {data_['seen'][reader]:,} assets), "
            "ours = today unless listed below:"
        )
        print(" | ".join(f"{q} {n:,}" for q, n in data_["found"][reader].items()))
    for db, data_ in report:
        errors = data_["errors"]
        if errors:
            print(
                f"{db}: facet counts estimated (more than {FACETS_EXACT_UP_TO:,} found) for "
                f"{', '.join(data_['estimated'])}; relative error of options with 100 or "
                f"more assets: median {statistics.median(errors):.1%}, p95 "
                f"{_pct(errors, 0.95):.1%}, max {max(errors):.1%} ({len(errors)} counts)"
            )
    for db, data_ in report:
        differ = ", ".join(data_["differ"]) or "none"
        print(
            f"{db}: answers that differ from today's: {differ}; rows written "
            f"{data_['rows_s']:.1f} s, index built {data_['index_s']:.1f} s; "
            f"{data_['stored_vectors']} candidate vectors stored in {data_['vectors_s']:.1f} s; "
            f"analyser and encoder loaded in {data_['warm_s']:.1f} s"
        )


if __name__ == "__main__":
    sys.exit(main())
