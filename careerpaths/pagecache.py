"""Whole-page caching for the read pages that dominate traffic (docs/performance.md).

Rendering a role page or an assessment result costs 10–60 ms of queries and templates;
serving it from Django's per-process cache costs one small query. A page is stored under
a key made of everything it depends on, so invalidation is never a separate step:

- the framework's token (``roles.caching``), replaced by every edit of roles content;
- for signed-in visitors also: their session key and CSRF cookie (the page embeds the
  user's name and a CSRF token), their username, and the version of their assessments
  (count and latest ``updated_at``: every start, save, submit and delete changes it);
- the page's absolute URL (host, scheme, path and query string).

One SQL statement reads both versions. With no framework token (a freshly flushed
database) nothing is cached. Never cached: non-GET requests, requests with pending flash
messages (those are one person's, once), and responses other than a plain 200.
"""

import hashlib

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse

from assessments.models import Assessment
from roles import caching
from roles.models import ContentVersion

TIMEOUT = 24 * 3600


def _versions(user):
    """The framework token, plus the user's assessment version when signed in."""
    if not user.is_authenticated:
        return caching.current_token(), ""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT token FROM {ContentVersion._meta.db_table} WHERE name = %s),"
            f" (SELECT count(*) || '/' || coalesce(max(updated_at)::text, '')"
            f"  FROM {Assessment._meta.db_table} WHERE user_id = %s)",
            [caching.FRAMEWORK, user.pk],
        )
        return cursor.fetchone()


def _key(request):
    """The cache key for this request, or None when it must not be cached."""
    if request.method != "GET" or len(get_messages(request)):
        return None
    token, mine = _versions(request.user)
    if token is None:
        return None
    parts = [token, request.build_absolute_uri()]
    if request.user.is_authenticated:
        parts += [
            mine,
            request.session.session_key or "",
            request.COOKIES.get(settings.CSRF_COOKIE_NAME, ""),
            request.user.get_username(),
        ]
    return "page:" + hashlib.sha256("\x00".join(parts).encode()).hexdigest()


def cached_page(view):
    """Serve ``view``'s 200 responses from the cache (see the module docstring)."""

    def wrapper(request, *args, **kwargs):
        key = _key(request)
        if key is None:
            return view(request, *args, **kwargs)
        hit = cache.get(key)
        if hit is not None:
            content_type, content = hit
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            cache.set(key, (response["Content-Type"], response.content), TIMEOUT)
        return response

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    wrapper.__wrapped__ = view
    return wrapper
