"""Every main page carries the full set of security headers, and nothing in our
templates needs the CSP relaxed (no inline scripts, styles or event handlers)."""

import re

import pytest
from django.test import override_settings

from tests.helpers import BASE_DIR
from tests.roles.factories import load_starter

pytestmark = pytest.mark.django_db

MAIN_PAGES = [
    "/",
    "/roles/",
    "/roles/product-manager/",
    "/compare/?roles=product-manager&roles=product-leader",
    "/accounts/login/",
    "/accounts/signup/",
    "/healthz",
]

EXPECTED_CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
EXPECTED_PERMISSIONS = {
    feature: "()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "usb",
        "xr-spatial-tracking",
    )
}

# What a strict CSP blocks in markup. SVG presentation attributes (fill=, stroke=) are fine.
INLINE_PATTERNS = {
    "inline <script>": re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I),
    "<style> block": re.compile(r"<style\b", re.I),
    "style= attribute": re.compile(r"\sstyle\s*=", re.I),
    "on*= handler": re.compile(r"<[^>]+\son[a-z]+\s*=", re.I),
    "javascript: URL": re.compile(r"(href|src|action)\s*=\s*[\"']?\s*javascript:", re.I),
}


def parse_csp(header):
    directives = {}
    for part in header.split(";"):
        name, _, value = part.strip().partition(" ")
        directives[name] = value
    return directives


def parse_permissions(header):
    return dict(item.strip().split("=", 1) for item in header.split(","))


def inline_code(html):
    return [name for name, pattern in INLINE_PATTERNS.items() if pattern.search(html)]


@pytest.fixture
def starter():
    load_starter()


@pytest.mark.parametrize("path", MAIN_PAGES)
def test_every_main_page_sends_the_security_headers(client, starter, path):
    response = client.get(path)
    assert response.status_code == 200
    assert parse_csp(response["Content-Security-Policy"]) == EXPECTED_CSP
    assert "unsafe" not in response["Content-Security-Policy"]
    assert parse_permissions(response["Permissions-Policy"]) == EXPECTED_PERMISSIONS
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    if response["Content-Type"].startswith("text/html"):
        assert inline_code(response.content.decode()) == []


@pytest.mark.parametrize("path", MAIN_PAGES)
def test_hsts_is_sent_over_https_when_enabled(client, starter, path):
    # The suite runs with DEBUG's defaults (HSTS off); these are the production values.
    with override_settings(
        SECURE_HSTS_SECONDS=31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True, SECURE_HSTS_PRELOAD=True
    ):
        response = client.get(path, secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_error_pages_carry_the_headers_too(client):
    response = client.get("/roles/no-such-role/")
    assert response.status_code == 404
    assert parse_csp(response["Content-Security-Policy"]) == EXPECTED_CSP
    assert response["X-Frame-Options"] == "DENY"


def test_signed_in_pages_carry_the_headers(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("ana", "ana@example.com", "x"))
    for path in ("/accounts/profile/", "/accounts/delete/", "/accounts/password_change/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert parse_csp(response["Content-Security-Policy"]) == EXPECTED_CSP
        assert inline_code(response.content.decode()) == [], path


@pytest.mark.parametrize(
    "template", sorted((BASE_DIR / "templates").rglob("*.html")), ids=lambda p: str(p.relative_to(BASE_DIR))
)
def test_no_template_needs_inline_code(template):
    # A cheap guard for pages the tests above don't render: the CSP would block these.
    assert inline_code(template.read_text()) == []


def test_the_guard_itself_catches_inline_code():
    samples = [
        "<script>alert(1)</script>",
        '<p style="color: red">',
        "<style>p{}</style>",
        '<button onclick="x()">',
        '<a href="javascript:void(0)">',
    ]
    assert all(inline_code(sample) for sample in samples)
    assert inline_code('<script src="/static/x.js" defer></script><rect fill="red"/>') == []
