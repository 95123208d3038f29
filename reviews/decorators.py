"""Headers for every page reached through a review link (docs/security.md, "Review links")."""

from functools import wraps

LINK_HEADERS = {
    # The address (with a token, on the first request) must not leak to other sites...
    "Referrer-Policy": "no-referrer",
    # ...nor be indexed if it ever is found, nor kept by any cache or browser history store.
    "X-Robots-Tag": "noindex",
    "Cache-Control": "private, no-store",
}


def link_headers(view):
    """Send LINK_HEADERS on every response of ``view``, errors and redirects included."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        for name, value in LINK_HEADERS.items():
            response[name] = value
        return response

    return wrapped
