"""`dari import` refuses every malformed file with a named problem and writes nothing: bad
JSON, wrong types, numbers and text no column can hold, and script links."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from dari.directory.models import Cluster, Deal, Organization

pytestmark = pytest.mark.django_db

HEAD = '{"format": "dari-directory/1", '
CLUSTER = HEAD + '"clusters": [{"id": "cl-a", "name": "A"}, {"id": "cl-b", "name": %s}]}'


def refusal(tmp_path, content: bytes | str) -> str:
    path = tmp_path / "bad.json"
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    with pytest.raises(CommandError) as info:
        call_command("import", str(path), "--no-progress", stdout=io.StringIO())
    assert (Cluster.objects.count(), Organization.objects.count(), Deal.objects.count()) == (
        0,
        0,
        0,
    )
    return str(info.value).replace(str(path), "bad.json")


def one_problem(message: str) -> str:
    return f"import refused, nothing was written (1 problem):\n  {message}"


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (CLUSTER % '"B\\u0000"', "bad.json: clusters[1].name: text contains a NUL character"),
        (
            CLUSTER % '"\\ud800"',
            "bad.json: clusters[1].name: text is not valid Unicode (a lone surrogate)",
        ),
        ("[" * 100_000 + "]" * 100_000, "bad.json: malformed JSON: nested too deeply"),
        (
            CLUSTER % '"B", "name": "C"',
            "bad.json: malformed JSON: the key 'name' appears twice in one object",
        ),
        (
            HEAD + '"clusters": [], "clusters": [{"id": "c", "name": "C"}]}',
            "bad.json: malformed JSON: the key 'clusters' appears twice in one object",
        ),
        (
            HEAD + '"organizations": [{"id": "o", "name": "O", "kind": "biotech", '
            '"employees": 99999999999999999999}]}',
            "bad.json: organizations[0].employees: number too large",
        ),
        (
            HEAD + '"organizations": [{"id": "o", "name": "O", "kind": "biotech", '
            '"employees": 3000000000}]}',
            "bad.json: organizations[0].employees: 3000000000 is greater than the maximum of "
            "2147483647",
        ),
        (
            HEAD + '"clusters": [{"id": "c", "name": "C", "founded": 1e400}]}',
            "bad.json: malformed JSON: the number 1e400 is too large",
        ),
        (
            HEAD + '"clusters": [{"id": "c", "name": "C", "founded": 1' + "0" * 5000 + "}]}",
            "bad.json: malformed JSON: a number has too many digits",
        ),
        (
            HEAD + '"deals": [{"id": "d", "licensor": "x", "licensee": "x", '
            '"deal_type": "license", "upfront_usd_m": NaN}]}',
            "bad.json: malformed JSON: NaN is not a JSON number",
        ),
        (
            HEAD + '"deals": [{"id": "d", "licensor": "x", "licensee": "x", '
            '"deal_type": "license", "upfront_usd_m": Infinity}]}',
            "bad.json: malformed JSON: Infinity is not a JSON number",
        ),
        (b"\xff\xfe{}", "bad.json: not UTF-8 text (invalid start byte at byte 0)"),
        (HEAD + '"clusters": [', "bad.json: malformed JSON at line 1, column 45: Expecting value"),
        (
            "[1, 2]",
            'bad.json: the document must be a JSON object with "format": "dari-directory/1"',
        ),
        (HEAD + '"clusters": "all"}', "bad.json: clusters: 'all' is not of type 'array'"),
        (
            HEAD + '"organizations": [{"id": "o", "name": "O", "kind": "biotech", '
            '"interests": {"stages": "phase1"}}]}',
            "bad.json: organizations[0].interests.stages: 'phase1' is not of type 'array'",
        ),
    ],
    ids=[
        "nul",
        "surrogate",
        "deep",
        "duplicate-key",
        "duplicate-section",
        "int64",
        "int32",
        "inf-float",
        "digits",
        "nan",
        "infinity",
        "encoding",
        "truncated",
        "top-level-list",
        "section-type",
        "nested-type",
    ],
)
def test_a_malformed_file_is_refused_naming_the_problem(tmp_path, content, problem):
    assert refusal(tmp_path, content) == one_problem(problem)


@pytest.mark.parametrize(
    "address",
    [
        "javascript:alert(document.domain)",
        "JAVASCRIPT:alert(1)",
        " https://example.org",
        "data:text/html,<script>alert(1)</script>",
        "//example.org/a",
        "https://exa mple.org",
    ],
)
def test_only_web_addresses_are_imported_as_websites_and_sources(tmp_path, address):
    text = refusal(
        tmp_path,
        HEAD + '"organizations": [{"id": "o", "name": "O", "kind": "biotech", "website": %s, '
        '"sources": [%s]}]}' % ((f'"{address}"',) * 2),
    )
    shown = repr(address)
    assert text == (
        "import refused, nothing was written (2 problems):\n"
        f"  bad.json: organizations[0].sources[0]: {shown} is not a web address (http:// or https://)\n"
        f"  bad.json: organizations[0].website: {shown} is not a web address (http:// or https://)"
    )
