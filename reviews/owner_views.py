"""The owner's side: sharing a submitted assessment, revoking links, deleting reviews."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from accounts import throttle as account_throttle
from assessments.access import get_owned
from reviews import services
from reviews.forms import ShareForm
from reviews.throttle import INVITES_PER_OWNER


def _submitted(request, pk):
    """The requester's submitted assessment ``pk``, or 404 (drafts cannot be shared)."""
    assessment = get_owned(request, pk, ratings=False)
    if not assessment.is_submitted:
        raise Http404("Only a submitted assessment can be shared for review.")
    return assessment


def _base_url(request):
    return f"{request.scheme}://{request.get_host()}"


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def share(request, pk):
    # Queries (GET): session, user, the assessment, its links with their review counts.
    assessment = _submitted(request, pk)
    status, new_link = 200, None
    if request.method == "POST":
        form = ShareForm(request.POST)
        if form.is_valid():
            email = form.cleaned_data["email"]
            limits = [(INVITES_PER_OWNER, request.user.pk), (account_throttle.EMAIL_PER_ADDRESS, email)]
            if email:
                wait = account_throttle.check(*limits)
                if wait:
                    return account_throttle.too_many(request, wait)
            link, token = services.create_link(
                assessment=assessment,
                days=form.cleaned_data["days"],
                message=form.cleaned_data["message"],
                email=account_throttle.address(email) if email else "",
                base_url=_base_url(request),
            )
            if email:
                account_throttle.hit(*limits)
            # Shown on this response only: the database keeps the token's hash, nothing else.
            new_link = {"link": link, "url": _base_url(request) + reverse("reviews:open", args=[token])}
            form = ShareForm()
        else:
            status = 400
    else:
        form = ShareForm()
    links = list(assessment.review_links.order_by("-created_at"))
    context = {
        "nav": "assessments",
        "assessment": assessment,
        "form": form,
        "links": links,
        "new_link": new_link,
    }
    return render(request, "reviews/share.html", context, status=status)


@login_required
@require_POST
def revoke(request, pk, link_id):
    assessment = _submitted(request, pk)
    link = assessment.review_links.filter(public_id=link_id).first()
    if link is None:
        raise Http404("There is no such review link on this assessment.")
    services.revoke_link(link=link)
    messages.success(request, "The link is revoked: it no longer opens for anyone, starting now.")
    return redirect("reviews:share", pk=assessment.pk)


@login_required
@require_POST
def delete_review(request, pk, review_id):
    assessment = _submitted(request, pk)
    review = assessment.reviews.filter(pk=review_id).first()
    if review is None:
        raise Http404("There is no such review of this assessment.")
    services.delete_review(review=review)
    messages.success(request, "The review was deleted.")
    return redirect(reverse("assessments:result", args=[assessment.pk]) + "#second-opinions")
