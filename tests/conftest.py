"""Shared fixtures: a real gunicorn serving the test database, and a real Chromium."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher

BASE_DIR = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


def database_url(settings_dict, name=None):
    """A DATABASE_URL for the database pytest-django set up (test_…)."""
    from urllib.parse import quote

    user = quote(settings_dict["USER"] or "", safe="")
    password = quote(settings_dict["PASSWORD"] or "", safe="")
    auth = f"{user}:{password}@" if password else f"{user}@"
    host = quote(settings_dict["HOST"] or "", safe="")
    port = f":{settings_dict['PORT']}" if settings_dict["PORT"] else ""
    return f"postgres://{auth}{host}{port}/{name or settings_dict['NAME']}"


class Server:
    def __init__(self, url, process, log_path):
        self.url = url
        self.process = process
        self.log_path = log_path

    def log(self):
        return self.log_path.read_text(errors="replace")


def start_gunicorn(tmp_path, db_url, extra_env=None, workers=2):
    """gunicorn with production settings (DEBUG off, collected static files) on a free port."""
    from careerpaths.bench import start_gunicorn as start

    env = {
        "WEB_CONCURRENCY": str(workers),
        "GUNICORN_LOGLEVEL": "info",
        "LOG_LEVEL": "INFO",
        **(extra_env or {}),
    }
    return Server(*start(db_url, tmp_path, env))


def stop_server(server):
    server.process.terminate()
    try:
        server.process.wait(10)
    except subprocess.TimeoutExpired:
        server.process.kill()


@pytest.fixture(scope="session")
def gunicorn_server(django_db_setup, django_db_blocker, tmp_path_factory):
    """gunicorn on a free loopback port, serving the test database."""
    from django.db import connection

    with django_db_blocker.unblock():
        url = database_url(connection.settings_dict)
    server = start_gunicorn(tmp_path_factory.mktemp("gunicorn"), url)
    yield server
    stop_server(server)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright. Missing Chromium fails loudly, never skips."""
    from playwright.sync_api import sync_playwright

    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install -y chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.console_errors = errors
    yield page
    context.close()


AXE_JS = None


def axe_violations(page):
    """Run axe-core (shipped in axe-playwright-python) in the page; return violations."""
    global AXE_JS
    if AXE_JS is None:
        import axe_playwright_python

        AXE_JS = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()
    page.evaluate(AXE_JS)
    result = page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations'],"
        " runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
        for v in result["violations"]
    ]


# Argon2 (the production hasher, see tests/careerpaths/test_settings.py) is deliberately
# slow and memory-hungry, and the suite hashes hundreds of passwords. So tests hash with
# Argon2 at minimal cost: the hashes carry their own parameters, which means the gunicorn
# server (real settings) still verifies them, so browser tests can sign in as users made here.
class FastArgon2PasswordHasher(Argon2PasswordHasher):
    time_cost = 1
    memory_cost = 8
    parallelism = 1


FAST_TEST_HASHERS = ["tests.conftest.FastArgon2PasswordHasher"]


@pytest.fixture(scope="session", autouse=True)
def fast_password_hashing():
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=FAST_TEST_HASHERS):
        yield


# People the tests share: two ordinary users, a superuser and a rubric editor.
PASSWORD = "tangerine-orbit-41"


@pytest.fixture
def alice(django_user_model):
    return django_user_model.objects.create_user("alice", "alice@example.com", PASSWORD)


@pytest.fixture
def bob(django_user_model):
    return django_user_model.objects.create_user("bob", "bob@example.com", PASSWORD)


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("root", "root@example.com", PASSWORD)


@pytest.fixture
def editor(django_user_model):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("ed", "ed@example.com", PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Rubric editors"))
    return user


@pytest.fixture(autouse=True)
def _clear_page_cache():
    """Each test starts with an empty page cache (roles/caching.py), like a fresh worker.

    Database rollbacks restore old cache tokens, and pages cached by an earlier test
    under such a token must not leak into the next one.
    """
    from django.core.cache import cache

    cache.clear()
