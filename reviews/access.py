"""Who may see a shared assessment: the holder of an active link's grant, checked against
the database on every request (so revocation and expiry apply at once, in every worker)."""

import copy

from django.shortcuts import render

from reviews import services
from reviews.models import ReviewLink


def granted_link(request, public_id):
    """The active link ``public_id`` this request holds a grant for, with its assessment and
    owner (one query), or None."""
    return (
        ReviewLink.objects.granted(
            public_id=public_id, grants=services.grants_of(request.session), user=request.user
        )
        .select_related("assessment__user")
        .first()
    )


def link_not_found(request):
    """The one answer for an unknown, expired or revoked token, and for a link without a
    grant: the same status and, for one visitor, the same bytes. The layout's sign-in link
    would carry the current path (with the token in it), so it is rendered as for "/"."""
    shown = copy.copy(request)
    shown.path = shown.path_info = "/"
    return render(shown, "reviews/link_not_found.html", status=404)
