"""Helpers the tests share: plain functions and constants, imported explicitly.

Fixtures live in the conftest.py files; everything a test module imports by name lives
here (or in tests/roles/factories.py for frameworks), never in a conftest.
"""

from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.db import transaction
from django.utils import timezone

from assessments import scoring, services
from assessments.access import VISITOR_SESSION_KEY
from assessments.models import Assessment, Rating, Status
from assessments.rubric import build_snapshot, skill_slugs
from roles.models import Role

BASE_DIR = Path(__file__).resolve().parent.parent

# The password of the users the shared fixtures create (alice, bob, root, ed).
PASSWORD = "tangerine-orbit-41"

# tools.server.start_gunicorn's environment for the suite's live servers: two workers, and
# an info-level log that the fault-tolerance tests read.
LIVE_SERVER_ENV = {"WEB_CONCURRENCY": "2", "GUNICORN_LOGLEVEL": "info", "LOG_LEVEL": "INFO"}


def database_url(settings_dict, name=None):
    """A DATABASE_URL for the database pytest-django set up (test_…)."""
    user = quote(settings_dict["USER"] or "", safe="")
    password = quote(settings_dict["PASSWORD"] or "", safe="")
    auth = f"{user}:{password}@" if password else f"{user}@"
    host = quote(settings_dict["HOST"] or "", safe="")
    port = f":{settings_dict['PORT']}" if settings_dict["PORT"] else ""
    return f"postgres://{auth}{host}{port}/{name or settings_dict['NAME']}"


# Argon2 (the production hasher, see tests/careerpaths/test_settings.py) is deliberately
# slow and memory-hungry, and the suite hashes hundreds of passwords. So tests hash with
# Argon2 at minimal cost: the hashes carry their own parameters, which means the gunicorn
# server (real settings) still verifies them, so browser tests can sign in as users made here.
class FastArgon2PasswordHasher(Argon2PasswordHasher):
    time_cost = 1
    memory_cost = 8
    parallelism = 1


FAST_TEST_HASHERS = ["tests.helpers.FastArgon2PasswordHasher"]

_AXE_JS = None


def axe_violations(page):
    """Run axe-core (shipped in axe-playwright-python) in the page; return violations."""
    global _AXE_JS
    if _AXE_JS is None:
        import axe_playwright_python

        _AXE_JS = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()
    page.evaluate(_AXE_JS)
    result = page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations'],"
        " runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
        for v in result["violations"]
    ]


# --- HTML ----------------------------------------------------------------------------------------


@dataclass
class Element:
    tag: str
    attrs: dict
    text: str = ""  # all text inside, whitespace collapsed
    _parts: list = field(default_factory=list, repr=False)

    def has_class(self, name):
        return name in (self.attrs.get("class") or "").split()


# Elements that never have content or a closing tag.
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements, self.open = [], []

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {name: "" if value is None else value for name, value in attrs})
        self.elements.append(element)
        if tag not in VOID:
            self.open.append(element)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.open.pop()

    def handle_endtag(self, tag):
        for i in range(len(self.open) - 1, -1, -1):
            if self.open[i].tag == tag:
                for element in self.open[i:]:
                    element.text = " ".join("".join(element._parts).split())
                del self.open[i:]
                return

    def handle_data(self, data):
        for element in self.open:
            element._parts.append(data)


def sign_in(page, server, username, next_path, password=PASSWORD):
    """Sign in through the real sign-in form and wait to land on ``next_path``."""
    page.goto(f"{server.url}/accounts/login/?next={next_path}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{server.url}{next_path}")


def elements(html, tag, **attrs):
    """The ``tag`` elements of ``html`` whose attributes include ``attrs`` (``class_`` for
    class: one of the element's classes), in document order. Asserting on these rather than
    on exact markup keeps tests independent of attribute order, spacing and extra classes."""
    collector = _Collector()
    collector.feed(html)
    collector.close()
    for element in collector.open:  # left open (e.g. an unclosed <p>): take what it has
        element.text = " ".join("".join(element._parts).split())
    found = []
    for element in collector.elements:
        if element.tag != tag:
            continue
        wanted = dict(attrs)
        css = wanted.pop("class_", None)
        if css is not None and not element.has_class(css):
            continue
        if all(element.attrs.get(name.replace("_", "-")) == value for name, value in wanted.items()):
            found.append(element)
    return found


