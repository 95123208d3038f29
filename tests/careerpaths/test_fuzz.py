"""Property-based tests: random and hostile input anywhere a visitor can type never
makes the app answer 500.

To cover a new page or form, add an entry to QUERY_TARGETS, PATH_TARGETS or FORM_TARGETS.
"""

from dataclasses import dataclass, field
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from tests.helpers import BASE_DIR, become_visitor, isolated, make_assessment
from tests.roles.factories import load_starter

pytestmark = pytest.mark.django_db

# Hypothesis keeps failing examples (replayed first next run) in a git-ignored cache
# rather than a new top-level .hypothesis/ directory.
set_hypothesis_home_dir(BASE_DIR / ".pytest_cache" / "hypothesis")

HOSTILE = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\ud7ff\ue000\uffff",
    "🚀" * 50,
    "Ω≈ç√∫˜µ≤≥÷",
    "\u202eevil",
    "'; DROP TABLE auth_user; --",
    "' OR '1'='1",
    "1 UNION SELECT password FROM auth_user",
    "%",
    "%%",
    "_",
    "\\",
    '"(&|!:*',
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ 7*7 }}{% debug %}",
    "../../../../etc/passwd",
    "https://evil.example/",
    "//evil.example",
    "javascript:alert(1)",
    "product-manager",
    "product-leader",
    "-1",
    "99999999999999999999999999",
    "NaN",
    "x" * 5000,
    "é" * 100_000,
]

hostile_text = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=300),  # any Unicode, NUL and control characters included
    st.builds(lambda s, n: s * n, st.sampled_from(["a", "<", "'", "é", "-"]), st.integers(1000, 60_000)),
)
# A parameter may be repeated (?roles=a&roles=b), so a value is sometimes a list.
param_value = st.one_of(hostile_text, st.lists(hostile_text, min_size=0, max_size=6))
random_params = st.dictionaries(hostile_text.filter(bool), param_value, max_size=3)

FUZZ = settings(
    max_examples=60,
    deadline=None,
    # The fixtures (starter data, a user) are set up once per test, not per example; each
    # example runs in its own rolled-back savepoint (see `isolated`).
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)


@dataclass
class Target:
    name: str
    url: str
    params: list = field(default_factory=list)  # names the view reads
    signed_in: bool = False
    visitor: bool = False  # a session without an account that owns {vdone} and {vdraft}


QUERY_TARGETS = [
    Target("home", "/", ["q"]),
    Target("role list", "/roles/", ["q", "track"]),
    Target("role detail", "/roles/product-manager/"),
    Target("compare", "/compare/", ["roles", "only"]),
    Target("compare pair", "/compare/product-manager-vs-product-leader/", ["only"]),
    Target("health check", "/healthz"),
    Target("sign in", "/accounts/login/", ["next"]),
    Target("sign up", "/accounts/signup/", ["next"]),
    Target("password reset", "/accounts/password_reset/"),
    Target("profile", "/accounts/profile/", signed_in=True),
    Target("assessment history", "/assessments/", signed_in=True),
    Target("assessment role picker", "/assessments/new/", ["role"], True),
    Target("assessment start", "/assessments/new/product-manager/", ["from"], True),
    Target("assessment form", "/assessments/{draft}/edit/", signed_in=True),
    Target("assessment result", "/assessments/{done}/", ["for"], True),
    Target("assessment progress", "/assessments/progress/", signed_in=True),
    Target("assessment compare", "/assessments/compare/", ["a", "b"], True),
    Target("assessment export", "/assessments/export.csv", signed_in=True),
    Target("visitor role picker", "/assessments/new/", ["role"], visitor=True),
    Target("visitor start", "/assessments/new/product-manager/", ["from"], visitor=True),
    Target("visitor form", "/assessments/{vdraft}/edit/", visitor=True),
    Target("visitor result", "/assessments/{vdone}/", ["for"], visitor=True),
    Target("visitor delete", "/assessments/{vdone}/delete/", visitor=True),
    Target("visitor history", "/assessments/", visitor=True),
    Target("sign in from a visitor result", "/accounts/login/", ["next"], visitor=True),
]

# URL patterns with visitor-controlled path segments; {} is filled with fuzz.
PATH_TARGETS = [
    Target("role detail", "/roles/{}/"),
    Target("compare pair", "/compare/{}-vs-{}/"),
    Target("password reset link", "/accounts/reset/{}/{}/"),
    Target("assessment start", "/assessments/new/{}/", signed_in=True),
    Target("assessment result", "/assessments/{}/", signed_in=True),
    Target("assessment form", "/assessments/{}/edit/", signed_in=True),
    Target("visitor start", "/assessments/new/{}/", visitor=True),
    Target("visitor result", "/assessments/{}/", visitor=True),
    Target("visitor form", "/assessments/{}/edit/", visitor=True),
    Target("visitor delete", "/assessments/{}/delete/", visitor=True),
]

