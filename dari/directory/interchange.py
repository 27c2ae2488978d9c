"""dari-directory/1: reading (validation against the contract, reference checks) and the
field mapping between the JSON records and the models. Used by the importer and the exporter
(`importer.py`, `exporter.py`); nothing here writes to the database."""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import fastjsonschema
import jsonschema

from dari.directory import models as m
from dari.directory.weblinks import WEB_ADDRESS_PATTERN

FORMAT = "dari-directory/1"
SCHEMA_PATH = Path(__file__).with_name("schemas") / "directory.schema.json"


@dataclass(frozen=True)
class Field:
    """One JSON key of a record and where it lives on the model."""

    key: str
    attr: str
    # value | text (blank when absent) | list | fk | bool | m2m | visibility (public when absent)
    kind: str = "value"
    group: str | None = None  # nested object in the JSON (interests, partnering)


@dataclass(frozen=True)
class Section:
    """A top-level array of the format and its model."""

    key: str
    model: type[Any]
    fields: tuple[Field, ...]
    refs: dict[str, str] = field(default_factory=dict)  # json key -> section key it names


def _f(key: str, kind: str = "text", attr: str | None = None, group: str | None = None) -> Field:
    return Field(key=key, attr=attr or key, kind=kind, group=group)


SECTIONS: tuple[Section, ...] = (
    Section(
        "clusters",
        m.Cluster,
        (
            _f("name"),
            _f("name_ko"),
            _f("region"),
            _f("country"),
            _f("focus", "list"),
            _f("description"),
            _f("founded", "value"),
            _f("website"),
            _f("sources", "list"),
        ),
    ),
    Section(
        "organizations",
        m.Organization,
        (
            _f("name"),
            _f("name_ko"),
            _f("kind"),
            _f("country"),
            _f("city"),
            _f("cluster", "fk", "cluster_id"),
            _f("website"),
            _f("description"),
            _f("therapeutic_areas", "list"),
            _f("modalities", "list"),
            _f("therapeutic_areas", "list", "interest_therapeutic_areas", "interests"),
            _f("modalities", "list", "interest_modalities", "interests"),
            _f("stages", "list", "interest_stages", "interests"),
            _f("deal_types", "list", "interest_deal_types", "interests"),
            _f("description", "text", "interest_description", "interests"),
            _f("employees", "value"),
            _f("listed", "value"),
            _f("sources", "list"),
        ),
        refs={"cluster": "clusters"},
    ),
    Section(
        "assets",
        m.Asset,
        (
            _f("organization", "fk", "organization_id"),
            _f("name"),
            _f("description"),
            _f("modality"),
            _f("targets", "list"),
            _f("therapeutic_area"),
            _f("indications", "list"),
            _f("stage"),
            _f("seeking", "list", "seeking", "partnering"),
            _f("territories", "list", "territories", "partnering"),
            _f("available", "bool", "available", "partnering"),
            _f("visibility", "visibility"),
            _f("sources", "list"),
        ),
        refs={"organization": "organizations"},
    ),
    Section(
        "deals",
        m.Deal,
        (
            _f("date"),
            _f("licensor", "fk", "licensor_id"),
            _f("licensee", "fk", "licensee_id"),
            _f("asset", "fk", "asset_id"),
            _f("deal_type"),
            _f("upfront_usd_m", "value"),
            _f("total_value_usd_m", "value"),
            _f("currency"),
            _f("upfront_local", "value"),
            _f("total_value_local", "value"),
            _f("status"),
            _f("description"),
            _f("sources", "list"),
        ),
        refs={"licensor": "organizations", "licensee": "organizations", "asset": "assets"},
    ),
    Section(
        "investments",
        m.Investment,
        (
            _f("date"),
            _f("recipient", "fk", "recipient_id"),
            _f("investors", "m2m", "investor_order"),
            _f("kind"),
            _f("amount_usd_m", "value"),
            _f("amount_local", "value"),
            _f("currency"),
            _f("description"),
            _f("sources", "list"),
        ),
        refs={"recipient": "organizations", "investors": "organizations"},
    ),
    Section(
        "facilities",
        m.Facility,
        (
            _f("organization", "fk", "organization_id"),
            _f("name"),
            _f("cluster", "fk", "cluster_id"),
            _f("kind"),
            _f("capabilities", "list"),
            _f("shared_access", "bool"),
            _f("description"),
            _f("sources", "list"),
        ),
        refs={"organization": "organizations", "cluster": "clusters"},
    ),
    Section(
        "programs",
        m.Program,
        (
            _f("name"),
            _f("organizer", "fk", "organizer_id"),
            _f("kind"),
            _f("start"),
            _f("end"),
            _f("description"),
            _f("sources", "list"),
        ),
        refs={"organizer": "organizations"},
    ),
)
SECTION_BY_KEY = {s.key: s for s in SECTIONS}


