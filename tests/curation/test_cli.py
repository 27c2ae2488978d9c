"""dari ingest and dari review on the command line: JSON as documented, exit codes, nothing
written on a bad file."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from dari.curation.models import Candidate, Document
from dari.directory.models import Deal
from tests.curation.conftest import EN_DEAL, KO_DEAL, SOURCE


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_ingest_json_then_approve(graph, curator, tmp_path):
    en = tmp_path / "en.txt"
    en.write_text(f"Source: {SOURCE}\n{EN_DEAL}", encoding="utf-8")
    ko = tmp_path / "ko.txt"
    ko.write_text(KO_DEAL, encoding="utf-8")
    out, _ = run("ingest", str(en), str(ko), "--json", "--source", SOURCE + "&x=2")
    doc = json.loads(out)
    kinds = [c["kind"] for c in doc["candidates"]]
    assert kinds == ["deal", "deal"]
    first = doc["candidates"][0]
    assert first["fields"]["currency"] == "USD" and first["fields"]["upfront"] == 40_000_000
    assert {p["role"] for p in first["fields"]["parties"]} == {"licensor", "licensee"}
    assert "evidence" in first and "confidence" in first
    listed, _ = run("review", "list", "--json")
    assert [c["id"] for c in json.loads(listed)] == [c["id"] for c in doc["candidates"]]
    record, _ = run("review", "approve", str(first["id"]), "--as-user", "cura")
    assert Deal.objects.filter(pk=record.strip()).exists()
    run("review", "reject", str(doc["candidates"][1]["id"]), "--as-user", "cura", "--reason", "dup")
    assert Candidate.objects.get(pk=doc["candidates"][1]["id"]).status == "rejected"


def test_a_bad_file_writes_nothing_and_names_itself(graph, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(EN_DEAL, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("   ", encoding="utf-8")
    with pytest.raises(CommandError) as exc:
        run("ingest", str(good), str(empty), "--source", SOURCE)
    assert exc.value.returncode == 2 and "empty.txt" in str(exc.value)
    assert not Document.objects.exists()


def test_dry_run_stores_nothing(graph, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(EN_DEAL, encoding="utf-8")
    out, _ = run("ingest", str(good), "--dry-run")
    assert json.loads(out)["candidates"][0]["kind"] == "deal"
    assert not Document.objects.exists()


def test_a_refused_approval_exits_1(graph, curator, member, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(EN_DEAL, encoding="utf-8")
    run("ingest", str(good), "--source", SOURCE)
    cand = Candidate.objects.get()
    with pytest.raises(CommandError) as exc:
        run("review", "approve", str(cand.pk), "--as-user", member.username)
    assert exc.value.returncode == 1
    with pytest.raises(CommandError) as exc:
        run("review", "approve", str(cand.pk), "--as-user", "cura", "--set", "date=May")
    assert exc.value.returncode == 1 and not Deal.objects.exists()
