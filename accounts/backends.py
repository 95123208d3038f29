"""Authentication backend and hooks: django-axes throttling for every web sign-in, plus a
limit on failed sign-ins per client address (docs/security.md, "Login throttling")."""

import ipaddress

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from django.conf import settings

from accounts import throttle


class AxesBackend(AxesStandaloneBackend):
    """django-axes' lockout check, tolerant of authenticate() calls without a request.

    Every web sign-in passes the request (LoginView, the admin, account deletion, the
    email change), so it is throttled per username and address, and per address alone.
    Server-side callers — management commands, scripts, Django's test Client.login() —
    have no client address to throttle; instead of raising, this backend steps aside and
    ModelBackend checks the password.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        wait = throttle.LOGIN_FAILURES_PER_IP.retry_after(client_ip(request))
        if wait:
            # Refused before any password is checked. The flags make AxesMiddleware answer
            # with the lockout page (accounts.views.locked_out), and keep axes from
            # recording the attempt (paused_by_address_limit).
            request.login_paused_for = wait
            request.axes_locked_out = True
            raise AxesBackendPermissionDenied("Too many failed sign-ins from this address")
        return super().authenticate(request, username=username, password=password, **kwargs)


def count_failure(sender, credentials, request=None, **kwargs):
    """user_login_failed receiver (AccountsConfig.ready): one more failure for the address.

    Attempts refused by the pause are not counted, so it ends on time however often
    someone retries. A success does not clear the count: one real account must not let
    an attacker reset it between guesses.
    """
    if request is not None and not getattr(request, "login_paused_for", None):
        throttle.LOGIN_FAILURES_PER_IP.hit(client_ip(request))


def paused_by_address_limit(request, credentials=None):
    """AXES_WHITELIST_CALLABLE: true only for an attempt the per-address pause refused.

    axes would otherwise record it as a failure for the username, so that a person behind
    a paused office address who tries their right password would find their own account
    locked after the pause. Every other attempt is counted by axes as usual.
    """
    return bool(getattr(request, "login_paused_for", None))


def axes_username(request, credentials=None):
    """AXES_USERNAME_CALLABLE: the username django-axes records a failed attempt under.

    AuthenticationForm sets its username max_length after the field is built, so the
    limit is never validated and any length reaches authenticate(); axes' column holds
    255 characters. No real username is that long (User.username: 150), so cutting the
    rest off changes nothing for real accounts and keeps a junk login a 200, not a 500.
    """
    field = settings.AXES_USERNAME_FORM_FIELD
    source = credentials or getattr(request, "data", request.POST)
    username = source.get(field)
    return username[:255] if isinstance(username, str) else username


def client_ip(request):
    """The address django-axes counts failed logins against.

    Without proxies REMOTE_ADDR is the client. Behind TRUSTED_PROXY_COUNT reverse proxies,
    each appends the address it received from to X-Forwarded-For, so the client is the
    entry that many places from the right; entries further left come from the client
    itself and could be forged to dodge the lockout.
    """
    count = settings.TRUSTED_PROXY_COUNT
    if count > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= count:
            candidate = forwarded[-count]
            try:
                # axes stores it in a GenericIPAddressField: junk must not reach the database.
                return str(ipaddress.ip_address(candidate))
            except ValueError:
                pass
    return request.META.get("REMOTE_ADDR")
