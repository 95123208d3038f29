"""`make bench`: measure the production stack on loopback and compare every page to /healthz.

    python -m tools.bench                 # what `make bench` runs

It builds a separate database (``careerpaths_bench`` on the embedded PostgreSQL, or
``BENCH_DATABASE_URL``), loads the starter framework plus a generated larger one, creates
a user with a year of assessments and one with a pool of drafts to submit, then twice
starts gunicorn with production settings on a free loopback port: *warm*, with the page
cache on, and *cold*, with ``PAGE_CACHE=0``. Each time it logs both users in over real
HTTP and drives each endpoint with wrk (a separate process) after a warm-up. One table
shows both columns side by side; it goes to stdout, bench-results.md and
bench-results.json. docs/performance.md explains the targets and records a run.

Settings (environment): BENCH_DURATION (seconds per endpoint, 10), BENCH_WARMUP (2),
BENCH_CONNECTIONS (16), BENCH_THREADS (wrk threads, 2), BENCH_ONLY (comma-separated
parts of endpoint names), BENCH_MODES ("warm,cold"; one of them for a quick look), BENCH_STRICT=1 (exit 1 when a target is missed), BENCH_OUTPUT
(directory for the result files; the checkout), and WEB_CONCURRENCY / GUNICORN_THREADS /
GUNICORN_WORKER_CLASS for gunicorn.conf.py.
"""

import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tools.bench_data import (
    SUBMIT_LUA,
    DraftPool,
    create_drafts,
    create_history,
    fresh_database,
    submission_body,
)
from tools.bench_report import describe_setup, write_results
from tools.server import cookie_header, login, start_gunicorn

BASE_DIR = Path(__file__).resolve().parent.parent
BENCH_DATABASE = "careerpaths_bench"
READER = "bench-reader"  # has a year of submitted assessments
SUBMITTER = "bench-submitter"  # has a pool of drafts, one submitted per request

# Targets from the issue, for a 2-core machine at 16 concurrent connections.
MIN_BASELINE_RATIO = 0.25  # read pages, rendered (cold, or signed in: never cached)
WARM_BASELINE_RATIO = 0.5  # anonymous read pages served from the page cache
MAX_P99_MS = 100.0
MODES = {"warm": {"PAGE_CACHE": "1"}, "cold": {"PAGE_CACHE": "0"}}

# Prints one JSON line when wrk finishes; wrk's own --latency output lacks p95.
# Latencies are in microseconds.
WRK_DONE = r"""
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_RESULT {"requests": %d, "duration_us": %d, "connect": %d, "read": %d, "write": %d,'
    .. ' "status": %d, "timeout": %d, "p50": %d, "p90": %d, "p95": %d, "p99": %d, "max": %d}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(95), latency:percentile(99),
    latency.max))
end
"""


@dataclass
class Endpoint:
    """One row of the table. ``kind`` is "baseline", "read" or "write"."""

    name: str
    path: str
    kind: str = "read"
    # Whose session cookie to send ("" = anonymous).
    user: str = ""
    # Extra wrk Lua (e.g. a request() function for POSTs); the default is a plain GET of
    # ``path``. "__THREADS__" is replaced by the number of wrk threads.
    lua: str = ""
    expect_status: int = 200
    # Called before every wrk run of this endpoint (e.g. to refill a pool of drafts).
    before_run: Callable[[], None] | None = None
    # Called after the measured run; returns the number of requests that did not do
    # what they should have (added to the errors).
    verify: Callable[["Result"], int] | None = None

    def describe(self):
        return {"name": self.name, "path": self.path, "kind": self.kind, "user": self.user}


@dataclass
class Result:
    endpoint: Endpoint
    requests: int
    seconds: float
    p50_ms: float
    p90_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    errors: int
    error_detail: dict = field(default_factory=dict)
    ratio: float | None = None
    verdict: str = ""
    misses: list = field(default_factory=list)

    @property
    def rps(self):
        return self.requests / self.seconds if self.seconds else 0.0


# --- the endpoints ------------------------------------------------------------------------------


def endpoints(data):
    """Everything `make bench` measures; ``data`` is what ``prepare_database`` returned.

    The first entry is the baseline. A new page is one more entry here.
    """
    compare4 = "&".join(f"roles={slug}" for slug in data["compare4"])
    return [
        Endpoint("healthz (baseline)", "/healthz", kind="baseline"),
        Endpoint("home", "/"),
        Endpoint("role list", "/roles/"),
        Endpoint("role detail", "/roles/product-manager/"),
        Endpoint("compare 2 roles", "/compare/?roles=product-manager&roles=product-leader"),
        Endpoint("compare 4 roles", f"/compare/?{compare4}"),
        # Signed-in pages: rendered for each user's own session.
        Endpoint("role detail, signed in", "/roles/product-manager/", user=READER),
        Endpoint("assessment history", "/assessments/", user=READER),
        Endpoint("progress over time", "/assessments/progress/", user=READER),
        Endpoint("assessment result", f"/assessments/{data['latest']}/", user=READER),
        Endpoint(
            "compare two assessments",
            f"/assessments/compare/?a={data['first']}&b={data['latest']}",
            user=READER,
        ),
        submission_endpoint(data["pool"]),
    ]


