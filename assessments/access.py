"""Who may see an assessment: the one place that answers it for every view.

An assessment belongs to an account or to a visitor. A visitor is known by a random key
(256 bits) kept only in their server-side session under VISITOR_SESSION_KEY; the database
keeps its sha256 (Assessment.visitor_key_hash), and it never appears in a URL or a page.
"""

import secrets

from django.db.models import Prefetch
from django.http import Http404

from assessments import services
from assessments.models import Assessment, Rating

# The one name of the visitor's key in the session.
VISITOR_SESSION_KEY = "assessments_visitor_key"
# secrets.token_urlsafe(32): 32 random bytes, 43 characters.
_KEY_BYTES = 32
_KEY_LENGTH = 43


def visitor_key(request):
    """The key of the visitor's session, or None (also for anything that is not a key)."""
    session = getattr(request, "session", None)
    key = session.get(VISITOR_SESSION_KEY) if session is not None else None
    return key if isinstance(key, str) and len(key) == _KEY_LENGTH else None


def ensure_visitor_key(request):
    """The visitor's key, made (and the session given a new id) when they have none.

    The new id means that a session id someone else planted in the browser before the
    first assessment never leads to that assessment.
    """
    key = visitor_key(request)
    if key is None:
        if request.session.session_key is not None:
            request.session.cycle_key()
        key = secrets.token_urlsafe(_KEY_BYTES)
        request.session[VISITOR_SESSION_KEY] = key
    return key


def owner(request):
    """The requester as the owner argument of the services: {"user": …} when signed in,
    else {"visitor_key": …} (made when the visitor has none yet)."""
    if request.user.is_authenticated:
        return {"user": request.user}
    return {"visitor_key": ensure_visitor_key(request)}


def owned_by(request):
    """The assessments the requester owns: an account's, or the visitor session's."""
    if request.user.is_authenticated:
        return Assessment.objects.for_user(request.user)
    key = visitor_key(request)
    if key is None:
        return Assessment.objects.none()
    return Assessment.objects.for_visitor(key)


def get_owned(request, pk, *, role=False, ratings=True):
    """The requester's assessment ``pk`` (with its ratings unless ``ratings`` is false),
    or 404, the same for someone else's and for one that does not exist."""
    queryset = owned_by(request)
    if ratings:
        queryset = queryset.prefetch_related(Prefetch("ratings", queryset=Rating.objects.order_by("id")))
    if role:
        queryset = queryset.select_related("role__track")
    try:
        return queryset.get(pk=pk)
    except Assessment.DoesNotExist:
        raise Http404("There is no assessment of yours at this address.") from None


def claim_for(request, user, key):
    """After ``user`` signed up or in: move the visitor assessments of ``key`` (read from
    the session before signing in, see visitor_key) to them and forget the key. Returns
    how many moved."""
    # Forgotten only once moved: if the move fails, the session still leads to them.
    moved = services.claim_visitor_assessments(visitor_key=key, user=user) if key is not None else 0
    request.session.pop(VISITOR_SESSION_KEY, None)
    return moved
