"""ClinicalTrials.gov API v2 study JSON -> `Study` records, every problem named with its file
and JSON path (`page.json: studies[3].protocolSection.statusModule.overallStatus: ...`).

Reads one study (`{"protocolSection": ...}`) or a page (`{"studies": [...], "nextPageToken"}`),
and only the fields listed in dari/data/trials/README.md; everything else is ignored. AACT's
flat files are turned into the same study JSON (dari/trials/aact.py), so both go through here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

from dari.directory.interchange import _value_errors, json_path
from dari.directory.weblinks import is_web_address
from dari.trials.vocab import InterventionType, Phase, SponsorClass, TrialStatus

NCT_ID = re.compile(r"^NCT\d{8}$")
CRIS_ID = re.compile(r"^KCT\d{7}$")
DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
STUDY_URL = "https://clinicaltrials.gov/study/{}"
# The vocabularies, read once: `TextChoices.values` builds its list on every call.
STATUSES = TrialStatus.values
PHASES = Phase.values
SPONSOR_CLASSES = SponsorClass.values
INTERVENTION_TYPES = InterventionType.values

# Registry country names -> ISO codes, for the countries a site finder asks about.
COUNTRIES = {
    "korea, republic of": "KR",
    "republic of korea": "KR",
    "south korea": "KR",
    "korea": "KR",
    "united states": "US",
    "china": "CN",
    "japan": "JP",
    "taiwan": "TW",
    "hong kong": "HK",
    "singapore": "SG",
    "australia": "AU",
    "united kingdom": "GB",
    "germany": "DE",
    "france": "FR",
    "spain": "ES",
    "italy": "IT",
    "canada": "CA",
    "india": "IN",
    "poland": "PL",
    "belgium": "BE",
    "netherlands": "NL",
    "switzerland": "CH",
    "brazil": "BR",
    "russian federation": "RU",
    "turkey": "TR",
    "türkiye": "TR",
    "thailand": "TH",
    "vietnam": "VN",
    "malaysia": "MY",
    "philippines": "PH",
    "israel": "IL",
    "mexico": "MX",
    "argentina": "AR",
    "sweden": "SE",
    "denmark": "DK",
    "austria": "AT",
    "czechia": "CZ",
    "hungary": "HU",
    "ukraine": "UA",
}


def country_code(name: str) -> str:
    return COUNTRIES.get(name.strip().casefold(), "")


@dataclass
class Location:
    facility: str
    city: str
    country: str  # ISO code, "" when unknown
    status: str
    contacts: list[tuple[str, str]] = field(default_factory=list)  # (name, role)


@dataclass
class Study:
    """One study as the importer writes it."""

    id: str
    nct_id: str
    cris_id: str
    mfds_id: str
    title: str
    official_title: str
    status: str
    phases: list[str]
    study_type: str
    start_date: dt.date | None
    completion_date: dt.date | None
    enrollment: int | None
    enrollment_type: str
    sponsor: tuple[str, str] | None  # (name, class)
    collaborators: list[tuple[str, str]]
    conditions: list[str]
    keywords: list[str]
    mesh_terms: list[dict[str, str]]
    interventions: list[dict[str, Any]]
    locations: list[Location]
    officials: list[tuple[str, str, str]]  # (name, role, affiliation)
    last_update: str
    source_url: str
    synthetic: bool
    origin: str
    digest: str = ""
    # Countries a source states without naming a site (reported trials).
    countries: list[str] = field(default_factory=list)
    # The date of the report that states the status (reported trials).
    status_as_of: dt.date | None = None
    # The title is a description written from a report, not the registry's title.
    title_is_description: bool = False


# Raised when what the importer reads of a study changes, so every study is written again.
DIGEST_VERSION = "2"  # 2: a collaborator entry naming several organisations is split


def _canonical(study: dict[str, Any]) -> str:
    return json.dumps(study, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _digest(encoded: bytes, synthetic: bool, origin: str) -> str:
    tail = f"|{DIGEST_VERSION}|{int(synthetic)}|{origin}"
    return hashlib.sha256(encoded + tail.encode()).hexdigest()


def digest_of(study: dict[str, Any], synthetic: bool, origin: str) -> str:
    """What was imported of a study, hashed: unchanged input, unchanged digest."""
    return _digest(_canonical(study).encode(), synthetic, origin)


# In a study's JSON text, what may be a value no column can hold: a NUL character, a number
# beyond 64 bits, NaN or infinity (text that only looks so is checked value by value).
_SUSPECT = re.compile(r"\\u0000|NaN|Infinity|\d{19,}")


def _clean_text(study: dict[str, Any]) -> bytes | None:
    """The study's canonical JSON, encoded, when it surely holds no value `_value_errors`
    refuses (one C-speed pass instead of a walk over every value); None when in doubt."""
    text = _canonical(study)
    if _SUSPECT.search(text):
        return None
    try:
        return text.encode()
    except UnicodeEncodeError:  # half a surrogate pair
        return None


class _Reader:
    """Typed reads from a JSON object that record each problem with its path."""

    def __init__(self, prefix: str, errors: list[str]) -> None:
        self.prefix = prefix
        self.errors = errors

    def problem(self, path: list[str | int], message: str) -> None:
        self.errors.append(f"{self.prefix}{json_path(path)}: {message}")

    def obj(self, node: Any, key: str, path: list[str | int]) -> dict[str, Any]:
        value = node.get(key) if isinstance(node, dict) else None
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.problem([*path, key], "expected an object")
            return {}
        return value

    def items(self, node: dict[str, Any], key: str, path: list[str | int]) -> list[Any]:
        value = node.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem([*path, key], "expected a list")
            return []
        return value

    def text(
        self,
        node: dict[str, Any],
        key: str,
        path: list[str | int],
        required: bool = False,
        max_length: int = 1000,
    ) -> str:
        value = node.get(key)
        if value is None or value == "":
            if required:
                self.problem([*path, key], "required")
            return ""
        if not isinstance(value, str):
            self.problem([*path, key], "expected a string")
            return ""
        if len(value) > max_length:
            self.problem([*path, key], f"longer than {max_length} characters")
            return ""
        return value.strip()

    def texts(self, node: dict[str, Any], key: str, path: list[str | int]) -> list[str]:
        out = []
        for i, value in enumerate(self.items(node, key, path)):
            if not isinstance(value, str):
                self.problem([*path, key, i], "expected a string")
            elif value.strip():
                out.append(value.strip()[:500])
        return out

    def web(self, value: str, path: list[str | int]) -> None:
        """A web address, when given, starts with http:// or https://."""
        if value and not is_web_address(value):
            self.problem(path, "not a web address (http:// or https://)")

    def phases(self, node: dict[str, Any], key: str, path: list[str | int]) -> list[str]:
        out = []
        for i, phase in enumerate(self.items(node, key, path)):
            if phase in PHASES:
                out.append(phase)
            else:
                allowed = ", ".join(PHASES)
                self.problem([*path, key, i], f"{str(phase)[:40]!r} is not one of {allowed}")
        return out

    def interventions(
        self, node: dict[str, Any], key: str, path: list[str | int]
    ) -> list[dict[str, Any]]:
        """`[{"type", "name", "otherNames"}]` as `[{"type", "name", "other_names"}]`."""
        out = []
        for i, item in enumerate(self.items(node, key, path)):
            at = [*path, key, i]
            if not isinstance(item, dict):
                self.problem(at, "expected an object")
                continue
            out.append(
                {
                    "type": self.choice(item, "type", at, INTERVENTION_TYPES),
                    "name": self.text(item, "name", at, required=True, max_length=500),
                    "other_names": self.texts(item, "otherNames", at),
                }
            )
        return out

    def participants(self, node: dict[str, Any], key: str, path: list[str | int]) -> int | None:
        count = node.get(key)
        if count is not None and (
            isinstance(count, bool) or not isinstance(count, int) or not 0 <= count < 2**31
        ):
            self.problem([*path, key], "expected a whole number of participants")
            return None
        return count

    def choice(
        self, node: dict[str, Any], key: str, path: list[str | int], values: list[str]
    ) -> str:
        value = self.text(node, key, path)
        if value and value not in values:
            self.problem([*path, key], f"{value[:100]!r} is not one of {', '.join(values)}")
            return ""
        return value

    def date(self, node: dict[str, Any], key: str, path: list[str | int]) -> dt.date | None:
        """A registry date struct, `{"date": "YYYY[-MM[-DD]]"}`."""
        return self.plain_date(self.obj(node, key, path), "date", [*path, key])

    def plain_date(self, node: dict[str, Any], key: str, path: list[str | int]) -> dt.date | None:
        """`"YYYY"`, `"YYYY-MM"` or `"YYYY-MM-DD"` (the first day of a month or year)."""
        value = self.text(node, key, path)
        if not value:
            return None
        m = DATE.match(value)
        try:
            if m is None:
                raise ValueError
            return dt.date(int(m[1]), int(m[2] or 1), int(m[3] or 1))
        except ValueError:
            self.problem(
                [*path, key], f"{value[:40]!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
            )
            return None


