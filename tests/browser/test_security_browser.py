"""The Content Security Policy in a real Chromium against real gunicorn: nothing on our
pages (or in the admin) is blocked, Bootstrap's JavaScript still runs, and the account
pages work end to end."""

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings

from tests.helpers import PASSWORD, axe_violations
from tests.roles.factories import load_starter

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Chromium fires this event for every blocked script, style, image, frame or form target.
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.cspViolations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline'));
});
"""
MAIN_PAGES = [
    "/",
    "/roles/",
    "/roles/?q=strategy",
    "/roles/product-manager/",
    "/compare/?roles=product-manager&roles=product-leader",
    "/compare/product-manager-vs-product-leader/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password_reset/",
]


@pytest.fixture
def starter():
    load_starter()


@pytest.fixture
def csp_page(page):
    page.add_init_script(RECORD_VIOLATIONS)
    page.csp_violations = lambda: page.evaluate("window.cspViolations")
    return page


def make_user(username, **extra):
    # The server runs the production hashers (Argon2), not the suite's fast one.
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.Argon2PasswordHasher"]):
        return get_user_model().objects.create_user(username, f"{username}@example.com", PASSWORD, **extra)


def sign_in(page, server, username):
    page.goto(server.url + "/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(server.url + "/")


@pytest.mark.parametrize("path", MAIN_PAGES)
def test_main_pages_break_no_csp_rule(gunicorn_server, csp_page, starter, path):
    response = csp_page.goto(gunicorn_server.url + path)
    assert response.status == 200
    assert "script-src 'self'" in response.headers["content-security-policy"]
    # Stylesheets applied (a blocked one would leave the navbar unstyled).
    assert csp_page.eval_on_selector("nav.navbar", "el => getComputedStyle(el).display") == "flex"
    assert csp_page.csp_violations() == []
    assert csp_page.console_errors == []


def test_the_detector_sees_a_violation(gunicorn_server, csp_page):
    # The control: an inline style and an inline script are blocked and reported.
    csp_page.goto(gunicorn_server.url + "/accounts/login/")
    csp_page.evaluate(
        """() => {
        document.body.insertAdjacentHTML('beforeend', '<p style="color: red">x</p>');
        const s = document.createElement('script'); s.textContent = 'window.ran = 1'; document.body.append(s);
    }"""
    )
    csp_page.wait_for_function("window.cspViolations.length >= 2")
    assert csp_page.evaluate("window.ran") is None
    assert any("style-src" in v for v in csp_page.csp_violations())
    assert any("script-src" in v for v in csp_page.csp_violations())


def test_bootstraps_navbar_toggler_still_works_under_the_csp(gunicorn_server, browser):
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto(gunicorn_server.url + "/roles/")
    toggler = page.get_by_role("button", name="Toggle navigation")
    sign_up = page.get_by_role("navigation", name="Main").get_by_role("link", name="Sign up")
    assert not sign_up.is_visible()
    toggler.click()
    sign_up.wait_for(state="visible")
    assert toggler.get_attribute("aria-expanded") == "true"
    page.wait_for_selector("#main-nav.collapse.show")  # the opening animation has finished
    toggler.click()
    sign_up.wait_for(state="hidden")
    assert page.evaluate("window.cspViolations") == []
    context.close()


def test_sign_up_profile_change_email_and_delete_in_a_browser(gunicorn_server, csp_page):
    page = csp_page
    page.goto(gunicorn_server.url + "/roles/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Sign up").click()
    page.get_by_label("Username").fill("newcomer")
    page.get_by_label("Email").fill("newcomer@example.com")
    page.locator("#id_password1").fill(PASSWORD)  # labelled "Password*" by crispy
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url(gunicorn_server.url + "/roles/")  # back where they started
    page.get_by_text("Welcome, newcomer!").wait_for()

    page.get_by_role("link", name="Your account: newcomer").click()
    page.get_by_role("heading", name="Your account", exact=True).wait_for()
    page.get_by_label("Email address").fill("someone@example.com")
    page.get_by_role("button", name="Save email address").click()
    page.get_by_text("Your email address has been updated.").wait_for()
    assert get_user_model().objects.get(username="newcomer").email == "someone@example.com"

    page.get_by_role("link", name="Delete your account…").click()
    page.get_by_label("Your current password").fill("not-my-password")
    page.get_by_role("button", name="Delete my account").click()
    page.get_by_text("That password is not correct").first.wait_for()
    assert axe_violations(page) == []  # the error state
    page.get_by_label("Your current password").fill(PASSWORD)
    page.get_by_role("button", name="Delete my account").click()
    page.get_by_text("Your account and everything in it have been deleted.").wait_for()
    assert not get_user_model().objects.filter(username="newcomer").exists()
    assert page.get_by_role("navigation", name="Main").get_by_role("link", name="Sign in").is_visible()
    assert page.csp_violations() == []
    # The wrong password was answered 400 (bad input), which Chromium logs; nothing else.
    assert page.console_errors == [
        "Failed to load resource: the server responded with a status of 400 (Bad Request)"
    ]


def test_sign_in_sign_out_and_lockout_in_a_browser(gunicorn_server, csp_page):
    page = csp_page
    make_user("ana")
    sign_in(page, gunicorn_server, "ana")
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Sign in").wait_for()

    for _ in range(5):
        page.goto(gunicorn_server.url + "/accounts/login/")
        page.get_by_label("Username").fill("ana")
        page.get_by_label("Password").fill("a-wrong-guess")
        with page.expect_response(lambda r: r.request.method == "POST") as posted:
            page.get_by_role("button", name="Sign in").click()
    assert posted.value.status == 429
    page.get_by_role("heading", name="Too many sign-in attempts").wait_for()
    assert page.get_by_text("try again in 15 minutes").is_visible()
    assert axe_violations(page) == []
    assert page.csp_violations() == []


@pytest.mark.parametrize(
    "path",
    ["/accounts/signup/", "/accounts/login/", "/accounts/password_reset/"],
)
def test_account_pages_have_no_axe_violations(gunicorn_server, page, path):
    page.goto(gunicorn_server.url + path)
    assert axe_violations(page) == []
    page.locator("form[method=post] button[type=submit]").last.click()  # empty: the error state
    page.locator("#error-summary, .invalid-feedback, .alert").first.wait_for()
    assert axe_violations(page) == []


def test_signed_in_account_pages_have_no_axe_violations(gunicorn_server, page):
    make_user("ana")
    sign_in(page, gunicorn_server, "ana")
    for path in ("/accounts/profile/", "/accounts/delete/", "/accounts/password_change/"):
        page.goto(gunicorn_server.url + path)
        assert axe_violations(page) == [], path


def test_the_admin_works_under_the_csp(gunicorn_server, csp_page, starter):
    page = csp_page
    make_user("boss", is_staff=True, is_superuser=True)
    page.goto(gunicorn_server.url + "/admin/")
    page.get_by_label("Username").fill("boss")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("heading", name="Site administration").wait_for()
    for path in (
        "/admin/roles/role/",
        "/admin/roles/role/add/",
        f"/admin/roles/role/{_role_pk('product-manager')}/change/",
        "/admin/roles/skill/",
        "/admin/auth/user/",
        "/admin/auth/user/add/",
        "/admin/axes/accessattempt/",
    ):
        response = page.goto(gunicorn_server.url + path)
        assert response.status == 200, path
        page.wait_for_load_state("load")
    assert page.csp_violations() == []
    assert page.console_errors == []


def _role_pk(slug):
    from roles.models import Role

    return Role.objects.get(slug=slug).pk


def test_static_files_served_by_whitenoise_carry_the_headers(gunicorn_server):
    import urllib.request

    with urllib.request.urlopen(gunicorn_server.url + "/static/css/careerpaths.css") as response:
        headers = response.headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Content-Security-Policy"].startswith("default-src 'self'")
    assert "camera=()" in headers["Permissions-Policy"]
