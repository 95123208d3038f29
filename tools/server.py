"""The one launcher of a production-like gunicorn on loopback, and a browser-like login.

Shared by `make bench` (tools.bench) and the test suite (tests/conftest.py's live server,
the fault-tolerance and health tests), so both measure and test the same stack:
``manage.py collectstatic`` then ``gunicorn -c gunicorn.conf.py`` with DEBUG off.
"""

import http.cookiejar
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(url, static_root):
    """Production settings, minus what needs TLS (this is plain HTTP on loopback)."""
    return {
        **os.environ,
        "DATABASE_URL": url,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "SECURE_HSTS_SECONDS": "0",
        "STATIC_ROOT": str(static_root),
        "GUNICORN_ACCESSLOG": "",
        "GUNICORN_LOGLEVEL": "warning",
        "LOG_LEVEL": "WARNING",
    }


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    log_path: Path

    def log(self):
        return self.log_path.read_text(errors="replace")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start_gunicorn(url, workdir, extra_env=None):
    """collectstatic into ``workdir`` and start gunicorn with production settings on a free
    loopback port, serving the database at ``url``; returns a running ``Server``."""
    env = {**server_env(url, workdir / "static"), **(extra_env or {})}
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=BASE_DIR,
        env=env,
        check=True,
    )
    port = free_port()
    log_path = workdir / "gunicorn.log"
    log = open(log_path, "w")  # noqa: SIM115 - lives as long as the server
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}"],
        cwd=BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    server = Server(f"http://127.0.0.1:{port}", process, log_path)
    deadline = time.monotonic() + 30
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited early:\n{server.log()}")
        try:
            # The favicon answers without the database, so a server started against a
            # database that is down (the fault tests) still counts as up.
            urllib.request.urlopen(server.url + "/favicon.ico", timeout=2)
            return server
        except OSError:
            if time.monotonic() > deadline:
                process.kill()
                raise RuntimeError(f"gunicorn did not answer within 30 s:\n{server.log()}") from None
            time.sleep(0.2)


def login(base_url, username, password):
    """Log in like a browser (GET the form, POST it with its CSRF token); return the cookies."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    login_url = base_url + "/accounts/login/"
    form = opener.open(login_url, timeout=10).read().decode()
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)
    if not match:
        raise RuntimeError(f"no CSRF token in {login_url}")
    body = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": match[1], "username": username, "password": password}
    ).encode()
    request = urllib.request.Request(login_url, data=body, headers={"Referer": login_url})
    opener.open(request, timeout=10).read()
    cookies = {cookie.name: cookie.value for cookie in jar}
    if "sessionid" not in cookies:
        raise RuntimeError(f"logging in as {username!r} did not give a session cookie")
    return cookies


def cookie_header(cookies):
    return "; ".join(f"{name}={value}" for name, value in sorted(cookies.items()))
