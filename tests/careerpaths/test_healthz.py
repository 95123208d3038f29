import urllib.error
import urllib.request

import pytest

from tests.helpers import LIVE_SERVER_ENV
from tools.server import start_gunicorn


@pytest.mark.django_db
def test_it_answers_200_when_the_database_answers(client, django_assert_num_queries):
    # One query: SELECT 1.
    with django_assert_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]
    assert "sessionid" not in response.cookies


@pytest.mark.django_db
def test_it_rejects_post(client):
    assert client.post("/healthz").status_code == 405


@pytest.mark.server
def test_it_answers_503_when_the_database_is_down(tmp_path):
    # A real gunicorn whose database port has nothing listening.
    server = start_gunicorn(
        "postgres://postgres@127.0.0.1:9/careerpaths",
        tmp_path,
        {**LIVE_SERVER_ENV, "DATABASE_CONNECT_TIMEOUT": "2"},
    )
    try:
        with pytest.raises(urllib.error.HTTPError) as excinfo:
            urllib.request.urlopen(server.url + "/healthz", timeout=10)
        assert excinfo.value.code == 503
        assert excinfo.value.read() == b"database unavailable\n"
    finally:
        server.stop()