class DirectoryError(Exception):
    """A directory file that cannot be imported; `errors` names every problem and where."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@lru_cache(maxsize=1)
def _schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return schema


@lru_cache(maxsize=1)
def _validator() -> jsonschema.protocols.Validator:
    schema = _schema()
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def json_path(parts: Iterable[str | int]) -> str:
    """`assets[3].modality` from the parts of a JSON path."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(document)"


def _describe(error: jsonschema.ValidationError) -> str:
    if error.validator == "additionalProperties":
        allowed = set(error.schema.get("properties", {}))
        unknown = sorted(k for k in error.instance if k not in allowed)
        return f"unknown field {', '.join(repr(k) for k in unknown)}"
    if error.validator == "oneOf" and error.context:
        # A nullable reference: the string branch says what is wrong with a string.
        return min(error.context, key=lambda e: len(e.message)).message
    if error.validator == "enum":
        return f"{error.instance!r} is not one of {', '.join(map(str, error.validator_value))}"
    if error.validator == "pattern" and str(error.validator_value).endswith(WEB_ADDRESS_PATTERN):
        return f"{str(error.instance)[:200]!r} is not a web address (http:// or https://)"
    return error.message


# Beyond these a number cannot be stored (64-bit integers, finite floats).
LARGEST_INTEGER = 2**63 - 1


def _value_errors(node: Any, path: list[str | int], errors: list[str], prefix: str) -> None:
    """Values no column can hold, which the schema cannot express: a NUL character or half a
    surrogate pair in text, integers beyond 64 bits, infinite or NaN numbers."""
    if isinstance(node, str):
        if "\x00" in node:
            errors.append(f"{prefix}{json_path(path)}: text contains a NUL character")
        elif not node.isascii():
            try:
                node.encode("utf-8")
            except UnicodeEncodeError:
                errors.append(
                    f"{prefix}{json_path(path)}: text is not valid Unicode (a lone surrogate)"
                )
    elif isinstance(node, bool):
        return
    elif isinstance(node, int):
        if abs(node) > LARGEST_INTEGER:
            errors.append(f"{prefix}{json_path(path)}: number too large")
    elif isinstance(node, float):
        if not math.isfinite(node):
            errors.append(f"{prefix}{json_path(path)}: number too large or not a number")
    elif isinstance(node, dict):
        for key, value in node.items():
            _value_errors(key, [*path, "(key)"], errors, prefix)
            _value_errors(value, [*path, key], errors, prefix)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            _value_errors(value, [*path, i], errors, prefix)


@lru_cache(maxsize=1)
def _fast_check() -> Callable[[Any], Any]:
    """A compiled validator that answers valid/invalid fast; jsonschema then names the errors.

    fastjsonschema stops at the first error, so it only decides whether the slower, complete
    jsonschema pass is needed (a 100,000-asset file validates in about a second instead of ten).
    """
    # Same keywords, draft-07 compiler; a copy, as _validator keeps the original.
    schema = {**_schema(), "$schema": "http://json-schema.org/draft-07/schema#"}
    return fastjsonschema.compile(schema, formats={"uri": lambda _v: True})


def validate_document(doc: Any, name: str = "") -> list[str]:
    """Every contract violation of one parsed document, each with its JSON path."""
    prefix = f"{name}: " if name else ""
    if not isinstance(doc, dict):
        return [f'{prefix}the document must be a JSON object with "format": "{FORMAT}"']
    if doc.get("format") != FORMAT:
        return [f"{prefix}format: expected {FORMAT!r}, found {str(doc.get('format'))[:100]!r}"]
    values: list[str] = []
    _value_errors(doc, [], values, prefix)
    if values:
        return values
    try:
        _fast_check()(doc)
        return []
    except fastjsonschema.JsonSchemaException:
        pass
    errors = sorted(_validator().iter_errors(doc), key=lambda e: [str(p) for p in e.absolute_path])
    return [f"{prefix}{json_path(e.absolute_path)}: {_describe(e)}" for e in errors]


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"the number {text[:40]} is too large")
    return value


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


