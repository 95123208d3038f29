"""Who may see an assessment: the one place that answers it for every view."""

from django.db.models import Prefetch
from django.http import Http404

from assessments.models import Assessment, Rating


def owned_by(request):
    """The assessments the requester owns (none for a visitor yet)."""
    if not request.user.is_authenticated:
        return Assessment.objects.none()
    return Assessment.objects.for_user(request.user)


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
