"""Helpers the tests share: plain functions and constants, imported explicitly.

Fixtures live in the conftest.py files; everything a test module imports by name lives
here (or in tests/roles/factories.py for frameworks), never in a conftest.
"""

from pathlib import Path
from urllib.parse import quote

from django.contrib.auth.hashers import Argon2PasswordHasher

from assessments import services
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


# --- assessments ---------------------------------------------------------------------------------


def role(slug):
    return Role.objects.select_related("track").get(slug=slug)


def make_assessment(user, slug="product-manager", levels=None, submit=True, default=3, evidence=None):
    """A draft, or a submitted assessment with every skill rated (``levels`` overrides)."""
    assessment = services.start_assessment(user=user, role=role(slug))
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
