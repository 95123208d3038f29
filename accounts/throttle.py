"""Rate limits on account actions, counted in Django's cache (docs/security.md, "Throttling").

Each limit counts hits per key (a client address, an email address) in fixed windows: at
most ``limit`` hits per window, then a 429 until the window ends. A refused request is not
counted, so the wait is never longer than one window, however often someone retries.
Keys are hashed: addresses never appear in cache keys.

The counters live in the default cache. With the per-process memory cache each gunicorn
worker counts on its own (a client spread over N workers gets at most N times the limit);
a shared cache (Redis) makes the limits exact across workers and machines.
"""

import hashlib
import math
import time
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils import timezone

# Seconds since the epoch; tests replace it with a clock they move by hand.
clock = time.time


class Limit:
    """At most settings.<limit_setting> hits per key in each window of ``window`` seconds
    (or of settings.<window_minutes_setting> minutes)."""

    def __init__(self, name, limit_setting, window=None, window_minutes_setting=None):
        self.name = name
        self.limit_setting = limit_setting
        self._window = window
        self.window_minutes_setting = window_minutes_setting

    # Settings are read on use, so a changed setting (or a test's override) applies at once.
    @property
    def limit(self):
        return getattr(settings, self.limit_setting)

    @property
    def window(self):
        if self.window_minutes_setting:
            return getattr(settings, self.window_minutes_setting) * 60
        return self._window

    def _key(self, key, now):
        digest = hashlib.sha256(str(key).lower().encode()).hexdigest()[:40]
        return f"throttle:{self.name}:{int(now // self.window)}:{digest}"

    def _window_left(self, now):
        return math.ceil((now // self.window + 1) * self.window - now)

    def retry_after(self, key):
        """Seconds until ``key`` may try again, or None when it may now."""
        now = clock()
        if cache.get(self._key(key, now), 0) >= self.limit:
            return max(1, self._window_left(now))
        return None

    def hit(self, key):
        now = clock()
        cache_key = self._key(key, now)
        if not cache.add(cache_key, 1, timeout=self._window_left(now) + 1):
            try:
                cache.incr(cache_key)
            except ValueError:  # expired between add() and incr()
                cache.set(cache_key, 1, timeout=self._window_left(now) + 1)


HOUR = 3600
SIGNUP_PER_IP = Limit("signup-ip", "SIGNUP_LIMIT_PER_IP", HOUR)
PASSWORD_RESET_PER_IP = Limit("reset-ip", "PASSWORD_RESET_LIMIT_PER_IP", HOUR)
# Every account email to one address (sign-up, reset, email change) shares this limit:
# nobody can flood someone's inbox through us.
EMAIL_PER_ADDRESS = Limit("email-address", "EMAIL_LIMIT_PER_ADDRESS", HOUR)
# Failed sign-ins from one client address, whatever the username (accounts/backends.py).
LOGIN_FAILURES_PER_IP = Limit(
    "login-ip", "LOGIN_IP_FAILURE_LIMIT", window_minutes_setting="LOGIN_IP_WINDOW_MINUTES"
)


def address(value):
    """An email address as typed, in the form its limit is counted under."""
    return str(value or "").strip().lower()[:254]


def check(*pairs):
    """The longest wait over (limit, key) pairs, or None when none is exhausted."""
    waits = [limit.retry_after(key) for limit, key in pairs if key]
    waits = [wait for wait in waits if wait]
    return max(waits) if waits else None


def hit(*pairs):
    for limit, key in pairs:
        if key:
            limit.hit(key)


def too_many(request, retry_after):
    """429 with the site's layout, saying when to try again, and Retry-After."""
    context = {
        "retry_minutes": max(1, math.ceil(retry_after / 60)),
        "retry_at": timezone.now() + timedelta(seconds=retry_after),
    }
    response = render(request, "accounts/throttled.html", context, status=429)
    response["Retry-After"] = str(retry_after)
    return response
