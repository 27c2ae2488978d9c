"""Count the bundled Korean out-licensing deals per year, 2020-2025 (plain Python, no Django).

    python tools/count_outlicensing.py [FOLDER] [--list YEAR]

Issue 14 compares the bundle with the KPBMA's yearly tally of Korean technology exports (see
docs/data.md, "Out-licensing coverage, 2020-2025"). A deal counts when its licensor is a Korean
organisation (`country` KR), its licensee is not, and it is dated in the year; a distribution
deal (a partner sells a finished product, no technology changes hands) is not a technology
export and is not counted.
The association counts agreements, not products, so the count is of distinct AGREEMENTS: records
with the same licensor, licensee and date are one agreement (Samsung Bioepis-Harrow 2025 has a
record for Byooviz and one for Opuviz; Dong-A ST-NeuroBo 2022 one per candidate). Records whose
organisations are missing are reported, not counted.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "dari" / "data"
YEARS = ("2020", "2021", "2022", "2023", "2024", "2025")
# The association's counts (docs/data.md gives the source of each).
KPBMA = {"2020": 15, "2021": 34, "2022": 16, "2023": 20, "2024": 15, "2025": 18}

Agreement = tuple[str, str, str]


def load(folder: Path) -> tuple[dict[str, dict], list[dict]]:
    organisations: dict[str, dict] = {}
    deals: list[dict] = []
    for path in sorted(folder.glob("*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        for organisation in document.get("organizations", []):
            organisations[organisation["id"]] = organisation
        deals.extend(document.get("deals", []))
    return organisations, deals


def agreements(
    organisations: dict[str, dict], deals: list[dict]
) -> tuple[dict[str, set[Agreement]], dict[str, int], list[str]]:
    """Distinct agreements and record counts per year, and the ids of records not counted."""
    distinct: dict[str, set[Agreement]] = defaultdict(set)
    records: dict[str, int] = defaultdict(int)
    unknown: list[str] = []
    for deal in deals:
        year = (deal.get("date") or "")[:4]
        if year not in YEARS:
            continue
        licensor = organisations.get(deal["licensor"])
        licensee = organisations.get(deal["licensee"])
        if licensor is None or licensee is None:
            unknown.append(deal["id"])
            continue
        if licensor.get("country") != "KR" or licensee.get("country") == "KR":
            continue
        if deal.get("deal_type") == "distribution":
            continue
        distinct[year].add((deal["licensor"], deal["licensee"], deal.get("date") or ""))
        records[year] += 1
    return distinct, records, unknown


def main(argv: list[str]) -> int:
    args = list(argv)
    listed = None
    if "--list" in args:
        at = args.index("--list")
        listed = args[at + 1] if at + 1 < len(args) else None
        del args[at : at + 2]
    folder = Path(args[0]) if args else DEFAULT
    distinct, records, unknown = agreements(*load(folder))
    print("| year | KPBMA | agreements | records | share |")
    print("|---|---|---|---|---|")
    for year in YEARS:
        ours = len(distinct[year])
        share = round(100 * ours / KPBMA[year])
        print(f"| {year} | {KPBMA[year]} | {ours} | {records[year]} | {share}% |")
    if listed:
        for licensor, licensee, date in sorted(distinct.get(listed, set()), key=lambda a: a[2]):
            print(f"{date or '-':10} {licensor} -> {licensee}")
    for deal_id in unknown:
        print(f"not counted (organisation missing): {deal_id}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
