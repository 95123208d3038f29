"""Authentication backend: django-axes throttling for every web sign-in."""

from axes.backends import AxesStandaloneBackend


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
