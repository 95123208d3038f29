"""What the benchmarks set up: databases, assessment histories, a pool of drafts to submit.

Shared by `make bench` (tools/bench.py) and `make bench-import` (tools/import_bench.py).
"""

import os
import time
import urllib.parse


def fresh_database(name):
    """BENCH_DATABASE_URL, or the database ``name`` freshly recreated on the embedded server."""
    url = os.environ.get("BENCH_DATABASE_URL")
    if url:
        return url
    import psycopg

    from careerpaths import embedded_db

    embedded_db.ensure_running()
    info = embedded_db._server().get_postmaster_info()
    with psycopg.connect(
        host=str(info.socket_dir), port=info.port, user="postgres", dbname="postgres", autocommit=True
    ) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return embedded_db.ensure_running(name)


LADDER = [
    "associate-product-manager",
    "product-manager",
    "senior-product-manager",
    "principal-product-manager",
    "product-leader",
]


def create_history(user, count=12):
    """A year of submitted assessments climbing the ladder; returns the latest's id."""
    from datetime import timedelta

    from django.utils import timezone

    from assessments import services
    from assessments.models import Assessment
    from roles.models import Role

    now = timezone.now()
    latest = None
    for i in range(count):
        role = Role.objects.get(slug=LADDER[min(i * len(LADDER) // count, len(LADDER) - 1)])
        draft = services.start_assessment(user=user, role=role)
        ratings = {
            slug: (1 + (i + n) % 5, f"Example {n}: what I did this quarter." if n % 2 else "")
            for n, slug in enumerate(sorted(draft.skill_slugs()))
        }
        latest = services.save_ratings(assessment=draft, ratings=ratings, submit=True)
        when = now - timedelta(days=30 * (count - 1 - i))
        Assessment.objects.filter(pk=latest.pk).update(created_at=when, submitted_at=when, updated_at=when)
    return latest.pk


def create_drafts(user, count):
    """``count`` drafts of product-manager for ``user``, sharing one rubric snapshot."""
    from assessments import services
    from assessments.models import Assessment
    from roles.models import Role

    first = services.start_assessment(user=user, role=Role.objects.get(slug="product-manager"))
    copied = ["role_id", "role_name", "role_slug", "rubric", "rubric_hash", "rubric_updated_at"]
    Assessment.objects.bulk_create(
        (Assessment(user=user, **{name: getattr(first, name) for name in copied}) for _ in range(count - 1)),
        batch_size=500,
    )
    return first


# Each request submits a different draft: the drafts' ids are in a file, one per line,
# and wrk thread t takes lines t, t + threads, t + 2 × threads… A submitted assessment
# cannot be submitted again, so reusing one would measure the "already submitted" path.
# When the pool runs out the script asks for a page that 404s, which counts as an error.
SUBMIT_LUA = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
local threads = __THREADS__
local sent = 0
local ids = nil
setup = function(thread)
  setup_count = (setup_count or 0) + 1
  thread:set("thread_index", setup_count - 1)
end
request = function()
  if ids == nil then
    ids = {}
    for line in io.lines([[__IDS__]]) do ids[#ids + 1] = line end
  end
  local id = ids[thread_index + sent * threads + 1]
  sent = sent + 1
  if id == nil then
    return wrk.format("GET", "/assessments/pool-exhausted/")
  end
  return wrk.format("POST", "/assessments/" .. id .. "/edit/", nil, [[__BODY__]])
end
"""


class DraftPool:
    """Drafts of one user, each submitted once by the submission endpoint."""

    def __init__(self, user, ids_path):
        self.user = user
        self.ids_path = ids_path
        self.submitted_before = 0
        self.body = ""

    def _queryset(self):
        from assessments.models import Assessment

        return Assessment.objects.filter(user=self.user)

    def refill(self):
        """Write the ids of the drafts still unsubmitted, for the next wrk run."""
        # wrk stops with requests in flight; let gunicorn finish them first, or a draft
        # listed here could be submitted by the previous run a moment later.
        time.sleep(1)
        drafts = self._queryset().drafts().order_by("created_at", "id").values_list("id", flat=True)
        self.ids_path.write_text("".join(f"{pk}\n" for pk in drafts))
        self.submitted_before = self._queryset().submitted().count()

    def lost(self, result):
        """Requests wrk counted that did not submit a draft (0 when every one did)."""
        submitted = self._queryset().submitted().count() - self.submitted_before
        return max(0, result.requests - submitted)


def submission_body(skills, csrf_token):
    """The form a person sends when submitting: a level and a note for every skill."""
    fields = [("csrfmiddlewaretoken", csrf_token), ("action", "submit")]
    for n, slug in enumerate(skills):
        fields += [(f"level-{slug}", str(1 + n % 5)), (f"evidence-{slug}", "Led the quarterly planning.")]
    return urllib.parse.urlencode(fields)