class _DuplicateKey(ValueError):
    pass


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object whose keys are all different (JSON's last-one-wins would drop a value)."""
    obj: dict[str, Any] = {}
    for key, value in pairs:
        if key in obj:
            raise _DuplicateKey(f"the key {key[:80]!r} appears twice in one object")
        obj[key] = value
    return obj


def read_file(path: Path) -> Any:
    """Parse one file; a malformed one raises DirectoryError naming the line and column."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DirectoryError([f"{path}: no such file"]) from None
    except UnicodeDecodeError as exc:
        raise DirectoryError(
            [f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})"]
        ) from None
    except OSError as exc:
        raise DirectoryError([f"{path}: cannot be read ({exc.strerror})"]) from None
    try:
        return json.loads(
            text, parse_float=_finite, parse_constant=_no_constant, object_pairs_hook=_unique_keys
        )
    except json.JSONDecodeError as exc:
        raise DirectoryError(
            [f"{path}: malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"]
        ) from None
    except _DuplicateKey as exc:
        raise DirectoryError([f"{path}: malformed JSON: {exc}"]) from None
    except ValueError as exc:  # from the number hooks, or an integer of too many digits
        reason = "a number has too many digits" if "digits" in str(exc) else str(exc)
        raise DirectoryError([f"{path}: malformed JSON: {reason}"]) from None
    except RecursionError:
        raise DirectoryError([f"{path}: malformed JSON: nested too deeply"]) from None


@dataclass
class Record:
    """One record of a section, with where it came from (for error messages)."""

    section: Section
    data: dict[str, Any]
    where: str


def collect_records(docs: list[tuple[str, dict[str, Any]]]) -> tuple[list[Record], list[str]]:
    """All records of valid documents, and the duplicate-id errors among them."""
    records: list[Record] = []
    errors: list[str] = []
    first_seen: dict[tuple[str, str], str] = {}
    for name, doc in docs:
        for section in SECTIONS:
            for i, item in enumerate(doc.get(section.key, [])):
                where = f"{name + ': ' if name else ''}{section.key}[{i}]"
                key = (section.key, item["id"])
                if key in first_seen:
                    errors.append(
                        f"{where}.id: duplicate id {item['id']!r} (also {first_seen[key]})"
                    )
                    continue
                first_seen[key] = where
                records.append(Record(section, item, where))
    return records, errors


def reference_errors(records: list[Record], existing: dict[str, set[str]]) -> list[str]:
    """References that name neither a record being imported nor one in the database."""
    known: dict[str, set[str]] = {s.key: set(existing.get(s.key, set())) for s in SECTIONS}
    for r in records:
        known[r.section.key].add(r.data["id"])
    errors = []
    for r in records:
        for key, target in r.section.refs.items():
            value = r.data.get(key)
            names = value if isinstance(value, list) else [value]
            for j, ref in enumerate(names):
                if ref is None or ref in known[target]:
                    continue
                path = f"{r.where}.{key}" + (f"[{j}]" if isinstance(value, list) else "")
                singular = target[:-1] if target != "facilities" else "facility"
                errors.append(f"{path}: no {singular} with id {ref!r} in the files or the database")
    return errors


def referenced_ids(records: list[Record]) -> dict[str, set[str]]:
    """Ids each section's records refer to, to look up in the database."""
    wanted: dict[str, set[str]] = {s.key: set() for s in SECTIONS}
    for r in records:
        for key, target in r.section.refs.items():
            value = r.data.get(key)
            for ref in value if isinstance(value, list) else [value]:
                if ref is not None:
                    wanted[target].add(ref)
    return wanted


def to_model_values(section: Section, data: dict[str, Any]) -> dict[str, Any]:
    """Model attribute values of one JSON record (absent optional keys become blanks)."""
    values: dict[str, Any] = {"id": data["id"]}
    for f in section.fields:
        source = data.get(f.group, {}) if f.group else data
        raw = source.get(f.key)
        if f.kind in ("list", "m2m"):
            values[f.attr] = list(raw or [])
        elif f.kind == "text":
            values[f.attr] = raw or ""
        elif f.kind == "visibility":
            values[f.attr] = raw or "public"
        else:
            values[f.attr] = raw
    return values


def to_record(section: Section, obj: Any) -> dict[str, Any]:
    """The JSON record of one model instance; empty optional values are left out."""
    out: dict[str, Any] = {"id": obj.pk}
    for f in section.fields:
        value = getattr(obj, f.attr)
        empty = not value if f.kind in ("list", "m2m", "text") else value is None
        if empty:
            continue
        if f.group:
            out.setdefault(f.group, {})[f.key] = value
        else:
            out[f.key] = value
    return out
