"""dari review refuses what it cannot honour and says where: a --set field that the approval
does not have is refused (never ignored while the proposal is approved unchanged), a bad value
names its --set field or option; nothing is written."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from dari.curation.domain.ingest import ingest_text
from dari.curation.models import Candidate
from dari.directory.models import Deal
from tests.curation.conftest import EN_DEAL, SOURCE


def run(*args):
    call_command(*args, stdout=io.StringIO(), stderr=io.StringIO())


@pytest.fixture
def pending(graph, curator):
    (cand,) = ingest_text(EN_DEAL, SOURCE).candidates.all()
    return cand.pk


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ("licenser=globalpharma", "--set licenser: "),
        ("upfront_usd_m=abc", "--set upfront_usd_m: Upfront (USD m): 'abc' is not an amount"),
        ("date=2025-13", "--set date: "),
    ],
)
def test_a_bad_set_is_refused_naming_it(pending, item, expected):
    with pytest.raises(CommandError) as exc:
        run("review", "approve", str(pending), "--as-user", "cura", "--set", item)
    assert str(exc.value).startswith(expected), str(exc.value)
    assert Candidate.objects.get(pk=pending).status == "pending"
    assert not Deal.objects.exists()


def test_a_bad_observation_option_is_named(graph, curator):
    with pytest.raises(CommandError) as exc:
        run(
            "review", "propose-observation", "--as-user", "cura", "--target", "x",
            "--date", "2025-13-01", "--value", "1", "--source", SOURCE,
        )  # fmt: skip
    assert str(exc.value).startswith("--"), str(exc.value)
    assert not Candidate.objects.exists()


def test_a_candidate_id_that_names_nothing_is_bad_input(graph, curator):
    with pytest.raises(CommandError) as exc:
        run("review", "approve", "999", "--as-user", "cura")
    assert exc.value.returncode == 2  # docs/cli.md: an id that names nothing
    with pytest.raises(CommandError) as exc:
        run("review", "reject", "999", "--as-user", "cura", "--reason", "x")
    assert exc.value.returncode == 2


def test_an_unreadable_ingest_file_is_named_in_plain_words(graph, curator, tmp_path):
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\xff\xfe bad")
    for path, problem in [
        (tmp_path / "missing.txt", "no such file"),
        (binary, "not UTF-8 text (invalid start byte at byte 0)"),
        (tmp_path, "cannot be read (Is a directory)"),
    ]:
        with pytest.raises(CommandError) as exc:
            run("ingest", str(path), "--source", SOURCE)
        assert (str(exc.value), exc.value.returncode) == (f"{path}: {problem}", 2)
    assert not Candidate.objects.exists()
