"""How long a signed-in session lasts: SESSION_IDLE_TIMEOUT without a request, and at most
SESSION_COOKIE_AGE after signing in however active (docs/security.md).

Both times are kept in the session itself. The middleware that enforces them is wiring
(careerpaths.middleware.SessionTimeoutMiddleware); the rules live here.
"""

import time

from django.conf import settings

SIGNED_IN_AT = "_signed_in_at"
LAST_SEEN = "_last_seen"
# Recording every request would write the session on every page view; a last-seen time
# at most this many seconds old is precise enough for a timeout counted in hours.
RESOLUTION = 60

IDLE = "idle"
EXPIRED = "expired"

# Seconds since the epoch; tests replace it with a clock they move by hand.
clock = time.time


def start(session):
    """Stamp a session that has just been signed into."""
    now = int(clock())
    session[SIGNED_IN_AT] = now
    session[LAST_SEEN] = now


def check(session):
    """IDLE or EXPIRED when the signed-in ``session`` has run out, else None (and the
    last-seen time is brought up to date when it is older than RESOLUTION)."""
    now = int(clock())
    signed_in_at = session.get(SIGNED_IN_AT)
    last_seen = session.get(LAST_SEEN)
    if not isinstance(signed_in_at, int) or not isinstance(last_seen, int):
        # Signed in before these limits existed: count from now rather than sign out.
        start(session)
        return None
    if now - signed_in_at >= settings.SESSION_COOKIE_AGE:
        return EXPIRED
    if now - last_seen >= settings.SESSION_IDLE_TIMEOUT.total_seconds():
        return IDLE
    if now - last_seen >= RESOLUTION:
        session[LAST_SEEN] = now
    return None


def ended_message(reason):
    """What to tell someone whose session ended for ``reason`` (IDLE or EXPIRED)."""
    if reason == IDLE:
        idle = _duration(settings.SESSION_IDLE_TIMEOUT.total_seconds())
        return f"You were signed out after {idle} without activity. Please sign in again."
    return f"You were signed out {_duration(settings.SESSION_COOKIE_AGE)} after signing in. Please sign in again."


def on_sign_in(sender, request, user, **kwargs):
    """user_logged_in receiver (connected in AccountsConfig.ready): start both clocks."""
    if request is not None and hasattr(request, "session"):
        start(request.session)


def _duration(seconds):
    """86400 -> '1 day', 28800 -> '8 hours', 5400 -> '90 minutes'."""
    seconds = int(seconds)
    for unit, size in (("day", 86400), ("hour", 3600)):
        if seconds >= size and seconds % size == 0:
            count = seconds // size
            return f"{count} {unit}{'s' if count != 1 else ''}"
    minutes = max(1, round(seconds / 60))
    return f"{minutes} minute{'s' if minutes != 1 else ''}"
