"""Headers for every page reached through a review link (docs/security.md, "Review links")."""

from functools import wraps

LINK_HEADERS = {
    # The address (with a token, on the first request) must not leak to other sites...
    "Referrer-Policy": "no-referrer",
    # ...nor be indexed if it ever is found, nor kept by any cache or browser history store.
    "X-Robots-Tag": "noindex",
    "Cache-Control": "private, no-store",
}
# For a link page that holds a POST form (the review form; the sign-out button of a signed-in
# reviewer): under no-referrer, browsers send "Origin: null" with the form, which Django's
# CSRF check rightly refuses. same-origin still sends nothing to any other site, and these
# addresses carry no token.
FORM_REFERRER_POLICY = "same-origin"


def with_forms(response):
    """Mark ``response`` as a link page with a POST form (see FORM_REFERRER_POLICY)."""
    response["Referrer-Policy"] = FORM_REFERRER_POLICY
    return response


def link_headers(view):
    """Send LINK_HEADERS on every response of ``view``, errors and redirects included
    (a view may have chosen FORM_REFERRER_POLICY with ``with_forms``)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        for name, value in LINK_HEADERS.items():
            if name == "Referrer-Policy" and response.get(name) == FORM_REFERRER_POLICY:
                continue
            response[name] = value
        return response

    return wrapped