def texts(html, tag, **attrs):
    return [element.text for element in elements(html, tag, **attrs)]


# --- assessments ---------------------------------------------------------------------------------


def role(slug):
    return Role.objects.select_related("track").get(slug=slug)


def make_assessment(
    user, slug="product-manager", levels=None, submit=True, default=3, evidence=None, visitor_key=None
):
    """A draft, or a submitted assessment with every skill rated (``levels`` overrides),
    of ``user`` or (with ``user`` None) of the visitor whose key is ``visitor_key``."""
    owner = {"user": user} if visitor_key is None else {"visitor_key": visitor_key}
    assessment = services.start_assessment(**owner, role=role(slug))
    levels = levels or {}
    ratings = {
        s: (levels.get(s, default), (evidence or {}).get(s, "")) for s in sorted(assessment.skill_slugs())
    }
    return services.save_ratings(assessment=assessment, ratings=ratings, submit=submit)


def form_data(assessment, levels=None, default=3, action="save", **extra):
    data = {"action": action}
    for slug in assessment.skill_slugs():
        level = (levels or {}).get(slug, default)
        if level is not None:
            data[f"level-{slug}"] = str(level)
        data[f"evidence-{slug}"] = ""
    data.update(extra)
    return data


def make_history(user, slug, count):
    """``count`` submitted assessments of ``slug``, one a day up to yesterday, oldest first;
    the n-th rates every skill 1 + n % 5. Built in a few bulk inserts (for the query-count
    tests at size); their scores come from the real scoring rules."""
    r = role(slug)
    snapshot = build_snapshot(r)
    slugs = sorted(skill_slugs(snapshot))
    first_day = timezone.now() - timedelta(days=count)
    history = []
    for n in range(count):
        result = scoring.score(snapshot, dict.fromkeys(slugs, 1 + n % 5))
        history.append(
            Assessment(
                user=user,
                role=r,
                role_name=r.name,
                role_slug=r.slug,
                rubric=snapshot,
                rubric_hash=snapshot["hash"],
                rubric_updated_at=datetime.fromisoformat(snapshot["version"]),
                status=Status.SUBMITTED,
                submitted_at=first_day + timedelta(days=n),
                readiness=result.readiness,
                weighted_score=result.weighted_score,
            )
        )
    Assessment.objects.bulk_create(history)
    Rating.objects.bulk_create(
        [Rating(assessment=a, skill_slug=s, level=1 + n % 5) for n, a in enumerate(history) for s in slugs],
        batch_size=2000,
    )
    return history


@contextmanager
def isolated():
    """Undo a fuzz example's writes, and keep a failed query in one example from poisoning
    the transaction for the next (so hypothesis shrinks to the input that really fails)."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


# --- visitors ------------------------------------------------------------------------------------


def visitor_key_of(client):
    """The visitor key in the test client's session (assessments.access), or None."""
    cookie = client.cookies.get(settings.SESSION_COOKIE_NAME)
    return client.session.get(VISITOR_SESSION_KEY) if cookie and cookie.value else None


def become_visitor(client, slug="product-manager"):
    """Open a start page as a visitor, which gives the session its key; return the key."""
    assert client.get(f"/assessments/new/{slug}/").status_code == 200
    key = visitor_key_of(client)
    assert key
    return key


# --- reviews -------------------------------------------------------------------------------------


def review_open_url(token):
    """The address in a review link (the one with the token)."""
    return f"/review/{token}/"


def review_page_url(link):
    """The address a review link leads to once exchanged (no token in it)."""
    return f"/review/s/{link.public_id}/"


def expire_link(link):
    """Make ``link`` expired a day ago (created three weeks ago)."""
    from reviews.models import ReviewLink

    now = timezone.now()
    ReviewLink.objects.filter(pk=link.pk).update(
        created_at=now - timedelta(days=21), expires_at=now - timedelta(days=1)
    )