def submission_endpoint(pool):
    lua = SUBMIT_LUA.replace("__IDS__", str(pool.ids_path)).replace("__BODY__", pool.body)
    first = pool._queryset().drafts().order_by("created_at", "id").values_list("id", flat=True)[0]
    return Endpoint(
        "submit an assessment (POST)",
        f"/assessments/{first}/edit/",
        kind="write",
        user=pool.user.get_username(),
        lua=lua,
        before_run=pool.refill,
        verify=pool.lost,
    )


# --- data ---------------------------------------------------------------------------------------


def prepare_database(url, passwords, *, pool_size, workdir):
    """Migrate, load the frameworks, create the users and their assessments; return page data."""
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerpaths.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from roles import framework
    from tests.roles.factories import generated_framework

    call_command("migrate", verbosity=0, interactive=False)
    framework.load(json.loads(framework.STARTER_FILE.read_text()))
    # Every generated role expects every skill: pages several times the starter's size.
    framework.load(generated_framework(50, 60, prefix="bench", n_categories=6))
    users = {}
    for username, password in passwords.items():
        users[username], _ = get_user_model().objects.get_or_create(username=username)
        users[username].set_password(password)
        users[username].save()
    latest = create_history(users[READER])
    first = users[READER].assessments.order_by("submitted_at").values_list("pk", flat=True)[0]
    draft = create_drafts(users[SUBMITTER], pool_size)
    return {
        "compare4": [f"bench-role-{r}" for r in (10, 20, 30, 40)],
        "first": first,
        "latest": latest,
        "pool": DraftPool(users[SUBMITTER], workdir / "drafts.txt"),
        "skills": sorted(draft.skill_slugs()),
    }


def check(base_url, endpoint, sessions):
    """Refuse to benchmark an endpoint that does not answer as expected (a fast 404 is no result)."""
    headers = {"Cookie": cookie_header(sessions[endpoint.user])} if endpoint.user else {}
    request = urllib.request.Request(base_url + endpoint.path, headers=headers)
    try:
        status = urllib.request.urlopen(request, timeout=10).status
    except urllib.error.HTTPError as exc:
        status = exc.code
    if status != endpoint.expect_status:
        raise RuntimeError(
            f"{endpoint.name}: GET {endpoint.path} answered {status}, not {endpoint.expect_status}"
        )


# --- load ---------------------------------------------------------------------------------------


def wrk_path():
    path = shutil.which("wrk")
    if not path:
        raise RuntimeError("wrk is not installed: apt-get install -y wrk (make bench does this when it can)")
    return path


def run_wrk(base_url, endpoint, *, duration, connections, threads, sessions, workdir):
    if endpoint.before_run:
        endpoint.before_run()
    script = workdir / f"wrk-{secrets.token_hex(4)}.lua"
    script.write_text(endpoint.lua.replace("__THREADS__", str(threads)) + WRK_DONE)
    command = [
        wrk_path(),
        f"-t{threads}",
        f"-c{connections}",
        f"-d{duration}s",
        "--timeout",
        "5s",
        "-s",
        str(script),
    ]
    if endpoint.user:
        command += ["-H", f"Cookie: {cookie_header(sessions[endpoint.user])}"]
    command.append(base_url + endpoint.path)
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    match = re.search(r"^BENCH_RESULT (\{.*\})$", output, re.MULTILINE)
    if not match:
        raise RuntimeError(f"wrk printed no result for {endpoint.name}:\n{output}")
    raw = json.loads(match[1])
    errors = {key: raw[key] for key in ("connect", "read", "write", "status", "timeout") if raw[key]}
    result = Result(
        endpoint=endpoint,
        requests=raw["requests"],
        seconds=raw["duration_us"] / 1e6,
        p50_ms=raw["p50"] / 1000,
        p90_ms=raw["p90"] / 1000,
        p95_ms=raw["p95"] / 1000,
        p99_ms=raw["p99"] / 1000,
        max_ms=raw["max"] / 1000,
        errors=sum(errors.values()),
        error_detail=errors,
    )
    if endpoint.verify:
        lost = endpoint.verify(result)
        if lost:
            result.error_detail["not saved"] = lost
            result.errors += lost
    return result


