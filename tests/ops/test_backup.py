"""Backup and restore, as docs/operations.md tells an operator to do them: on PostgreSQL
`pg_dump -Fc` then `pg_restore` into an empty database, on SQLite the `.backup` command of
sqlite3; the restored copy holds the directory, the users, the events and the follow-ups."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import subprocess
from pathlib import Path
from urllib.parse import quote, urlunsplit

import psycopg
import pytest
from django.db import connection
from django.utils import timezone

from dari.events.domain.followup import report_outcome
from dari.events.domain.requests import accept_request, request_meeting
from dari.events.domain.schedule import schedule_event
from tests.events.factories import make_event, person
from tests.factories import AssetFactory

# The dump tools read what is committed: no transaction around the test.
pytestmark = pytest.mark.django_db(transaction=True)

TABLES = {
    "directory_organization": "SELECT id FROM directory_organization ORDER BY id",
    "directory_asset": "SELECT id, name, visibility FROM directory_asset ORDER BY id",
    "accounts_user": "SELECT username, email, password FROM accounts_user ORDER BY username",
    "accounts_membership": "SELECT user_id, organization_id, state FROM accounts_membership "
    "ORDER BY id",
    "events_event": "SELECT slug, name FROM events_event ORDER BY slug",
    "events_meeting": "SELECT id, status, slot_id FROM events_meeting ORDER BY id",
    "events_seat": "SELECT meeting_id, participant_id, slot_id FROM events_seat ORDER BY id",
    "events_followup": "SELECT meeting_id, outcome, note FROM events_followup ORDER BY id",
    "events_schedulerun": "SELECT id, status FROM events_schedulerun ORDER BY id",
}


def some_of_everything() -> None:
    start = timezone.now().date() + dt.timedelta(days=20)
    event = make_event(slug="backup-event", start_date=start, end_date=start)
    seoul = person(event, "minseo", "kbio", "Asia/Seoul", "08:00", "21:00")
    london = person(event, "emma", "ukpharma", "Europe/London", "08:00", "18:00")
    AssetFactory(id="as-backup", organization=seoul.organization, name="Backupmab")
    meeting = accept_request(request_meeting(seoul, target=london).pk, london)
    assert schedule_event(event.pk).status == "done"
    report_outcome(meeting.pk, seoul, "cda_signed", note="CDA signed in May")


def rows(query_many) -> dict[str, list[tuple]]:
    return {table: [tuple(r) for r in query_many(sql)] for table, sql in TABLES.items()}


def test_a_dump_restores_directory_users_events_and_follow_ups(tmp_path: Path):
    some_of_everything()
    with connection.cursor() as cursor:

        def here(sql):
            cursor.execute(sql)
            return cursor.fetchall()

        original = rows(here)
    assert [len(original[t]) for t in ("directory_asset", "events_followup")] == [1, 1]

    if connection.vendor == "postgresql":
        restored = _pg_dump_and_restore(tmp_path)
    else:
        restored = _sqlite_backup_and_restore(tmp_path)
    assert restored == original


def _url(name: str) -> str:
    s = connection.settings_dict
    user = quote(s["USER"]) + (f":{quote(s['PASSWORD'])}" if s["PASSWORD"] else "")
    netloc = f"{user}@{s['HOST']}:{s['PORT']}" if s["USER"] else f"{s['HOST']}:{s['PORT']}"
    return urlunsplit(("postgres", netloc, f"/{name}", "", ""))


def _pg_dump_and_restore(tmp_path: Path) -> dict[str, list[tuple]]:
    dump = tmp_path / "dari.dump"
    source = _url(connection.settings_dict["NAME"])
    subprocess.run(["pg_dump", "-Fc", "-d", source, "-f", str(dump)], check=True, timeout=120)
    copy = f"{connection.settings_dict['NAME']}_restored"
    admin = _url("postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{copy}"')
        conn.execute(f'CREATE DATABASE "{copy}"')
    try:
        subprocess.run(
            ["pg_restore", "--no-owner", "--exit-on-error", "-d", _url(copy), str(dump)],
            check=True,
            timeout=120,
        )
        with psycopg.connect(_url(copy)) as conn:
            return rows(lambda sql: conn.execute(sql).fetchall())
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{copy}" WITH (FORCE)')


def _sqlite_backup_and_restore(tmp_path: Path) -> dict[str, list[tuple]]:
    if shutil.which("sqlite3") is None:
        pytest.skip("the sqlite3 command is not installed")
    backup = tmp_path / "dari-backup.sqlite3"
    live = connection.settings_dict["NAME"]
    # `.backup` copies a consistent snapshot while the server keeps running (WAL mode).
    subprocess.run(["sqlite3", str(live), f".backup '{backup}'"], check=True, timeout=120)
    restored = tmp_path / "restored" / "dari.sqlite3"
    restored.parent.mkdir()
    shutil.copy(backup, restored)  # restore: the backup file becomes the database
    with sqlite3.connect(restored) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return rows(lambda sql: conn.execute(sql).fetchall())
