"""Limits for review links, on accounts/throttle.py's counters."""

from accounts.throttle import HOUR, Limit


class FixedLimit(Limit):
    """A limit whose size is a constant here rather than a setting."""

    def __init__(self, name, limit, window):
        super().__init__(name, limit_setting="", window=window)
        self._limit = limit

    @property
    def limit(self):
        return self._limit


# Unknown, expired or revoked tokens from one client address: guessing is pointless at
# 256 bits, but a client that keeps trying is told to stop.
BAD_TOKENS_PER_IP = FixedLimit("review-bad-token-ip", 20, 600)
# Invitations one owner can have the app email (each address also counts towards
# accounts.throttle.EMAIL_PER_ADDRESS, shared with every account email).
INVITES_PER_OWNER = FixedLimit("review-invite-owner", 10, HOUR)
