"""`make backup-check`: a pg_dump of the test database restores with identical row counts."""

import os
import subprocess
import sys

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from tests.helpers import BASE_DIR, database_url
from tests.roles.factories import load_starter, starter_data
from tools import backup_check

pytestmark = [pytest.mark.server, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def url():
    load_starter()
    get_user_model().objects.create_user("backed-up", password="a long passphrase 1")
    return database_url(connection.settings_dict)


def test_it_restores_every_row_into_a_fresh_database(url, tmp_path):
    source, restored = backup_check.check(url, tmp_path / "backup.dump")
    assert source == restored
    assert source["public.roles_role"] == len(starter_data()["roles"])
    assert source["public.roles_transitionguide"] == len(starter_data()["guides"])
    assert source["public.auth_user"] == 1
    assert source["public.roles_expectation"] > 0
    assert (tmp_path / "backup.dump").read_bytes()[:5] == b"PGDMP"  # pg_dump's custom format
    # The scratch database is gone again.
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_database WHERE datname LIKE %s", ["%_restore_check"])
        assert cursor.fetchone()[0] == 0


def test_the_command_reports_the_counts_and_succeeds(url, tmp_path):
    kept = tmp_path / "kept.dump"
    result = subprocess.run(
        [sys.executable, "-m", "tools.backup_check", "--keep", str(kept)],
        cwd=BASE_DIR,
        env={**os.environ, "DATABASE_URL": url},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "restore check passed" in result.stdout
    assert "public.roles_role" in result.stdout
    assert kept.stat().st_size > 0


def test_it_names_every_mismatch():
    assert backup_check.differences({"a": 1, "b": 2}, {"a": 1, "b": 2}) == []
    assert backup_check.differences({"a": 1, "b": 2, "c": 0}, {"a": 1, "b": 3, "d": 0}) == [
        "b: 2 rows, restored 3",
        "c: missing from the restore",
        "d: only in the restore",
    ]


def test_it_picks_client_tools_of_the_servers_major_version():
    # A newer pg_restore emits settings an older server rejects (e.g. PostgreSQL 18's
    # "SET transaction_timeout" on a 15 server), so the tools must match the server.
    major = connection.cursor().connection.info.server_version // 10000
    for name in ("pg_dump", "pg_restore"):
        assert backup_check._version(backup_check.tool(name, major)) == major
