"""Security headers Django does not send by itself, private caching, and the session time limits."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout

from accounts import sessions
from assessments.access import VISITOR_SESSION_KEY


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


def _session_holds(request, key):
    session = getattr(request, "session", None)
    if session is None:
        return False
    if settings.SESSION_COOKIE_NAME not in request.COOKIES and not session.modified:
        return False
    return key in session


def signed_in(request):
    """Whether ``request``'s session is signed in, without touching visitors' sessions.

    Only a request with a session cookie, or one whose session changed (a sign-in), can be
    signed in; looking no further for the others creates no session and adds no
    ``Vary: Cookie`` to public pages.
    """
    return _session_holds(request, SESSION_KEY)


def has_visitor_assessments(request):
    """Whether ``request``'s session holds a visitor's key to assessments (assessments.access),
    with the same care as signed_in()."""
    return _session_holds(request, VISITOR_SESSION_KEY)


class PrivateCacheMiddleware:
    """``Cache-Control: private, no-store`` on every response to a signed-in person or to a
    visitor whose session holds assessments, and on every download
    (``Content-Disposition: attachment``: the exports).

    Their pages carry their name, assessments and a CSRF token: no browser history cache,
    disk cache or shared proxy may keep a copy. Public pages for visitors are untouched.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        private = signed_in(request) or has_visitor_assessments(request)
        if private or response.get("Content-Disposition", "").startswith("attachment"):
            response["Cache-Control"] = "private, no-store"
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
        if signed_in(request):
            reason = sessions.check(request.session)
            if reason is not None:
                logout(request)
                messages.info(request, sessions.ended_message(reason))
        return self.get_response(request)
