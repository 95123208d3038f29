"""Authentication backend and hooks: django-axes throttling for every web sign-in."""

import ipaddress

from axes.backends import AxesStandaloneBackend
from django.conf import settings


class AxesBackend(AxesStandaloneBackend):
    """django-axes' lockout check, tolerant of authenticate() calls without a request.

    Every web sign-in passes the request (LoginView, the admin, account deletion), so it
    is throttled per username and address. Server-side callers — management commands,
    scripts, Django's test Client.login() — have no client address to throttle; instead
    of raising, this backend steps aside and ModelBackend checks the password.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


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
