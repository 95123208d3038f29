"""gunicorn.conf.py: worker recycling is spread out, so workers do not all restart at once."""

import runpy
from pathlib import Path

import pytest

CONF = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"


def load(monkeypatch, **env):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(CONF))


def test_it_recycles_workers_with_a_wide_jitter(monkeypatch):
    conf = load(monkeypatch)
    # Under even load every worker reaches max_requests together; each restarts after a
    # random extra 0..jitter requests, so the jitter must be a large share of the count
    # for the restarts to spread over many seconds instead of two.
    assert conf["max_requests"] >= 1000
    assert conf["max_requests_jitter"] >= conf["max_requests"] // 2
    assert conf["max_requests_jitter"] < conf["max_requests"]


@pytest.mark.parametrize(("value", "jitter"), [("2000", 1000), ("0", 0)])
def test_the_count_is_configurable_and_the_jitter_follows(monkeypatch, value, jitter):
    conf = load(monkeypatch, GUNICORN_MAX_REQUESTS=value)
    assert conf["max_requests"] == int(value)
    assert conf["max_requests_jitter"] == jitter
