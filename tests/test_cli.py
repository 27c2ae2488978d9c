"""The one command-line grammar (dari.cli.grammar), through the real `dari` entry point.

Commands run in this process through dari.cli.main (argument parsing, exit code and stderr as
on a terminal, against the test database); the few that need no database also run as a
subprocess of the installed `dari` script.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone, translation

from dari.accounts.models import PersonalAccessToken
from dari.cli import main
from dari.cli.command import DariCommand
from dari.cli.grammar import numbered
from dari.events.domain.calendar import participant_calendar
from dari.events.domain.errors import EventError
from dari.events.domain.requests import accept_request, request_meeting
from dari.events.domain.schedule import participant_key, schedule_event
from dari.scheduling.validate import validate_result_dict
from tests.events.factories import make_event, person
from tests.factories import AssetFactory, OrganizationFactory, UserFactory

# Commands close the database connections when they end, as on a terminal: that needs tests
# whose data is committed rather than held in a transaction around the test.
cli_db = pytest.mark.django_db(transaction=True)


def run(capsysbinary: pytest.CaptureFixture[bytes], *argv: str) -> tuple[int, bytes, str]:
    """`dari ARGV...` in this process: exit code, stdout bytes, stderr text."""
    capsysbinary.readouterr()
    code = main(list(argv))
    out, err = capsysbinary.readouterr()
    return code, out, err.decode("utf-8")


def dari_script(
    *argv: str, tmp_path: Path, stdin: str | None = None
) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["DARI_VAR_DIR"] = str(tmp_path / "var")  # never the developer's database
    script = Path(sys.executable).with_name("dari")
    return subprocess.run(
        [str(script), *argv], input=stdin, capture_output=True, text=True, env=env, check=False
    )


@pytest.fixture
def meeting_event(db: Any) -> Any:
    """An event a month from now with one accepted, scheduled Seoul-London meeting."""
    start = timezone.now().date() + dt.timedelta(days=30)
    event = make_event(slug="cli-event", start_date=start, end_date=start + dt.timedelta(days=1))
    seoul = person(event, "minseo", "kbio", "Asia/Seoul", "08:00", "21:00")
    london = person(event, "emma", "ukpharma", "Europe/London", "08:00", "18:00")
    accept_request(request_meeting(seoul, target=london, message="ADC partnering").pk, london)
    assert schedule_event(event.pk).status == "done"
    return {"event": event, "seoul": seoul, "london": london}


# Ids: a command accepts every id another command prints.


def test_numbered_reads_the_printed_form_and_the_bare_number() -> None:
    assert numbered("p36", participant_key) == 36
    assert numbered("36", participant_key) == 36
    assert numbered(" p36 ", participant_key) == 36
    assert numbered("m36", participant_key) is None
    assert numbered("p3x6", participant_key) is None
    assert numbered("٣٦", participant_key) is None  # only ASCII digits
    assert numbered("minseo", participant_key) is None
    assert numbered(str(2**63), participant_key) is None  # beyond any database id


@cli_db
def test_ics_accepts_the_participant_ids_export_instance_prints(meeting_event, capsysbinary):
    code, out, err = run(capsysbinary, "event", "export-instance", "cli-event")
    assert (code, err) == (0, "")
    printed = [p["id"] for p in json.loads(out)["participants"]]
    seoul = meeting_event["seoul"]
    assert printed == [participant_key(seoul.pk), participant_key(meeting_event["london"].pk)]
    calendar = participant_calendar(seoul)
    for ref in (printed[0], str(seoul.pk), "minseo"):
        assert run(capsysbinary, "event", "ics", "cli-event", "--participant", ref) == (
            0,
            calendar,
            "",
        )


@cli_db
def test_an_id_that_names_nothing_is_bad_input(meeting_event, capsysbinary):
    london = meeting_event["london"]
    for ref in (f"m{london.pk}", "p999999", "nobody", "99999999999999999999999"):
        assert run(capsysbinary, "event", "ics", "cli-event", "--participant", ref) == (
            2,
            b"",
            f"dari event: --participant: no participant {ref!r} in event 'cli-event'\n",
        )
    assert run(capsysbinary, "event", "export-schedule", "no-such-event") == (
        2,
        b"",
        "dari event: no event with slug 'no-such-event' (events: cli-event)\n",
    )


@cli_db
def test_schedule_and_publish_report_on_stdout(meeting_event, capsysbinary):
    code, out, err = run(capsysbinary, "event", "schedule", "cli-event", "--time-limit", "5")
    assert (code, err) == (0, "")
    assert out.decode().startswith(
        "scheduled 1, not scheduled 0, moved 0; weight 2 of proved bound 2 (gap 0.00%)"
    )
    assert run(capsysbinary, "event", "publish", "cli-event") == (
        0,
        b"published: 1 meetings confirmed\n",
        "",
    )


# Output: `-o -` and no -o write standard output; -o FILE writes the file and says so on stderr.


@cli_db
@pytest.mark.parametrize(
    "argv",
    [
        ["event", "export-instance", "cli-event"],
        ["event", "export-schedule", "cli-event"],
        ["event", "ics", "cli-event", "--participant", "emma"],
        ["event", "list"],
        ["event", "list", "--json"],
        ["export"],
        ["export", "--public"],
    ],
)
def test_dash_and_no_output_write_stdout_and_a_file_gets_the_same_bytes(
    meeting_event, capsysbinary, tmp_path, argv
):
    code, plain, err = run(capsysbinary, *argv)
    assert (code, err) == (0, "")
    assert plain.strip() != b""
    assert run(capsysbinary, *argv, "-o", "-") == (0, plain, "")
    target = tmp_path / "out"
    assert run(capsysbinary, *argv, "-o", str(target)) == (0, b"", f"wrote {target}\n")
    assert target.read_bytes() == plain


@cli_db
def test_an_output_that_cannot_be_written_is_bad_input(meeting_event, capsysbinary, tmp_path):
    target = tmp_path / "missing-dir" / "x.json"
    assert run(capsysbinary, "event", "export-instance", "cli-event", "-o", str(target)) == (
        2,
        b"",
        f"dari event: -o: cannot write {target}: No such file or directory\n",
    )


def test_schedule_writes_its_result_to_stdout(tmp_path, capsysbinary):
    doc = {
        "format": "partnering-schedule/1",
        "event": {"name": "cli", "timezone": "Asia/Seoul"},
        "slots": [{"id": "s0", "start": "2025-03-11T01:00:00Z", "minutes": 30}],
        "participants": [{"id": x, "available": ["s0"]} for x in "AB"],
        "meetings": [{"id": "m1", "participants": ["A", "B"]}],
    }
    src = tmp_path / "in.json"
    src.write_text(json.dumps(doc), "utf-8")
    for extra in ([], ["-o", "-"]):
        code, out, err = run(capsysbinary, "schedule", str(src), *extra)
        assert code == 0
        result = json.loads(out)
        assert validate_result_dict(result) == []
        assert result["assignments"] == [{"meeting": "m1", "slot": "s0"}]
        # the summary goes where the data does not
        assert err.startswith("scheduled 1/1 meetings, weight 1, bound 1, gap 0.00%")
    piped = dari_script("schedule", "-", "-q", tmp_path=tmp_path, stdin=json.dumps(doc))
    assert (piped.returncode, piped.stderr) == (0, "")
    assert json.loads(piped.stdout)["assignments"] == [{"meeting": "m1", "slot": "s0"}]


# --json means JSON wherever it is offered; without it, text for people.


@pytest.fixture
def recommend_world(db: Any) -> None:
    OrganizationFactory(
        id="org-seeker",
        name="Seeker Pharma",
        kind="pharma",
        interest_therapeutic_areas=["oncology"],
        interest_modalities=["antibody"],
        interest_description="We in-license oncology antibodies.",
    )
    OrganizationFactory(id="org-other", name="Other Pharma", kind="pharma")
    AssetFactory(id="as-onco", name="Oncomab", description="an oncology antibody")


@cli_db
def test_recommend_prints_text_and_json_only_with_json(recommend_world, capsysbinary):
    code, out, err = run(capsysbinary, "recommend", "partners", "--asset", "as-onco", "--json")
    assert (code, err) == (0, "")
    partners = json.loads(out)
    assert list(partners) == ["as-onco"]
    assert partners["as-onco"][0]["organization"] == "org-seeker"
    assert run(capsysbinary, "recommend", "partners", "--asset", "as-onco") == (
        0,
        (
            "as-onco:\n"
            f"  1. org-seeker  Seeker Pharma  ({partners['as-onco'][0]['score']})\n"
            + "".join(f"       - {reason}\n" for reason in partners["as-onco"][0]["reasons"])
            + f"  2. org-other  Other Pharma  ({partners['as-onco'][1]['score']})\n"
            + "".join(f"       - {reason}\n" for reason in partners["as-onco"][1]["reasons"])
        ).encode("utf-8"),
        "",
    )
    # The organisation ids printed are those `recommend assets` takes, and its asset ids are
    # those `recommend partners` takes.
    code, out, err = run(
        capsysbinary, "recommend", "assets", "--organization", "org-seeker", "--json"
    )
    assets = json.loads(out)
    assert (code, err, [r["asset"] for r in assets["org-seeker"]]) == (0, "", ["as-onco"])
    assert run(capsysbinary, "recommend", "assets", "--organization", "org-seeker") == (
        0,
        (
            "org-seeker:\n"
            f"  1. as-onco  Oncomab  ({assets['org-seeker'][0]['score']})\n"
            + "".join(f"       - {reason}\n" for reason in assets["org-seeker"][0]["reasons"])
        ).encode("utf-8"),
        "",
    )


@cli_db
def test_event_list_text_and_json(meeting_event, capsysbinary):
    code, out, err = run(capsysbinary, "event", "list", "--json")
    rows = json.loads(out)
    assert (code, err, [(r["slug"], r["participants"], r["scheduled"]) for r in rows]) == (
        0,
        "",
        [("cli-event", 2, 1)],
    )
    code, out, err = run(capsysbinary, "event", "list")
    start, end = rows[0]["start_date"], rows[0]["end_date"]
    assert (code, out.decode(), err) == (
        0,
        f"{'cli-event':<40} {'virtual':<10} {start}..{end}     2 people     1/1 meetings scheduled\n",
        "",
    )


# Exit codes: 0 done, 1 refused, 2 bad usage or input; one line on stderr, no traceback.


@cli_db
@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["recommend", "partners", "--asset", "as-none"],
            "dari recommend: --asset: no asset 'as-none'",
        ),
        (
            ["recommend", "assets", "--organization", "org-none"],
            "dari recommend: --organization: no organisation 'org-none'",
        ),
        (
            ["recommend", "partners", "--asset", "as-onco", "--top", "0"],
            "dari recommend: --top: must be at least 1",
        ),
        (
            ["recommend", "partners", "--asset", "as-onco", "--as-user", "ghost"],
            "dari recommend: --as-user: no user named 'ghost'",
        ),
        (["export", "--as-user", "ghost"], "dari export: --as-user: no user named 'ghost'"),
        (["periodic", "--interval", "0"], "dari periodic: --interval: must be more than 0 seconds"),
        (
            ["event", "schedule", "cli-event", "--time-limit", "0"],
            "dari event: --time-limit: must be a positive number of seconds",
        ),
    ],
)
def test_bad_input_exits_2_with_one_line(
    recommend_world, meeting_event, capsysbinary, argv, message
):
    assert run(capsysbinary, *argv) == (2, b"", message + "\n")


@cli_db
def test_an_invalid_import_file_exits_2_and_writes_nothing(capsysbinary, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "dari-directory/1", "clusters": [,]}', "utf-8")
    code, out, err = run(capsysbinary, "import", "--no-progress", str(bad))
    assert (code, out) == (2, b"")
    assert err == (
        "dari import: import refused, nothing was written (1 problem):\n"
        f"  {bad}: malformed JSON at line 1, column 45: Expecting value\n"
    )


@pytest.mark.parametrize(
    "argv",
    [
        ["event", "ics", "cli-event"],  # --participant is required
        ["event", "no-such-action"],
        ["recommend", "partners", "--asset", "a", "--top", "many"],
        ["export", "--public", "--as-user", "someone"],
        ["schedule"],
    ],
)
def test_bad_usage_exits_2_with_argparse_message(capsysbinary, argv):
    code, out, err = run(capsysbinary, *argv)
    assert (code, out) == (2, b"")
    assert err.splitlines()[-1].startswith(f"dari {argv[0]}")
    assert "error: " in err.splitlines()[-1]
    assert "Traceback" not in err


def test_an_unknown_command_exits_2(tmp_path):
    done = dari_script("exprot", tmp_path=tmp_path)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.splitlines()[0] == "Unknown command: 'exprot'. Did you mean export?"


class _Probe(DariCommand):
    """A command whose request the domain refuses, as a real one would."""

    def handle(self, *args: Any, **options: Any) -> None:
        raise EventError("this meeting is already cancelled")


def test_a_domain_refusal_exits_1_with_its_message(capsys):
    with pytest.raises(SystemExit) as exit_:
        _Probe().run_from_argv(["dari", "probe", "--skip-checks"])
    assert exit_.value.code == 1
    assert capsys.readouterr() == ("", "dari probe: this meeting is already cancelled\n")


def test_messages_are_translated(recommend_world):
    with translation.override("ko"), pytest.raises(CommandError) as info:
        call_command("recommend", "assets", "--organization", "org-none")
    assert (info.value.returncode, str(info.value)) == (
        2,
        "--organization: 기관 'org-none'이(가) 없습니다",
    )


@cli_db
def test_token_ids_printed_are_those_revoke_takes(capsysbinary):
    UserFactory(username="owner")
    code, secret, err = run(capsysbinary, "token", "create", "--user", "owner")
    token = PersonalAccessToken.objects.get()
    assert (code, secret.decode().strip()[:9]) == (0, "dari_pat_")
    assert err.startswith(f"token {token.pk} (read) for owner:")
    code, listed, err = run(capsysbinary, "token", "list", "--user", "owner")
    assert (code, listed.decode().split("\t")[0], err) == (0, str(token.pk), "")
    assert run(capsysbinary, "token", "revoke", "--user", "owner", str(token.pk)) == (
        0,
        b"",
        f"token {token.pk} revoked\n",
    )
    assert run(capsysbinary, "token", "revoke", "--user", "owner", str(token.pk)) == (
        2,
        b"",
        "dari token: There is no such active token.\n",
    )
    assert run(capsysbinary, "token", "create", "--user", "nobody") == (
        2,
        b"",
        "dari token: --user: no user named 'nobody'\n",
    )
