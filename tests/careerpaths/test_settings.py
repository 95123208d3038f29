"""Settings read the environment and fail loudly on unsafe production config."""

import json
import os
import secrets
import subprocess
import sys

import pytest
from django.test import override_settings

from tests.helpers import BASE_DIR, database_url


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


@pytest.mark.parametrize(
    ("value", "message"), [("0", "must be at least 1"), ("a week", "must be an integer")]
)
def test_it_rejects_a_junk_visitor_draft_lifetime(value, message):
    result = run_settings(VISITOR_DRAFT_DAYS=value)
    assert result.returncode != 0
    assert f"VISITOR_DRAFT_DAYS {message}" in result.stderr


def test_visitor_drafts_last_seven_days_by_default(settings):
    assert os.environ.get("VISITOR_DRAFT_DAYS") is None and settings.VISITOR_DRAFT_DAYS == 7


def test_it_runs_on_postgresql_with_health_checks(settings):
    db = settings.DATABASES["default"]
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert db["CONN_HEALTH_CHECKS"] is True
    assert db["CONN_MAX_AGE"] > 0


def production_env(tmp_path, db_url):
    """What a real deployment sets: DEBUG off, a random key, its database and host name.
    Everything else (HTTPS, cookies, HSTS, CSP, email…) is left at its default."""
    # DJANGO_ALLOW_ASYNC_UNSAFE is the test suite's own (tests/pytest_plugin.py).
    skip = ("SECURE_", "DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {k: v for k, v in os.environ.items() if not k.startswith(skip)}
    env.update(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL=db_url,
        ALLOWED_HOSTS="careers.example.com",  # no sane default exists; Django refuses all hosts without it
        STATIC_ROOT=str(tmp_path / "static"),
    )
    return env


@pytest.mark.django_db
def test_production_settings_pass_check_deploy_with_zero_warnings(tmp_path, django_db_setup):
    from django.db import connection

    env = production_env(tmp_path, database_url(connection.settings_dict))
    # Before collectstatic, as a deployment runs it: nothing may need the static manifest yet.
    assert not (tmp_path / "static").exists()
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_management_commands_print_only_their_own_output():
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=BASE_DIR, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "System check identified no issues (0 silenced).\n"
    assert result.stderr == ""  # no "AXES: BEGIN version …" banner


STRICT_DEFAULTS = {
    "SECURE_SSL_REDIRECT": True,
    "SESSION_COOKIE_SECURE": True,
    "CSRF_COOKIE_SECURE": True,
    "SESSION_COOKIE_HTTPONLY": True,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
    "X_FRAME_OPTIONS": "DENY",
    "SECURE_REFERRER_POLICY": "same-origin",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY": "same-origin",
    "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
}


def test_production_settings_are_strict_by_default():
    code = (
        "import json; from django.conf import settings as s; import django; django.setup();"
        f"names = {[*sorted(STRICT_DEFAULTS), 'SECURE_HSTS_SECONDS', 'MAILERS', 'PASSWORD_HASHERS']!r};"
        "print(json.dumps({n: getattr(s, n) for n in names}))"
    )
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("SECURE_", "DEBUG", "SECRET_KEY", "EMAIL"))
    }
    env.update(DEBUG="0", SECRET_KEY=secrets.token_urlsafe(50), DJANGO_SETTINGS_MODULE="careerpaths.settings")
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=BASE_DIR, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    actual = json.loads(result.stdout)
    assert {name: actual[name] for name in STRICT_DEFAULTS} == STRICT_DEFAULTS
    assert actual["SECURE_HSTS_SECONDS"] >= 365 * 24 * 3600  # a year
    assert actual["MAILERS"]["default"]["BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert actual["PASSWORD_HASHERS"][0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def production_password_hashers():
    code = "import careerpaths.settings as s; print(','.join(s.PASSWORD_HASHERS))"
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECRET_KEY")}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=BASE_DIR, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().split(",")


@pytest.mark.django_db
def test_passwords_are_hashed_with_argon2_outside_the_test_suite(django_user_model):
    # The suite swaps in a fast hasher (tests/helpers.py); the real settings, read in a
    # fresh interpreter, put Argon2 first, and a password stored with them is Argon2.
    hashers = production_password_hashers()
    assert hashers[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    with override_settings(PASSWORD_HASHERS=hashers):
        user = django_user_model.objects.create_user("ana", password="tangerine-orbit-41")
        assert user.password.startswith("argon2$argon2id$")
        assert user.check_password("tangerine-orbit-41")
