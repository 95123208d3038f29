"""Security headers Django does not send by itself, and the session time limits."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout

from accounts import sessions


def build_permissions_policy(policy):
    """{"camera": [], "fullscreen": ["self"]} -> 'camera=(), fullscreen=(self)'."""
    return ", ".join(f"{feature}=({' '.join(allow)})" for feature, allow in policy.items())


class PermissionsPolicyMiddleware:
    """Adds Permissions-Policy (settings.PERMISSIONS_POLICY) to every response.

    The header is built once: the policy is static, and this runs on every request,
    static files included.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = build_permissions_policy(settings.PERMISSIONS_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response


class SessionTimeoutMiddleware:
    """Signs out a session that was idle too long or signed in too long ago (accounts.sessions).

    Runs after the session, auth and message middleware. Visitors without a session are
    not touched (no session is created for them); the check reads only the session that
    every signed-in page loads anyway, and writes it at most once a minute.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if SESSION_KEY in request.session:
            reason = sessions.check(request.session)
            if reason is not None:
                logout(request)
                messages.info(request, sessions.ended_message(reason))
        return self.get_response(request)
