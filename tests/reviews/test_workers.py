"""Revocation and expiry take effect at once in every gunicorn worker: the session grant is
re-checked against the database on each request (real gunicorn, two workers)."""

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request

import pytest
from django.db import connection

from reviews import services
from tests.helpers import PASSWORD, expire_link, make_assessment
from tests.roles.factories import load_starter

pytestmark = pytest.mark.django_db(transaction=True)

TRIES = 16  # new connection each time: spread over both workers


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def browser():
    jar = http.cookiejar.CookieJar()
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect())


def status(opener, url, data=None, headers=None):
    try:
        with opener.open(
            urllib.request.Request(url, data=data, headers=headers or {}), timeout=10
        ) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def sign_in(server, username):
    opener = browser()
    _, form = status(opener, server.url + "/accounts/login/")
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)[1]
    body = urllib.parse.urlencode({"csrfmiddlewaretoken": csrf, "username": username, "password": PASSWORD})
    code, _ = status(
        opener, server.url + "/accounts/login/", body.encode(), {"Referer": server.url + "/accounts/login/"}
    )
    assert code == 302
    return opener


@pytest.fixture
def live(gunicorn_server, django_user_model):
    load_starter()
    owner = django_user_model.objects.create_user("olu", "olu@example.com", PASSWORD)
    return gunicorn_server, make_assessment(owner)


def test_revocation_by_the_owner_applies_in_every_worker_at_once(live):
    server, done = live
    link, token = services.create_link(assessment=done, days=3)
    visitor = browser()
    code, _ = status(visitor, f"{server.url}/review/{token}/")
    assert code == 302
    page = f"{server.url}/review/s/{link.public_id}/"
    assert [status(visitor, page)[0] for _ in range(TRIES)] == [200] * TRIES
    # The owner revokes through the site (in whichever worker takes the POST).
    owner = sign_in(server, "olu")
    _, share = status(owner, f"{server.url}/assessments/{done.pk}/share/")
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', share)[1]
    body = urllib.parse.urlencode({"csrfmiddlewaretoken": csrf}).encode()
    revoke = f"{server.url}/assessments/{done.pk}/share/{link.public_id}/revoke/"
    assert status(owner, revoke, body, {"Referer": server.url + "/"})[0] == 302
    assert [status(visitor, page)[0] for _ in range(TRIES)] == [404] * TRIES
    assert status(browser(), f"{server.url}/review/{token}/")[0] == 404


def test_expiry_applies_in_every_worker_at_once(live):
    server, done = live
    link, token = services.create_link(assessment=done, days=3)
    visitor = browser()
    assert status(visitor, f"{server.url}/review/{token}/")[0] == 302
    page = f"{server.url}/review/s/{link.public_id}/"
    assert [status(visitor, page)[0] for _ in range(TRIES)] == [200] * TRIES
    expire_link(link)
    connection.close()  # nothing held open between the test and the server
    assert [status(visitor, page)[0] for _ in range(TRIES)] == [404] * TRIES


def test_the_server_runs_two_workers(live):
    """The premise of this file: TRIES fresh connections go to whichever of at least two
    workers accepts them first (gunicorn logs each worker's pid at boot)."""
    server, done = live
    pids = set(re.findall(r"Booting worker with pid: (\d+)", server.log()))
    assert len(pids) >= 2
