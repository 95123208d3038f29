"""`make bench-import`: how long importing a 5 MB framework file takes (docs/performance.md).

    python -m tools.import_bench

It builds a separate database (``careerpaths_bench_import`` on the embedded PostgreSQL, or
``BENCH_DATABASE_URL``) and, for two shapes of file just under the 5 MB upload limit (many
small roles; fewer roles that each expect every skill), times:

- the admin's preview (upload, validation, in-memory comparison, the file kept on the
  server) and its confirmation (the bulk load), as requests through Django's whole stack
  (middleware, session, CSRF, templates) on this process, which is what a gunicorn worker
  runs, into an empty framework, again with the same file, and with a file that changes
  every role and expectation;
- the parts of a preview on their own (parse, validate, compare);
- ``manage.py import_framework`` in a child process (wall time with Django's start-up, and
  its peak memory).

It prints a Markdown table. Timings on a shared machine vary; run it on a quiet one.
"""

import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tools.bench_data import fresh_database

BASE_DIR = Path(__file__).resolve().parent.parent
BENCH_DATABASE = "careerpaths_bench_import"
URL = "/admin/roles/role/framework/import/"


def sized(make, limit):
    """The largest document ``make(n)`` whose compact JSON fits in ``limit`` bytes."""
    per_role = (len(json.dumps(make(200))) - len(json.dumps(make(100)))) / 100
    n = int((limit - len(json.dumps(make(1)))) / per_role)
    while len(json.dumps(make(n)).encode()) > limit:
        n -= max(1, n // 200)
    return n, json.dumps(make(n))


def changed(text):
    """Every role renamed and every expectation's level moved: a file of updates."""
    data = json.loads(text)
    for role in data["roles"]:
        role["name"] = role["name"].upper()
        for exp in role["expectations"]:
            exp["level"] = exp["level"] % 5 + 1
    return json.dumps(data)


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def cpu_timed(fn):
    """(result, wall seconds, CPU seconds of this process): on a busy machine the wall time
    is mostly waiting; the CPU time is what the work itself costs."""
    cpu = time.process_time()
    result, wall = timed(fn)
    return result, wall, time.process_time() - cpu


def empty_framework():
    from django.db import connection

    from roles import caching

    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE roles_role_next_roles, roles_expectation, roles_roledimension, roles_skilllevel, "
            "roles_role, roles_skill, roles_skillcategory, roles_dimension, roles_track, "
            "roles_frameworkupload CASCADE"
        )
    caching.bump()


def admin_import(client, text, name):
    """Preview then confirm through the admin; returns ("preview / confirm" times, queries on confirm)."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    upload = SimpleUploadedFile(name, text.encode(), content_type="application/json")
    preview, preview_s, preview_cpu = cpu_timed(lambda: client.post(URL, {"file": upload}))
    if preview.status_code != 200:
        raise RuntimeError(f"preview answered {preview.status_code}: {preview.content[:2000]!r}")
    staged = re.search(r'name="upload" value="([0-9a-f-]+)"', preview.content.decode())[1]
    with CaptureQueriesContext(connection) as queries:
        confirm, confirm_s, confirm_cpu = cpu_timed(lambda: client.post(URL, {"upload": staged}))
    if confirm.status_code != 302:
        raise RuntimeError(f"confirmation answered {confirm.status_code}")
    print(
        f"   {name}: preview {preview_s:.2f} s (CPU {preview_cpu:.2f} s), "
        f"confirm {confirm_s:.2f} s (CPU {confirm_cpu:.2f} s, {len(queries)} queries)",
        flush=True,
    )
    return f"{preview_s:.1f} ({preview_cpu:.1f}) / {confirm_s:.1f} ({confirm_cpu:.1f}) s", len(queries)


def parts(text):
    from roles import framework
    from roles.framework.loading import plan

    data, parse_s = timed(lambda: framework.parse(text))
    problems, validate_s = timed(lambda: framework.validate(data))
    assert problems == [], problems[:5]
    _, compare_s = timed(lambda: plan(data))
    return parse_s, validate_s, compare_s


def command(path, url):
    env = {**os.environ, "DATABASE_URL": url}
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result, seconds = timed(
        lambda: subprocess.run(
            [sys.executable, "manage.py", "import_framework", str(path)],
            cwd=BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
        )
    )
    if result.returncode:
        raise RuntimeError(result.stderr)
    peak_mb = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    return seconds, peak_mb


def main():
    url = fresh_database(BENCH_DATABASE)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerpaths.settings")
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client

    from roles.admin_views import MAX_UPLOAD_BYTES
    from tests.roles.factories import generated_framework

    call_command("migrate", verbosity=0, interactive=False)
    editor, _ = get_user_model().objects.get_or_create(
        username="bench-editor", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client(HTTP_HOST="localhost")
    client.force_login(editor)

    shapes = {
        "many small roles (1 skill, 1 dimension text each)": lambda n: generated_framework(
            n, 1, n_dimensions=1, n_categories=1
        ),
        "roles expecting every skill (60 skills, 4 dimension texts each)": lambda n: generated_framework(
            n, 60
        ),
    }
    rows = []
    workdir = Path(tempfile.mkdtemp(prefix="import-bench-"))
    for label, make in shapes.items():
        n_roles, text = sized(make, MAX_UPLOAD_BYTES)
        data = json.loads(text)
        expectations = sum(len(r["expectations"]) for r in data["roles"])
        print(
            f"== {label}: {n_roles:,} roles, {expectations:,} expectations, {len(text) / 1e6:.2f} MB",
            flush=True,
        )
        empty_framework()
        parse_s, validate_s, compare_s = parts(text)
        first = admin_import(client, text, "first.json")
        same = admin_import(client, text, "same.json")
        updates = admin_import(client, changed(text), "changed.json")
        path = workdir / "framework.json"
        path.write_text(text)
        cli_s, cli_mb = command(path, url)
        rows.append(
            (
                label,
                n_roles,
                expectations,
                len(text),
                parse_s,
                validate_s,
                compare_s,
                first,
                same,
                updates,
                cli_s,
                cli_mb,
            )
        )
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print()
    print(
        "| file | preview parts: parse / validate / compare | into an empty framework: preview / confirm "
        "| same file again: preview / confirm | every role changed: preview / confirm "
        "| `import_framework` (peak memory) |"
    )
    print("| --- | --- | --- | --- | --- | --- |")
    for label, n_roles, exps, size, p, v, c, first, same, upd, cli_s, cli_mb in rows:
        print(
            f"| {label}: {n_roles:,} roles, {exps:,} expectations, {size / 1e6:.2f} MB "
            f"| {p:.2f} / {v:.2f} / {c:.2f} s "
            f"| {first[0]}, {first[1]} queries "
            f"| {same[0]} "
            f"| {upd[0]} "
            f"| {cli_s:.1f} s ({cli_mb:.0f} MB) |"
        )
    print("\nWall time (CPU time of this process in brackets).")
    print(f"Peak memory of this process (previews and confirmations of both files): {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