def parse_study(
    study: Any, path: list[str | int], prefix: str, errors: list[str], synthetic: bool, origin: str
) -> Study | None:
    """The study at `path` of a document, or None (with its problems added to `errors`)."""
    before = len(errors)
    r = _Reader(prefix, errors)
    if not isinstance(study, dict):
        r.problem(path, "expected a study object")
        return None
    encoded = _clean_text(study)
    if encoded is None:
        _value_errors(study, list(path), errors, prefix)
        if len(errors) > before:
            return None
        encoded = _canonical(study).encode()
    p = [*path, "protocolSection"]
    protocol = r.obj(study, "protocolSection", path)
    if not protocol:
        r.problem(p, "required")
        return None
    ip = [*p, "identificationModule"]
    ident = r.obj(protocol, "identificationModule", p)
    nct_id = r.text(ident, "nctId", ip, max_length=20)
    if nct_id and not NCT_ID.match(nct_id):
        r.problem([*ip, "nctId"], f"{nct_id!r} is not an NCT number (NCT and 8 digits)")
    cris_id = mfds_id = ""
    for i, info in enumerate(r.items(ident, "secondaryIdInfos", ip)):
        at = [*ip, "secondaryIdInfos", i]
        if not isinstance(info, dict):
            r.problem(at, "expected an object")
            continue
        value = r.text(info, "id", at, max_length=200)
        domain = r.text(info, "domain", at, max_length=500).casefold()
        if CRIS_ID.match(value) and not cris_id:
            cris_id = value
        elif ("mfds" in domain or "kfda" in domain) and value and not mfds_id:
            mfds_id = value[:40]
    if not nct_id and not cris_id:
        r.problem([*ip, "nctId"], "required (or a CRIS KCT number in secondaryIdInfos)")
    title = r.text(ident, "briefTitle", ip, required=True)
    official = r.text(ident, "officialTitle", ip, max_length=5000)
    sp = [*p, "statusModule"]
    status_mod = r.obj(protocol, "statusModule", p)
    status = r.choice(status_mod, "overallStatus", sp, STATUSES)
    if not status_mod.get("overallStatus"):
        r.problem([*sp, "overallStatus"], "required")
    start = r.date(status_mod, "startDateStruct", sp)
    completion = r.date(status_mod, "completionDateStruct", sp)
    last_update = r.obj(status_mod, "lastUpdatePostDateStruct", sp).get("date", "")
    dp = [*p, "designModule"]
    design = r.obj(protocol, "designModule", p)
    phases = r.phases(design, "phases", dp)
    enrol = r.obj(design, "enrollmentInfo", dp)
    count = r.participants(enrol, "count", [*dp, "enrollmentInfo"])
    sponsors_path = [*p, "sponsorCollaboratorsModule"]
    sponsors = r.obj(protocol, "sponsorCollaboratorsModule", p)
    lead = r.obj(sponsors, "leadSponsor", sponsors_path)
    sponsor = None
    if lead:
        lp = [*sponsors_path, "leadSponsor"]
        name = r.text(lead, "name", lp, required=True, max_length=500)
        sponsor = (name, r.choice(lead, "class", lp, SPONSOR_CLASSES)) if name else None
    collaborators = []
    for i, c in enumerate(r.items(sponsors, "collaborators", sponsors_path)):
        cp = [*sponsors_path, "collaborators", i]
        if not isinstance(c, dict):
            r.problem(cp, "expected an object")
            continue
        name = r.text(c, "name", cp, required=True, max_length=500)
        if name:
            collaborators.append((name, r.choice(c, "class", cp, SPONSOR_CLASSES)))
    cond = r.obj(protocol, "conditionsModule", p)
    condp = [*p, "conditionsModule"]
    mesh: list[dict[str, str]] = []
    derived = r.obj(study, "derivedSection", path)
    browse = r.obj(derived, "conditionBrowseModule", [*path, "derivedSection"])
    bp = [*path, "derivedSection", "conditionBrowseModule"]
    for i, item in enumerate(r.items(browse, "meshes", bp)):
        if isinstance(item, dict) and item.get("term"):
            mesh.append(
                {
                    "id": r.text(item, "id", [*bp, "meshes", i], max_length=20),
                    "term": r.text(item, "term", [*bp, "meshes", i], max_length=300),
                }
            )
        else:
            r.problem([*bp, "meshes", i], 'expected {"id", "term"}')
    arms = r.obj(protocol, "armsInterventionsModule", p)
    ap = [*p, "armsInterventionsModule"]
    interventions = r.interventions(arms, "interventions", ap)
    contacts = r.obj(protocol, "contactsLocationsModule", p)
    cp = [*p, "contactsLocationsModule"]
    officials = []
    for i, o in enumerate(r.items(contacts, "overallOfficials", cp)):
        op = [*cp, "overallOfficials", i]
        if not isinstance(o, dict):
            r.problem(op, "expected an object")
            continue
        name = r.text(o, "name", op, max_length=300)
        if name:
            officials.append(
                (
                    name,
                    r.text(o, "role", op, max_length=40),
                    r.text(o, "affiliation", op, max_length=500),
                )
            )
    locations = []
    for i, loc in enumerate(r.items(contacts, "locations", cp)):
        lp = [*cp, "locations", i]
        if not isinstance(loc, dict):
            r.problem(lp, "expected an object")
            continue
        people = []
        for j, c in enumerate(r.items(loc, "contacts", lp)):
            if not isinstance(c, dict):
                r.problem([*lp, "contacts", j], "expected an object")
                continue
            name = r.text(c, "name", [*lp, "contacts", j], max_length=300)
            if name:
                people.append((name, r.text(c, "role", [*lp, "contacts", j], max_length=40)))
        locations.append(
            Location(
                facility=r.text(loc, "facility", lp, max_length=500),
                city=r.text(loc, "city", lp, max_length=200),
                country=country_code(r.text(loc, "country", lp, max_length=200)),
                status=r.choice(loc, "status", lp, STATUSES),
                contacts=people,
            )
        )
    extra = r.obj(study, "dari", path)
    source = r.text(extra, "source_url", [*path, "dari"], max_length=2000)
    r.web(source, [*path, "dari", "source_url"])
    if not nct_id and cris_id and not source:
        r.problem([*path, "dari", "source_url"], "required for a study without an NCT number")
    if len(errors) > before:
        return None
    return Study(
        id=nct_id or cris_id,
        nct_id=nct_id,
        cris_id=cris_id,
        mfds_id=mfds_id,
        title=title,
        official_title=official,
        status=status,
        phases=phases,
        study_type=r.text(design, "studyType", dp, max_length=40),
        start_date=start,
        completion_date=completion,
        enrollment=count,
        enrollment_type=str(enrol.get("type") or "")[:20],
        sponsor=sponsor,
        collaborators=collaborators,
        conditions=r.texts(cond, "conditions", condp),
        keywords=r.texts(cond, "keywords", condp),
        mesh_terms=mesh,
        interventions=interventions,
        locations=locations,
        officials=officials,
        last_update=str(last_update)[:10],
        source_url=source or STUDY_URL.format(nct_id),
        synthetic=synthetic or bool(extra.get("synthetic")),
        origin=origin,
        digest=_digest(encoded, synthetic or bool(extra.get("synthetic")), origin),
    )


def studies_of(
    doc: Any, name: str, errors: list[str], synthetic: bool = False, origin: str = "ctgov"
) -> list[Study]:
    """The studies of one parsed document (a page or one study)."""
    prefix = f"{name}: " if name else ""
    if not isinstance(doc, dict):
        errors.append(f"{prefix}expected a JSON object: a study or a page of studies")
        return []
    synthetic = synthetic or doc.get("synthetic") is True
    if "studies" in doc:
        if not isinstance(doc["studies"], list):
            errors.append(f"{prefix}studies: expected a list")
            return []
        out = []
        for i, study in enumerate(doc["studies"]):
            parsed = parse_study(study, ["studies", i], prefix, errors, synthetic, origin)
            if parsed is not None:
                out.append(parsed)
        return out
    if "protocolSection" in doc:
        parsed = parse_study(doc, [], prefix, errors, synthetic, origin)
        return [parsed] if parsed else []
    errors.append(f'{prefix}expected "studies" (a page) or "protocolSection" (one study)')
    return []
