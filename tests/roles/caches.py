"""The two cache backends the page-cache tests run against: each worker's own memory, and
a Redis server shared by every worker (the machine's, on 127.0.0.1:6379; .ci/run starts one
when none answers)."""

import os
import secrets

import pytest

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def redis_client():
    import redis

    return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1, socket_timeout=2)


def require_redis():
    """Fail, never skip, without a Redis server: the shared-cache tests must always run."""
    import redis

    try:
        redis_client().ping()
    except redis.RedisError as exc:
        pytest.fail(f"no Redis server at {REDIS_URL} (start one, or set TEST_REDIS_URL): {exc}")


def new_prefix():
    """A key prefix of this test alone, so parallel runs sharing the server never collide."""
    return f"careerpaths-test-{secrets.token_hex(6)}"


def caches_setting(backend, prefix):
    """CACHES with the page cache on ``backend``; result fragments stay in memory, as in
    careerpaths/settings.py."""
    fragments = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": f"{prefix}-fragments",
    }
    if backend == "redis":
        default = {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    else:
        default = {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": prefix,
            "KEY_PREFIX": prefix,
        }
    return {"default": default, "fragments": fragments}


def server_env(backend, prefix):
    """Environment for a gunicorn using ``backend`` (tests/conftest.py start_gunicorn)."""
    env = {"PAGE_CACHE": "1", "CACHE_KEY_PREFIX": prefix, "REDIS_URL": ""}
    if backend == "redis":
        env["REDIS_URL"] = REDIS_URL
    return env


def redis_keys(prefix):
    return list(redis_client().scan_iter(match=f"{prefix}:*"))


def delete_prefix(prefix):
    """Remove this test's keys, and only those (never FLUSHDB a shared server)."""
    client = redis_client()
    keys = list(client.scan_iter(match=f"{prefix}:*"))
    if keys:
        client.delete(*keys)
