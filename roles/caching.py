"""Whole-page caching of the anonymous role pages, keyed on the framework's token.

Role pages change only when an editor changes the framework, so a rendered page is kept
in Django's cache under the framework's current ``ContentVersion`` token; every change
replaces the token (``bump``), which orphans every cached page at once, in every worker
and container. Orphans age out (LRU in the memory cache, the timeout in Redis).

What bumps the token: every save/delete of a roles model and every change to a role's
next roles (roles/signals.py), plus explicit ``bump()`` calls after the bulk writes that
send no signals (``framework.load``, the admin's publish/unpublish actions).

The key holds only what the page depends on: the token, scheme, host and path, and the
query parameters the view reads, normalised by the view's query form (``cache_params``).
Unknown or repeated parameters therefore share one entry instead of forcing misses.
Signed-in visitors and visitors with a pending flash message are never served from or
stored in the cache; ``PAGE_CACHE=0`` switches it off.
"""

import functools
import hashlib
import logging
import secrets

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.http import urlencode

from roles.models import ContentVersion

FRAMEWORK = "framework"
TIMEOUT = 24 * 3600

log = logging.getLogger(__name__)


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


def page_key(request, token, params):
    """The cache key of a page: token, scheme, host, path and the normalised parameters."""
    raw = "\x00".join([token, request.scheme, request.get_host(), request.path, urlencode(params)])
    return "page:" + hashlib.sha256(raw.encode()).hexdigest()


def _cacheable(request):
    return (
        settings.PAGE_CACHE
        and request.method == "GET"
        and not request.user.is_authenticated
        and not len(get_messages(request))
    )


def _cache_call(method, *args):
    # A cache that is down (Redis restarting) costs a render, never the page.
    try:
        return method(*args)
    except Exception:
        log.warning("page cache unavailable", exc_info=True)
        return None


def anonymous_page(query_form=None):
    """Serve a view's anonymous 200 responses from the cache.

    ``query_form`` is the form class the view reads its query string with; its
    ``cache_params()`` gives the normalised parameters of the key. Without one, the query
    string is ignored. An invalid query string is never cached.
    """

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if not _cacheable(request):
                return view(request, *args, **kwargs)
            params = ()
            if query_form is not None:
                form = query_form(request.GET)
                if not form.is_valid():
                    return view(request, *args, **kwargs)
                params = form.cache_params()
            token = current_token()
            if token is None:
                return view(request, *args, **kwargs)
            key = page_key(request, token, params)
            hit = _cache_call(cache.get, key)
            if hit is not None:
                content_type, content = hit
                return HttpResponse(content, content_type=content_type)
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.streaming and not response.cookies:
                _cache_call(cache.set, key, (response["Content-Type"], response.content), TIMEOUT)
            return response

        return wrapper

    return decorator
