"""Whole-page caching of the framework pages for anonymous visitors.

Role pages are the same for every anonymous visitor and change only when an editor
changes the framework, yet rendering them costs 10–60 ms of queries and templates
(docs/performance.md). So the rendered HTML is kept in Django's cache under a key made
of the page's full URL and the framework's current ``ContentVersion`` token; any change
to the framework replaces the token (``bump``), which orphans every cached page at once.
Orphans age out of the cache (LRU, ``MAX_ENTRIES``).

What bumps the token: every save/delete of a roles model and every change to a role's
next roles (roles/signals.py), plus explicit ``bump()`` calls after the bulk writes that
send no signals (``framework.load``, admin publish/unpublish, ``duplicate_role``).

Only anonymous requests without a messages cookie use the cache: signed-in pages carry
the user's name and a CSRF token, and flash messages are one person's.
"""

import hashlib
import secrets

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

from roles.models import ContentVersion

FRAMEWORK = "framework"
TIMEOUT = 24 * 3600


def bump():
    """Give the framework a new token (inside the caller's transaction, if any).

    One upsert: the row may be missing (a flushed test database), and concurrent editors
    simply queue on the row lock until the first commits.
    """
    ContentVersion.objects.bulk_create(
        [ContentVersion(name=FRAMEWORK, token=secrets.token_hex(16))],
        update_conflicts=True,
        unique_fields=["name"],
        update_fields=["token"],
    )


def current_token():
    """The framework's token, or None when there is none yet (then nothing is cached)."""
    return ContentVersion.objects.filter(name=FRAMEWORK).values_list("token", flat=True).first()


def _cacheable(request):
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and getattr(settings, "MESSAGES_COOKIE_NAME", "messages") not in request.COOKIES
    )


def cache_anonymous_page(view):
    """Serve ``view``'s 200 responses from the cache for anonymous visitors.

    A hit costs one query (the token); a miss costs the view's queries plus that one.
    """

    def wrapper(request, *args, **kwargs):
        if not _cacheable(request):
            return view(request, *args, **kwargs)
        token = current_token()
        if token is None:
            return view(request, *args, **kwargs)
        # The absolute URL: pages embed links built from the host and scheme.
        url = request.build_absolute_uri()
        key = "page:" + hashlib.sha256(f"{token}|{url}".encode()).hexdigest()
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
