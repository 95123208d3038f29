"""Shared fixtures: users, the starter framework, a real gunicorn serving the test database,
and a real Chromium. Helpers that tests import by name are in tests/helpers.py."""

import os
import shutil
from pathlib import Path

import pytest

from tests.helpers import FAST_TEST_HASHERS, LIVE_SERVER_ENV, PASSWORD, database_url
from tools.server import start_gunicorn

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


def pytest_collection_modifyitems(items):
    """A test that uses the live gunicorn is a `server` test, wherever it lives."""
    for item in items:
        if "gunicorn_server" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.server)


@pytest.fixture(scope="session")
def gunicorn_server(django_db_setup, django_db_blocker, tmp_path_factory):
    """gunicorn on a free loopback port, serving the test database."""
    from django.db import connection

    with django_db_blocker.unblock():
        url = database_url(connection.settings_dict)
    server = start_gunicorn(url, tmp_path_factory.mktemp("gunicorn"), LIVE_SERVER_ENV)
    yield server
    server.stop()


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


@pytest.fixture(scope="session", autouse=True)
def fast_password_hashing():
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=FAST_TEST_HASHERS):
        yield


# People the tests share: two ordinary users, a superuser and a rubric editor.


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


@pytest.fixture
def starter(db):
    from tests.roles.factories import load_starter

    load_starter()


@pytest.fixture
def owner(django_user_model):
    return django_user_model.objects.create_user("owner", "owner@example.com", "a-long-Passw0rd!")


@pytest.fixture
def outsider(django_user_model):
    return django_user_model.objects.create_user("outsider", "outsider@example.com", "a-long-Passw0rd!")


@pytest.fixture
def owner_client(client, owner):
    client.force_login(owner)
    return client


@pytest.fixture
def outsider_client(client, outsider):
    client.force_login(outsider)
    return client


@pytest.fixture(autouse=True)
def _clear_page_cache():
    """Each test starts with an empty page cache (careerpaths/pagecache.py), like a fresh worker.

    Database rollbacks restore old cache tokens, and pages cached by an earlier test
    under such a token must not leak into the next one.
    """
    from django.core.cache import cache

    cache.clear()
