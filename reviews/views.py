"""Pages reached through a review link, and the reviewer's list of what they reviewed.

Every view here that a link leads to sends LINK_HEADERS (reviews/decorators.py) and
answers ``link_not_found`` for anything but an active link this visitor holds a grant for.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from accounts import throttle as account_throttle
from accounts.backends import client_ip
from assessments import charts, scoring
from assessments.models import Rating
from assessments.tables import result_table
from reviews import services
from reviews.access import granted_link, link_not_found
from reviews.decorators import link_headers, with_forms
from reviews.forms import ReviewForm
from reviews.models import COMMENT_MAX_LENGTH, LinkVisit, Review, ReviewRating, display_name
from reviews.throttle import BAD_TOKENS_PER_IP


@link_headers
@require_safe
def open_link(request, token):
    """Exchange the token for a grant in this session, then leave the token's address."""
    address = client_ip(request)
    wait = account_throttle.check((BAD_TOKENS_PER_IP, address))
    if wait:
        return account_throttle.too_many(request, wait)
    link = services.exchange(session=request.session, user=request.user, token=token)
    if link is None:
        account_throttle.hit((BAD_TOKENS_PER_IP, address))
        return link_not_found(request)
    return redirect("reviews:shared", public_id=link.public_id)


def _own_review(request, link):
    if not request.user.is_authenticated:
        return None
    return (
        Review.objects.filter(assessment_id=link.assessment_id, reviewer=request.user)
        .prefetch_related(Prefetch("ratings", queryset=ReviewRating.objects.order_by("id")))
        .first()
    )


@link_headers
@require_safe
def shared(request, public_id):
    # Queries: session, (signed in: user), the granted link with its assessment and owner,
    # the assessment's ratings; signed in: your review and its ratings, the visit record.
    link = granted_link(request, public_id)
    if link is None:
        return link_not_found(request)
    assessment = link.assessment
    owner_name = display_name(assessment.user)
    ratings = list(Rating.objects.filter(assessment=assessment).order_by("id"))
    evidence = {r.skill_slug: r.evidence for r in ratings}
    score = scoring.score(assessment.rubric, scoring.ratings_of(ratings), evidence)
    is_owner = request.user.is_authenticated and request.user.pk == assessment.user_id
    own_review = None if is_owner else _own_review(request, link)
    if request.user.is_authenticated and not is_owner:
        services.record_visit(user=request.user, link=link, owner_id=assessment.user_id)
    context = {
        "link": link,
        "assessment": assessment,
        "owner_name": owner_name,
        "score": score,
        "chart": charts.BarChart(score.skills),
        "table": result_table(score, whose=owner_name),
        "is_owner": is_owner,
        "own_review": own_review,
        "review_url": f"{request.path}review/",
    }
    response = render(request, "reviews/shared.html", context)
    # Signed in, the page has the sign-out form.
    return with_forms(response) if request.user.is_authenticated else response


def _render_form(request, link, form, status=200):
    error_links = form.error_links() if form.is_bound else []
    context = {
        "link": link,
        "assessment": link.assessment,
        "owner_name": display_name(link.assessment.user),
        "form": form,
        "items": form.items(),
        "error_links": error_links,
        "error_count": len(error_links),
        "comment_max": COMMENT_MAX_LENGTH,
    }
    return with_forms(render(request, "reviews/review_form.html", context, status=status))


@link_headers
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def review(request, public_id):
    # Queries (GET): session, user, the granted link (+ assessment, owner), your review and
    # its ratings. A POST replaces the review in one transaction.
    link = granted_link(request, public_id)
    if link is None:
        return link_not_found(request)
    if request.user.pk == link.assessment.user_id:
        context = {
            "title": "This is your own assessment",
            "message": "Second opinions come from other people: send them the link instead.",
            "back": reverse("reviews:shared", args=[link.public_id]),
        }
        return with_forms(render(request, "reviews/message.html", context, status=403))
    snapshot = link.assessment.rubric
    if request.method != "POST":
        return _render_form(
            request, link, ReviewForm.for_review(_own_review(request, link), snapshot=snapshot)
        )
    form = ReviewForm(request.POST, snapshot=snapshot)
    if not form.is_valid():
        return _render_form(request, link, form, status=400)
    services.save_review(
        link=link,
        reviewer=request.user,
        levels=form.levels(),
        comments=form.comments(),
        overall=form.cleaned_data["overall"],
    )
    services.record_visit(user=request.user, link=link, owner_id=link.assessment.user_id)
    messages.success(request, f"Your view is saved. {display_name(link.assessment.user)} can see it now.")
    return redirect("reviews:shared", public_id=link.public_id)


@login_required
@require_safe
def given(request):
    # Queries: session, user, your reviews (+ assessment, owner, link), links you opened
    # (+ assessment, owner).
    reviews = list(
        Review.objects.filter(reviewer=request.user)
        .select_related("assessment__user", "link")
        .defer("assessment__rubric")
        .order_by("-updated_at")
    )
    visits = list(
        LinkVisit.objects.filter(user=request.user)
        .select_related("link__assessment__user")
        .defer("link__assessment__rubric")
        .order_by("-first_opened_at")
    )
    for item in [*reviews, *(v.link for v in visits)]:
        item.owner_name = display_name(item.assessment.user)
    return render(request, "reviews/given.html", {"reviews": reviews, "visits": visits, "nav": "reviews"})