FORM_TARGETS = [
    Target("sign in", "/accounts/login/", ["username", "password", "next"]),
    Target("sign up", "/accounts/signup/", ["username", "email", "password1", "password2", "next"]),
    Target("password reset", "/accounts/password_reset/", ["email"]),
    Target("profile email", "/accounts/profile/", ["email"], signed_in=True),
    Target("delete account", "/accounts/delete/", ["password"], signed_in=True),
    Target(
        "password change",
        "/accounts/password_change/",
        ["old_password", "new_password1", "new_password2"],
        True,
    ),
    Target(
        "assessment form",
        "/assessments/{draft}/edit/",
        ["action", "level-planning-prioritisation", "evidence-planning-prioritisation", "level-user-needs"],
        True,
    ),
    Target("assessment start", "/assessments/new/product-manager/", ["token", "prefill"], True),
    Target("assessment delete", "/assessments/{draft}/delete/", signed_in=True),
    Target(
        "visitor form",
        "/assessments/{vdraft}/edit/",
        ["action", "level-planning-prioritisation", "evidence-planning-prioritisation", "level-user-needs"],
        visitor=True,
    ),
    Target("visitor start", "/assessments/new/product-manager/", ["token", "prefill"], visitor=True),
    Target("visitor delete", "/assessments/{vdraft}/delete/", visitor=True),
    # Signing in or up from a visitor session moves its assessments (rolled back per example).
    Target("visitor sign in", "/accounts/login/", ["username", "password", "next"], visitor=True),
    Target(
        "visitor sign up",
        "/accounts/signup/",
        ["username", "email", "password1", "password2", "next"],
        visitor=True,
    ),
]


@pytest.fixture
def fuzz_client(db):
    load_starter()
    user = get_user_model().objects.create_user("fuzzer", "fuzzer@example.com", "tangerine-orbit-41")
    # The signed-in user owns a submitted assessment and a draft; targets name them as
    # {done} and {draft} in their URLs.
    owned = {"done": make_assessment(user).pk, "draft": make_assessment(user, submit=False).pk}
    # A visitor's session: its key owns a submitted assessment and a draft too.
    visitor = Client()
    key = become_visitor(visitor)
    owned["vdone"] = make_assessment(None, visitor_key=key).pk
    owned["vdraft"] = make_assessment(None, visitor_key=key, submit=False).pk
    visitor_cookie = visitor.cookies[django_settings.SESSION_COOKIE_NAME].value

    def make(target):
        client = Client(raise_request_exception=False)  # a 500 must show up as a status
        if target.signed_in:
            client.force_login(user)
        if target.visitor:
            client.cookies[django_settings.SESSION_COOKIE_NAME] = visitor_cookie
        return client

    make.url = lambda target: target.url.format(**owned)
    return make


def ids(targets):
    return [t.name for t in targets]


@pytest.mark.parametrize("target", QUERY_TARGETS, ids=ids(QUERY_TARGETS))
@FUZZ
@given(known=st.data(), extra=random_params)
def test_query_parameters_never_cause_a_500(fuzz_client, target, known, extra):
    params = {name: known.draw(param_value, label=name) for name in target.params}
    with isolated():
        response = fuzz_client(target).get(fuzz_client.url(target), {**extra, **params})
    assert response.status_code < 500, (target.url, params, extra)


@pytest.mark.parametrize("target", PATH_TARGETS, ids=ids(PATH_TARGETS))
@FUZZ
@given(segments=st.lists(hostile_text, min_size=3, max_size=3))
def test_path_segments_never_cause_a_500(fuzz_client, target, segments):
    url = target.url.format(*(quote(s.encode("utf-8", "surrogatepass"), safe="") for s in segments))
    with isolated():
        response = fuzz_client(target).get(url)
    assert response.status_code < 500, url


@pytest.mark.parametrize("target", FORM_TARGETS, ids=ids(FORM_TARGETS))
@FUZZ
@given(known=st.data(), extra=random_params)
def test_forms_never_cause_a_500(fuzz_client, target, known, extra):
    data = {name: known.draw(param_value, label=name) for name in target.params}
    with isolated():
        response = fuzz_client(target).post(fuzz_client.url(target), {**extra, **data})
    assert response.status_code < 500, (target.url, data, extra)
