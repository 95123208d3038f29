"""The `make bench` machinery, run for a second against the test gunicorn (never the full bench)."""

import time

import pytest
from django.contrib.auth import get_user_model

from tests.roles.factories import load_starter
from tools import bench, bench_report
from tools.server import login

PASSWORD = "a long benchmark passphrase"


@pytest.fixture
def site(transactional_db, gunicorn_server):
    load_starter()
    # The suite's fast Argon2 hashes carry their own cost parameters, so gunicorn (real
    # settings) verifies them like any Argon2 hash.
    get_user_model().objects.create_user("bench-smoke", password=PASSWORD)
    return gunicorn_server.url


def test_it_measures_logs_in_and_writes_a_table_with_ratios(site, tmp_path):
    cookies = login(site, "bench-smoke", PASSWORD)
    assert {"sessionid", "csrftoken"} <= set(cookies)
    endpoints = [
        bench.Endpoint("healthz (baseline)", "/healthz", kind="baseline"),
        bench.Endpoint("role list", "/roles/"),
        bench.Endpoint("home, signed in", "/", user="bench-smoke"),
    ]
    runs = {}
    for mode in ("warm", "cold"):  # the same server twice: the table's machinery, not the cache
        runs[mode] = bench.measure(
            site,
            endpoints,
            duration=1,
            warmup=0,
            connections=2,
            threads=1,
            sessions={"bench-smoke": cookies},
            workdir=tmp_path,
            warm=mode == "warm",
        )
        for result in runs[mode]:
            assert result.requests > 0 and result.errors == 0, result
            assert 0 < result.p50_ms <= result.p95_ms <= result.p99_ms <= result.max_ms
        assert runs[mode][0].ratio == 1.0

    markdown = bench.write_results(runs["warm"], runs["cold"], "smoke run", tmp_path)
    rows = bench_report.parse_table(markdown)
    assert [row["Endpoint"] for row in rows] == [
        "healthz (baseline) `/healthz`",
        "role list `/roles/`",
        "home, signed in `/`",
    ]
    assert rows[0]["Warm ×"] == rows[0]["Cold ×"] == "1.00"
    for row, warm, cold in zip(rows, runs["warm"], runs["cold"], strict=True):
        assert float(row["Warm req/s"]) == pytest.approx(warm.rps, abs=0.5)
        assert float(row["Cold req/s"]) == pytest.approx(cold.rps, abs=0.5)
        assert float(row["Cold p99 ms"]) == pytest.approx(cold.p99_ms, abs=0.05)
        assert row["Errors"] == "0"
        assert row["Result"] == "PASS" or row["Result"].startswith("MISS: ")
    assert (tmp_path / "bench-results.json").read_text().count('"rps"') == 6


def test_it_counts_error_responses(site, tmp_path):
    missing = bench.Endpoint("missing", "/roles/no-such-role/")
    result = bench.run_wrk(site, missing, duration=1, connections=2, threads=1, sessions={}, workdir=tmp_path)
    assert result.requests > 0
    assert result.errors == result.requests == result.error_detail["status"]


def test_it_refuses_to_measure_a_page_that_does_not_answer_200(site):
    with pytest.raises(RuntimeError, match="answered 404"):
        bench.check(site, bench.Endpoint("missing", "/roles/no-such-role/"), {})


def test_it_judges_against_the_targets():
    def result(kind, rps, p99, errors=0):
        return bench.Result(bench.Endpoint(kind, "/", kind=kind), rps, 1.0, 1, 1, 1, p99, p99, errors)

    results = bench.judge(
        [
            result("baseline", 1000, 10),
            result("read", 300, 20),
            result("read", 250, 120, 3),
            result("write", 50, 90),
        ]
    )
    assert [r.verdict for r in results] == [
        "PASS",
        "PASS",
        "MISS: 3 errors, p99 120 ms > 100",
        "PASS",
    ]
    assert (
        bench.judge([result("baseline", 1000, 10), result("read", 240, 20)])[1].verdict
        == "MISS: 0.24× < 0.25×"
    )
    # Warm, anonymous pages come from the page cache and must reach 0.5×; signed-in
    # pages are never cached and keep the 0.25× target.
    signed_in = bench.Result(bench.Endpoint("mine", "/", user="someone"), 300, 1.0, 1, 1, 1, 20, 20, 0)
    warm = bench.judge([result("baseline", 1000, 10), result("read", 400, 20), signed_in], warm=True)
    assert [r.verdict for r in warm] == ["PASS", "MISS: 0.40× < 0.5×", "PASS"]
    rows = bench_report.parse_table(bench_report.render_table(warm, []))  # a warm-only run
    assert [row["Result"] for row in rows] == ["PASS", "MISS: warm 0.40× < 0.5×", "PASS"]
    assert {row["Cold req/s"] for row in rows} == {"–"}


def test_each_submission_request_submits_a_different_draft(site, tmp_path):
    from assessments.models import Assessment, Rating, Status

    user = get_user_model().objects.get(username="bench-smoke")
    draft = bench.create_drafts(user, 400)
    cookies = login(site, "bench-smoke", PASSWORD)
    pool = bench.DraftPool(user, tmp_path / "drafts.txt")
    pool.body = bench.submission_body(sorted(draft.skill_slugs()), cookies["csrftoken"])
    endpoint = bench.submission_endpoint(pool)
    bench.check(site, endpoint, {"bench-smoke": cookies})  # the form answers 200

    result = bench.run_wrk(
        site,
        endpoint,
        duration=1,
        connections=2,
        threads=2,
        sessions={"bench-smoke": cookies},
        workdir=tmp_path,
    )
    assert result.requests > 0
    assert result.errors == 0, result.error_detail
    submitted = Assessment.objects.filter(user=user, status=Status.SUBMITTED)
    # wrk stops with requests in flight: wait for gunicorn to finish them, no longer.
    deadline = time.monotonic() + 10
    while submitted.count() < result.requests and time.monotonic() < deadline:
        time.sleep(0.05)
    assert submitted.count() >= result.requests
    # Every submission is complete: a level for each of the rubric's skills. The ids are
    # read once: a request still in flight may commit between two separate counts.
    skills = len(draft.skill_slugs())
    done = list(submitted.values_list("pk", flat=True))
    assert Rating.objects.filter(assessment__in=done, level__isnull=False).count() == skills * len(done)


def test_a_run_that_saves_nothing_counts_as_errors(site, tmp_path):
    user = get_user_model().objects.get(username="bench-smoke")
    draft = bench.create_drafts(user, 50)
    cookies = login(site, "bench-smoke", PASSWORD)
    pool = bench.DraftPool(user, tmp_path / "drafts.txt")
    # A stale CSRF token: every POST is refused with 403.
    pool.body = bench.submission_body(sorted(draft.skill_slugs()), "x" * 32)
    result = bench.run_wrk(
        site,
        bench.submission_endpoint(pool),
        duration=1,
        connections=2,
        threads=1,
        sessions={"bench-smoke": cookies},
        workdir=tmp_path,
    )
    assert result.error_detail["status"] == result.requests
    assert result.error_detail["not saved"] == result.requests
