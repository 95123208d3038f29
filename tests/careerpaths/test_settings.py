"""Settings read the environment and fail loudly on unsafe production config."""

import os
import subprocess
import sys

from tests.conftest import BASE_DIR


def run_settings(**env):
    """Import the settings module in a fresh interpreter with the given environment."""
    full_env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import careerpaths.settings as s; print(s.DEBUG, s.SECRET_KEY[:8])"],
        cwd=BASE_DIR,
        env=full_env,
        capture_output=True,
        text=True,
    )


def test_it_refuses_to_start_without_secret_key_when_debug_is_off():
    result = run_settings(DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_it_refuses_a_weak_secret_key_when_debug_is_off():
    result = run_settings(DEBUG="0", SECRET_KEY="short")
    assert result.returncode != 0
    assert "SECRET_KEY is too weak" in result.stderr


def test_it_starts_with_a_real_secret_key_when_debug_is_off():
    result = run_settings(DEBUG="0", SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "xxxxxxxx"]


def test_it_uses_a_dev_key_when_debug_is_on():
    result = run_settings(DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("True django-i")


def test_it_rejects_a_non_postgres_database_url():
    result = run_settings(DATABASE_URL="mysql://root@127.0.0.1/test")
    assert result.returncode != 0
    assert "PostgreSQL only" in result.stderr


def test_it_rejects_junk_booleans():
    result = run_settings(DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be a boolean" in result.stderr


def test_it_runs_on_postgresql_with_health_checks(settings):
    db = settings.DATABASES["default"]
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert db["CONN_HEALTH_CHECKS"] is True
    assert db["CONN_MAX_AGE"] > 0
