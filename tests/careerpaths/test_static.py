"""Static files come from WhiteNoise under gunicorn (DEBUG off), with caching headers."""

import re
import urllib.request

import pytest


@pytest.mark.django_db(transaction=True)
def test_it_serves_hashed_static_files_through_whitenoise(gunicorn_server):
    html = urllib.request.urlopen(gunicorn_server.url + "/").read().decode()
    css_paths = re.findall(r'href="(/static/[^"]+\.css)"', html)
    assert any("bootstrap/css/bootstrap.min." in p for p in css_paths), css_paths
    for path in css_paths:
        # Manifest storage puts a content hash in every name.
        assert re.search(r"\.[0-9a-f]{12}\.css$", path), path
        response = urllib.request.urlopen(gunicorn_server.url + path)
        assert response.status == 200
        assert response.headers["Content-Type"].startswith("text/css")
        assert "max-age=315360000" in response.headers["Cache-Control"]


@pytest.mark.django_db(transaction=True)
def test_it_serves_the_favicon(gunicorn_server):
    response = urllib.request.urlopen(gunicorn_server.url + "/favicon.ico")
    assert response.status == 200
    assert response.headers["Content-Type"] == "image/svg+xml"


def test_favicon_ico_redirects_to_the_svg_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/img/favicon.svg"
    assert client.post("/favicon.ico").status_code == 405


@pytest.mark.django_db(transaction=True)
def test_it_answers_404_for_missing_static_files(gunicorn_server):
    with pytest.raises(urllib.error.HTTPError) as excinfo:
        urllib.request.urlopen(gunicorn_server.url + "/static/nope.css")
    assert excinfo.value.code == 404