def min_ratio(endpoint, warm):
    """The share of the baseline's requests/s a read page must reach."""
    if warm and not endpoint.user:
        return WARM_BASELINE_RATIO  # served from the page cache
    return MIN_BASELINE_RATIO


def judge(results, warm=False):
    """Fill in each result's ratio to the baseline and its PASS/MISS verdict."""
    baseline = next(r for r in results if r.endpoint.kind == "baseline")
    for result in results:
        result.ratio = result.rps / baseline.rps if baseline.rps else 0.0
        result.misses = []
        if result.errors:
            result.misses.append(f"{result.errors} errors")
        if result.p99_ms > MAX_P99_MS:
            result.misses.append(f"p99 {result.p99_ms:.0f} ms > {MAX_P99_MS:.0f}")
        target = min_ratio(result.endpoint, warm)
        if result.endpoint.kind == "read" and result.ratio < target:
            result.misses.append(f"{result.ratio:.2f}× < {target}×")
        result.verdict = "MISS: " + ", ".join(result.misses) if result.misses else "PASS"
    return results


def measure(base_url, endpoints, *, duration, warmup, connections, threads, sessions, workdir, warm=False):
    """wrk each endpoint after a warm-up; ``sessions`` maps usernames to their cookies."""
    results = []
    for endpoint in endpoints:
        check(base_url, endpoint, sessions)
        options = {"connections": connections, "threads": threads, "sessions": sessions, "workdir": workdir}
        if warmup:
            run_wrk(base_url, endpoint, duration=warmup, **options)
        result = run_wrk(base_url, endpoint, duration=duration, **options)
        print(f"  {endpoint.name}: {result.rps:.0f} req/s, p99 {result.p99_ms:.1f} ms", file=sys.stderr)
        results.append(result)
    return judge(results, warm=warm)


def env_int(name, default):
    value = os.environ.get(name, "")
    return int(value) if value else default


def main():
    duration = env_int("BENCH_DURATION", 10)
    warmup = env_int("BENCH_WARMUP", 2)
    connections = env_int("BENCH_CONNECTIONS", 16)
    threads = env_int("BENCH_THREADS", 2)
    output_dir = Path(os.environ.get("BENCH_OUTPUT") or BASE_DIR)
    only = [name.strip() for name in os.environ.get("BENCH_ONLY", "").split(",") if name.strip()]
    wrk_path()

    modes = [m.strip() for m in os.environ.get("BENCH_MODES", "warm,cold").split(",") if m.strip()]
    if not modes or set(modes) - set(MODES):
        raise SystemExit(f"BENCH_MODES must name warm and/or cold, got {modes}")

    passwords = {READER: secrets.token_urlsafe(16), SUBMITTER: secrets.token_urlsafe(16)}
    # Enough drafts for the submission endpoint at well above any rate seen so far.
    pool_size = max(2000, (duration + warmup) * 500) * len(modes)
    results = {"warm": [], "cold": []}
    with tempfile.TemporaryDirectory(prefix="careerpaths-bench-") as tmp:
        workdir = Path(tmp)
        print(f"preparing the benchmark database ({pool_size} drafts to submit)…", file=sys.stderr)
        data = prepare_database(
            fresh_database(BENCH_DATABASE), passwords, pool_size=pool_size, workdir=workdir
        )
        for mode in modes:
            (workdir / mode).mkdir()
            server = start_gunicorn(os.environ["DATABASE_URL"], workdir / mode, MODES[mode])
            try:
                sessions = {user: login(server.url, user, password) for user, password in passwords.items()}
                data["pool"].body = submission_body(data["skills"], sessions[SUBMITTER]["csrftoken"])
                selected = endpoints(data)
                if only:
                    selected = [e for e in selected if e.kind == "baseline" or any(o in e.name for o in only)]
                print(
                    f"{mode}: gunicorn at {server.url}; measuring {len(selected)} endpoints…", file=sys.stderr
                )
                results[mode] = measure(
                    server.url,
                    selected,
                    duration=duration,
                    warmup=warmup,
                    connections=connections,
                    threads=threads,
                    sessions=sessions,
                    workdir=workdir,
                    warm=mode == "warm",
                )
            finally:
                server.stop()
    setup = describe_setup(duration=duration, connections=connections, threads=threads)
    print(write_results(results["warm"], results["cold"], setup, output_dir))
    print(f"written to {output_dir / 'bench-results.md'} and bench-results.json", file=sys.stderr)
    missed = [r.endpoint.name for mode in modes for r in results[mode] if r.verdict != "PASS"]
    if missed:
        print(f"missed targets: {', '.join(dict.fromkeys(missed))}", file=sys.stderr)
    # A miss is a finding to explain (docs/performance.md), not a broken run, unless asked.
    return 1 if missed and os.environ.get("BENCH_STRICT") == "1" else 0


if __name__ == "__main__":
    sys.exit(main())
