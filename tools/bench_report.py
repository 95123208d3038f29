"""`make bench`'s output: the warm/cold table (Markdown), its parser, and the JSON file."""

import json
import multiprocessing
import os
import platform
from datetime import UTC, datetime

COLUMNS = [
    "Endpoint",
    "Warm req/s",
    "Warm p99 ms",
    "Warm ×",
    "Cold req/s",
    "Cold p50 ms",
    "Cold p99 ms",
    "Cold ×",
    "Errors",
    "Result",
]


def _verdict(warm, cold):
    misses = [f"{mode} {r.verdict[6:]}" for mode, r in (("warm", warm), ("cold", cold)) if r and r.misses]
    return "MISS: " + "; ".join(misses) if misses else "PASS"


def render_table(warm, cold):
    """Warm and cold results of the same endpoints (either list may be empty), one row each."""
    names = [r.endpoint.name for r in warm or cold]
    by_mode = [{r.endpoint.name: r for r in results} for results in (warm, cold)]
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "|".join(["---"] + ["---:"] * 8 + ["---"]) + "|"]
    for name in names:
        w, c = (results.get(name) for results in by_mode)
        endpoint = (w or c).endpoint
        cells = [f"{endpoint.name} `{endpoint.path}`"]
        cells += [f"{w.rps:.0f}", f"{w.p99_ms:.1f}", f"{w.ratio:.2f}"] if w else ["–"] * 3
        cells += [f"{c.rps:.0f}", f"{c.p50_ms:.1f}", f"{c.p99_ms:.1f}", f"{c.ratio:.2f}"] if c else ["–"] * 4
        cells += [str(sum(r.errors for r in (w, c) if r)), _verdict(w, c)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def parse_table(text):
    """The rows of a table written by ``render_table``, as dicts keyed by column."""
    rows = []
    for line in text.splitlines():
        if not line.startswith("| ") or line.startswith("| Endpoint"):
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split(" | ")]
        if len(cells) != len(COLUMNS):
            raise ValueError(f"malformed row: {line}")
        rows.append(dict(zip(COLUMNS, cells, strict=True)))
    return rows


def describe_setup(*, duration, connections, threads):
    workers = os.getenv("WEB_CONCURRENCY") or str(multiprocessing.cpu_count() * 2 + 1)
    gthreads = os.getenv("GUNICORN_THREADS", "1")
    worker_class = os.getenv("GUNICORN_WORKER_CLASS") or ("gthread" if int(gthreads) > 1 else "sync")
    return (
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC · {platform.node()} · {os.cpu_count()} cores · "
        f"Python {platform.python_version()} · gunicorn {worker_class} workers={workers} threads={gthreads} · "
        f"wrk -t{threads} -c{connections} -d{duration}s per endpoint"
    )


def _json(results):
    return [
        {
            "endpoint": r.endpoint.describe(),
            "rps": r.rps,
            "requests": r.requests,
            "seconds": r.seconds,
            "p50_ms": r.p50_ms,
            "p90_ms": r.p90_ms,
            "p95_ms": r.p95_ms,
            "p99_ms": r.p99_ms,
            "max_ms": r.max_ms,
            "errors": r.errors,
            "error_detail": r.error_detail,
            "ratio": r.ratio,
            "verdict": r.verdict,
        }
        for r in results
    ]


def write_results(warm, cold, setup, output_dir):
    """The side-by-side table as bench-results.md, every figure in bench-results.json."""
    table = render_table(warm, cold)
    notes = (
        "Warm: page cache on (anonymous role pages served from it). "
        "Cold: `PAGE_CACHE=0`, every page rendered. Signed-in pages are never cached. "
        "× is requests/s over the baseline's in the same column."
    )
    markdown = f"# make bench\n\n{setup}\n\n{notes}\n\n{table}\n"
    (output_dir / "bench-results.md").write_text(markdown)
    payload = {"setup": setup, "warm": _json(warm), "cold": _json(cold)}
    (output_dir / "bench-results.json").write_text(json.dumps(payload, indent=2) + "\n")
    return markdown
